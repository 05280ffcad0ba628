extension Scenario {
    // MARK: - Reach and true benefit

    /// The reach `r[j][g]`: the share of group `group` that `proposal` reaches, in `[0, 1]`.
    ///
    /// The proposal's ``Proposal/reach`` overrides the default, which is 1 for every group when the
    /// proposal is city-wide (no district), and otherwise 1 for groups in the proposal's district and 0
    /// for all others (including groups without a district).
    ///
    /// ```swift
    /// scenario.reach(of: youthHub, for: familiesNorth)  // 1 if both are in `north`
    /// ```
    ///
    /// - Parameters:
    ///   - proposal: A proposal of this scenario.
    ///   - group: A group of this scenario.
    /// - Returns: The share of the group that the proposal reaches.
    /// - Complexity: O(1).
    public func reach(of proposal: Proposal, for group: Group) -> Double {
        if let reach = proposal.reach[group.id] { return reach }
        guard let district = proposal.district else { return 1 }
        return group.district == district ? 1 : 0
    }

    /// The true per-person benefit `u[j][g] = r[j][g] * a_j * sum_k e[j][k] * N[g][k]` of `proposal` to
    /// a member of `group` (MODEL.md section 1).
    ///
    /// The sum runs over ``domains`` in file order, so that the result is the same to the last bit in
    /// every run of the program (a dictionary's order is not).
    ///
    /// ```swift
    /// // reach 0.5, appropriateness 1.1, effects {education: 0.6}, needs {education: 0.9}
    /// scenario.trueBenefit(proposal: youthHub, group: familiesNorth)  // 0.5 * 1.1 * 0.54 = 0.297
    /// ```
    ///
    /// - Parameters:
    ///   - proposal: A proposal of this scenario.
    ///   - group: A group of this scenario.
    /// - Returns: The true benefit per member of the group, at least 0.
    /// - Complexity: O(*k*) for *k* domains.
    public func trueBenefit(proposal: Proposal, group: Group) -> Double {
        let reach = reach(of: proposal, for: group)
        guard reach > 0 else { return 0 }
        var sum = 0.0
        for domain in domains {
            guard let effect = proposal.effects[domain], let need = group.needs[domain] else { continue }
            sum += effect * need
        }
        return reach * proposal.appropriateness * sum
    }

    /// A group's total need `need_g = sum_k N[g][k]`, summed over ``domains`` in file order; the
    /// denominator of need coverage.
    ///
    /// - Parameter group: A group of this scenario.
    /// - Returns: The group's total need.
    /// - Complexity: O(*k*) for *k* domains.
    public func totalNeed(of group: Group) -> Double {
        var sum = 0.0
        for domain in domains {
            sum += group.needs[domain] ?? 0
        }
        return sum
    }

    /// The saturation scale `s_k` of a domain for the continuous allocation (MODEL.md section 4): the
    /// value in ``Budget/saturation``, or `total / number of domains` when the file gives none.
    ///
    /// - Parameter domain: A domain of this scenario.
    /// - Returns: The saturation scale, in the currency.
    /// - Complexity: O(1).
    public func saturationScale(of domain: DomainID) -> Double {
        budget.saturation[domain] ?? budget.total / Double(max(domains.count, 1))
    }

    /// The share of a proposal's spend attributed to each domain, in ``domains`` order: its effects
    /// normalised to sum 1, `e[j][k] / sum_k e[j][k]` (all 0 when every effect is 0).
    ///
    /// This is how domain envelopes and spend by domain count a proposal that works in several domains:
    /// a proposal of effective cost 100,000 with effects `{education: 0.6, culture: 0.2}` spends 75,000
    /// on education and 25,000 on culture.
    ///
    /// - Parameter proposal: A proposal of this scenario.
    /// - Returns: One share per domain, summing to 1 (or all 0).
    /// - Complexity: O(*k*) for *k* domains.
    public func domainShares(of proposal: Proposal) -> [Double] {
        let effects = domains.map { proposal.effects[$0] ?? 0 }
        var sum = 0.0
        for effect in effects { sum += effect }
        guard sum > 0 else { return effects.map { _ in 0 } }
        return effects.map { $0 / sum }
    }

    // MARK: - Dense indices

    /// The index of each domain in ``domains``, for dense arrays.
    ///
    /// - Complexity: O(*k*) to build; compute it once per simulation, not per run.
    public var domainIndex: [DomainID: Int] { Self.index(domains) }

    /// The index of each district in ``districts``, for dense arrays.
    ///
    /// - Complexity: O(*d*) to build.
    public var districtIndex: [DistrictID: Int] { Self.index(districts) }

    /// The index of each group in ``population``, for dense arrays.
    ///
    /// - Complexity: O(*g*) to build.
    public var groupIndex: [GroupID: Int] { Self.index(population.map(\.id)) }

    /// The index of each proposal in ``proposals``, for dense arrays.
    ///
    /// - Complexity: O(*j*) to build.
    public var proposalIndex: [ProposalID: Int] { Self.index(proposals.map(\.id)) }

    /// Maps each id to its first position.
    private static func index<ID: Hashable>(_ ids: [ID]) -> [ID: Int] {
        Dictionary(ids.enumerated().map { ($0.element, $0.offset) }) { first, _ in first }
    }

    // MARK: - Dense matrices

    /// The true needs as a dense matrix: `needMatrix()[g][k] = N[g][k]`, rows in ``population`` order
    /// and columns in ``domains`` order.
    ///
    /// - Returns: One row per group, one column per domain.
    /// - Complexity: O(*g* × *k*).
    public func needMatrix() -> [[Double]] {
        population.map { group in domains.map { group.needs[$0] ?? 0 } }
    }

    /// The effectiveness as a dense matrix: `effectMatrix()[j][k] = e[j][k]`, rows in ``proposals``
    /// order and columns in ``domains`` order.
    ///
    /// - Returns: One row per proposal, one column per domain.
    /// - Complexity: O(*j* × *k*).
    public func effectMatrix() -> [[Double]] {
        proposals.map { proposal in domains.map { proposal.effects[$0] ?? 0 } }
    }

    /// The reach as a dense matrix: `reachMatrix()[j][g] = r[j][g]` (see ``reach(of:for:)``).
    ///
    /// - Returns: One row per proposal, one column per group.
    /// - Complexity: O(*j* × *g*).
    public func reachMatrix() -> [[Double]] {
        proposals.map { proposal in population.map { reach(of: proposal, for: $0) } }
    }

    /// The true per-person benefits as a dense matrix: `trueBenefitMatrix()[j][g] = u[j][g]` (see
    /// ``trueBenefit(proposal:group:)``, which gives the same values to the last bit).
    ///
    /// - Returns: One row per proposal, one column per group.
    /// - Complexity: O(*j* × *g* × *k*).
    public func trueBenefitMatrix() -> [[Double]] {
        proposals.map { proposal in population.map { trueBenefit(proposal: proposal, group: $0) } }
    }
}
