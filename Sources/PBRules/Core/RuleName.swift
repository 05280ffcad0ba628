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
    /// MES with Borda satisfaction (ordinal ballots: a voter who ranks k projects gives k − 1, …, 0).
    case mesBorda = "mes-borda"
    /// MES (cost; points on cumulative ballots) with voter budgets raised one unit at a time until
    /// exhaustive (Add1).
    case mesCostAdd1 = "mes-cost-add1"
    /// MES with Add1, then completed by greedy (cost; points on cumulative ballots).
    case mesCostAdd1Greedy = "mes-cost-add1-greedy"
    /// Sequential Phragmén.
    case phragmen
    /// Maximin support (generalised sequential Phragmén), with exact loads.
    case maximinSupport = "maximin-support"
    /// Cumulative Support Transfer Voting: greedy by excess, elimination with transfers.
    case cstvEwt = "cstv-ewt"
    /// CSTV: greedy by support over cost, elimination with transfers.
    case cstvEwtc = "cstv-ewtc"
    /// CSTV: greedy by excess, minimal transfer.
    case cstvMt = "cstv-mt"
    /// CSTV: greedy by support over cost, minimal transfer.
    case cstvMtc = "cstv-mtc"
    /// PB-EAR (ordinal ballots; inclusion-PSC), choosing the first qualifying project in tie-breaking order.
    case pbEar = "pb-ear"

    /// The variants that take a weight per voter (``RuleInstance/voterWeights``).
    public static let weightedRules: [RuleName] = [
        .greedyCost, .greedyCard, .maxWelfareCost, .mesCost, .mesCard, .mesBorda, .mesCostAdd1, .mesCostAdd1Greedy,
        .phragmen,
    ]

    /// Whether this variant takes a weight per voter.
    public var takesWeights: Bool { Self.weightedRules.contains(self) }

    /// The vote types this variant is defined for.
    public var voteTypes: Set<VoteKind> {
        switch self {
        case .greedyCost: return [.approval, .cumulative, .scoring, .ordinal]
        case .mesCost: return [.approval, .cumulative, .scoring]
        case .mesCostAdd1, .mesCostAdd1Greedy: return [.approval, .cumulative]
        case .mesBorda, .pbEar: return [.ordinal]
        case .cstvEwt, .cstvEwtc, .cstvMt, .cstvMtc: return [.cumulative]
        default: return [.approval]
        }
    }
}

/// The kind of ballot a rule reads (mirrors the election's vote type).
public enum VoteKind: String, Sendable, Hashable, Codable {
    case approval, cumulative, scoring, ordinal
}
