/// How voters expressed their preferences in a pabulib file (`vote_type` in META).
public enum VoteType: String, Sendable, Hashable, Codable, CaseIterable {
    /// A set of approved projects (`choose-1` files are read as approval).
    case approval
    /// Points spread over projects, summing to at most a maximum.
    case cumulative
    /// Independent scores per project.
    case scoring
    /// A ranking, most preferred first.
    case ordinal

    /// Whether ballots carry a `points` column.
    public var hasPoints: Bool { self == .cumulative || self == .scoring }

    /// The vote type a `META` `vote_type` value names, in any case (`choose-1` reads as approval), or
    /// `nil` for an unknown one.
    ///
    /// - Parameter metaValue: The value as written, e.g. `approval` or `Choose-1`.
    public init?(metaValue: String) {
        switch metaValue.lowercased() {
        case "approval", "choose-1": self = .approval
        case "cumulative": self = .cumulative
        case "scoring": self = .scoring
        case "ordinal": self = .ordinal
        default: return nil
        }
    }
}
