public import PBModel
public import PBScenario

/// A scenario parameter that `pbsim sweep` varies.
public enum SweepParameter: String, Sendable, Hashable, CaseIterable {
    /// The blend weight `lambda` in `[0, 1]`: the scenario's blend sweep is replaced by the values,
    /// all simulated in the same runs (common random numbers).
    case lambda
    /// The service-led information noise `sigma_s >= 0`.
    case informationNoise = "information_noise"
    /// The co-produced perception noise `sigma_c >= 0` (also the panel members' noise).
    case perceptionNoise = "perception_noise"
    /// A multiplier `>= 0` of every group's participation rate, each capped at 1 (`0.5` halves
    /// turnout in every group, keeping who is seldom heard seldom heard; `2` doubles it).
    case participation
    /// An override in `[0, 1]` of every group's participation rate (everyone equally likely to take part).
    case participationRate = "participation_rate"

    /// Whether `value` is allowed for this parameter.
    public func accepts(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        switch self {
        case .lambda, .participationRate: return value >= 0 && value <= 1
        case .informationNoise, .perceptionNoise, .participation: return value >= 0
        }
    }

    /// The allowed range, for messages: `[0, 1]` or `>= 0`.
    public var range: String {
        switch self {
        case .lambda, .participationRate: "a value in [0, 1]"
        case .informationNoise, .perceptionNoise, .participation: "a value >= 0"
        }
    }

    /// Whether the parameter exists in a scenario with real ballots (only the service-led noise and
    /// the blend weight do).
    public var appliesToRealBallots: Bool {
        self == .lambda || self == .informationNoise
    }

    /// The scenario with the parameter set to `value` (for ``lambda``, the blend sweep replaced by `[value]`).
    ///
    /// - Parameters:
    ///   - scenario: The base scenario.
    ///   - value: The parameter's value.
    /// - Returns: The modified scenario.
    public func applied(to scenario: Scenario, value: Double) -> Scenario {
        var scenario = scenario
        switch self {
        case .lambda:
            scenario.regimes.blend = Scenario.BlendRegime(lambdas: [value])
        case .informationNoise:
            scenario.regimes.serviceLed.informationNoise = value
        case .perceptionNoise:
            scenario.regimes.coProduced.perceptionNoise = value
        case .participation:
            for g in scenario.population.indices {
                scenario.population[g].participation = min(1, scenario.population[g].participation * value)
            }
        case .participationRate:
            for g in scenario.population.indices { scenario.population[g].participation = value }
        }
        return scenario
    }
}

/// The result of `pbsim sweep`: one simulation result per value of a parameter.
public struct SweepResult: Sendable, Hashable {
    /// The parameter varied.
    public var parameter: SweepParameter
    /// The values, in the order given.
    public var values: [Double]
    /// One result per value. For ``SweepParameter/lambda`` each holds the service-led, co-produced
    /// (panel, optimum) regimes and the one blend of its value, all from the same runs.
    public var results: [SimulationResult]

    /// Creates a sweep result.
    ///
    /// - Parameters:
    ///   - parameter: The parameter varied.
    ///   - values: The values.
    ///   - results: One result per value.
    public init(parameter: SweepParameter, values: [Double], results: [SimulationResult]) {
        self.parameter = parameter
        self.values = values
        self.results = results
    }
}

/// Runs a scenario over several values of one parameter.
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
    /// - Throws: ``SimulationError`` as ``Simulator/init(scenario:file:election:sourceMap:)`` does.
    public static func run(
        scenario: Scenario, file: String = "", parameter: SweepParameter, values: [Double], runs: Int, seed: UInt64,
        jobs: Int = Simulator.defaultJobs, election: Election? = nil, sourceMap: SourceMap = SourceMap(),
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws(SimulationError) -> SweepResult {
        if parameter == .lambda {
            var modified = scenario
            modified.regimes.blend = Scenario.BlendRegime(lambdas: values)
            let result = try Simulator(scenario: modified, file: file, election: election, sourceMap: sourceMap).run(
                runs: runs, seed: seed, jobs: jobs, progress: progress)
            let rows = values.map { lambda in
                var row = result
                row.regimes = result.regimes.filter { $0.regime.lambda == nil || $0.regime == .blend(lambda) }
                let kept = result.regimes.indices.filter {
                    result.regimes[$0].regime.lambda == nil || result.regimes[$0].regime == .blend(lambda)
                }
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
            let simulator = try Simulator(
                scenario: parameter.applied(to: scenario, value: value), file: file, election: election,
                sourceMap: sourceMap)
            let done = index * runs
            var shifted: (@Sendable (Int) -> Void)?
            if let progress {
                shifted = { @Sendable finished in progress(done + finished) }
            }
            results.append(simulator.run(runs: runs, seed: seed, jobs: jobs, progress: shifted))
        }
        return SweepResult(parameter: parameter, values: values, results: results)
    }
}
