public import PBRules
public import PBScenario

extension Scenario.CoProducedRule {
    /// The rule variant the co-produced ballots are counted with (`nil` for `max-welfare`, which the
    /// simulator solves itself on the ballots' scores).
    public var ruleName: RuleName? {
        switch self {
        case .greedy: .greedyCost
        case .mes: .mesCost
        case .mesAdd1: .mesCostAdd1
        case .mesAdd1Greedy: .mesCostAdd1Greedy
        case .phragmen: .phragmen
        case .maxWelfare: nil
        }
    }

    /// The rule variant for ballots of this kind, checked to apply to them.
    ///
    /// - Parameters:
    ///   - kind: The kind of the ballots (simulated or real).
    ///   - ballot: Their kind as the user wrote or reads it, for the message.
    ///   - file: The scenario file, for the message.
    /// - Returns: The variant, or `nil` for `max-welfare`.
    /// - Throws: ``SimulationError/ruleNotApplicable(file:rule:ballot:)`` when the variant is not defined
    ///   for the ballots.
    func ruleName(for kind: VoteKind, ballot: String, file: String) throws(SimulationError) -> RuleName? {
        guard let rule = ruleName else { return nil }
        guard rule.voteTypes.contains(kind) else {
            throw .ruleNotApplicable(file: file, rule: rawValue, ballot: ballot)
        }
        return rule
    }
}

extension Scenario.Ballot {
    /// The kind of ballot the rules see: cardinal ballots are scores.
    var voteKind: VoteKind {
        switch self {
        case .approval: .approval
        case .cumulative: .cumulative
        case .cardinal: .scoring
        }
    }
}
