import PBModel

/// A member's ballot as sent: the projects approved, or points per project, in the order given.
///
/// ``BallotFormat/validate(_:in:)`` turns it into a ``Ballot`` or says what is wrong with it.
public enum BallotInput: Sendable, Hashable {
    /// `{"approve": [project ids]}`.
    case approve([String])
    /// `{"points": {project id: n}}`, the pairs in the order written (a repeated id stays repeated).
    case points([(id: String, points: Int)])

    public static func == (a: BallotInput, b: BallotInput) -> Bool {
        switch (a, b) {
        case (.approve(let x), .approve(let y)): x == y
        case (.points(let x), .points(let y)): x.map(\.id) == y.map(\.id) && x.map(\.points) == y.map(\.points)
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .approve(let ids): hasher.combine(ids)
        case .points(let pairs):
            hasher.combine(pairs.map(\.id))
            hasher.combine(pairs.map(\.points))
        }
    }
}

/// A valid ballot: project ids in the session's project order, with points for a cumulative ballot.
public struct Ballot: Sendable, Hashable, Codable {
    /// The projects, in the session's order.
    public var projects: [String]
    /// The points per project (aligned with ``projects``), `nil` for approval and knapsack ballots.
    public var points: [Int]?

    /// Creates a ballot.
    public init(projects: [String], points: [Int]? = nil) {
        self.projects = projects
        self.points = points
    }
}

/// Why a ballot is refused: a message for the member, and the request field at fault.
public struct BallotError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, in plain words.
    public var message: String
    /// The request field, e.g. `approve[2]` or `points.hall`.
    public var field: String?
    /// Whether the request is malformed (400) rather than a well-formed ballot the format does not
    /// allow (422).
    public var malformed: Bool

    /// Creates an error.
    public init(_ message: String, field: String? = nil, malformed: Bool = false) {
        self.message = message
        self.field = field
        self.malformed = malformed
    }

    public var description: String { field.map { "\($0): \(message)" } ?? message }
}

extension BallotFormat {
    /// Checks a ballot against this format and the session's projects and budget.
    ///
    /// The same check runs on the server and, in JavaScript, on the member's page; this one decides.
    ///
    /// - Parameters:
    ///   - input: The ballot as sent.
    ///   - definition: The session (projects and budget).
    /// - Returns: The ballot in the session's project order.
    /// - Throws: ``BallotError`` naming the first problem: an unknown or repeated project, too few or too
    ///   many projects, a cost over the budget, points that are negative or over the limit, a ballot of
    ///   the wrong kind.
    public func validate(_ input: BallotInput, in definition: SessionDefinition) throws(BallotError) -> Ballot {
        switch (kind, input) {
        case (.approval, .approve(let ids)), (.knapsack, .approve(let ids)):
            var indices: [Int] = []
            var seen: Set<String> = []
            for (n, id) in ids.enumerated() {
                guard let index = definition.projectIndex(id) else {
                    throw BallotError("project '\(id)' is not in this session", field: "approve[\(n)]")
                }
                guard seen.insert(id).inserted else {
                    throw BallotError("project '\(id)' is listed twice", field: "approve[\(n)]")
                }
                indices.append(index)
            }
            if ids.count < minProjects {
                throw BallotError(
                    minProjects == 1
                        ? "choose at least one project"
                        : "choose at least \(minProjects) projects (this ballot has \(ids.count))",
                    field: "approve")
            }
            if let maxProjects, ids.count > maxProjects {
                throw BallotError(
                    "choose at most \(maxProjects) project\(maxProjects == 1 ? "" : "s") (this ballot has \(ids.count))",
                    field: "approve")
            }
            if kind == .knapsack {
                let total = Self.total(indices.map { definition.projects[$0].cost })
                if total.map({ $0 > definition.budget }) ?? true {
                    throw BallotError(
                        "the projects chosen cost \(total?.description ?? "more") in all, more than the budget of "
                            + "\(definition.budget)", field: "approve")
                }
            }
            indices.sort()
            return Ballot(projects: indices.map { definition.projects[$0].id })
        case (.cumulative, .points(let pairs)):
            var byIndex: [(index: Int, points: Int)] = []
            var seen: Set<String> = []
            var sum = 0
            for (id, points) in pairs {
                guard let index = definition.projectIndex(id) else {
                    throw BallotError("project '\(id)' is not in this session", field: "points.\(id)")
                }
                guard seen.insert(id).inserted else {
                    throw BallotError("project '\(id)' is listed twice", field: "points.\(id)")
                }
                guard points >= 0 else {
                    throw BallotError("points must be whole numbers, 0 or more", field: "points.\(id)")
                }
                sum += min(points, Int.max / 2)
                if sum > (self.points ?? 0) {
                    throw BallotError(
                        "at most \(self.points ?? 0) points in all (this ballot gives more)", field: "points")
                }
                if points > 0 { byIndex.append((index, points)) }
            }
            if byIndex.isEmpty { throw BallotError("give at least one point to a project", field: "points") }
            byIndex.sort { $0.index < $1.index }
            return Ballot(projects: byIndex.map { definition.projects[$0.index].id }, points: byIndex.map(\.points))
        case (.cumulative, .approve):
            throw BallotError(
                "this session's ballot is cumulative: send {\"points\": {project id: n}}", field: "approve")
        case (_, .points):
            throw BallotError(
                "this session's ballot is \(kind.rawValue): send {\"approve\": [project ids]}", field: "points")
        }
    }

    /// The exact sum of amounts, or `nil` when it does not fit.
    static func total(_ amounts: [Amount]) -> Amount? {
        let scale = amounts.map(\.scale).max() ?? 0
        var units: Int64 = 0
        for amount in amounts {
            guard let u = amount.units(atScale: scale) else { return nil }
            let (sum, overflow) = units.addingReportingOverflow(u)
            if overflow { return nil }
            units = sum
        }
        return Amount(significand: units, scale: scale)
    }
}
