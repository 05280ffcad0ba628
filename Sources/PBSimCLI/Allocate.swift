import ArgumentParser
import PBReports
import PBWorkbench

/// `pbsim allocate SCENARIO.yaml`: how each regime would split the budget across domains.
struct Allocate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Split a scenario's budget across its domains under each regime (continuous envelopes).",
        discussion: """
            Weighs each domain by the needs as professionals assess them (service-led), as participants \
            express them (co-produced) and as they truly are (perfect information), and splits the budget \
            to maximise the weighted worth w·s·log(1 + x/s) within the domain envelopes (MODEL.md \
            section 4). Prints the spend per domain with the range of the middle 95% of runs, beside \
            each domain's share of need. District envelopes do not apply to a split by domain.
            """
    )

    @Argument(help: "A scenario file (YAML, schema v1).")
    var scenario: String

    @Option(parsing: .unconditional, help: "Monte Carlo runs, 1 to 100000 (default: the scenario's `runs`).")
    var runs: Int?

    @Option(help: "Master seed (default: the scenario's `seed`).")
    var seed: UInt64?

    @Option(name: .shortAndLong, help: "Output format: text, json or csv.")
    var format: OutputFormat = .text

    func validate() throws {
        try validateRuns(runs)
    }

    func run() throws {
        let input = try loadScenario(scenario)
        let report = try checked { () throws(WorkbenchError) in
            try input.allocate(input.settings(runs: runs, seed: seed, jobs: 1))
        }
        switch format {
        case .text: emit(AllocationReport.text(report))
        case .json: emit(AllocationReport.json(report).text() + "\n")
        case .csv: emit(AllocationReport.csv(report))
        }
    }
}
