public import PBModel
public import PBRules

/// A proposal as members see it on their phones.
public struct SessionProject: Sendable, Hashable, Codable {
    /// The project id (the scenario's proposal id, or the `.pb` file's `project_id`).
    public var id: String
    /// A short title.
    public var title: String
    /// The cost, exact.
    public var cost: Amount
    /// The district it is in, or `nil` for a city-wide project.
    public var district: String?
    /// What it does, in a sentence.
    public var description: String

    /// Creates a project.
    public init(id: String, title: String, cost: Amount, district: String?, description: String) {
        self.id = id
        self.title = title
        self.cost = cost
        self.district = district
        self.description = description
    }
}

/// What a ballot may contain.
///
/// - approval: a set of projects, with an optional minimum and maximum number;
/// - knapsack: a set of projects whose costs add up to at most the budget (and the same optional counts);
/// - cumulative: whole points spread over projects, at most ``points`` in all.
public struct BallotFormat: Sendable, Hashable, Codable {
    /// The kind of ballot.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case approval, cumulative, knapsack
    }

    /// The kind.
    public var kind: Kind
    /// The fewest projects a ballot must name (approval and knapsack), default 1.
    public var minProjects: Int
    /// The most projects a ballot may name (approval and knapsack), or `nil` for no limit.
    public var maxProjects: Int?
    /// The points each member spreads (cumulative).
    public var points: Int?

    /// Creates a format.
    public init(kind: Kind, minProjects: Int = 1, maxProjects: Int? = nil, points: Int? = nil) {
        self.kind = kind
        self.minProjects = minProjects
        self.maxProjects = maxProjects
        self.points = points
    }

    /// The pabulib vote type of ballots of this format (knapsack ballots are approval ballots with a cost limit).
    public var voteType: VoteType { kind == .cumulative ? .cumulative : .approval }

    /// A sentence for the member's page: what a ballot may contain.
    public func rule(budget: Amount) -> String {
        switch kind {
        case .cumulative:
            return "Spread up to \(points ?? 0) points over the projects you support."
        case .approval, .knapsack:
            var text: String
            switch (minProjects, maxProjects) {
            case (let low, .some(let high)) where low == high:
                text = "Choose exactly \(low) project\(low == 1 ? "" : "s")"
            case (let low, .some(let high)):
                text = "Choose from \(low) to \(high) projects"
            case (let low, nil):
                text = low <= 1 ? "Choose the projects you support" : "Choose at least \(low) projects"
            }
            if kind == .knapsack { text += ", costing at most the budget of \(budget) in all" }
            return text + "."
        }
    }

    /// Checks the format against the projects on offer.
    ///
    /// - Parameter projectCount: The number of projects.
    /// - Throws: ``SessionError/invalid(_:)`` naming the option at fault.
    public func check(projectCount: Int) throws(SessionError) {
        switch kind {
        case .cumulative:
            guard let points, points >= 1 else {
                throw .invalid("--points: a cumulative ballot needs a number of points, at least 1")
            }
            if points > 1_000_000 { throw .invalid("--points: at most 1000000") }
        case .approval, .knapsack:
            if points != nil { throw .invalid("--points: only a cumulative ballot has points") }
            if minProjects < 1 { throw .invalid("--min-projects: at least 1") }
            if minProjects > projectCount {
                throw .invalid("--min-projects: \(minProjects) is more than the \(projectCount) projects on offer")
            }
            if let maxProjects, maxProjects < minProjects {
                throw .invalid("--max-projects: \(maxProjects) is less than --min-projects (\(minProjects))")
            }
        }
    }
}

/// Everything a session is about: the proposals, the budget, the ballot format and the counting rule.
///
/// It is stored with the session as JSON, so a session still counts the same after its source file
/// changed or moved.
public struct SessionDefinition: Sendable, Hashable, Codable {
    /// Whether a session came from a scenario or a real election.
    public enum SourceKind: String, Sendable, Hashable, Codable {
        case scenario, election
    }

    /// The title (the scenario's `name`, the election's `description`).
    public var name: String
    /// The source file's path as given when the session was created.
    public var source: String
    /// What the source file is.
    public var sourceKind: SourceKind
    /// The ISO 4217 currency code, e.g. `GBP`, `PLN`.
    public var currency: String
    /// The country, as pabulib names it (the export's `country`).
    public var country: String
    /// The budget.
    public var budget: Amount
    /// The projects, in the source's order.
    public var projects: [SessionProject]
    /// The ballot format.
    public var format: BallotFormat
    /// The counting rule the panel agreed on (the others are shown beside it).
    public var rule: RuleName

    /// Creates a definition.
    public init(
        name: String, source: String, sourceKind: SourceKind, currency: String, country: String, budget: Amount,
        projects: [SessionProject], format: BallotFormat, rule: RuleName
    ) {
        self.name = name
        self.source = source
        self.sourceKind = sourceKind
        self.currency = currency
        self.country = country
        self.budget = budget
        self.projects = projects
        self.format = format
        self.rule = rule
    }

    /// The index of project `id`, if it is on offer.
    public func projectIndex(_ id: String) -> Int? {
        projects.firstIndex { $0.id == id }
    }
}

/// A session's failure, with a message for a person.
public enum SessionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The request or the options make no sense (a bad format, an unknown source).
    case invalid(String)
    /// No session with this id.
    case notFound(String)
    /// The session is closed and accepts nothing.
    case closed(String)
    /// The database failed.
    case storage(String)

    public var description: String {
        switch self {
        case .invalid(let message), .storage(let message): message
        case .notFound(let id): "no session with id '\(id)'"
        case .closed(let id): "session '\(id)' is closed; it accepts no more ballots"
        }
    }
}
