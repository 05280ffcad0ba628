public import PBModel
public import PBRules

extension RuleSelection {
    /// The rules an election report compares when none are asked for: greedy (what most cities use),
    /// the Method of Equal Shares as cities run it (Add1, then greedy completion) and sequential
    /// Phragmén for approval ballots; greedy and Equal Shares for points.
    ///
    /// - Parameter voteType: The election's vote type.
    /// - Returns: The rules that apply, in report order.
    public static func comparison(for voteType: VoteType) -> RuleSelection {
        let preferred: [RuleName] =
            voteType == .approval ? [.greedyCost, .mesCostAdd1Greedy, .phragmen] : [.greedyCost, .mesCost]
        return RuleSelection(RuleSelection.listed(preferred).applicableRules(for: voteType))
    }
}
