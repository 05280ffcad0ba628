public import PBModel
public import PBScenario
public import PBSimulation

/// A scenario as the workbench loads it: checked, with where each of its fields is (for messages
/// that come later) and, for a scenario with real ballots, its `.pb` election read once.
///
/// ```swift
/// let input = try ScenarioInput.load(path: "Scenarios/riverside.yaml")
/// let settings = input.settings(runs: 200, seed: nil, jobs: nil)
/// let result = try input.simulate(settings)
/// ```
public struct ScenarioInput: Sendable {
    /// The scenario file's path as given, for messages and reports.
    public let file: String
    /// The checked scenario.
    public let scenario: Scenario
    /// Where each field of the scenario file is.
    public let sourceMap: SourceMap
    /// The election of the scenario's `election` block, read from its `.pb` file (`nil` without one, or
    /// when the file could not be read).
    public let election: Election?

    /// Reads and checks the scenario file at `path`, and reads its election's `.pb` file if it has one.
    ///
    /// A `.pb` file that cannot be read is reported by the operations that need the election (the
    /// simulator's), as its own message.
    ///
    /// - Parameter path: A scenario file (YAML).
    /// - Returns: The loaded scenario.
    /// - Throws: ``WorkbenchError`` with every problem of the scenario (file, line and field of each).
    public static func load(path: String) throws(WorkbenchError) -> ScenarioInput {
        let loaded: (scenario: Scenario, sourceMap: SourceMap)
        do {
            loaded = try Scenario.loadWithSourceMap(path: path)
        } catch {
            throw WorkbenchError(error.description, issues: error.issues)
        }
        return ScenarioInput(file: path, scenario: loaded.scenario, sourceMap: loaded.sourceMap)
    }

    /// Parses and checks scenario text (an upload, say), and reads its election's `.pb` file if it has
    /// one (resolved against the folder of `file`).
    ///
    /// - Parameters:
    ///   - yaml: The YAML text of a scenario.
    ///   - file: The name to put in messages.
    /// - Returns: The loaded scenario.
    /// - Throws: ``WorkbenchError`` as ``load(path:)`` does.
    public static func parse(yaml: String, file: String) throws(WorkbenchError) -> ScenarioInput {
        let loaded: (scenario: Scenario, sourceMap: SourceMap)
        do {
            loaded = try Scenario.parseWithSourceMap(yaml: yaml, file: file)
        } catch {
            throw WorkbenchError(error.description, issues: error.issues)
        }
        return ScenarioInput(file: file, scenario: loaded.scenario, sourceMap: loaded.sourceMap)
    }

    private init(file: String, scenario: Scenario, sourceMap: SourceMap) {
        self.file = file
        self.scenario = scenario
        self.sourceMap = sourceMap
        var election: Election?
        var failure: WorkbenchError?
        if let spec = scenario.election {
            do {
                election = try Simulator.readElection(spec, file: file)
            } catch {
                failure = WorkbenchError(error.description)
            }
        }
        self.election = election
        electionFailure = failure
        // Problems with the weights are the simulator's to report; what they leave unweighted is told here.
        if let election, let weighting = try? scenario.election?.voterWeighting(),
            let applied = try? weighting.weights(for: election, file: scenario.election?.path ?? file)
        {
            weightingWarnings = applied.warnings
        } else {
            weightingWarnings = []
        }
    }

    /// What the `election` block's voter weighting could not apply (voters weighing 1 for want of a
    /// value), one line each; empty without one.
    public let weightingWarnings: [String]

    /// Why the scenario's `.pb` file could not be read, kept for the operations that need the election
    /// (``allocate(_:)`` does not, and says why it cannot use the scenario).
    private let electionFailure: WorkbenchError?

