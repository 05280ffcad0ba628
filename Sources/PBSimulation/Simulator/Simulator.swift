import Foundation
import GSL
public import PBModel
public import PBRules
public import PBScenario
import PBSupport
import Synchronization

/// The Monte Carlo simulator of MODEL.md: runs a scenario's regimes many times and measures each
/// on the true benefits.
///
/// Build one per scenario (the set-up computes the world's dense arrays and the perfect-information
/// optimum once), then run it:
///
/// ```swift
/// let scenario = try Scenario.load(path: "Scenarios/riverside.yaml")
/// let simulator = try Simulator(scenario: scenario, file: "Scenarios/riverside.yaml")
/// let result = simulator.run(runs: 500, seed: 42, jobs: 2)
/// for regime in result.regimes {
///     print(regime.regime.title, regime.metrics[.efficiency]?.mean ?? .nan)
/// }
/// ```
///
/// **Determinism.** Run `r` draws from its own stream, `RandomSource(seed: seed, stream: r)`, and
/// writes its result into its own slot, so the result is the same for any number of worker threads.
///
/// **Regimes**, in order: `service-led`, `co-produced`, `panel` (if the scenario has one), one
/// `blend-<lambda>` per blend weight, one `split-<share>` per split share (ascending), and `optimum`
/// (`S*`; absent with real ballots). Everything is indexed in canonical id order (MODEL.md section 1). Every selection
/// respects the budget and every envelope: greedy rules walk their ranking with
/// ``PBRules/EnvelopeKnapsack/constrainedSelection(priority:costs:budget:envelopes:)``, exact rules
/// solve ``PBRules/EnvelopeKnapsack/maximize(values:costs:budget:envelopes:tieRank:)``.
public struct Simulator: Sendable {
    /// The scenario being simulated.
    public let scenario: Scenario
    /// The regimes, in the order of every result.
    public let regimes: [RegimeID]
    /// The rules the co-produced ballots are also counted with (MODEL.md section 3, rule
    /// sensitivity), as the scenario file names them; empty with real ballots or when turned off.
    public let sensitivityRules: [String]

    private enum Model: Sendable {
        case world(WorldModel)
        case election(ElectionModel)
    }

    private let model: Model

    /// Prepares a scenario for simulation.
    ///
    /// With an `election` block the needs assessment's names are checked against the election's
    /// categories and target groups; the `.pb` file is read here unless `election` is given.
    ///
    /// - Parameters:
    ///   - scenario: A validated scenario.
    ///   - file: The scenario file's path, for error messages (may be empty).
    ///   - election: The scenario's election, already read (see ``readElection(_:file:)``), or `nil` to
    ///     read it here.
    ///   - sourceMap: Where the scenario's fields are, to put lines on messages (empty: no lines).
    ///   - ruleSensitivity: Whether to count the co-produced ballots of every tenth run with greedy, MES
    ///     and the scenario's own rule too (``sensitivityRules``).
    /// - Throws: ``SimulationError`` when the co-produced rule does not apply to the ballots, no
    ///   selection meets the envelopes, or the election cannot be read or does not match the needs.
    public init(
        scenario: Scenario, file: String = "", election: Election? = nil, sourceMap: SourceMap = SourceMap(),
        ruleSensitivity: Bool = true
    ) throws(SimulationError) {
        let scenario = scenario.canonicalized()
        self.scenario = scenario
        if let spec = scenario.election {
            let read: Election
            if let election { read = election } else { read = try Self.readElection(spec, file: file) }
            let model = try ElectionModel(
                scenario: scenario, spec: spec, election: read, file: file, sourceMap: sourceMap)
            self.model = .election(model)
            regimes = model.regimeIDs
            sensitivityRules = []
        } else {
            let model = try WorldModel(scenario: scenario, file: file, ruleSensitivity: ruleSensitivity)
            self.model = .world(model)
            regimes = model.regimeIDs
            sensitivityRules = model.sensitivityRules.map(\.name)
        }
    }

    /// The simulated world's dense arrays (`nil` for a real election).
    public var world: World? {
        if case .world(let model) = model { return model.world }
        return nil
    }

    /// The perfect-information optimum `S*`, ascending (`nil` for a real election).
    public var optimum: [Int]? {
        if case .world(let model) = model { return model.optimum }
        return nil
    }

    /// The budget envelopes as linear constraints (empty for a real election).
    public var envelopes: [LinearEnvelope] {
        if case .world(let model) = model { return model.world.envelopes }
        return []
    }

    /// The cost each proposal charges to the budget (effective costs; the `.pb` costs of an election).
    public var costs: [Double] {
        switch model {
        case .world(let model): model.world.effectiveCosts
        case .election(let model): model.costs
        }
    }

    /// Runs one Monte Carlo run on the calling thread.
    ///
    /// - Parameters:
    ///   - run: The run index (its random stream).
    ///   - seed: The master seed.
    /// - Returns: Every regime's selection and metrics in that run.
    public func outcome(ofRun run: Int, seed: UInt64) -> RunOutcome {
        switch model {
        case .world(let model):
            var engine = WorldEngine(model: model)
            return engine.run(run, seed: seed)
        case .election(let model):
            return ElectionEngine(model: model).run(run, seed: seed)
        }
    }

