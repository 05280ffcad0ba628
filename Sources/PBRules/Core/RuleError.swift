/// Why a rule could not be computed.
public enum RuleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The rule is not defined for the election's vote type.
    case notApplicable(rule: RuleName, voteType: String)
    /// Amounts cannot be put on one integer scale without overflow.
    case amountsOutOfRange(String)
    /// An exact search reached its budget (``SearchLimit``) before deciding the outcome; the text says
    /// what is known (the best selection's value and a bound).
    case undetermined(rule: RuleName, limit: Int, detail: String)
    /// Voter weights that cannot be used: negative, the wrong number, out of range.
    case badWeights(String)
    /// The rule has no weighted version (greedy, max welfare, MES and Phragmén do).
    case weightsNotSupported(rule: RuleName)

    public var description: String {
        switch self {
        case .notApplicable(let rule, let voteType):
            let kinds = rule.voteTypes.map(\.rawValue).sorted().joined(separator: ", ")
            return "rule '\(rule.rawValue)' does not apply to \(voteType) ballots (it takes: \(kinds))"
        case .amountsOutOfRange(let what):
            return "amounts out of range: \(what)"
        case .undetermined(let rule, let limit, let detail):
            return
                "\(rule.rawValue): undetermined: \(detail) after its limit of \(limit) steps (raise it with --search-limit)"
        case .badWeights(let what):
            return "bad voter weights: \(what)"
        case .weightsNotSupported(let rule):
            let weighted = RuleName.weightedRules.map(\.rawValue).joined(separator: ", ")
            return "rule '\(rule.rawValue)' does not take voter weights (the weighted rules: \(weighted))"
        }
    }
}
