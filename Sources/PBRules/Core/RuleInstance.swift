public import PBModel

/// An election laid out for the rules: dense integer costs, flat ballots, and each project's
/// rank in the reference's tie-breaking order.
///
/// Costs and the budget are put on one decimal scale (the most decimals any of them has), so
/// every budget check is an exact integer comparison. Tie-breaking follows pabutools'
/// `lexico_tie_breaking`: project ids compared as strings (by code point, which is UTF-8 byte
/// order), so `"10" < "9"`.
///
/// ```swift
/// let instance = try RuleInstance(election)
/// let outcome = Rules.run(.mesCost, on: instance)
/// ```
public struct RuleInstance: Sendable {
    /// The number of projects.
    public let projectCount: Int
    /// Each project's cost in units of 10^-``scale``.
    public let costs: [Int64]
    /// The budget in units of 10^-``scale``.
    public let budget: Int64
    /// The decimal scale of ``costs`` and ``budget``.
    public let scale: Int
    /// The kind of ballots.
    public let kind: VoteKind
    /// The number of voters, empty ballots included.
    public let voterCount: Int
    /// Ballot starts (voterCount + 1 entries) into ``items``.
    public let offsets: [Int32]
    /// Dense project indices of every ballot, in ballot order (ranking order for ordinal ballots).
    public let items: [Int32]
    /// Points aligned with ``items`` (cumulative and scoring), in units of 10^-``pointScale``; empty otherwise.
    public let points: [Int64]
    /// The decimal scale of ``points``.
    public let pointScale: Int
    /// Each project's position in tie-breaking order (0 wins ties).
    public internal(set) var tieRank: [Int32]
    /// A weight per voter (``weighted(by:)``), or `nil` when every voter weighs 1.
    public internal(set) var voterWeights: VoterWeights?

    /// Lays out an election for the rules.
    ///
    /// - Throws: ``RuleError/amountsOutOfRange(_:)`` if costs, budget or points cannot share an
    ///   integer scale within 64 bits.
    public init(_ election: Election) throws(RuleError) {
        let amounts = election.projects.map(\.cost) + [election.budget]
        let scale = amounts.map(\.scale).max() ?? 0
        var costs: [Int64] = []
        costs.reserveCapacity(election.projects.count)
        for p in election.projects {
            guard let u = p.cost.units(atScale: scale) else { throw .amountsOutOfRange("cost of project \(p.id)") }
            costs.append(u)
        }
        guard let budget = election.budget.units(atScale: scale) else { throw .amountsOutOfRange("budget") }
        var points: [Int64] = []
        var pointScale = 0
        if election.voteType.hasPoints {
            pointScale = election.ballots.points.map(\.scale).max() ?? 0
            points.reserveCapacity(election.ballots.points.count)
            for a in election.ballots.points {
                guard let u = a.units(atScale: pointScale) else { throw .amountsOutOfRange("points") }
                points.append(u)
            }
        }
        let kind: VoteKind
        switch election.voteType {
        case .approval: kind = .approval
        case .cumulative: kind = .cumulative
        case .scoring: kind = .scoring
        case .ordinal: kind = .ordinal
        }
        self.init(
            costs: costs, budget: budget, scale: scale, kind: kind, offsets: election.ballots.offsets,
            items: election.ballots.projects, points: points, pointScale: pointScale,
            tieRank: RuleInstance.ranks(ofIDs: election.projects.map(\.id))
        )
    }

    /// Creates an instance from raw arrays (for simulated ballots).
    ///
    /// - Parameters:
    ///   - costs: integer costs, ≥ 0.
    ///   - budget: the integer budget.
    ///   - offsets: ballot starts, `voterCount + 1` entries, starting at 0.
    ///   - items: project indices per ballot; no project twice in a ballot.
    ///   - points: points aligned with `items`, for cumulative/scoring ballots.
    ///   - tieRank: tie-breaking positions; defaults to project index order.
    public init(
        costs: [Int64], budget: Int64, scale: Int = 0, kind: VoteKind, offsets: [Int32], items: [Int32],
        points: [Int64] = [], pointScale: Int = 0, tieRank: [Int32]? = nil
    ) {
        precondition(offsets.first == 0 && Int(offsets.last ?? 0) == items.count, "offsets do not cover items")
        precondition(points.isEmpty || points.count == items.count, "points and items differ in length")
        self.projectCount = costs.count
        self.costs = costs
        self.budget = budget
        self.scale = scale
        self.kind = kind
        self.voterCount = offsets.count - 1
        self.offsets = offsets
        self.items = items
        self.points = points
        self.pointScale = pointScale
        self.tieRank = tieRank ?? (0..<Int32(costs.count)).map { $0 }
    }

    /// Tie-breaking ranks of ids compared as Python compares strings (code points = UTF-8 bytes).
    public static func ranks(ofIDs ids: [String]) -> [Int32] {
        let keys = ids.map { Array($0.utf8) }
        let order = keys.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
        var rank = [Int32](repeating: 0, count: ids.count)
        for (r, p) in order.enumerated() { rank[p] = Int32(r) }
        return rank
    }

    /// The projects listed by voter `v`.
    @inline(__always)
    public func ballot(_ v: Int) -> Range<Int> { Int(offsets[v])..<Int(offsets[v + 1]) }

    /// How many ballots list each project.
    public func approvalCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: projectCount)
        for p in items { counts[Int(p)] += 1 }
        return counts
    }

    /// Total cost of a set of projects.
    public func cost(of projects: some Sequence<Int>) -> Int64 {
        projects.reduce(0) { $0 + costs[$1] }
    }

    /// Per-project lists of supporters (voters listing the project), in voter order.
    public func supporterLists() -> (starts: [Int32], voters: [Int32]) {
        var starts = [Int32](repeating: 0, count: projectCount + 1)
        for p in items { starts[Int(p) + 1] += 1 }
        for p in 0..<projectCount { starts[p + 1] += starts[p] }
        var fill = starts
        var voters = [Int32](repeating: 0, count: items.count)
        for v in 0..<voterCount {
            for k in ballot(v) {
                let p = Int(items[k])
                voters[Int(fill[p])] = Int32(v)
                fill[p] += 1
            }
        }
        return (starts, voters)
    }
}
