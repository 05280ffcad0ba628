import PBAnalysis
import PBModel
import PBRules
public import PBSession

/// A panel session's count as JSON and CSV (`/api/sessions/{id}/close`, `results.json`, `results.csv`).
public enum SessionReport {
    /// The count as JSON:
    ///
    /// `{"session", "name", "open", "members", "voters", "budget", "currency", "ballot", "rule",
    /// "outcomes": [{"rule", "title", "selected", "cost", "satisfaction", "exclusion", "measures",
    /// "not_computed"}],
    /// "projects": [{"id", "title", "cost", "district", "support", "funded": [rule keys],
    /// "service_led"}], "service_led": {"runs", "seed"} | null, "service_led_note"?}`.
    ///
    /// The first outcome is the session's own rule; `satisfaction` is the mean share of the budget spent
    /// on a voter's projects (cumulative: the share of their points on funded projects), `exclusion` the
    /// share of voters with none of their projects funded; `measures` are `pbsim analyze`'s (pabutools'
    /// names and values, rationals as exact text) and `not_computed` says why a measure has no value.
    /// `service_led` per project is the chance the
    /// scenario's officers fund it (`pbsim simulate`'s funding probability).
    public static func json(_ result: SessionCount.Result) -> JSONValue {
        let definition = result.definition
        let election = result.election
        let outcomes = result.outcomes.enumerated().map { k, outcome -> JSONValue in
            let cost = outcome.selected.reduce(0.0) { $0 + election.projects[$1].cost.doubleValue }
            return .object([
                ("rule", .string(outcome.rule.rawValue)), ("title", .string(ElectionReport.title(outcome.rule))),
                ("selected", .array(outcome.selected.sorted().map { .string(election.projects[$0].id) })),
                ("cost", .double(cost)), ("satisfaction", .double(result.measures[k].satisfaction)),
                ("exclusion", .double(result.measures[k].exclusion)),
                ("measures", AnalysisReport.object(result.analysis[k].values)),
                ("not_computed", AnalysisReport.gaps(result.analysis[k].gaps)),
            ])
        }
        let funded = result.outcomes.map { Set($0.selected) }
        let projects = definition.projects.enumerated().map { p, project -> JSONValue in
            var pairs: [(String, JSONValue)] = [
                ("id", .string(project.id)), ("title", .string(project.title)),
                ("cost", .number(project.cost.description)),
                ("district", project.district.map { .string($0) } ?? .null),
                ("support", .int(p < result.support.count ? result.support[p] : 0)),
                (
                    "funded",
                    .array(
                        result.outcomes.indices.filter { funded[$0].contains(p) }.map {
                            .string(result.outcomes[$0].rule.rawValue)
                        })
                ),
            ]
            if let plan = result.serviceLed {
                pairs.append(("service_led", .double(plan.probability[project.id] ?? 0)))
            }
            return .object(pairs)
        }
        var pairs: [(String, JSONValue)] = [
            ("session", .string(result.session)), ("name", .string(definition.name)), ("open", .bool(result.open)),
            ("members", .int(result.members)), ("voters", .int(result.voters)),
            ("budget", .number(definition.budget.description)), ("currency", .string(definition.currency)),
            ("ballot", .string(definition.format.kind.rawValue)), ("rule", .string(definition.rule.rawValue)),
            ("outcomes", .array(outcomes)), ("projects", .array(projects)),
            (
                "service_led",
                result.serviceLed.map { .object([("runs", .int($0.runs)), ("seed", .string(String($0.seed)))]) }
                    ?? .null
            ),
        ]
        if let note = result.serviceLedNote { pairs.append(("service_led_note", .string(note))) }
        return .object(pairs)
    }

    /// The count as CSV: one row per project, with its support, one 0/1 column per rule (the session's
    /// own first) and the service-led probability (empty without a scenario).
    public static func csv(_ result: SessionCount.Result) -> String {
        let rules = result.outcomes.map(\.rule.rawValue)
        var out =
            (["project_id", "title", "cost", "district", "support"] + rules + ["service_led"])
            .map(SimulationReport.csvField).joined(separator: ",") + "\n"
        let funded = result.outcomes.map { Set($0.selected) }
        for (p, project) in result.definition.projects.enumerated() {
            var cells = [
                project.id, project.title, project.cost.description, project.district ?? "",
                String(p < result.support.count ? result.support[p] : 0),
            ]
            cells += funded.map { $0.contains(p) ? "1" : "0" }
            cells.append(result.serviceLed.map { JSONValue.double($0.probability[project.id] ?? 0).text() } ?? "")
            out += cells.map(SimulationReport.csvField).joined(separator: ",") + "\n"
        }
        return out
    }
}
