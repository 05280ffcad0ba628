public import PBModel
public import PBRules
public import PBSimulation

/// A batch suite: the work a `pbsim batch` run does, read from a YAML file in `Benchmarks/suites/`.
///
/// A suite lists rule variants over real elections, and scenarios over a grid of parameters and seeds:
///
/// ```yaml
/// name: pabulib-dev
/// elections:
///   - files: ["../../Tests/PBRulesTests/Fixtures/pabulib/*.pb"]   # globs, relative to this file
///     rules: all                                                  # or a list, e.g. [mes-cost, phragmen]
///   - files: [../../elections/wars.pb]
///     rules: [mes-cost]
///     weight_by: age                                              # census reweighting (or weights: w.csv)
///     targets: {18-34: 0.3, 35-64: 0.45, 65-: 0.25}
/// simulations:
///   - scenario: ../../Scenarios/riverside.yaml
///     runs: 40                                                    # Monte Carlo runs per task
///     seeds: 3                                                    # seeds 1, 2, 3 (or a list)
///     grid:
///       information_noise: [0, 0.3, 0.6]
///       participation: [0.5, 1, 2]
///       lambda: [0, 0.5, 1]
/// ```
///
/// ```swift
/// let suite = try Suite.load(path: "Benchmarks/suites/pabulib-dev.yaml")
/// let tasks = try suite.tasks()
/// ```
public struct Suite: Sendable, Hashable {
    /// The suite's name (the `name` field, or the file name without its extension).
    public var name: String
    /// The suite file as named to the loader.
    public var file: String
    /// The election blocks, in file order.
    public var elections: [ElectionSet]
    /// The simulation blocks, in file order.
    public var simulations: [SimulationGrid]

    /// Creates a suite.
    public init(name: String, file: String, elections: [ElectionSet], simulations: [SimulationGrid]) {
        self.name = name
        self.file = file
        self.elections = elections
        self.simulations = simulations
    }

    /// Rule variants over real elections (`.pb` files).
    public struct ElectionSet: Sendable, Hashable {
        /// The `.pb` files matched by the block's patterns, resolved against the suite's folder, sorted
        /// and without repeats.
        public var files: [String]
        /// The rule variants: every variant, or a list. Either way a variant that is not defined for an
        /// election's vote type is left out for that election.
        public var rules: RuleSelection
        /// How MES and Phragmén compute.
        public var arithmetic: Arithmetic
        /// How the voters are weighted (`weights: FILE`, or `weight_by` with `targets`), or `nil`.
        public var weighting: VoterWeighting?

        /// Creates a block.
        public init(
            files: [String], rules: RuleSelection = .all, arithmetic: Arithmetic = .certified,
            weighting: VoterWeighting? = nil
        ) {
            self.files = files
            self.rules = rules
            self.arithmetic = arithmetic
            self.weighting = weighting
        }
    }

    /// A scenario over a grid of parameter values and seeds: one task per grid point and seed.
    public struct SimulationGrid: Sendable, Hashable {
        /// The scenario file, resolved against the suite's folder.
        public var scenario: String
        /// Monte Carlo runs per task (`nil`: the scenario's `runs`).
        public var runs: Int?
        /// The master seeds, one task each.
        public var seeds: [UInt64]
        /// The grid axes, in file order: each parameter with its values.
        public var grid: [Axis]

        /// Creates a block.
        public init(scenario: String, runs: Int?, seeds: [UInt64], grid: [Axis]) {
            self.scenario = scenario
            self.runs = runs
            self.seeds = seeds
            self.grid = grid
        }
    }

    /// The most tasks one simulation block (grid points times seeds) may define.
    public static let maxTasksPerBlock = 100_000

    /// One axis of a grid: a scenario parameter and its values.
    public struct Axis: Sendable, Hashable {
        /// The parameter.
        public var parameter: SweepParameter
        /// Its values, in file order.
        public var values: [Double]

        /// Creates an axis.
        public init(parameter: SweepParameter, values: [Double]) {
            self.parameter = parameter
            self.values = values
        }
    }
}
