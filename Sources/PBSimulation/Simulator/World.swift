public import PBRules
public import PBScenario

/// A scenario's world laid out in dense arrays, computed once per simulation and shared by every run.
///
/// Indices follow the canonical order of MODEL.md section 1 (``PBScenario/Scenario/canonicalized()``):
/// groups, proposals, domains and districts by id in UTF-8 byte order, never in file order, so that
/// permuting a list in the file changes nothing. Matrices are flat, row-major arrays.
///
/// ```swift
/// let world = try World(scenario: scenario)
/// world.trueWelfare[j]   // W({j}) = sum_g n_g * u[j][g]
/// ```
///
/// Every sum that a property test compares for equality (true welfare against estimated welfare at zero
/// noise) is computed in the same order here and in the regimes, so equal inputs give equal bits.
public struct World: Sendable {
    /// The number of population groups.
    public let groupCount: Int
    /// The number of proposals.
    public let proposalCount: Int
    /// The number of domains.
    public let domainCount: Int
    /// The number of districts.
    public let districtCount: Int

    /// The group sizes `n_g`, as integers.
    public let sizes: [Int]
    /// The group sizes `n_g`, as doubles.
    public let weights: [Double]
    /// The whole population, `sum_g n_g`.
    public let population: Double
    /// The participation rates `t_g`.
    public let participation: [Double]
    /// The visibilities `v_g`.
    public let visibility: [Double]
    /// Whether each group is seldom heard (its `seldom_heard` flag, by default `v_g < 0.5`).
    public let seldomHeard: [Bool]
    /// The true needs, `needs[g * domainCount + k] = N[g][k]`.
    public let needs: [Double]
    /// Each group's total need `need_g = sum_k N[g][k]`.
    public let totalNeed: [Double]
    /// Each group's district index, or `nil` for a group spread over the whole area.
    public let groupDistrict: [Int?]

    /// The effectiveness, `effects[j * domainCount + k] = e[j][k]`.
    public let effects: [Double]
    /// The reach, `reach[j * groupCount + g] = r[j][g]`.
    public let reach: [Double]
    /// The appropriateness factors `a_j`.
    public let appropriateness: [Double]
    /// The true per-person benefits, `benefit[j * groupCount + g] = u[j][g]` (the scenario's
    /// ``Scenario/trueBenefitMatrix()``, to the last bit).
    public let benefit: [Double]
    /// The true welfare of each proposal alone, `W({j}) = sum_g n_g * u[j][g]`, summed in group order.
    public let trueWelfare: [Double]
    /// For each proposal, the groups it reaches (`r[j][g] > 0`), ascending.
    public let reachedGroups: [[Int]]

    /// The planned costs `c_j` before any in-kind share.
    public let costs: [Double]
    /// The effective costs `c_j * (1 - in_kind_j)`: what the budget pays.
    public let effectiveCosts: [Double]
    /// The in-kind shares.
    public let inKind: [Double]
    /// The lognormal sigma of each proposal's real cost (0 for a certain cost).
    public let costSigma: [Double]
    /// Each proposal's district index, or `nil` for a city-wide proposal.
    public let proposalDistrict: [Int?]
    /// Each proposal's delivery risk `q_j` (MODEL.md section 2.5).
    public let deliveryRisk: [Double]
    /// Whether each proposal is of `community` origin (MODEL.md section 2.2).
    public let isCommunity: [Bool]
    /// Each proposal's share of spend in each domain, `domainShares[j * domainCount + k]` (the scenario's
    /// ``Scenario/domainShares(of:)``).
    public let domainShares: [Double]

    /// The total budget `B`.
    public let budget: Double
    /// The budget's envelopes as linear constraints on the 0/1 funding choices, in file order.
    public let envelopes: [LinearEnvelope]

    /// Each district's share of total need, `sum_{g in d} n_g need_g / sum_g n_g need_g`, with one
    /// last entry for the groups without a district.
    public let districtNeedShares: [Double]
    /// Each domain's share of total need, `sum_g n_g N[g][k] / sum_{g,k} n_g N[g][k]`.
    public let domainNeedShares: [Double]

    /// The proposal ids, in order.
    public let proposalIDs: [Scenario.ProposalID]
    /// The group ids, in order.
    public let groupIDs: [Scenario.GroupID]
    /// The domain ids, in order.
    public let domainIDs: [Scenario.DomainID]
    /// The district ids, in order.
    public let districtIDs: [Scenario.DistrictID]

