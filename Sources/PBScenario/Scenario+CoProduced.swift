// The co-produced process: its rules, ballots, weighting and outreach, and the regime that holds them.

extension Scenario {
    /// The participatory budgeting rule a co-produced process applies to the ballots.
    public enum CoProducedRule: String, Sendable, Hashable, Codable, CaseIterable {
        /// Greedy by votes (approval) or points (cumulative, cardinal), skipping what no longer fits.
        case greedy
        /// The Method of Equal Shares (Peters, Pierczyński and Skowron 2021), without completion.
        case mes
        /// The Method of Equal Shares completed by the "add1" heuristic: the virtual budget is raised
        /// while the outcome still fits the real budget.
        case mesAdd1 = "mes-add1"
        /// `mes-add1`, then greedy completion of any budget left over.
        case mesAdd1Greedy = "mes-add1-greedy"
        /// The exact maximum of the ballots' total score within the budget and envelopes.
        case maxWelfare = "max-welfare"
        /// Sequential Phragmén (approval ballots).
        case phragmen

        /// The rule when the file names none: `mes-add1-greedy` (MES completed as cities run it) for
        /// approval ballots; `mes` for cumulative and cardinal ballots, where Add1 is not defined.
        public static func defaultRule(for ballot: Ballot) -> CoProducedRule {
            if case .approval = ballot { return .mesAdd1Greedy }
            return .mes
        }
    }

    /// How an approval ballot turns perceived benefits into approvals.
    public enum ApprovalCriterion: Sendable, Hashable, Codable {
        /// Approve every proposal whose perceived per-person benefit is at least this threshold `tau >= 0`.
        case threshold(Double)
        /// Approve the proposals with the `m >= 1` highest perceived benefits.
        case top(Int)
    }

    /// The kind of ballot participants cast from their perceived benefits.
    ///
    /// In the file it is the `ballot` key of `co-produced` with its companion key:
    /// `ballot: approval` with `threshold: 0.2` or `top: 3`; `ballot: cumulative` with `points: 10`
    /// (the default); or `ballot: cardinal`.
    public enum Ballot: Sendable, Hashable, Codable {
        /// Approve proposals by threshold or top-`m`.
        case approval(ApprovalCriterion)
        /// Spread `points >= 1` in proportion to the perceived benefits.
        case cumulative(points: Int)
        /// Each participant's perceived benefit of every proposal, as a score.
        case cardinal

        /// The number of points of a cumulative ballot when the file gives none.
        public static let defaultPoints = 10

        /// The ballot kind as written in the file: `approval`, `cumulative` or `cardinal`.
        public var kind: String {
            switch self {
            case .approval: "approval"
            case .cumulative: "cumulative"
            case .cardinal: "cardinal"
            }
        }

        private enum CodingKeys: String, CodingKey {
            case ballot, threshold, top, points
        }

