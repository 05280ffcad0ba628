import ArgumentParser
import Foundation
import PBModel
import PBReports
import PBScenario
import PBRules
import PBSimulation
import PBWorkbench

/// `pbsim report FILE -o report.html`: one self-contained HTML page for a scenario or a real election.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a self-contained HTML report of a scenario (.yaml) or a real election (.pb).",
        discussion: """
            A scenario report simulates the scenario (as `simulate` does) together with a sweep of the blend \
            weight lambda from 0 to 1, and shows spend against need, need coverage per group, efficiency, \
            equity and exclusion, the sweep (with a slider) and the funding probability of every proposal. \
            An election report compares counting rules on the real ballots: projects funded, budget used, \
            voter satisfaction, spend by category and target group, and a map when projects have coordinates. \
            The page needs nothing from the network: charts are inline SVG, and every chart has a table.
            """
    )

    @Argument(help: "A scenario file (YAML, schema v1) or a pabulib .pb file.")
    var input: String

    @Option(name: .shortAndLong, help: "The HTML file to write.")
    var output: String

    @OptionGroup var reading: ReadingOptions

    @OptionGroup var weighting: WeightingOptions

    @OptionGroup var monteCarlo: MonteCarloOptions

    @Option(
        help: """
            Election only: comma-separated rules, or 'all' (default: greedy-cost, mes-cost-add1-greedy and \
            phragmen for approval ballots; greedy-cost and mes-cost for points).
            """)
    var rules: String?

    @Option(help: "Election only: the ISO 4217 code of the amounts (default: the file's, else its country's).")
    var currency: String?

    /// Whether the input is a pabulib election (by its extension) rather than a scenario.
    var isElection: Bool { input.lowercased().hasSuffix(".pb") }

    /// The rules asked for with `--rules`, or `nil` for the defaults.
    func parsedRules() throws -> RuleSelection? {
        try rules.map { try parseRules($0) }
    }

    func validate() throws {
        if output.isEmpty { throw ValidationError("--output must name a file") }
        if isElection && monteCarlo.isGiven {
            throw ValidationError("--runs, --seed and --jobs apply to scenarios, not to .pb elections")
        }
        if !isElection && (rules != nil || currency != nil) {
            throw ValidationError(
                "--rules and --currency apply to .pb elections (a scenario sets its own rules and currency)")
        }
        if !isElection && weighting.isGiven {
            throw ValidationError(
                "--weights and --weight-by apply to .pb elections (a scenario weights its election's voters "
                    + "under election:)")
        }
        _ = try parsedRules()
    }

    func run() throws {
        // Refused before the work, and again at the write (with the scenario's .pb file too).
        var inputs = [input] + (weighting.weights.map { [$0] } ?? [])
        try refuseInputs(output, inputs: inputs)
        let html = isElection ? try electionReport() : try scenarioReport(inputs: &inputs)
        let written = try writeOutput(output, with: html, inputs: inputs)
        emit("\(written.phrase) (\(NumberText.grouped(String((html.utf8.count + 1023) / 1024))) KB)\n")
    }

    /// Simulates the scenario with a lambda sweep and renders its page.
    func scenarioReport(inputs: inout [String]) throws -> String {
        let input = try loadScenario(input)
        if let election = input.scenario.election {
            inputs.append(election.path)
            if let weights = election.weightsPath { inputs.append(weights) }
        }
        let settings = monteCarlo.settings(for: input)
        let bar = ProgressBar(total: settings.runs, label: "runs")
        let view: ScenarioReportView
        do {
            view = try input.reportView(settings, progress: bar.callback)
        } catch {
            bar.finish()
            throw failure(error.description)
        }
        bar.finish()
        // With real ballots, the .pb file supplies the project names.
        return ScenarioHTMLReport.render(view, file: input.file)
    }

    /// Runs the rules on the election and renders its page.
    func electionReport() throws -> String {
        let weights = try weighting.weighting()
        let loaded = try loadElection(input, lenient: reading.lenient, weighting: weights)
        let selection = try parsedRules() ?? .comparison(for: loaded.election.voteType)
        let outcomes = try checked { () throws(WorkbenchError) in try loaded.run(selection) }
        return ElectionHTMLReport.render(
            election: loaded.election, file: input, outcomes: outcomes,
            currency: currency ?? ElectionHTMLReport.currencyCode(of: loaded.election), weighting: weights)
    }
}

/// Writes `text` to the output file `path` through ``OutputFile`` (atomic, never over one of
/// `inputs`, through links, devices and FIFOs) and says where it went.
///
/// - Throws: ``ExitCode`` 1 after printing the reason when the file cannot be written.
func writeOutput(_ path: String, with text: String, inputs: [String]) throws -> OutputFile.Written {
    do {
        return try OutputFile.write(Data(text.utf8), to: path, inputs: inputs)
    } catch {
        throw failure(error.description)
    }
}

/// Throws (after printing why) when `output` is one of `inputs`.
func refuseInputs(_ output: String, inputs: [String]) throws {
    do {
        try OutputFile.refuseInputs(output, target: try? OutputFile.resolve(output).target, inputs: inputs)
    } catch {
        throw failure(error.description)
    }
}

extension OutputFile.Written {
    /// `Wrote <path>` plus where a link led: `Wrote out.html (through the link to /srv/report.html)`.
    var phrase: String {
        throughLink ? "Wrote \(path) (through the symbolic link to \(target))" : "Wrote \(path)"
    }
}
