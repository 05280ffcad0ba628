/// The rule variants pbsim computes, named as `pbsim elect --rule` spells them.
///
/// Each variant reproduces one exact pabutools 1.2.3 call (see the README's rules section).
public enum RuleName: String, Sendable, Hashable, Codable, CaseIterable {
    /// Greedy by cost satisfaction (approval), total points (cumulative/scoring) or Borda (ordinal).
    case greedyCost = "greedy-cost"
    /// Greedy by approvals per unit of cost.
    case greedyCard = "greedy-card"
    /// Exact utilitarian maximum of cost satisfaction (a 0/1 knapsack).
    case maxWelfareCost = "max-welfare-cost"
    /// Method of Equal Shares with cost satisfaction (approval) or points (cumulative).
    case mesCost = "mes-cost"
    /// Method of Equal Shares with cardinality satisfaction.
    case mesCard = "mes-card"
    /// MES (cost) with voter budgets raised one unit at a time until exhaustive (Add1).
    case mesCostAdd1 = "mes-cost-add1"
    /// MES (cost) with Add1, then completed by greedy (cost).
    case mesCostAdd1Greedy = "mes-cost-add1-greedy"
    /// Sequential Phragmén.
    case phragmen

    /// The vote types this variant is defined for.
    public var voteTypes: Set<VoteKind> {
        switch self {
        case .greedyCost: return [.approval, .cumulative, .scoring, .ordinal]
        case .mesCost: return [.approval, .cumulative, .scoring]
        default: return [.approval]
        }
    }
}

/// The kind of ballot a rule reads (mirrors the election's vote type).
public enum VoteKind: String, Sendable, Hashable, Codable {
    case approval, cumulative, scoring, ordinal
}
