import ArgumentParser
import Foundation
import PBReports
import PBScenario
import PBSimulation
import PBWorkbench

/// `pbsim sweep SCENARIO.yaml --param P --values a,b,c`: one simulation per value of a parameter.
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate a scenario for several values of one parameter, one row per value.",
        discussion: """
            PARAM is lambda (the blend weight, all values in the same runs), split (the share of the \
            budget put to a residents' vote first, all values in the same runs), information_noise, \
            perception_noise, participation (a multiplier of every group's participation rate, each \
            capped at 1), participation_rate (one rate for every group), or any number of the scenario \
            by its path: budget.total, regimes.co-produced.shared_noise, \
            population[id=carers].participation, population[*].visibility, proposals[id=hall].in_kind, \
            proposals[id=hall].effects.health, ... With --scale the values multiply the scenario's own \
            numbers instead of replacing them. Every value uses the same seed, so rows differ by the \
            parameter, not by luck; a sweep whose rows all come out the same says so and why.
            """
    )

    @Argument(help: "A scenario file (YAML, schema v1).")
    var scenario: String

    @Option(help: "The parameter to vary: a name or a path (see below).")
    var param: String

    @Flag(help: "Multiply the scenario's numbers by the values instead of replacing them.")
    var scale = false

    @Option(help: "Comma-separated values, e.g. 0,0.1,0.2.")
    var values: String

    @OptionGroup var monteCarlo: MonteCarloOptions

    @Option(name: .shortAndLong, help: "Output format: text, json or csv.")
    var format: OutputFormat = .text

    /// The parsed `--param` (and `--scale`).
    func parameter() throws -> SweepParameter {
        do {
            return try SweepParameter(parsing: param, scales: scale)
        } catch {
            throw ValidationError("--param: \(error.description)")
        }
    }

    /// The parsed `--values`.
    func parsedValues() throws -> [Double] {
        let param = try parameter()
        let parts = values.split(separator: ",", omittingEmptySubsequences: false)
        var parsed: [Double] = []
        for part in parts {
            let text = part.trimmingCharacters(in: .whitespaces)
            guard let value = Double(text), param.accepts(value) else {
                throw ValidationError("--values: '\(text)' is not \(param.range) for \(param.rawValue)")
            }
            parsed.append(value)
        }
        return parsed
    }

    func validate() throws {
        _ = try parsedValues()
    }

    func run() throws {
        let input = try loadScenario(scenario)
        let param = try parameter()
        let list = try parsedValues()
        let settings = monteCarlo.settings(for: input)
        let simulations = param.isBlendWeight || param.isSplitShare ? 1 : list.count
        let bar = ProgressBar(total: settings.runs * simulations, label: "runs")
        let result: SweepResult
        do {
            result = try input.sweep(param, values: list, settings: settings, progress: bar.callback)
        } catch {
            bar.finish()
            throw failure(error.description)
        }
        bar.finish()
        switch format {
        case .text: emit(SweepReport.text(result))
        case .json: emit(SweepReport.json(result).text() + "\n")
        case .csv: emit(SweepReport.csv(result))
        }
    }
}
