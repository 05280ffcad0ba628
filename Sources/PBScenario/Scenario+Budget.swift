extension Scenario {
    /// The money to allocate: a total, optional envelopes, and optional saturation scales.
    ///
    /// ```yaml
    /// budget:
    ///   total: 1200000
    ///   envelopes:
    ///     - {district: north, max: 600000}
    ///     - {domain: green-space, min: 100000}
    ///   saturation: {education: 300000}
    /// ```
    ///
    /// A selection of proposals is within budget when the sum of their
    /// ``Proposal/effectiveCost`` is at most ``total`` and every envelope holds.
    public struct Budget: Sendable, Hashable, Codable {
        /// The total budget `B`, greater than 0, in the scenario's currency.
        public var total: Double

        /// Minimum and maximum spend per district or per domain (empty when there are none).
        public var envelopes: [Envelope]

        /// The saturation scale `s_k` per domain for the continuous allocation of MODEL.md section 4
        /// (diminishing returns `s_k * log(1 + x_k / s_k)`); each greater than 0, in the currency.
        ///
        /// A domain not listed uses `total / number of domains`; ``Scenario/saturationScale(of:)``
        /// applies that default.
        public var saturation: [DomainID: Double]

        /// What happens when realised costs overrun the budget (MODEL.md section 2.5): `absorb` (the
        /// default) only reports the realised spend; `cut` drops funded proposals in reverse selection
        /// order until the realised spend fits.
        public var overrun: Overrun

        /// Creates a budget.
        ///
        /// - Parameters:
        ///   - total: The total budget, greater than 0.
        ///   - envelopes: Minimum and maximum spend per district or domain.
        ///   - saturation: Saturation scales per domain, each greater than 0.
        ///   - overrun: What happens when realised costs overrun the budget.
        public init(
            total: Double, envelopes: [Envelope] = [], saturation: [DomainID: Double] = [:], overrun: Overrun = .absorb
        ) {
            self.total = total
            self.envelopes = envelopes
            self.saturation = saturation
            self.overrun = overrun
        }

        private enum CodingKeys: String, CodingKey {
            case total, envelopes, saturation, overrun
        }

        /// Decodes a budget; `envelopes` and `saturation` may be absent.
        ///
        /// Cross-field checks happen when the whole ``Scenario`` is decoded.
        ///
        /// - Parameter decoder: The decoder to read from.
        /// - Throws: A `DecodingError` when a field has the wrong type.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            total = try container.decode(Double.self, forKey: .total)
            envelopes = try container.decodeIfPresent([Envelope].self, forKey: .envelopes) ?? []
            saturation = try container.decodeIfPresent([DomainID: Double].self, forKey: .saturation) ?? [:]
            overrun = try container.decodeIfPresent(Overrun.self, forKey: .overrun) ?? .absorb
        }
    }

    /// What a cost overrun does to the funded proposals (MODEL.md section 2.5).
    public enum Overrun: String, Sendable, Hashable, Codable, CaseIterable {
        /// The overrun is paid from elsewhere: only the realised spend is reported (the default).
        case absorb
        /// Funded proposals are dropped, last selected first, until the realised spend fits the budget;
        /// their benefit is lost.
        case cut
    }

    /// What an envelope constrains: the spend in one district or in one domain.
    public enum EnvelopeTarget: Sendable, Hashable {
        /// The spend on proposals located in a district.
        case district(DistrictID)
        /// The spend attributed to a domain.
        case domain(DomainID)
    }

    /// A minimum and/or maximum spend for one district or one domain.
    ///
    /// ```yaml
    /// - {district: north, max: 600000}
    /// - {domain: green-space, min: 100000}
    /// ```
    ///
    /// At least one of ``min`` and ``max`` is present; both are at least 0 and `min <= max`. For each
    /// kind (districts, domains) the minimums add up to at most the total budget.
    public struct Envelope: Sendable, Hashable, Codable {
        /// The district or domain whose spend is bounded.
        public var target: EnvelopeTarget

        /// The least spend, in the currency, or `nil` for none.
        public var min: Double?

        /// The most spend, in the currency, or `nil` for none.
        public var max: Double?

        /// Creates an envelope.
        ///
        /// - Parameters:
        ///   - target: The district or domain whose spend is bounded.
        ///   - min: The least spend, or `nil`.
        ///   - max: The most spend, or `nil`.
        public init(target: EnvelopeTarget, min: Double? = nil, max: Double? = nil) {
            self.target = target
            self.min = min
            self.max = max
        }

        private enum CodingKeys: String, CodingKey {
            case district, domain, min, max
        }

        /// Decodes an envelope written as `{district: …}` or `{domain: …}` with `min` and/or `max`.
        ///
        /// - Parameter decoder: The decoder to read from.
        /// - Throws: A `DecodingError` unless exactly one of `district` and `domain` is present.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let district = try container.decodeIfPresent(DistrictID.self, forKey: .district)
            let domain = try container.decodeIfPresent(DomainID.self, forKey: .domain)
            switch (district, domain) {
            case (let district?, nil): target = .district(district)
            case (nil, let domain?): target = .domain(domain)
            default:
                throw DecodingError.dataCorruptedError(
                    forKey: .district, in: container,
                    debugDescription: "an envelope needs exactly one of 'district' and 'domain'")
            }
            min = try container.decodeIfPresent(Double.self, forKey: .min)
            max = try container.decodeIfPresent(Double.self, forKey: .max)
        }

        /// Encodes the envelope in the file's shape, `{district: …, min: …, max: …}`.
        ///
        /// - Parameter encoder: The encoder to write to.
        /// - Throws: Whatever the encoder throws.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch target {
            case .district(let district): try container.encode(district, forKey: .district)
            case .domain(let domain): try container.encode(domain, forKey: .domain)
            }
            try container.encodeIfPresent(min, forKey: .min)
            try container.encodeIfPresent(max, forKey: .max)
        }
    }
}
