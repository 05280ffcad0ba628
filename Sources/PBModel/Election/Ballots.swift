/// All ballots of an election, stored flat (compressed sparse rows).
///
/// Voter `v` lists projects `projects[offsets[v]..<offsets[v+1]]` (dense project indices, in the
/// file's order, so an ordinal ballot keeps its ranking) and, for cumulative and scoring ballots,
/// the matching `points`.
public struct Ballots: Sendable, Hashable {
    /// Row starts, one more than the number of voters.
    public private(set) var offsets: [Int32] = [0]
    /// Dense project indices of every ballot, one after another.
    public private(set) var projects: [Int32] = []
    /// Points per listed project (cumulative and scoring ballots); empty otherwise.
    public private(set) var points: [Amount] = []

    /// Creates empty ballots.
    public init() {}

    /// The number of ballots (voters), empty ballots included.
    public var count: Int { offsets.count - 1 }

    /// The projects listed by voter `v`.
    public func projects(of v: Int) -> ArraySlice<Int32> {
        projects[Int(offsets[v])..<Int(offsets[v + 1])]
    }

    /// The points voter `v` gave, aligned with ``projects(of:)``; empty for approval and ordinal ballots.
    public func points(of v: Int) -> ArraySlice<Amount> {
        points.isEmpty ? [] : points[Int(offsets[v])..<Int(offsets[v + 1])]
    }

    /// Appends a ballot.
    public mutating func append(projects list: some Collection<Int32>, points pts: [Amount] = []) {
        precondition(pts.isEmpty || pts.count == list.count, "points and projects differ in length")
        precondition(pts.isEmpty == points.isEmpty || projects.isEmpty, "mixing ballots with and without points")
        projects.append(contentsOf: list)
        points.append(contentsOf: pts)
        offsets.append(Int32(projects.count))
    }

    /// Appends one project to the ballot being built (finish it with ``closeBallot()``).
    public mutating func appendToOpenBallot(_ project: Int32) { projects.append(project) }

    /// Appends one point value to the ballot being built.
    public mutating func appendPointToOpenBallot(_ p: Amount) { points.append(p) }

    /// Finishes the ballot being built.
    public mutating func closeBallot() { offsets.append(Int32(projects.count)) }

    /// Drops the ballot being built (a row with an error), so that nothing of it reaches the next one.
    public mutating func discardOpenBallot() {
        let start = Int(offsets.last ?? 0)
        projects.removeSubrange(start...)
        if points.count > start { points.removeSubrange(start...) }
    }

    /// Reserves room.
    public mutating func reserve(voters: Int, entries: Int) {
        offsets.reserveCapacity(voters + 1)
        projects.reserveCapacity(entries)
    }
}