    /// The run settings: each value given, else the scenario's runs and seed, and every core.
    ///
    /// - Parameters:
    ///   - runs: Monte Carlo runs asked for (`--runs`), or `nil`.
    ///   - seed: A master seed asked for (`--seed`), or `nil`.
    ///   - jobs: Worker threads asked for (`--jobs`), or `nil`.
    /// - Returns: The settings.
    public func settings(runs: Int?, seed: UInt64?, jobs: Int?) -> RunSettings {
        RunSettings(runs: runs, seed: seed, jobs: jobs, scenario: scenario)
    }

    /// A simulator for the scenario (or a variant of it, e.g. with a sweep parameter applied), on the
    /// election already read.
    ///
    /// - Parameter variant: The scenario to simulate (by default the loaded one).
    /// - Returns: The simulator.
    /// - Throws: ``WorkbenchError`` when the simulator cannot use the scenario (see
    ///   ``PBSimulation/SimulationError``).
    public func simulator(for variant: Scenario? = nil) throws(WorkbenchError) -> Simulator {
        if let electionFailure { throw electionFailure }
        do {
            return try Simulator(
                scenario: variant ?? scenario, file: file, election: election, sourceMap: sourceMap)
        } catch {
            throw WorkbenchError(error.description)
        }
    }

    /// Simulates the scenario's regimes.
    ///
    /// - Parameters:
    ///   - settings: Runs, seed and threads.
    ///   - progress: Called after each finished run with the number finished so far, from any thread.
    /// - Returns: The result; the same for any number of threads.
    /// - Throws: ``WorkbenchError`` when the simulator cannot use the scenario.
    public func simulate(
        _ settings: RunSettings, progress: (@Sendable (Int) -> Void)? = nil
    ) throws(WorkbenchError) -> SimulationResult {
        try simulator().run(settings, progress: progress)
    }

    /// Simulates the scenario for each value of one parameter, with the same seed for every value.
    ///
    /// - Parameters:
    ///   - parameter: The parameter to vary.
    ///   - values: Its values, each accepted by ``PBSimulation/SweepParameter/accepts(_:)``.
    ///   - settings: Runs per value, seed and threads.
    ///   - progress: Called with the number of runs finished over the whole sweep.
    ///   - variant: A changed copy of ``scenario`` to sweep instead (e.g. with a server's overrides).
    /// - Returns: One result per value.
    /// - Throws: ``WorkbenchError`` when the parameter does not apply to the scenario or the simulator
    ///   cannot use it.
    public func sweep(
        _ parameter: SweepParameter, values: [Double], settings: RunSettings,
        progress: (@Sendable (Int) -> Void)? = nil, variant: Scenario? = nil
    ) throws(WorkbenchError) -> SweepResult {
        let scenario = variant ?? scenario
        if scenario.election != nil && !parameter.appliesToRealBallots {
            throw WorkbenchError(
                "\(file): \(parameter.rawValue) does not apply to real ballots (only \(SweepParameter.realBallotParameters) do)"
            )
        }
        if let electionFailure { throw electionFailure }
        do {
            return try ParameterSweep.run(
                scenario: scenario, file: file, parameter: parameter, values: values, runs: settings.runs,
                seed: settings.seed, jobs: settings.jobs, election: election, sourceMap: sourceMap,
                progress: progress)
        } catch {
            throw WorkbenchError(error.description)
        }
    }

    /// Splits the budget continuously across the scenario's domains under each regime.
    ///
    /// - Parameter settings: Runs and seed (the allocation runs on one thread).
    /// - Returns: The spend per domain and regime.
    /// - Throws: ``WorkbenchError`` when the scenario has no domains to split over (real ballots) or the
    ///   solver fails.
    public func allocate(_ settings: RunSettings) throws(WorkbenchError) -> EnvelopeAllocationReport {
        do {
            return try EnvelopeAllocator.allocate(scenario: scenario, seed: settings.seed, runs: settings.runs)
        } catch {
            throw WorkbenchError("\(file): \(error.description)")
        }
    }
}
