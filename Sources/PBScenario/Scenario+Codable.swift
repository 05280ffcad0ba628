extension Scenario: Codable {
    private enum CodingKeys: String, CodingKey {
        case name, currency, seed, runs, budget, domains, districts, population, proposals, regimes, election
    }

    /// Decodes a scenario in the file's shape (e.g. from JSON) and checks it with ``validate()``.
    ///
    /// `seed`, `runs`, `districts`, `population`, `proposals` and `election` may be absent. No lines
    /// are known, so the issues of a thrown ``ScenarioError`` carry field paths only.
    ///
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: A `DecodingError` when a field is missing or has the wrong type, and
    ///   ``ScenarioError/invalid(_:)`` when the values do not pass validation.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            currency: try container.decode(String.self, forKey: .currency),
            seed: try container.decodeIfPresent(UInt64.self, forKey: .seed) ?? Self.defaultSeed,
            runs: try container.decodeIfPresent(Int.self, forKey: .runs) ?? Self.defaultRuns,
            budget: try container.decode(Budget.self, forKey: .budget),
            domains: try container.decodeIfPresent([DomainID].self, forKey: .domains) ?? [],
            districts: try container.decodeIfPresent([DistrictID].self, forKey: .districts) ?? [],
            population: try container.decodeIfPresent([Group].self, forKey: .population) ?? [],
            proposals: try container.decodeIfPresent([Proposal].self, forKey: .proposals) ?? [],
            regimes: try container.decode(Regimes.self, forKey: .regimes),
            election: try container.decodeIfPresent(Election.self, forKey: .election))
        try validate()
    }

    /// Encodes the scenario in the file's shape, with the file's key names (`cost_sigma`,
    /// `service-led`, …).
    ///
    /// - Parameter encoder: The encoder to write to.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(currency, forKey: .currency)
        try container.encode(seed, forKey: .seed)
        try container.encode(runs, forKey: .runs)
        try container.encode(budget, forKey: .budget)
        try container.encode(domains, forKey: .domains)
        try container.encode(districts, forKey: .districts)
        try container.encode(population, forKey: .population)
        try container.encode(proposals, forKey: .proposals)
        try container.encode(regimes, forKey: .regimes)
        try container.encodeIfPresent(election, forKey: .election)
    }
}
