public import PBModel
public import PBScenario
public import PBSimulation

/// What a scenario's HTML report shows, read directly from one simulation: the main regimes and a
/// blend at each of ``lambdas(for:)``, all in the same runs (common random numbers), with no copy of
/// the runs' outcomes per blend.
///
/// ```swift
/// let input = try ScenarioInput.load(path: "Scenarios/riverside.yaml")
/// let view = try input.reportView(input.settings(runs: 200, seed: nil, jobs: nil))
/// view.blends.map(\.lambda)                          // [0, 0.1, 0.2, 0.25, …, 1]
/// let html = ScenarioHTMLReport.render(view, file: input.file)   // PBReports
/// ```
public struct ScenarioReportView: Sendable {
    /// The scenario simulated (with its own blends, not the report's).
    public let scenario: Scenario
    /// The election of a scenario with real ballots (project names and costs), else `nil`.
    public let election: Election?
    /// The simulation: the main regimes, a blend per weight of the sweep and any splits, in the
    /// simulator's order.
    public let result: SimulationResult
    /// The index in ``result``'s regimes (and in each run's records) of each main regime: neither a
    /// blend nor a split.
    public let mainIndex: [Int]
    /// Each blend of the sweep, by increasing weight, with its index in ``result``'s regimes.
    public let blends: [(lambda: Double, index: Int)]

    /// A view of a simulation with a blend sweep among its regimes.
    ///
    /// - Parameters:
    ///   - scenario: The scenario simulated.
    ///   - election: Its election, for real ballots.
    ///   - result: The simulation, with the sweep's blends among its regimes.
    public init(scenario: Scenario, election: Election?, result: SimulationResult) {
        self.scenario = scenario
        self.election = election
        self.result = result
        mainIndex = result.regimes.indices.filter {
            result.regimes[$0].regime.lambda == nil && result.regimes[$0].regime.share == nil
        }
        blends = result.regimes.indices.compactMap { r in result.regimes[r].regime.lambda.map { ($0, r) } }
    }

    /// The main regimes' summaries, in the simulator's order.
    public var main: [RegimeSummary] { mainIndex.map { result.regimes[$0] } }

    /// The summaries the page's plain words and notes describe: every regime but the blends after the
    /// first (the sweep has its own section), without the runs' outcomes.
    public var headline: SimulationResult {
        var headline = result
        let first = blends.first?.index
        headline.regimes = result.regimes.indices.filter { result.regimes[$0].regime.lambda == nil || $0 == first }
            .map { result.regimes[$0] }
        headline.outcomes = []
        return headline
    }

    /// The blend weights a scenario report sweeps: every tenth from 0 to 1 and the scenario's own
    /// blends.
    ///
    /// - Parameter scenario: The scenario.
    /// - Returns: The weights, ascending, without duplicates.
    public static func lambdas(for scenario: Scenario) -> [Double] {
        var values = (0...10).map { Double($0) / 10 }
        for lambda in scenario.regimes.blend?.lambdas ?? [] where lambda >= 0 && lambda <= 1 {
            if !values.contains(where: { abs($0 - lambda) < 1e-9 }) { values.append(lambda) }
        }
        return values.sorted()
    }
}

extension ScenarioInput {
    /// Simulates what the scenario's HTML report shows: the main regimes and a blend at each of
    /// ``ScenarioReportView/lambdas(for:)``, in one simulation.
    ///
    /// - Parameters:
    ///   - settings: Runs, seed and threads.
    ///   - progress: Called after each finished run with the number finished so far, from any thread.
    /// - Returns: The view the report renders.
    /// - Throws: ``WorkbenchError`` when the simulator cannot use the scenario.
    public func reportView(
        _ settings: RunSettings, progress: (@Sendable (Int) -> Void)? = nil
    ) throws(WorkbenchError) -> ScenarioReportView {
        var swept = scenario
        swept.regimes.blend = Scenario.BlendRegime(lambdas: ScenarioReportView.lambdas(for: scenario))
        let result = try simulator(for: swept).run(settings, progress: progress)
        return ScenarioReportView(scenario: scenario, election: election, result: result)
    }
}
