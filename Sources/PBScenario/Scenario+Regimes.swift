extension Scenario {
    /// The decision processes a scenario compares (MODEL.md section 2).
    ///
    /// ```yaml
    /// regimes:
    ///   service-led: {information_noise: 0.3, rule: greedy}
    ///   co-produced: {perception_noise: 0.05, ballot: approval, threshold: 0.2, rule: mes}
    ///   panel: {size: 40, sampling: stratified}
    ///   blend: {lambdas: [0, 0.25, 0.5, 0.75, 1]}
    /// ```
    public struct Regimes: Sendable, Hashable, Codable {
        /// Professionals score proposals from a needs assessment.
        public var serviceLed: ServiceLedRegime

        /// The people decide by voting.
        public var coProduced: CoProducedRegime

        /// A citizens' panel drawn from the population, if the scenario has one.
        public var panel: PanelRegime?

        /// A sweep of blends between the service-led and co-produced scores, if the scenario has one.
        public var blend: BlendRegime?

        /// A sweep of two-pot splits (a share of the budget to the co-produced process first, the rest
        /// to the service-led one), if the scenario has one.
        public var split: SplitRegime?

        /// Creates the set of regimes.
        ///
        /// - Parameters:
        ///   - serviceLed: The service-led process.
        ///   - coProduced: The co-produced process.
        ///   - panel: An optional citizens' panel.
        ///   - blend: An optional blend sweep.
        ///   - split: An optional two-pot split sweep.
        public init(
            serviceLed: ServiceLedRegime,
            coProduced: CoProducedRegime,
            panel: PanelRegime? = nil,
            blend: BlendRegime? = nil,
            split: SplitRegime? = nil
        ) {
            self.serviceLed = serviceLed
            self.coProduced = coProduced
            self.panel = panel
            self.blend = blend
            self.split = split
        }

        private enum CodingKeys: String, CodingKey {
            case serviceLed = "service-led"
            case coProduced = "co-produced"
            case panel, blend, split
        }
    }

    // MARK: - Service-led

    /// The rule a service-led process uses to pick proposals from its estimated welfare.
    public enum ServiceLedRule: String, Sendable, Hashable, Codable, CaseIterable {
        /// Greedy by estimated welfare per effective cost, skipping what no longer fits.
        case greedy
        /// The exact maximum of estimated welfare within the budget and envelopes.
        case maxWelfare = "max-welfare"
    }

    /// Professionals score proposals from a needs assessment that sees each group through its
    /// visibility and a multiplicative information noise, and judge each proposal's effects with an
    /// effect noise (MODEL.md section 2.1).
    ///
    /// They see `Nhat[g][k] = v_g * N[g][k] * LN(information_noise)` (one draw per group and domain),
    /// `ehat[j][k] = e[j][k] * LN(effect_noise)` (one draw per proposal and domain) and the
    /// appropriateness `a_j` when ``seesAppropriateness`` (else 1), where `LN(s) = exp(s z - s^2 / 2)`.
    public struct ServiceLedRegime: Sendable, Hashable, Codable {
        /// The information noise `sigma_s >= 0` (lognormal sigma of the needs assessment).
        public var informationNoise: Double

        /// The selection rule.
        public var rule: ServiceLedRule

        /// The effect noise `>= 0`: how far the officers' judgement of what each proposal achieves is
        /// off (lognormal sigma, default 0: professionals know what works).
        public var effectNoise: Double

        /// Whether the officers see each proposal's appropriateness `a_j` (default `true`); when not,
        /// they score it as 1.
        public var seesAppropriateness: Bool

        /// The chance in `[0, 1]` that the officers ever see a `community`-origin proposal, drawn per
        /// proposal per run (MODEL.md section 2.2; default 1). Officers cannot fund what they never saw.
        public var discovery: Double

        /// Whether the officers score a proposal's benefit times `1 - delivery_risk` (default `true`).
        public var discountsRisk: Bool

        /// Creates a service-led regime.
        ///
        /// - Parameters:
        ///   - informationNoise: The information noise, at least 0.
        ///   - rule: The selection rule.
        ///   - effectNoise: The effect noise, at least 0.
        ///   - seesAppropriateness: Whether officers see appropriateness.
        ///   - discovery: The chance that officers see a community proposal, in `[0, 1]`.
        ///   - discountsRisk: Whether officers discount the delivery risk.
        public init(
            informationNoise: Double, rule: ServiceLedRule, effectNoise: Double = 0, seesAppropriateness: Bool = true,
            discovery: Double = 1, discountsRisk: Bool = true
        ) {
            self.informationNoise = informationNoise
            self.rule = rule
            self.effectNoise = effectNoise
            self.seesAppropriateness = seesAppropriateness
            self.discovery = discovery
            self.discountsRisk = discountsRisk
        }

        private enum CodingKeys: String, CodingKey {
            case informationNoise = "information_noise"
            case rule
            case effectNoise = "effect_noise"
            case seesAppropriateness = "sees_appropriateness"
            case discovery
            case discountsRisk = "discounts_risk"
        }

        /// Decodes the regime; the v2 fields are optional.
        ///
        /// - Parameter decoder: The decoder to read from.
        /// - Throws: A `DecodingError` when a field is missing or has the wrong type.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            informationNoise = try container.decode(Double.self, forKey: .informationNoise)
            rule = try container.decode(ServiceLedRule.self, forKey: .rule)
            effectNoise = try container.decodeIfPresent(Double.self, forKey: .effectNoise) ?? 0
            seesAppropriateness = try container.decodeIfPresent(Bool.self, forKey: .seesAppropriateness) ?? true
            discovery = try container.decodeIfPresent(Double.self, forKey: .discovery) ?? 1
            discountsRisk = try container.decodeIfPresent(Bool.self, forKey: .discountsRisk) ?? true
        }
    }

    // MARK: - Panel and blend

    /// How a citizens' panel is drawn from the population.
    public enum PanelSampling: String, Sendable, Hashable, Codable, CaseIterable {
        /// Each member is drawn from the whole population, in proportion to group size.
        case random
        /// Seats are allocated to groups in proportion to their size, then filled from each group.
        case stratified
    }

    /// A citizens' panel whose pooled perceived needs score the proposals.
    public struct PanelRegime: Sendable, Hashable, Codable {
        /// The number of panel members `P`, at least 1.
        public var size: Int

        /// How members are drawn.
        public var sampling: PanelSampling

        /// How far the panel hears the officers' evidence on effects, in `[0, 1]` (MODEL.md section
        /// 2.1; default 0): its effect knowledge is `etilde^(1-d) * ehat^d`.
        public var deliberation: Double

        /// Whether the panel scores a proposal's benefit times `1 - delivery_risk` (default `true`).
        public var discountsRisk: Bool

        /// What running the panel costs, at least 0, taken from the budget before it chooses (default 0).
        public var processCost: Double

        /// Creates a panel regime.
        ///
        /// - Parameters:
        ///   - size: The number of members, at least 1.
        ///   - sampling: How members are drawn.
        ///   - deliberation: How far the panel hears the officers' evidence, in `[0, 1]`.
        ///   - discountsRisk: Whether the panel discounts the delivery risk.
        ///   - processCost: What running the panel costs, at least 0.
        public init(
            size: Int, sampling: PanelSampling, deliberation: Double = 0, discountsRisk: Bool = true,
            processCost: Double = 0
        ) {
            self.size = size
            self.sampling = sampling
            self.deliberation = deliberation
            self.discountsRisk = discountsRisk
            self.processCost = processCost
        }

        private enum CodingKeys: String, CodingKey {
            case size, sampling, deliberation
            case discountsRisk = "discounts_risk"
            case processCost = "process_cost"
        }

        /// Decodes a panel; the v2 fields are optional.
        ///
        /// - Parameter decoder: The decoder to read from.
        /// - Throws: A `DecodingError` when a field is missing or has the wrong type.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            size = try container.decode(Int.self, forKey: .size)
            sampling = try container.decode(PanelSampling.self, forKey: .sampling)
            deliberation = try container.decodeIfPresent(Double.self, forKey: .deliberation) ?? 0
            discountsRisk = try container.decodeIfPresent(Bool.self, forKey: .discountsRisk) ?? true
            processCost = try container.decodeIfPresent(Double.self, forKey: .processCost) ?? 0
        }
    }

    /// A sweep of blended regimes: score `(1 - lambda) * service-led + lambda * co-produced`, each
    /// normalised to sum 1 over proposals.
    public struct BlendRegime: Sendable, Hashable, Codable {
        /// The blend weights `lambda`, each in `[0, 1]` (0 is service-led, 1 co-produced); at least one.
        public var lambdas: [Double]

        /// Creates a blend sweep.
        ///
        /// - Parameter lambdas: The blend weights, each in `[0, 1]`.
        public init(lambdas: [Double]) {
            self.lambdas = lambdas
        }
    }

    /// What happens to money the co-produced pot of a split leaves unspent.
    public enum SplitLeftover: String, Sendable, Hashable, Codable, CaseIterable {
        /// It stays unspent (the default): with share 1 the split is exactly the co-produced process.
        case unspent
        /// It goes to the service-led pot.
        case service
    }

    /// A sweep of two-pot splits (MODEL.md section 2.4): for each share `s`, the co-produced process
    /// decides a pot of `s * B` first, then the service-led process decides the rest over the
    /// proposals not yet funded.
    ///
    /// ```yaml
    /// split: {shares: [0.1, 0.25, 0.5], leftover: service}
    /// ```
    public struct SplitRegime: Sendable, Hashable, Codable {
        /// The shares `s` of the budget put to the residents' vote, each in `[0, 1]`; at least one.
        public var shares: [Double]

        /// Where the co-produced pot's unspent money goes.
        public var leftover: SplitLeftover

        /// Creates a split sweep.
        ///
        /// - Parameters:
        ///   - shares: The shares, each in `[0, 1]`.
        ///   - leftover: Where the first pot's unspent money goes.
        public init(shares: [Double], leftover: SplitLeftover = .unspent) {
            self.shares = shares
            self.leftover = leftover
        }

        private enum CodingKeys: String, CodingKey {
            case shares, leftover
        }

        /// Decodes a split; `leftover` is optional.
        ///
        /// - Parameter decoder: The decoder to read from.
        /// - Throws: A `DecodingError` when `shares` is missing or a field has the wrong type.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            shares = try container.decode([Double].self, forKey: .shares)
            leftover = try container.decodeIfPresent(SplitLeftover.self, forKey: .leftover) ?? .unspent
        }
    }
}
