import Foundation
public import PBAnalysis
public import PBModel
public import PBRules
import PBSimulation
import PBWorkbench

/// A session's ballots as a pabulib election, and the count: the panel's rule and the others side by
/// side, the satisfaction measures, and (for a scenario) the service-led plan.
///
/// The count reads the very text ``exportText(session:definition:ballots:createdAt:closedAt:)`` writes,
/// through the same reader and rules as `pbsim elect`, so `pbsim elect` on the exported file gives the
/// same outcomes.
public enum SessionCount {
    /// The session's ballots as a pabulib file: one voter per member who voted, numbered 1, 2, … in an
    /// order that says nothing about who is who (``SessionStore/ballots(session:)``).
    ///
    /// - Parameters:
    ///   - session: The session id (in the `instance` key).
    ///   - definition: The session.
    ///   - ballots: The ballots, in export order.
    ///   - date: When the session was created (ISO 8601); the year goes to `instance`.
    /// - Returns: The `.pb` text.
    public static func exportText(session: String, definition: SessionDefinition, ballots: [Ballot], date: String)
        -> String
    {
        PabulibWriter.text(of: election(session: session, definition: definition, ballots: ballots, date: date))
    }

    /// The session's ballots as an ``PBModel/Election``.
    public static func election(session: String, definition: SessionDefinition, ballots: [Ballot], date: String)
        -> Election
    {
        let day = pabulibDate(date)
        var meta: [(String, String)] = [
            ("description", "Panel session \(session): \(definition.name)"),
            ("country", definition.country),
            ("unit", definition.name),
            ("instance", String(day.suffix(4))),
            ("num_projects", String(definition.projects.count)),
            ("num_votes", String(ballots.count)),
            ("budget", definition.budget.description),
            ("vote_type", definition.format.voteType.rawValue),
            ("rule", pabulibRule(definition.rule)),
            ("date_begin", day),
            ("date_end", day),
        ]
        let format = definition.format
        switch format.kind {
        case .approval, .knapsack:
            meta.append(("min_length", String(format.minProjects)))
            if let max = format.maxProjects { meta.append(("max_length", String(max))) }
            if format.kind == .knapsack { meta.append(("max_sum_cost", definition.budget.description)) }
        case .cumulative:
            meta.append(("max_sum_points", String(format.points ?? 0)))
        }
        meta.append(("currency", definition.currency))
        let hasDistricts = definition.projects.allSatisfy { $0.district != nil }
        let index = Dictionary(uniqueKeysWithValues: definition.projects.enumerated().map { ($1.id, Int32($0)) })
        var support = [Int](repeating: 0, count: definition.projects.count)
        for ballot in ballots {
            for (k, id) in ballot.projects.enumerated() {
                if let p = index[id] { support[Int(p)] += ballot.points.map { $0[k] } ?? 1 }
            }
        }
        var columns = ["project_id", "cost", definition.format.voteType.hasPoints ? "score" : "votes", "name"]
        if hasDistricts { columns.append("district") }
        columns.append("description")
        var projectFields = FieldTable(columns: columns)
        for (p, project) in definition.projects.enumerated() {
            var row = [project.id, project.cost.description, String(support[p]), clean(project.title)]
            if hasDistricts { row.append(clean(project.district ?? "")) }
            row.append(clean(project.description))
            projectFields.appendRow(row)
        }
        var table = Ballots()
        var voterFields = FieldTable(columns: ["voter_id"])
        for (v, ballot) in ballots.enumerated() {
            table.append(
                projects: ballot.projects.compactMap { index[$0] },
                points: (ballot.points ?? []).map { Amount(Int64($0)) })
            voterFields.appendRow([String(v + 1)])
        }
        return Election(
            meta: meta.map { Election.MetaEntry(key: $0.0, value: $0.1) }, budget: definition.budget,
            voteType: definition.format.voteType,
            projects: definition.projects.map { Election.Project(id: $0.id, cost: $0.cost) },
            projectFields: projectFields, voterFields: voterFields,
            voteColumns: ["voter_id", "vote"] + (definition.format.voteType.hasPoints ? ["points"] : []), ballots: table
        )
    }

    /// Seconds each expensive measure (EJR/PJR search, priceability, MES analytics) may take per outcome
    /// before it reports "undetermined", so closing a large session stays quick.
    public static let analysisTimeLimit = 2.0

    /// The count of a session.
    public struct Result: Sendable {
        /// The session id.
        public var session: String
        /// The session.
        public var definition: SessionDefinition
        /// The members and how many voted.
        public var members: Int
        public var voters: Int
        /// Whether the session is still open (a count of an open session is a preview).
        public var open: Bool
        /// The election counted (what `export.pb` holds).
        public var election: Election
        /// The panel's rule first, then the usual comparison rules (empty when nobody voted).
        public var outcomes: [Outcome]
        /// For each outcome: mean satisfaction (cost of the funded projects a voter approved over the
        /// budget, or the share of their points on funded projects) and exclusion (the share of voters
        /// with nothing funded).
        public var measures: [(satisfaction: Double, exclusion: Double)]
        /// For each outcome: the measures of pabutools' analysis (`pbsim analyze`'s), EJR, PJR and
        /// priceability included, each expensive check limited to ``analysisTimeLimit`` seconds.
        public var analysis: [MeasureSet]
        /// The ballots each project got (approval) or its points (cumulative).
        public var support: [Int]
        /// The service-led plan, for a scenario.
        public var serviceLed: ServiceLedPlan?
        /// Why there is no service-led plan, when there is none.
        public var serviceLedNote: String?
    }