    /// Runs `runs` Monte Carlo runs in parallel and summarises them.
    ///
    /// - Parameters:
    ///   - runs: The number of runs, at least 1.
    ///   - seed: The master seed.
    ///   - jobs: The number of worker threads (at least 1; by default every active core).
    ///   - progress: Called after each finished run with the number finished so far, from any thread.
    /// - Returns: The summaries, run 0's selections and every run's outcome; the same for any `jobs`.
    /// - Complexity: Each run costs roughly O(entries of the ballots + proposals × groups × domains),
    ///   plus the rules and the exact solvers on `runs` instances.
    public func run(
        runs: Int, seed: UInt64, jobs: Int = Simulator.defaultJobs,
        progress: (@Sendable (Int) -> Void)? = nil
    ) -> SimulationResult {
        run(runs: runs, seed: seed, jobs: jobs, progress: progress, isCancelled: { false })!
    }

    /// Runs `runs` Monte Carlo runs in parallel and summarises them, unless `isCancelled` turns true
    /// first (the server's newest request cancels the older ones).
    ///
    /// - Parameters:
    ///   - runs: The number of runs, at least 1.
    ///   - seed: The master seed.
    ///   - jobs: The number of worker threads.
    ///   - progress: Called after each finished run with the number finished so far, from any thread.
    ///   - isCancelled: Asked before each run, from any thread; once it returns `true` no run starts.
    /// - Returns: The result of ``run(runs:seed:jobs:progress:)``, or `nil` when cancelled.
    public func run(
        runs: Int, seed: UInt64, jobs: Int, progress: (@Sendable (Int) -> Void)?,
        isCancelled: @escaping @Sendable () -> Bool
    ) -> SimulationResult? {
        precondition(runs >= 1, "run(runs:seed:jobs:progress:): runs must be at least 1, got \(runs)")
        let computed = Threads.map(
            count: runs, jobs: jobs, progress: progress, isCancelled: isCancelled
        ) { () -> (Int) -> RunOutcome in
            switch model {
            case .world(let model):
                var engine = WorldEngine(model: model)
                return { engine.run($0, seed: seed) }
            case .election(let model):
                let engine = ElectionEngine(model: model)
                return { engine.run($0, seed: seed) }
            }
        }
        guard let outcomes = computed else { return nil }
        return summarize(outcomes: outcomes, seed: seed)
    }

    /// Runs the Monte Carlo runs of `settings` in parallel and summarises them, as
    /// ``run(runs:seed:jobs:progress:)`` does.
    ///
    /// - Parameters:
    ///   - settings: Runs, seed and threads.
    ///   - progress: Called after each finished run with the number finished so far, from any thread.
    /// - Returns: The result; the same for any number of threads.
    public func run(_ settings: RunSettings, progress: (@Sendable (Int) -> Void)? = nil) -> SimulationResult {
        run(runs: settings.runs, seed: settings.seed, jobs: settings.jobs, progress: progress)
    }

    /// The number of worker threads used by default: the number of active processors.
    public static var defaultJobs: Int { RunSettings.defaultJobs }

    /// Reads the `.pb` file of a scenario's election.
    ///
    /// - Parameters:
    ///   - spec: The scenario's `election` block.
    ///   - file: The scenario file, for the message.
    /// - Returns: The election.
    /// - Throws: ``SimulationError/election(file:message:)`` when the file cannot be read or parsed.
    public static func readElection(_ spec: Scenario.Election, file: String) throws(SimulationError) -> Election {
        do {
            return try PabulibReader.read(path: spec.path)
        } catch {
            throw .election(file: file, message: error.description)
        }
    }

    /// Summarises outcomes (in run order) into a result.
    func summarize(outcomes: [RunOutcome], seed: UInt64) -> SimulationResult {
        let breakdowns: [SpendBreakdown]
        let groupIDs: [String]
        let groupSizes: [Int]
        let proposalIDs: [String]
        let ballotKind: String
        switch model {
        case .world(let model):
            breakdowns = model.breakdowns
            groupIDs = model.world.groupIDs.map(\.rawValue)
            groupSizes = model.world.sizes
            proposalIDs = model.world.proposalIDs.map(\.rawValue)
            ballotKind = scenario.regimes.coProduced.ballot.kind
        case .election(let model):
            breakdowns = model.breakdowns
            groupIDs = []
            groupSizes = []
            proposalIDs = model.election.projects.map(\.id)
            ballotKind = model.election.voteType.rawValue
        }
        return SimulationResult(
            scenario: scenario.name, currency: scenario.currency, seed: seed, runs: outcomes.count,
            budget: scenario.budget.total, realBallots: scenario.election != nil, ballotKind: ballotKind,
            regimes: SimulationResult.summarize(
                regimes: regimes, outcomes: outcomes, groupCount: groupIDs.count, breakdowns: breakdowns,
                proposalCount: proposalIDs.count, sensitivityRules: sensitivityRules),
            proposalIDs: proposalIDs, groupIDs: groupIDs, groupSizes: groupSizes, breakdowns: breakdowns,
            voters: MetricSummary(summarizing: outcomes.map { Double($0.voters) }), outcomes: outcomes)
    }
}
