import Foundation
import Hummingbird
import PBAnalysis
import PBModel
import PBReports
import PBRules
import PBWorkbench

/// `/api/elect`: rules side by side on a real election (`.pb`), with a "what if" budget.
struct ElectionRoutes: Sendable {
    let catalog: Catalog

    func add(to router: Router<some RequestContext>) {
        router.post("/api/elect") { request, _ in try await elect(request) }
    }

    /// `{"name", "vote_type", "voters", "budget", "currency", "projects": [{"id", "name", "cost",
    /// "supporters"}], "outcomes": [<pbsim elect --format json's object> + "satisfaction"]}`.
    ///
    /// `satisfaction` is `{"mean", "histogram"}`: voters by the share of their ballot that is funded,
    /// in ten bins of 10 % (the last one includes 100 %).
    func elect(_ request: Request) async throws -> Response {
        let fields = try await RequestFields.object(of: request, allowed: ["scenario_id", "rules", "budget"])
        guard let id = try fields.string("scenario_id") else {
            throw APIError.badField("scenario_id", "give the id of an election")
        }
        guard let entry = catalog.entry(id) else {
            throw APIError(.notFound, "no election with id '\(id)'", field: "scenario_id")
        }
        guard entry.kind == .election else {
            throw APIError.badField("scenario_id", "'\(id)' is a scenario; use /api/simulate")
        }
        let budget = try fields.number("budget")
        if let budget, budget <= 0 { throw APIError.badField("budget", "the budget must be greater than 0") }
        let ruleNames = try fields.strings("rules")
        let path = entry.path
        let outcome = await Offload.run { () -> Result<JSONValue, APIError> in
            Result { () throws(APIError) in
                try Self.compute(path: path, name: entry.name, rules: ruleNames, budget: budget)
            }
        }
        return .json(try outcome.get().text() + "\n")
    }

    static func compute(path: String, name: String, rules ruleNames: [String]?, budget: Double?) throws(APIError)
        -> JSONValue
    {
        var input: ElectionInput
        do {
            input = try ElectionInput.load(path: path)
        } catch {
            throw APIError(.unprocessableContent, error.description)
        }
        if let budget {
            guard let amount = try? Amount(parsing: String(format: "%.2f", budget)) else {
                throw APIError.badField("budget", "not an amount")
            }
            do {
                input = try input.withBudget(amount)
            } catch {
                throw APIError(.unprocessableContent, error.description, field: "budget")
            }
        }
        let election = input.election
        let selection: RuleSelection
        if let ruleNames {
            do {
                selection = try RuleSelection(parsing: ruleNames.joined(separator: ","))
            } catch {
                throw APIError.badField("rules", error.description)
            }
        } else {
            selection = .comparison(for: election.voteType)
        }
        let computed: [Outcome]
        do {
            computed = try input.run(selection)
        } catch {
            throw APIError(.unprocessableContent, error.description, field: "rules")
        }
        var outcomes: [JSONValue] = []
        // pabutools' linear-time measures (satisfaction, fairness), the same values as `pbsim analyze`.
        let profile = AnalysisProfile(election, instance: input.instance)
        for outcome in computed {
            guard
                case .object(var pairs) = ElectionReport.json(
                    file: (path as NSString).lastPathComponent, election: election, outcome: outcome,
                    scale: input.instance.scale)
            else { continue }
            pairs.append(("title", .string(ElectionReport.title(outcome.rule))))
            pairs.append(("satisfaction", satisfaction(election, selection: outcome.selected)))
            let measures = OutcomeAnalysis.measures(
                profile, selected: outcome.selected, rule: outcome.rule,
                options: AnalysisOptions(families: MeasureFamily.cheap))
            pairs.append(("measures", AnalysisReport.object(measures.values)))
            outcomes.append(.object(pairs))
        }
        let nameColumn = election.projectFields.columnIndex("name")
        var supporters = [Int](repeating: 0, count: election.projects.count)
        for v in 0..<election.ballots.count {
            for p in election.ballots.projects(of: v) { supporters[Int(p)] += 1 }
        }
        let projects = election.projects.indices.map { p -> JSONValue in
            .object([
                ("id", .string(election.projects[p].id)),
                ("name", .string(nameColumn.map { election.projectFields[p, $0] } ?? election.projects[p].id)),
                ("cost", .number(election.projects[p].cost.description)),
                ("supporters", .int(supporters[p])),
            ])
        }
        return .object([
            ("name", .string(name)), ("vote_type", .string(election.voteType.rawValue)),
            ("voters", .int(election.voterCount)), ("budget", .number(election.budget.description)),
            ("currency", .string(ElectionHTMLReport.currencyCode(of: election))), ("projects", .array(projects)),
            ("outcomes", .array(outcomes)),
        ])
    }

    static func satisfaction(_ election: Election, selection: [Int]) -> JSONValue {
        let values = VoterSatisfaction.shareFunded(election, selection: selection).compactMap { $0 }
        var bins = [Int](repeating: 0, count: 10)
        for value in values { bins[min(9, Int(value * 10))] += 1 }
        let mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        return .object([("mean", .double(mean)), ("histogram", .array(bins.map { .int($0) }))])
    }
}
