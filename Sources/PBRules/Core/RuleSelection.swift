public import PBModel

/// Which rule variants to run: every variant, or a list of them.
///
/// The command line (`pbsim elect --rule`, `report --rules`, `bench --rules`) and suite files (`rules:`)
/// spell it the same way, `all` or names separated by commas, and resolve it against an election the
/// same way:
///
/// ```swift
/// let selection = try RuleSelection(parsing: "mes-cost, phragmen")
/// let rules = try selection.rules(for: .approval)   // [.mesCost, .phragmen]
/// RuleSelection.all.rules(for: .ordinal)           // [.greedyCost]: only the variants that apply
/// ```
public enum RuleSelection: Sendable, Hashable {
    /// Every variant that applies to the election's vote type.
    case all
    /// These variants, in this order, without repeats (see ``init(_:)``).
    case listed([RuleName])

    /// A list of variants, each kept once, at its first place.
    ///
    /// - Parameter rules: The variants, possibly repeated.
    public init(_ rules: [RuleName]) {
        var seen = Set<RuleName>()
        self = .listed(rules.filter { seen.insert($0).inserted })
    }

    /// Reads `all`, or variant names separated by commas (spaces around a name are ignored).
    ///
    /// - Parameter text: The text as written on the command line or in a file.
    /// - Throws: ``RuleSelectionError`` naming the first word that is not a variant.
    public init(parsing text: String) throws(RuleSelectionError) {
        if Self.trimmed(Substring(text)) == "all" {
            self = .all
            return
        }
        var rules: [RuleName] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = Self.trimmed(part)
            guard let rule = RuleName(rawValue: name) else { throw RuleSelectionError(word: name) }
            rules.append(rule)
        }
        self.init(rules)
    }

    /// The variants as listed, or every variant for ``all``, whether or not they apply.
    public var names: [RuleName] {
        switch self {
        case .all: RuleName.allCases
        case .listed(let rules): rules
        }
    }

    /// The variants to run on an election of this vote type: for ``all`` those that apply; a listed
    /// variant that does not apply is an error.
    ///
    /// - Parameter voteType: The election's vote type.
    /// - Returns: The variants, in order.
    /// - Throws: ``RuleError/notApplicable(rule:voteType:)`` for the first listed variant that does not
    ///   apply.
    public func rules(for voteType: VoteType) throws(RuleError) -> [RuleName] {
        switch self {
        case .all:
            return RuleName.allCases.filter { Rules.applies($0, to: voteType) }
        case .listed(let rules):
            if let refused = rules.first(where: { !Rules.applies($0, to: voteType) }) {
                throw .notApplicable(rule: refused, voteType: voteType.rawValue)
            }
            return rules
        }
    }

    /// The variants that apply to an election of this vote type, leaving the others out (a suite's
    /// rules over files of several vote types); every variant in ``names`` when the vote type is unknown.
    ///
    /// - Parameter voteType: The election's vote type, if known.
    /// - Returns: The variants, in order.
    public func applicableRules(for voteType: VoteType?) -> [RuleName] {
        guard let voteType else { return names }
        return names.filter { Rules.applies($0, to: voteType) }
    }

    /// Every spelling ``init(parsing:)`` accepts for one choice: `all` and each variant's name.
    public static var choices: [String] { ["all"] + RuleName.allCases.map(\.rawValue) }

    private static func trimmed(_ text: Substring) -> String {
        String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

/// A word in a rule selection that names no rule variant.
public struct RuleSelectionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The word as written.
    public var word: String

    /// Creates the error for `word`.
    public init(word: String) {
        self.word = word
    }

    /// `'nope' is not a rule (use greedy-cost, …, phragmen or all)`.
    public var description: String {
        "'\(word)' is not a rule (use \(RuleName.allCases.map(\.rawValue).joined(separator: ", ")) or all)"
    }
}
