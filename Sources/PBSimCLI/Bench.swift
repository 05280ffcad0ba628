public import ArgumentParser
import Foundation
import PBReports
import PBRules
import PBTiming

extension CorpusTiming.Clock: ExpressibleByArgument {}

/// `pbsim bench DIR`: times parsing and every rule on every pabulib file of a folder, optionally
/// against pabutools.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time parsing and every rule on every .pb file of a folder (optionally against pabutools).",
        discussion: """
            For each .pb file (sorted by name): read and parse (ms and MB/s), prepare the rule instance, then \
            each applicable rule alone, best of --repeat runs. Build in release first. \
            --pabutools-python PYTHON also times pabutools in a subprocess (Benchmarks/pabutools_time.py; \
            pbsim itself never needs Python); --oracle DIR instead compares with the seconds recorded in \
            DIR/<instance>.json.
            """
    )

    @Argument(help: "A folder of pabulib .pb files.")
    var directory: String

    @Option(help: "'all', or rules separated by commas (\(RuleName.allCases.map(\.rawValue).joined(separator: ", "))).")
    var rules: String = "all"

    @Option(name: .customLong("repeat"), help: "Runs per measurement; the fastest is kept.")
    var repeats: Int = 3

    @Option(help: "A Python with pabutools installed: time pabutools side by side.")
    var pabutoolsPython: String?

    @Option(help: "Seconds allowed for each pabutools rule call.")
    var pabutoolsTimeout: Double = 300

    @Option(help: "pabutools calls per rule (the fastest is kept).")
    var pabutoolsRepeat: Int = 1

    @Option(help: "The timing script (default: Benchmarks/pabutools_time.py of this checkout).")
    var pabutoolsScript: String?

    @Option(help: "An oracle folder (<instance>.json with pabutools_seconds): compare with its recorded times.")
    var oracle: String?

    @Option(
        help:
            "pbsim's time for the ratios, ns/(v×p) and the summary: wall, or cpu (the timing thread's CPU time; steadier on a shared machine)."
    )
    var clock: CorpusTiming.Clock = .wall

    @Option(name: .shortAndLong, help: "Output format: text, csv or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if repeats < 1 { throw ValidationError("--repeat must be at least 1") }
        if pabutoolsRepeat < 1 { throw ValidationError("--pabutools-repeat must be at least 1") }
        if pabutoolsTimeout <= 0 { throw ValidationError("--pabutools-timeout must be positive") }
        _ = try ruleList()
    }

    /// The rules named by `--rules`.
    func ruleList() throws -> [RuleName] {
        try parseRules(rules).names
    }

    func run() throws {
        var configuration = CorpusTiming.Configuration(rules: try ruleList(), repeats: repeats, oracleDirectory: oracle)
        let measured: CorpusTiming.Report
        let progress = BenchProgress()
        do {
            if let python = pabutoolsPython {
                let script = try pabutoolsScript ?? PabutoolsRunner.defaultScript()
                configuration.pabutools = PabutoolsRunner(
                    python: python, script: script, timeout: pabutoolsTimeout, repeats: pabutoolsRepeat)
            }
            measured = try CorpusTiming.run(
                directory: directory, configuration: configuration, progress: progress.callback)
        } catch {
            progress.finish()
            throw failure("\(error)")
        }
        progress.finish()
        var report = measured
        report.clock = clock
        switch format {
        case .csv: emit(report.csv())
        case .json: emit(report.json().text() + "\n")
        case .text: emit(report.text())
        }
        if report.instances.contains(where: { $0.error != nil }) { throw ExitCode(1) }
    }
}

/// One status line on standard error (`[3/44] poland_…: mes-cost`), only when it is a terminal (a
/// ``ProgressBar`` without a bar).
private final class BenchProgress: Sendable {
    private let line = ProgressBar(total: 0, label: "", delay: 0)

    var callback: ((CorpusTiming.Progress) -> Void)? {
        guard line.isTerminal else { return nil }
        return { [line] p in
            line.draw {
                let text = "[\(p.index)/\(p.count)] \(p.instance): \(p.step)"
                let clipped = text.count > 79 ? String(text.prefix(78)) + "…" : text
                return clipped.padding(toLength: 79, withPad: " ", startingAt: 0)
            }
        }
    }

    func finish() {
        line.finish()
    }
}