    /// Lays out a scenario's world.
    ///
    /// The envelope coefficients follow the scenario's convention: a district envelope counts the
    /// effective cost of each proposal located in the district (city-wide proposals count towards no
    /// district); a domain envelope counts each proposal's effective cost times its
    /// ``Scenario/domainShares(of:)`` in the domain.
    ///
    /// - Parameter scenario: A validated scenario with a population and proposals (not an election), in
    ///   any order (it is put in canonical order first).
    /// - Complexity: O(*j* × *g* × *k*).
    public init(scenario: Scenario) {
        let scenario = scenario.canonicalized()
        let domainIndex = scenario.domainIndex
        let districtIndex = scenario.districtIndex
        groupCount = scenario.population.count
        proposalCount = scenario.proposals.count
        domainCount = scenario.domains.count
        districtCount = scenario.districts.count
        sizes = scenario.population.map(\.size)
        weights = sizes.map(Double.init)
        population = weights.reduce(0, +)
        participation = scenario.population.map(\.participation)
        visibility = scenario.population.map(\.visibility)
        seldomHeard = scenario.population.map(\.isSeldomHeard)
        needs = scenario.needMatrix().flatMap { $0 }
        totalNeed = scenario.population.map { scenario.totalNeed(of: $0) }
        groupDistrict = scenario.population.map { group in group.district.flatMap { districtIndex[$0] } }
        effects = scenario.effectMatrix().flatMap { $0 }
        reach = scenario.reachMatrix().flatMap { $0 }
        appropriateness = scenario.proposals.map(\.appropriateness)
        let benefitRows = scenario.trueBenefitMatrix()
        benefit = benefitRows.flatMap { $0 }
        let weights = self.weights
        trueWelfare = benefitRows.map { row in
            var sum = 0.0
            for g in row.indices { sum += weights[g] * row[g] }
            return sum
        }
        let groupCount = self.groupCount
        let reach = self.reach
        reachedGroups = (0..<proposalCount).map { j in
            (0..<groupCount).filter { reach[j * groupCount + $0] > 0 }
        }
        costs = scenario.proposals.map(\.cost)
        effectiveCosts = scenario.proposals.map(\.effectiveCost)
        inKind = scenario.proposals.map(\.inKind)
        costSigma = scenario.proposals.map(\.costSigma)
        proposalDistrict = scenario.proposals.map { proposal in proposal.district.flatMap { districtIndex[$0] } }
        deliveryRisk = scenario.proposals.map(\.deliveryRisk)
        isCommunity = scenario.proposals.map { $0.origin == .community }
        domainShares = scenario.proposals.flatMap { scenario.domainShares(of: $0) }
        budget = scenario.budget.total
        proposalIDs = scenario.proposals.map(\.id)
        groupIDs = scenario.population.map(\.id)
        domainIDs = scenario.domains
        districtIDs = scenario.districts

        let effectiveCosts = self.effectiveCosts
        let proposalDistrict = self.proposalDistrict
        let domainShares = self.domainShares
        let domainCount = self.domainCount
        envelopes = scenario.budget.envelopes.map { envelope in
            switch envelope.target {
            case .district(let district):
                let d = districtIndex[district]
                let coefficients = (0..<effectiveCosts.count).map { j in
                    proposalDistrict[j] != nil && proposalDistrict[j] == d ? effectiveCosts[j] : 0
                }
                return LinearEnvelope(
                    coefficients: coefficients, min: envelope.min, max: envelope.max, label: "district \(district)")
            case .domain(let domain):
                let k = domainIndex[domain] ?? 0
                let coefficients = (0..<effectiveCosts.count).map { j in
                    effectiveCosts[j] * domainShares[j * domainCount + k]
                }
                return LinearEnvelope(
                    coefficients: coefficients, min: envelope.min, max: envelope.max, label: "domain \(domain)")
            }
        }

        // Need shares: people times need, by district (plus "no district") and by domain.
        var byDistrict = [Double](repeating: 0, count: districtCount + 1)
        var byDomain = [Double](repeating: 0, count: domainCount)
        for g in 0..<groupCount {
            byDistrict[groupDistrict[g] ?? districtCount] += weights[g] * totalNeed[g]
            for k in 0..<domainCount {
                byDomain[k] += weights[g] * needs[g * domainCount + k]
            }
        }
        districtNeedShares = World.normalized(byDistrict)
        domainNeedShares = World.normalized(byDomain)
    }

    /// The values divided by their sum (all 0 when the sum is 0).
    static func normalized(_ values: [Double]) -> [Double] {
        let sum = values.reduce(0, +)
        guard sum > 0 else { return values.map { _ in 0 } }
        return values.map { $0 / sum }
    }

    /// The true per-person benefit `u[j][g]`.
    @inline(__always)
    func u(_ j: Int, _ g: Int) -> Double { benefit[j * groupCount + g] }

    /// The true welfare `W(S) = sum_g n_g * sum_{j in S} u[j][g]` of a selection.
    ///
    /// - Parameter selection: Proposal indices.
    /// - Returns: The welfare, summed proposal by proposal in increasing index order (so that equal
    ///   sets give equal bits).
    public func welfare(of selection: [Int]) -> Double {
        var sum = 0.0
        for j in selection.sorted() { sum += trueWelfare[j] }
        return sum
    }
}