        /// Decodes a ballot from the `ballot` key and its companion key of the enclosing mapping.
        ///
        /// - Parameter decoder: The decoder of the enclosing `co-produced` mapping.
        /// - Throws: A `DecodingError` when the kind is unknown or its companion key is missing.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            switch try container.decode(String.self, forKey: .ballot) {
            case "approval":
                if let threshold = try container.decodeIfPresent(Double.self, forKey: .threshold) {
                    self = .approval(.threshold(threshold))
                } else {
                    self = .approval(.top(try container.decode(Int.self, forKey: .top)))
                }
            case "cumulative":
                self = .cumulative(
                    points: try container.decodeIfPresent(Int.self, forKey: .points) ?? Self.defaultPoints)
            case "cardinal":
                self = .cardinal
            case let other:
                throw DecodingError.dataCorruptedError(
                    forKey: .ballot, in: container, debugDescription: "unknown ballot '\(other)'")
            }
        }

        /// Encodes the ballot as the `ballot` key and its companion key of the enclosing mapping.
        ///
        /// - Parameter encoder: The encoder of the enclosing `co-produced` mapping.
        /// - Throws: Whatever the encoder throws.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .ballot)
            switch self {
            case .approval(.threshold(let threshold)): try container.encode(threshold, forKey: .threshold)
            case .approval(.top(let top)): try container.encode(top, forKey: .top)
            case .cumulative(let points): try container.encode(points, forKey: .points)
            case .cardinal: break
            }
        }
    }

    /// How the co-produced process weighs each participant's ballot (MODEL.md section 2.3).
    public enum Weighting: String, Sendable, Hashable, Codable, CaseIterable {
        /// Every ballot weighs 1 (the default).
        case none
        /// A participant of group `g` weighs `(n_g / sum n) / (P_g / sum P)` with `P_g` the group's
        /// participants in the run: every group counts in proportion to its population.
        case census
        /// The census weight times the group's assessed need relative to the mean group's
        /// (`Nbar_g / mean_h Nbar_h`, `Nbar_g = sum_k Nhat[g][k]` from the officers' assessment).
        case need
    }

    /// Outreach (MODEL.md section 2.3): named groups' participation raised to given rates for a cost
    /// the co-produced process pays from its budget.
    ///
    /// ```yaml
    /// outreach: {cost: 20000, participation: {carers: 0.3, new-arrivals: 0.25}}
    /// ```
    public struct Outreach: Sendable, Hashable, Codable {
        /// What the outreach costs, at least 0, taken from the budget before the vote chooses.
        public var cost: Double
        /// The participation rate in `[0, 1]` each named group reaches (a group whose own rate is
        /// higher keeps it).
        public var participation: [GroupID: Double]

        /// Creates an outreach programme.
        ///
        /// - Parameters:
        ///   - cost: Its cost, at least 0.
        ///   - participation: The rates named groups reach, each in `[0, 1]`.
        public init(cost: Double, participation: [GroupID: Double]) {
            self.cost = cost
            self.participation = participation
        }
    }

    /// The people decide: members of each group take part with the group's participation rate, perceive
    /// their benefit through a shared view of their group's needs and an individual noise, and vote
    /// (MODEL.md section 2.1).
    ///
    /// A participant `p` of group `g` perceives `utilde[p][j] = r[j][g] * a_j * sum_k etilde[j][k] *
    /// Ntilde[g][k] * LN(perception_noise)`, with `Ntilde[g][k] = N[g][k] * LN(shared_noise)` (one draw
    /// per group and domain), `etilde[j][k] = e[j][k] * LN(effect_noise)` (one draw per proposal and
    /// domain) and the last factor one draw per participant and proposal. In a scenario with an
    /// ``Election`` the real ballots are used instead, and only ``rule`` matters.
    public struct CoProducedRegime: Sendable, Hashable, Codable {
        /// The individual perception noise `>= 0` of each participant about each proposal.
        public var perceptionNoise: Double

        /// The kind of ballot participants cast.
        public var ballot: Ballot

        /// The rule applied to the ballots.
        public var rule: CoProducedRule

        /// The size of a sampled electorate (at least 1), or `nil` to draw each group's participants
        /// binomially from its size and participation rate.
        public var electorate: Int?

        /// The shared noise `>= 0` of a group's common view of its own needs (default 0: residents
        /// know their group's needs exactly, the lived-experience claim at full strength).
        public var sharedNoise: Double

        /// The effect noise `>= 0` of the public's knowledge of what each proposal achieves (default 0).
        public var effectNoise: Double

        /// How ballots are weighted (default ``Weighting/none``).
        public var weighting: Weighting

        /// Outreach to named groups, or `nil` for none.
        public var outreach: Outreach?

        /// Whether participants perceive a proposal's benefit times `1 - delivery_risk` (default `true`).
        public var discountsRisk: Bool

        /// What running the vote costs, at least 0, taken from the budget before it chooses (MODEL.md
        /// section 2.6; default 0).
        public var processCost: Double

        /// Creates a co-produced regime.
        ///
        /// - Parameters:
        ///   - perceptionNoise: The individual perception noise, at least 0.
        ///   - ballot: The kind of ballot.
        ///   - rule: The rule applied to the ballots.
        ///   - electorate: The size of a sampled electorate, or `nil`.
        ///   - sharedNoise: The shared noise of each group's view of its needs, at least 0.
        ///   - effectNoise: The effect noise, at least 0.
        ///   - weighting: How ballots are weighted.
        ///   - outreach: Outreach to named groups, or `nil`.
        ///   - discountsRisk: Whether participants discount the delivery risk.
        ///   - processCost: What running the vote costs, at least 0.
        public init(
            perceptionNoise: Double, ballot: Ballot, rule: CoProducedRule, electorate: Int? = nil,
            sharedNoise: Double = 0, effectNoise: Double = 0, weighting: Weighting = .none, outreach: Outreach? = nil,
            discountsRisk: Bool = true, processCost: Double = 0
        ) {
            self.perceptionNoise = perceptionNoise
            self.ballot = ballot
            self.rule = rule
            self.electorate = electorate
            self.sharedNoise = sharedNoise
            self.effectNoise = effectNoise
            self.weighting = weighting
            self.outreach = outreach
            self.discountsRisk = discountsRisk
            self.processCost = processCost
        }

        /// What the process takes from the budget before it chooses: its process cost and its
        /// outreach's cost.
        public var overhead: Double { processCost + (outreach?.cost ?? 0) }

        private enum CodingKeys: String, CodingKey {
            case perceptionNoise = "perception_noise"
            case rule, electorate
            case sharedNoise = "shared_noise"
            case effectNoise = "effect_noise"
            case weighting, outreach
            case discountsRisk = "discounts_risk"
            case processCost = "process_cost"
        }

        /// Decodes the regime; the ballot reads its own keys from the same mapping.
        ///
        /// - Parameter decoder: The decoder to read from.
        /// - Throws: A `DecodingError` when a field is missing or has the wrong type.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            perceptionNoise = try container.decode(Double.self, forKey: .perceptionNoise)
            electorate = try container.decodeIfPresent(Int.self, forKey: .electorate)
            sharedNoise = try container.decodeIfPresent(Double.self, forKey: .sharedNoise) ?? 0
            effectNoise = try container.decodeIfPresent(Double.self, forKey: .effectNoise) ?? 0
            weighting = try container.decodeIfPresent(Weighting.self, forKey: .weighting) ?? .none
            outreach = try container.decodeIfPresent(Outreach.self, forKey: .outreach)
            discountsRisk = try container.decodeIfPresent(Bool.self, forKey: .discountsRisk) ?? true
            processCost = try container.decodeIfPresent(Double.self, forKey: .processCost) ?? 0
            ballot = try Ballot(from: decoder)
            rule = try container.decodeIfPresent(CoProducedRule.self, forKey: .rule) ?? .defaultRule(for: ballot)
        }

        /// Encodes the regime as one flat mapping, as in the file.
        ///
        /// - Parameter encoder: The encoder to write to.
        /// - Throws: Whatever the encoder throws.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(perceptionNoise, forKey: .perceptionNoise)
            try container.encode(rule, forKey: .rule)
            try container.encodeIfPresent(electorate, forKey: .electorate)
            try container.encode(sharedNoise, forKey: .sharedNoise)
            try container.encode(effectNoise, forKey: .effectNoise)
            try container.encode(weighting, forKey: .weighting)
            try container.encodeIfPresent(outreach, forKey: .outreach)
            try container.encode(discountsRisk, forKey: .discountsRisk)
            try container.encode(processCost, forKey: .processCost)
            try ballot.encode(to: encoder)
        }
    }
}
