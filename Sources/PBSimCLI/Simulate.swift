import ArgumentParser
import PBReports
import PBSimulation
import PBWorkbench

/// `pbsim simulate SCENARIO.yaml`: service-led against co-produced allocation, over many Monte Carlo runs.
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate a scenario: how each regime allocates the budget and how well it meets the true needs.",
        discussion: """
            Runs the scenario's regimes (service-led, co-produced, the citizens' panel and the blends) many \
            times with fresh random draws and reports each metric's mean and the range of the middle 95% \
            of runs. The same seed gives the same output for any --jobs.
            """
    )

    @Argument(help: "A scenario file (YAML, schema v1).")
    var scenario: String

    @OptionGroup var monteCarlo: MonteCarloOptions

    @Option(name: .shortAndLong, help: "Output format: text, json or csv.")
    var format: OutputFormat = .text

    func run() throws {
        let input = try loadScenario(scenario)
        let simulator = try checked { () throws(WorkbenchError) in try input.simulator() }
        let settings = monteCarlo.settings(for: input)
        let bar = ProgressBar(total: settings.runs, label: "runs")
        let result = simulator.run(settings, progress: bar.callback)
        bar.finish()
        switch format {
        case .text: emit(SimulationReport.text(result, scenario: input.scenario))
        case .json: emit(SimulationReport.json(result).text() + "\n")
        case .csv: emit(SimulationReport.csv(result))
        }
    }
}
