public import PBScenario
public import PBSimulation

extension ScenarioInput {
    /// The blend weights a scenario report sweeps: every tenth from 0 to 1 and the scenario's own
    /// blends.
    ///
    /// - Parameter scenario: The scenario.
    /// - Returns: The weights, ascending, without duplicates.
    public static func reportLambdas(for scenario: Scenario) -> [Double] {
        var values = (0...10).map { Double($0) / 10 }
        for lambda in scenario.regimes.blend?.lambdas ?? [] where lambda >= 0 && lambda <= 1 {
            if !values.contains(where: { abs($0 - lambda) < 1e-9 }) { values.append(lambda) }
        }
        return values.sorted()
    }

    /// Simulates what the scenario's HTML report shows: the main regimes and a blend at each of
    /// ``reportLambdas(for:)``, all from the same runs.
    ///
    /// ```swift
    /// let input = try ScenarioInput.load(path: "Scenarios/riverside.yaml")
    /// let settings = RunSettings(runs: nil, seed: nil, jobs: nil, scenario: input.scenario)
    /// let sweep = try input.reportSweep(settings: settings)
    /// let html = ScenarioHTMLReport.render(scenario: input.scenario, sweep: sweep, file: input.file)
    /// ```
    ///
    /// - Parameters:
    ///   - settings: Runs, seed and threads.
    ///   - progress: Called with the number of runs finished.
    /// - Returns: The sweep the report renders.
    /// - Throws: ``WorkbenchError`` as ``sweep(_:values:settings:progress:variant:)`` does.
    public func reportSweep(
        settings: RunSettings, progress: (@Sendable (Int) -> Void)? = nil
    ) throws(WorkbenchError) -> SweepResult {
        try sweep(.lambda, values: Self.reportLambdas(for: scenario), settings: settings, progress: progress)
    }
}
