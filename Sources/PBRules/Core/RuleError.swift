/// Why a rule could not be computed.
public enum RuleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The rule is not defined for the election's vote type.
    case notApplicable(rule: RuleName, voteType: String)
    /// Amounts cannot be put on one integer scale without overflow.
    case amountsOutOfRange(String)

    public var description: String {
        switch self {
        case .notApplicable(let rule, let voteType):
            let kinds = rule.voteTypes.map(\.rawValue).sorted().joined(separator: ", ")
            return "rule '\(rule.rawValue)' does not apply to \(voteType) ballots (it takes: \(kinds))"
        case .amountsOutOfRange(let what):
            return "amounts out of range: \(what)"
        }
    }
}
