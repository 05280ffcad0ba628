/// One participatory budgeting election: the budget, the projects and the ballots.
///
/// This mirrors a pabulib file: every META key is kept in order, and so is every extra project and
/// voter column. Project costs and the budget are exact ``Amount``s.
///
/// ```swift
/// let election = try PabulibReader.read(path: "poland_warszawa_2017_sadul.pb")
/// election.budget          // 110180
/// election.projects.count  // 3
/// ```
public struct Election: Sendable, Hashable {
    /// A `key;value` line of the META section, in file order.
    public struct MetaEntry: Sendable, Hashable, Codable {
        public var key: String
        public var value: String
        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// A project: its id (the PROJECTS section's first column) and exact cost.
    public struct Project: Sendable, Hashable {
        public var id: String
        public var cost: Amount
        public init(id: String, cost: Amount) {
            self.id = id
            self.cost = cost
        }
    }

    /// The META section, in file order.
    public var meta: [MetaEntry]
    /// The budget (`budget` in META).
    public var budget: Amount
    /// The vote type (`vote_type` in META).
    public var voteType: VoteType
    /// The projects, in file order; their position is their dense index.
    public var projects: [Project]
    /// Every column of the PROJECTS section, verbatim (project_id and cost included).
    public var projectFields: FieldTable
    /// Every column of the VOTES section other than `vote` and `points`, verbatim.
    public var voterFields: FieldTable
    /// The names of all VOTES columns, in file order (`vote` and `points` included).
    public var voteColumns: [String]
    /// The ballots.
    public var ballots: Ballots

    /// Creates an election from its parts.
    public init(
        meta: [MetaEntry], budget: Amount, voteType: VoteType, projects: [Project],
        projectFields: FieldTable, voterFields: FieldTable, voteColumns: [String], ballots: Ballots
    ) {
        self.meta = meta
        self.budget = budget
        self.voteType = voteType
        self.projects = projects
        self.projectFields = projectFields
        self.voterFields = voterFields
        self.voteColumns = voteColumns
        self.ballots = ballots
    }

    /// The number of voters (VOTES rows, empty ballots included).
    public var voterCount: Int { ballots.count }

    /// The value of a META key.
    public func metaValue(_ key: String) -> String? { meta.first { $0.key == key }?.value }

    /// An extra project column (`name`, `category`, …) of project `index`, `nil` if absent.
    public func projectField(_ column: String, of index: Int) -> String? {
        projectFields.value(row: index, column: column)
    }

    /// The dense index of a project id.
    public func projectIndex(id: String) -> Int? { projects.firstIndex { $0.id == id } }

    /// The number of ballots listing each project.
    public func supportCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: projects.count)
        for p in ballots.projects { counts[Int(p)] += 1 }
        return counts
    }
}
