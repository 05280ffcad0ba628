public import PBScenario

/// How each regime would split a scenario's budget across its domains (MODEL.md section 4),
/// over Monte Carlo runs: the result of ``EnvelopeAllocator/allocate(scenario:seed:runs:)``.
///
/// ```swift
/// let report = try EnvelopeAllocator.allocate(scenario: scenario, seed: 42, runs: 500)
/// for domain in report.domains {
///     let spend = domain.spend[.coProduced]!
///     print(domain.id, domain.needShare, spend.mean, spend.lo, spend.hi)
/// }
/// ```
public struct EnvelopeAllocationReport: Sendable, Hashable {
    /// Whose view of the needs weights the domains.
    public enum Regime: String, Sendable, Hashable, CaseIterable {
        /// Professionals' needs assessment: `w_k = Σ_g n_g · Nhat[g][k]`, with information noise and visibility.
        case serviceLed = "service-led"
        /// Residents' priorities: `w_k = Σ_p Ñ[g(p)][k] · LN(perception_noise)` over the run's participants.
        case coProduced = "co-produced"
        /// The true needs: `w_k = Σ_g n_g · N[g][k]` (no randomness).
        case perfectInformation = "perfect-information"

        /// A short name for tables, e.g. `perfect information`.
        public var title: String {
            switch self {
            case .serviceLed: "service-led"
            case .coProduced: "co-produced"
            case .perfectInformation: "perfect information"
            }
        }
    }

    /// One domain's bounds, need and spend.
    public struct Domain: Sendable, Hashable {
        /// The domain.
        public var id: Scenario.DomainID
        /// The domain's share of total need, `Σ_g n_g N[g][k] / Σ_g Σ_k n_g N[g][k]`, in `[0, 1]`.
        public var needShare: Double
        /// The saturation scale `s_k`, in the currency.
        public var saturation: Double
        /// The least spend, from the domain's envelope, or `nil`.
        public var minimum: Double?
        /// The most spend, from the domain's envelope, or `nil`.
        public var maximum: Double?
        /// The spend under each regime, over the runs (mean and central 95 % of runs), in the currency.
        public var spend: [Regime: MetricSummary]

        /// Creates a domain row.
        ///
        /// - Parameters:
        ///   - id: The domain.
        ///   - needShare: Its share of total need.
        ///   - saturation: Its saturation scale.
        ///   - minimum: Its least spend, or `nil`.
        ///   - maximum: Its most spend, or `nil`.
        ///   - spend: Its spend under each regime.
        public init(
            id: Scenario.DomainID, needShare: Double, saturation: Double, minimum: Double?, maximum: Double?,
            spend: [Regime: MetricSummary]
        ) {
            self.id = id
            self.needShare = needShare
            self.saturation = saturation
            self.minimum = minimum
            self.maximum = maximum
            self.spend = spend
        }
    }

    /// The scenario's name.
    public var scenario: String
    /// The currency of every amount.
    public var currency: String
    /// The budget split across the domains.
    public var total: Double
    /// The master seed of the runs.
    public var seed: UInt64
    /// The number of Monte Carlo runs.
    public var runs: Int
    /// One row per domain, in the scenario's order.
    public var domains: [Domain]
    /// Per regime, the divergence between spend shares and need shares,
    /// `½ Σ_k |x_k / B − needShare_k|` (0 = spend follows need exactly, 1 = entirely elsewhere).
    ///
    /// A description of the split, not a measure of its quality (MODEL.md section 4): see
    /// ``efficiency``.
    public var divergence: [Regime: MetricSummary]
    /// Per regime, the true value of its split over the true optimum's value (MODEL.md section 4):
    /// `Σ_k W_k s_k log(1 + x_k / s_k)` with the true weights `W_k = Σ_g n_g N[g][k]`, in `[0, 1]`.
    public var efficiency: [Regime: MetricSummary]
    /// Per regime, the distance from the true optimal split, `½ Σ_k |x_k − x*_k| / B`, in `[0, 1]`.
    public var distance: [Regime: MetricSummary]
    /// The scenario's envelopes that do not bound the domain split (district envelopes), as
    /// text such as `district north: max 600000`.
    public var ignoredEnvelopes: [String]
    /// The largest gap, as a share of the budget, between the numerical solver and the
    /// closed-form water-filling over every split computed: a check of the solver.
    public var solverDeviation: Double
    /// Per regime that pays for a process, what it costs (process cost and outreach, in the currency):
    /// the regime splits the budget less this. Empty when no regime pays anything.
    public var processCost: [Regime: Double]
    /// The scenario's mechanisms that act on funded proposals and so not on a split by domain
    /// (`proposals[].delivery_risk`, `budget.overrun: cut`), as field names.
    public var notApplied: [String]

    /// Creates a report from its fields.
    ///
    /// - Parameters:
    ///   - scenario: The scenario's name.
    ///   - currency: The currency.
    ///   - total: The budget.
    ///   - seed: The master seed.
    ///   - runs: The number of runs.
    ///   - domains: One row per domain.
    ///   - divergence: The divergence from need per regime.
    ///   - ignoredEnvelopes: Envelopes that do not bound the domain split.
    ///   - solverDeviation: The largest solver gap, as a share of the budget.
    ///   - efficiency: The true value of each regime's split over the optimum's.
    ///   - distance: Each regime's distance from the true optimal split.
    ///   - processCost: What each regime's process costs, if anything.
    ///   - notApplied: Mechanisms of the scenario that a split by domain does not model.
    public init(
        scenario: String, currency: String, total: Double, seed: UInt64, runs: Int, domains: [Domain],
        divergence: [Regime: MetricSummary], ignoredEnvelopes: [String], solverDeviation: Double,
        processCost: [Regime: Double] = [:], notApplied: [String] = [],
        efficiency: [Regime: MetricSummary] = [:], distance: [Regime: MetricSummary] = [:]
    ) {
        self.processCost = processCost
        self.notApplied = notApplied
        self.efficiency = efficiency
        self.distance = distance
        self.scenario = scenario
        self.currency = currency
        self.total = total
        self.seed = seed
        self.runs = runs
        self.domains = domains
        self.divergence = divergence
        self.ignoredEnvelopes = ignoredEnvelopes
        self.solverDeviation = solverDeviation
    }
}
