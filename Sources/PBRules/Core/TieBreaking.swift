/// How a rule breaks ties between projects, as pabutools' tie-breaking rules.
///
/// Each option orders the projects by a key, and projects with equal keys by id as strings (the
/// ``lexico`` order). pabutools sorts by the key alone and keeps its input order among equal keys;
/// pbsim makes that secondary order explicit and the same for every rule.
public enum TieBreaking: String, Sendable, Hashable, Codable, CaseIterable {
    /// `lexico_tie_breaking`: the smallest id, compared as strings (`"10"` before `"9"`). The default.
    case lexico
    /// `app_score_tie_breaking`: the project on the most ballots first (for points and rankings:
    /// the ballots that list it).
    case appScore = "app-score"
    /// `min_cost_tie_breaking`: the cheapest project first.
    case minCost = "min-cost"
    /// `max_cost_tie_breaking`: the most expensive project first.
    case maxCost = "max-cost"
}

extension RuleInstance {
    /// The same election with ties broken by `tieBreaking` instead of by id.
    ///
    /// - Parameter tieBreaking: the order; ``TieBreaking/lexico`` keeps the instance's own order.
    /// - Returns: a copy whose ``tieRank`` follows the key, then the instance's order.
    public func breakingTies(by tieBreaking: TieBreaking) -> RuleInstance {
        guard tieBreaking != .lexico else { return self }
        var key = [Int64](repeating: 0, count: projectCount)
        switch tieBreaking {
        case .lexico: break
        case .appScore:
            for p in items { key[Int(p)] -= 1 }
        case .minCost: key = costs
        case .maxCost: key = costs.map { -$0 }
        }
        let order = (0..<projectCount).sorted { key[$0] != key[$1] ? key[$0] < key[$1] : tieRank[$0] < tieRank[$1] }
        var copy = self
        for (r, p) in order.enumerated() { copy.tieRank[p] = Int32(r) }
        return copy
    }
}
