public import PBModel
public import PBRules

/// An election prepared for the outcome measures: the rules' integer layout (``RuleInstance``),
/// project ids and categories, and the per-project supporter counts.
///
/// Amounts are integers on the instance's decimal scale: a cost of `c` units means
/// `c / costDenominator` in the file's currency, points likewise with ``pointDenominator``.
public struct AnalysisProfile: Sendable {
    /// The election as read.
    public let election: Election
    /// The rules' layout of it.
    public let instance: RuleInstance
    /// Project ids, by dense index.
    public let ids: [String]
    /// `10^scale` of the costs and the budget.
    public let costDenominator: Int64
    /// `10^scale` of the points.
    public let pointDenominator: Int64
    /// How many ballots list each project.
    public let supportCounts: [Int]
    /// Each project's categories as pabutools reads them (the `category` field split on commas and
    /// trimmed; an empty field is the category `""`, a field `none` is no category), or `nil` when
    /// the file has no category column.
    public let categories: [[String]]?

    /// Prepares an election.
    ///
    /// - Throws: ``RuleError/amountsOutOfRange(_:)`` when its amounts do not fit the rules' layout.
    public init(_ election: Election) throws(RuleError) {
        try self.init(election, instance: RuleInstance(election))
    }

    /// Prepares an election already laid out for the rules.
    public init(_ election: Election, instance: RuleInstance) {
        self.election = election
        self.instance = instance
        self.ids = election.projects.map(\.id)
        self.costDenominator = Self.power(instance.scale)
        self.pointDenominator = Self.power(instance.pointScale)
        self.supportCounts = instance.approvalCounts()
        let column = ["category", "categories"].first { election.projectFields.columnIndex($0) != nil }
        self.categories = column.map { name in
            (0..<election.projects.count).map { p in
                let text = election.projectField(name, of: p) ?? ""
                if text.trimmingBlanks.lowercased() == "none" { return [] }
                var seen: [String] = []
                for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                    let c = String(part).trimmingBlanks
                    if !seen.contains(c) { seen.append(c) }
                }
                return seen
            }
        }
    }

    /// The number of voters, empty ballots included.
    public var voterCount: Int { instance.voterCount }
    /// The number of projects.
    public var projectCount: Int { instance.projectCount }
    /// The vote type.
    public var voteType: VoteType { election.voteType }

    /// The satisfaction classes pabutools' analysis applies to this vote type, in the reference's order.
    public var satisfactionClasses: [Satisfaction] {
        switch instance.kind {
        case .approval: return [.cost, .cardinality]
        case .cumulative, .scoring: return [.points, .cost]
        case .ordinal: return [.borda, .cost]
        }
    }

    /// The denominator of a satisfaction class's integer values.
    public func denominator(_ sat: Satisfaction) -> Int64 {
        switch sat {
        case .cost: return costDenominator
        case .points: return pointDenominator
        case .cardinality, .borda: return 1
        }
    }

    /// Every voter's satisfaction with `funded` (a mask by project), in units of ``denominator(_:)``.
    public func satisfactions(_ sat: Satisfaction, funded: [Bool]) -> [Int128] {
        var out = [Int128](repeating: 0, count: voterCount)
        let items = instance.items
        for v in 0..<voterCount {
            let r = instance.ballot(v)
            var s: Int128 = 0
            switch sat {
            case .cost:
                for k in r where funded[Int(items[k])] { s += Int128(instance.costs[Int(items[k])]) }
            case .cardinality:
                for k in r where funded[Int(items[k])] { s += 1 }
            case .points:
                for k in r where funded[Int(items[k])] { s += Int128(instance.points[k]) }
            case .borda:
                let len = r.count
                for (pos, k) in r.enumerated() where funded[Int(items[k])] { s += Int128(len - pos - 1) }
            }
            out[v] = s
        }
        return out
    }

    /// A mask of the projects in `selected`.
    public func mask(_ selected: [Int]) -> [Bool] {
        var m = [Bool](repeating: false, count: projectCount)
        for p in selected { m[p] = true }
        return m
    }

    static func power(_ k: Int) -> Int64 { (0..<k).reduce(Int64(1)) { p, _ in p * 10 } }
}

extension StringProtocol {
    /// Without leading and trailing blanks (spaces, tabs, line ends), as Python's `str.strip()`.
    var trimmingBlanks: String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
