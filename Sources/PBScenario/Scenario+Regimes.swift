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

        /// Creates the set of regimes.
        ///
        /// - Parameters:
        ///   - serviceLed: The service-led process.
        ///   - coProduced: The co-produced process.
        ///   - panel: An optional citizens' panel.
        ///   - blend: An optional blend sweep.
        public init(
            serviceLed: ServiceLedRegime,
            coProduced: CoProducedRegime,
            panel: PanelRegime? = nil,
            blend: BlendRegime? = nil
        ) {
            self.serviceLed = serviceLed
            self.coProduced = coProduced
            self.panel = panel
            self.blend = blend
        }

        private enum CodingKeys: String, CodingKey {
            case serviceLed = "service-led"
            case coProduced = "co-produced"
            case panel, blend
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
    /// visibility and a multiplicative information noise.
    ///
    /// They see `Nhat[g][k] = v_g * N[g][k] * exp(sigma_s * z - sigma_s^2 / 2)` with `z ~ Normal(0, 1)`.
    public struct ServiceLedRegime: Sendable, Hashable, Codable {
        /// The information noise `sigma_s >= 0` (lognormal sigma of the needs assessment).
        public var informationNoise: Double

        /// The selection rule.
        public var rule: ServiceLedRule

        /// Creates a service-led regime.
        ///
        /// - Parameters:
        ///   - informationNoise: The information noise, at least 0.
        ///   - rule: The selection rule.
        public init(informationNoise: Double, rule: ServiceLedRule) {
            self.informationNoise = informationNoise
            self.rule = rule
        }

        private enum CodingKeys: String, CodingKey {
            case informationNoise = "information_noise"
            case rule
        }
    }

    // MARK: - Co-produced

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

    /// The people decide: members of each group take part with the group's participation rate, perceive
    /// their own benefit with a small noise, and vote.
    ///
    /// A participant perceives `utilde = u * exp(sigma_c * z - sigma_c^2 / 2)`. In a scenario with an
    /// ``Election`` the real ballots are used instead, and only ``rule`` matters.
    public struct CoProducedRegime: Sendable, Hashable, Codable {
        /// The perception noise `sigma_c >= 0` of participants about their own benefit.
        public var perceptionNoise: Double

        /// The kind of ballot participants cast.
        public var ballot: Ballot

        /// The rule applied to the ballots.
        public var rule: CoProducedRule

        /// The size of a sampled electorate (at least 1), or `nil` to draw each group's participants
        /// binomially from its size and participation rate.
        public var electorate: Int?

        /// Creates a co-produced regime.
        ///
        /// - Parameters:
        ///   - perceptionNoise: The perception noise, at least 0.
        ///   - ballot: The kind of ballot.
        ///   - rule: The rule applied to the ballots.
        ///   - electorate: The size of a sampled electorate, or `nil`.
        public init(perceptionNoise: Double, ballot: Ballot, rule: CoProducedRule, electorate: Int? = nil) {
            self.perceptionNoise = perceptionNoise
            self.ballot = ballot
            self.rule = rule
            self.electorate = electorate
        }

        private enum CodingKeys: String, CodingKey {
            case perceptionNoise = "perception_noise"
            case rule, electorate
        }

        /// Decodes the regime; the ballot reads its own keys from the same mapping.
        ///
        /// - Parameter decoder: The decoder to read from.
        /// - Throws: A `DecodingError` when a field is missing or has the wrong type.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            perceptionNoise = try container.decode(Double.self, forKey: .perceptionNoise)
            rule = try container.decode(CoProducedRule.self, forKey: .rule)
            electorate = try container.decodeIfPresent(Int.self, forKey: .electorate)
            ballot = try Ballot(from: decoder)
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
            try ballot.encode(to: encoder)
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

        /// Creates a panel regime.
        ///
        /// - Parameters:
        ///   - size: The number of members, at least 1.
        ///   - sampling: How members are drawn.
        public init(size: Int, sampling: PanelSampling) {
            self.size = size
            self.sampling = sampling
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
}