    /// What the officers would have funded: each proposal's chance of being funded by the scenario's
    /// service-led regime over its Monte Carlo runs (`pbsim simulate`'s funding probability).
    public struct ServiceLedPlan: Sendable {
        /// The runs and the seed.
        public var runs: Int
        public var seed: UInt64
        /// The probability per project id.
        public var probability: [String: Double]
    }

    /// Counts a session's ballots.
    ///
    /// - Parameters:
    ///   - session: The session id.
    ///   - stored: The session as stored.
    ///   - ballots: Its ballots, in export order.
    ///   - jobs: Threads for the service-led simulation.
    /// - Returns: The result.
    /// - Throws: ``SessionError/invalid(_:)`` when a rule fails.
    public static func count(_ stored: SessionStore.Stored, ballots: [Ballot], jobs: Int) throws(SessionError) -> Result
    {
        let definition = stored.definition
        let text = exportText(session: stored.id, definition: definition, ballots: ballots, date: stored.createdAt)
        var outcomes: [Outcome] = []
        var measures: [(Double, Double)] = []
        var analysis: [MeasureSet] = []
        let election: Election
        let input: ElectionInput
        do {
            input = try ElectionInput.parse(Array(text.utf8), file: "export.pb")
        } catch {
            throw .invalid("the session's ballots do not make a valid election: \(error.description)")
        }
        election = input.election
        if !ballots.isEmpty {
            var rules = [definition.rule]
            let voteType = definition.format.voteType
            for rule in RuleSelection.comparison(for: voteType).names where !rules.contains(rule) { rules.append(rule) }
            do {
                outcomes = try input.run(RuleSelection(rules))
            } catch {
                throw .invalid(error.description)
            }
            let profile = BallotProfile(input.instance)
            measures = outcomes.map { (profile.satisfaction(of: $0.selected), profile.exclusion(of: $0.selected)) }
            let analysed = AnalysisProfile(input.election, instance: input.instance)
            let options = AnalysisOptions(timeLimit: analysisTimeLimit)
            analysis = outcomes.map {
                OutcomeAnalysis.measures(analysed, selected: $0.selected, rule: $0.rule, options: options)
            }
        }
        let support = supportColumn(election)
        var result = Result(
            session: stored.id, definition: definition, members: stored.members, voters: ballots.count,
            open: stored.open, election: election, outcomes: outcomes, measures: measures, analysis: analysis,
            support: support)
        if definition.sourceKind == .scenario {
            do {
                result.serviceLed = try serviceLedPlan(definition, jobs: jobs)
            } catch {
                result.serviceLedNote = error.description
            }
        } else {
            result.serviceLedNote = "an election file has no service-led plan (only a scenario has one)"
        }
        return result
    }

    /// The scenario's service-led funding probabilities, with its own runs and seed.
    static func serviceLedPlan(_ definition: SessionDefinition, jobs: Int) throws(SessionError) -> ServiceLedPlan {
        let input: ScenarioInput
        do {
            input = try ScenarioInput.load(path: definition.source)
        } catch {
            throw .invalid("the scenario cannot be read again: \(error.description)")
        }
        let settings = input.settings(runs: nil, seed: nil, jobs: jobs)
        let simulated: SimulationResult
        do {
            simulated = try input.simulate(settings)
        } catch {
            throw .invalid(error.description)
        }
        guard let summary = simulated.summary(of: .serviceLed) else {
            throw .invalid("the scenario has no service-led regime")
        }
        var probability: [String: Double] = [:]
        for (j, id) in simulated.proposalIDs.enumerated() where j < summary.fundingProbability.count {
            probability[id] = summary.fundingProbability[j]
        }
        return ServiceLedPlan(runs: settings.runs, seed: settings.seed, probability: probability)
    }

    /// The `votes` (or `score`) column of the election's projects.
    static func supportColumn(_ election: Election) -> [Int] {
        let column = election.projectFields.columnIndex(election.voteType.hasPoints ? "score" : "votes")
        return election.projects.indices.map { p in column.flatMap { Int(election.projectFields[p, $0]) } ?? 0 }
    }

    /// `DD.MM.YYYY` of an ISO 8601 date (`2026-12-03T…` → `03.12.2026`).
    static func pabulibDate(_ iso: String) -> String {
        let parts = iso.prefix(10).split(separator: "-")
        guard parts.count == 3 else { return "01.01.2026" }
        return "\(parts[2]).\(parts[1]).\(parts[0])"
    }

    /// pabulib's name of a rule (`greedy`, `equalshares`), else pbsim's.
    static func pabulibRule(_ rule: RuleName) -> String {
        switch rule {
        case .greedyCost: "greedy"
        case .mesCost: "equalshares"
        case .mesCostAdd1, .mesCostAdd1Greedy: "equalshares/add1"
        default: rule.rawValue
        }
    }

    /// Text for a pabulib cell: line breaks and tabs as spaces.
    static func clean(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
