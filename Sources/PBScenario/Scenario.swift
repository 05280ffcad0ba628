/// A participatory budgeting scenario: who lives here, what they need, what is proposed, what money
/// there is, and which decision processes to compare.
///
/// A scenario mirrors a YAML file of schema v1 (see `Scenarios/README.md`). Read one with
/// ``load(path:)`` or ``parse(yaml:file:)``, which check every field and report every problem at once
/// with its file, line and field path:
///
/// ```swift
/// let scenario = try Scenario.load(path: "Scenarios/riverside.yaml")
/// for proposal in scenario.proposals {
///     print(proposal.id, proposal.effectiveCost)
/// }
/// ```
///
/// All amounts are in ``currency``. The budget constraint uses each proposal's
/// ``Proposal/effectiveCost`` (its cost less the share covered in kind).
public struct Scenario: Sendable, Hashable {
    /// The default Monte Carlo seed when the file gives none.
    public static let defaultSeed: UInt64 = 1

    /// The default number of Monte Carlo runs when the file gives none.
    public static let defaultRuns = 200

    /// A human-readable title, e.g. "Riverside 2027 neighbourhood budget".
    public var name: String

    /// The ISO 4217 code of the currency of every amount, e.g. `GBP`.
    public var currency: String

    /// The default master seed of the Monte Carlo runs (a command-line `--seed` overrides it).
    public var seed: UInt64

    /// The default number of Monte Carlo runs, at least 1 (a command-line `--runs` overrides it).
    public var runs: Int

    /// The money to allocate and its envelopes.
    public var budget: Budget

    /// The service areas, in file order; their order defines ``domainIndex``.
    ///
    /// Empty only in a scenario that takes its proposals from an ``election``.
    public var domains: [DomainID]

    /// The districts, in file order (empty when the scenario has none).
    public var districts: [DistrictID]

    /// The population groups, in file order; their order defines ``groupIndex``.
    ///
    /// Empty in a scenario that takes its ballots from an ``election``.
    public var population: [Group]

    /// The proposals, in file order; their order defines ``proposalIndex``.
    ///
    /// Empty in a scenario that takes its proposals from an ``election``.
    public var proposals: [Proposal]

    /// The decision processes to compare.
    public var regimes: Regimes

    /// A real election (a pabulib `.pb` file) that supplies the proposals and the ballots, if any.
    public var election: Election?

    /// Creates a scenario from its parts, without validating them.
    ///
    /// Use ``parse(yaml:file:)`` or ``load(path:)`` to read a checked scenario from a file.
    ///
    /// - Parameters:
    ///   - name: A human-readable title.
    ///   - currency: The ISO 4217 code of every amount.
    ///   - seed: The default master seed.
    ///   - runs: The default number of Monte Carlo runs.
    ///   - budget: The money to allocate and its envelopes.
    ///   - domains: The service areas.
    ///   - districts: The districts, if any.
    ///   - population: The population groups.
    ///   - proposals: The proposals.
    ///   - regimes: The decision processes to compare.
    ///   - election: A real election supplying proposals and ballots, if any.
    public init(
        name: String,
        currency: String,
        seed: UInt64 = Scenario.defaultSeed,
        runs: Int = Scenario.defaultRuns,
        budget: Budget,
        domains: [DomainID],
        districts: [DistrictID] = [],
        population: [Group],
        proposals: [Proposal],
        regimes: Regimes,
        election: Election? = nil
    ) {
        self.name = name
        self.currency = currency
        self.seed = seed
        self.runs = runs
        self.budget = budget
        self.domains = domains
        self.districts = districts
        self.population = population
        self.proposals = proposals
        self.regimes = regimes
        self.election = election
    }
}
