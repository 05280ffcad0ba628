extension Scenario {
    /// Where a proposal came from.
    public enum Origin: String, Sendable, Hashable, Codable, CaseIterable {
        /// Put forward by residents or community groups.
        case community
        /// Put forward by the council or a public service.
        case service
    }

    /// Who delivers a proposal once it is funded.
    public enum Delivery: String, Sendable, Hashable, Codable, CaseIterable {
        /// Delivered by the public service alone.
        case service
        /// Designed and delivered by the service together with the people who use it.
        case coDelivered = "co-delivered"
        /// Delivered by the community itself (e.g. an association taking over a hall).
        case communityLed = "community-led"
    }

    /// A proposal `j` that the budget could fund.
    ///
    /// ```yaml
    /// - id: youth-hub
    ///   title: Youth hub in the old library
    ///   cost: 240000
    ///   cost_sigma: 0.15
    ///   district: north
    ///   effects: {education: 0.6, culture: 0.3}
    ///   reach: {families-north: 0.5}
    ///   origin: community
    ///   delivery: community-led
    ///   in_kind: 0.1
    ///   appropriateness: 1.1
    /// ```
    ///
    /// The budget constraint uses ``effectiveCost``, the cost less the share the community covers in
    /// kind. The true per-person benefit to a group is ``Scenario/trueBenefit(proposal:group:)``.
    public struct Proposal: Sendable, Hashable, Codable, Identifiable {
        /// The proposal's id, unique among proposals.
        public var id: ProposalID

        /// A short human-readable title.
        public var title: String

        /// The planned cost `c_j`, greater than 0, in the scenario's currency (before any in-kind share).
        public var cost: Double

        /// The lognormal sigma (at least 0) of the real cost around ``cost``; 0 means the cost is certain.
        ///
        /// A realised cost is `cost * exp(cost_sigma * z - cost_sigma^2 / 2)` with `z ~ Normal(0, 1)`,
        /// whose mean is ``cost``; the in-kind share applies to it as to the planned cost.
        public var costSigma: Double

        /// The district the proposal is located in, or `nil` for a city-wide proposal.
        public var district: DistrictID?

        /// The effectiveness `e[j][k]` in `[0, 1]` per domain it works in (domains not listed: 0).
        public var effects: [DomainID: Double]

        /// Overrides of the default reach `r[j][g]` in `[0, 1]`, per group.
        ///
        /// See ``Scenario/reach(of:for:)`` for the default.
        public var reach: [GroupID: Double]

        /// Who put the proposal forward.
        public var origin: Origin

        /// Who delivers it.
        public var delivery: Delivery

        /// The share of the cost in `[0, 1)` that the community covers in kind (volunteer time, donated
        /// space); only co-delivered and community-led proposals may have one. Default 0.
        public var inKind: Double

        /// The appropriateness factor `a_j > 0` on the proposal's benefit. Default 1.
        public var appropriateness: Double

        /// The delivery risk `q_j` in `[0, 1)` (MODEL.md section 2.5): the chance that a funded
        /// proposal delivers nothing while still costing its effective cost. Default 0.
        public var deliveryRisk: Double

        /// Creates a proposal.
        ///
        /// - Parameters:
        ///   - id: The proposal's id.
        ///   - title: A short title.
        ///   - cost: The planned cost, greater than 0.
        ///   - costSigma: The lognormal sigma of the real cost, at least 0.
        ///   - district: The proposal's district, or `nil` for city-wide.
        ///   - effects: The effectiveness per domain, each in `[0, 1]`.
        ///   - reach: Overrides of the default reach per group, each in `[0, 1]`.
        ///   - origin: Who put the proposal forward.
        ///   - delivery: Who delivers it.
        ///   - inKind: The share of the cost covered in kind, in `[0, 1)`.
        ///   - appropriateness: The benefit factor, greater than 0.
        ///   - deliveryRisk: The chance that the funded proposal delivers nothing, in `[0, 1)`.
        public init(
            id: ProposalID,
            title: String,
            cost: Double,
            costSigma: Double = 0,
            district: DistrictID? = nil,
            effects: [DomainID: Double],
            reach: [GroupID: Double] = [:],
            origin: Origin,
            delivery: Delivery,
            inKind: Double = 0,
            appropriateness: Double = 1,
            deliveryRisk: Double = 0
        ) {
            self.id = id
            self.title = title
            self.cost = cost
            self.costSigma = costSigma
            self.district = district
            self.effects = effects
            self.reach = reach
            self.origin = origin
            self.delivery = delivery
            self.inKind = inKind
            self.appropriateness = appropriateness
            self.deliveryRisk = deliveryRisk
        }

        /// The cost the budget pays: `cost * (1 - in_kind)`.
        ///
        /// Budget and envelope constraints, budget use and the "can the budget fund any proposal" check
        /// all use this cost.
        public var effectiveCost: Double {
            cost * (1 - inKind)
        }

        private enum CodingKeys: String, CodingKey {
            case id, title, cost, district, effects, reach, origin, delivery, appropriateness
            case costSigma = "cost_sigma"
            case inKind = "in_kind"
            case deliveryRisk = "delivery_risk"
        }

        /// Decodes a proposal; `cost_sigma`, `district`, `reach`, `in_kind`, `appropriateness` and
        /// `delivery_risk` may be absent and take their defaults.
        ///
        /// - Parameter decoder: The decoder to read from.
        /// - Throws: A `DecodingError` when a field is missing or has the wrong type.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(ProposalID.self, forKey: .id)
            title = try container.decode(String.self, forKey: .title)
            cost = try container.decode(Double.self, forKey: .cost)
            costSigma = try container.decodeIfPresent(Double.self, forKey: .costSigma) ?? 0
            district = try container.decodeIfPresent(DistrictID.self, forKey: .district)
            effects = try container.decode([DomainID: Double].self, forKey: .effects)
            reach = try container.decodeIfPresent([GroupID: Double].self, forKey: .reach) ?? [:]
            origin = try container.decode(Origin.self, forKey: .origin)
            delivery = try container.decode(Delivery.self, forKey: .delivery)
            inKind = try container.decodeIfPresent(Double.self, forKey: .inKind) ?? 0
            appropriateness = try container.decodeIfPresent(Double.self, forKey: .appropriateness) ?? 1
            deliveryRisk = try container.decodeIfPresent(Double.self, forKey: .deliveryRisk) ?? 0
        }
    }
}
