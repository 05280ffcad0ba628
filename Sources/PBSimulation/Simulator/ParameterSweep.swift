public import PBModel
public import PBScenario

/// The result of `pbsim sweep`: one simulation result per value of a parameter.
public struct SweepResult: Sendable, Hashable {
    /// The parameter varied.
    public var parameter: SweepParameter
    /// The values, in the order given.
    public var values: [Double]
    /// One result per value. For the blend weight (split share) each holds the service-led,
    /// co-produced (panel, optimum) regimes and the one blend (split) of its value, all from the same runs.
    public var results: [SimulationResult]
    /// When every row's figures came out the same, why that is likely (MODEL.md section 5); else `nil`.
    public var unchangedReason: String?

    /// Creates a sweep result.
    ///
    /// - Parameters:
    ///   - parameter: The parameter varied.
    ///   - values: The values.
    ///   - results: One result per value.
    ///   - unchangedReason: Why every row is the same, if it is.
    public init(
        parameter: SweepParameter, values: [Double], results: [SimulationResult], unchangedReason: String? = nil
    ) {
        self.parameter = parameter
        self.values = values
        self.results = results
        self.unchangedReason = unchangedReason
    }
}

/// Runs a scenario over several values of one parameter (MODEL.md section 5).
///
/// Every value uses the same seed, so the runs share their random numbers as far as the parameter
/// allows (common random numbers): differences between rows come from the parameter, not from luck.
///
/// ```swift
/// let sweep = try ParameterSweep.run(scenario: scenario, parameter: .informationNoise, values: [0, 0.3, 0.6],
///                           runs: 200, seed: 42)
/// for (value, result) in zip(sweep.values, sweep.results) {
///     print(value, result.summary(of: .serviceLed)!.metrics[.efficiency]!.mean)
/// }
/// ```
public enum ParameterSweep {
    /// Runs the sweep.
    ///
    /// - Parameters:
    ///   - scenario: The base scenario.
    ///   - file: The scenario file, for error messages.
    ///   - parameter: The parameter to vary.
    ///   - values: Its values (each accepted by ``SweepParameter/accepts(_:)``).
    ///   - runs: Monte Carlo runs per value.
    ///   - seed: The master seed.
    ///   - jobs: Worker threads.
    ///   - election: The scenario's election, already read, or `nil` to read it for each simulator.
    ///   - sourceMap: Where the scenario's fields are, for messages.
    ///   - progress: Called with the number of runs finished over the whole sweep.
    /// - Returns: One result per value.
    /// - Throws: ``SimulationError/unsupported(file:field:message:)`` when the path names something
    ///   the scenario does not have or a value makes the scenario invalid, and what
    ///   ``Simulator/init(scenario:file:election:sourceMap:ruleSensitivity:)`` throws.
    public static func run(
        scenario: Scenario, file: String = "", parameter: SweepParameter, values: [Double], runs: Int, seed: UInt64,
        jobs: Int = Simulator.defaultJobs, election: Election? = nil, sourceMap: SourceMap = SourceMap(),
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws(SimulationError) -> SweepResult {
        if let problem = parameter.problem(in: scenario) {
            throw .unsupported(file: file, field: parameter.rawValue, message: problem)
        }
        if parameter.isBlendWeight || parameter.isSplitShare {
            var modified = scenario
            if parameter.isBlendWeight {
                modified.regimes.blend = Scenario.BlendRegime(lambdas: values)
            } else {
                modified.regimes.split = Scenario.SplitRegime(
                    shares: values, leftover: scenario.regimes.split?.leftover ?? .unspent)
            }
            let result = try Simulator(scenario: modified, file: file, election: election, sourceMap: sourceMap).run(
                runs: runs, seed: seed, jobs: jobs, progress: progress)
            let rows = values.map { value in
                let own: RegimeID = parameter.isBlendWeight ? .blend(value) : .split(value)
                let keep = { (regime: RegimeID) in
                    parameter.isBlendWeight
                        ? (regime.lambda == nil || regime == own) : (regime.share == nil || regime == own)
                }
                var row = result
                row.regimes = result.regimes.filter { keep($0.regime) }
                let kept = result.regimes.indices.filter { keep(result.regimes[$0].regime) }
                row.outcomes = result.outcomes.map { outcome in
                    var outcome = outcome
                    outcome.regimes = kept.map { outcome.regimes[$0] }
                    return outcome
                }
                return row
            }
            return SweepResult(parameter: parameter, values: values, results: rows)
        }
        var results: [SimulationResult] = []
        for (index, value) in values.enumerated() {
            let modified = parameter.applied(to: scenario, value: value)
            do {
                try modified.validate()
            } catch {
                let detail = error.issues.map(\.description).joined(separator: "; ")
                throw .unsupported(
                    file: file, field: parameter.rawValue,
                    message: "the value \(value) makes the scenario invalid: \(detail)")
            }
            let simulator = try Simulator(scenario: modified, file: file, election: election, sourceMap: sourceMap)
            let done = index * runs
            var shifted: (@Sendable (Int) -> Void)?
            if let progress {
                shifted = { @Sendable finished in progress(done + finished) }
            }
            results.append(simulator.run(runs: runs, seed: seed, jobs: jobs, progress: shifted))
        }
        var reason: String?
        let first = results.first?.regimes ?? []
        let unchanged = results.dropFirst().allSatisfy { row in
            row.regimes.count == first.count && zip(row.regimes, first).allSatisfy { $0.hasSameFigures(as: $1) }
        }
        if results.count > 1, unchanged {
            reason = parameter.likelyReason(in: scenario)
        }
        return SweepResult(parameter: parameter, values: values, results: results, unchangedReason: reason)
    }
}
