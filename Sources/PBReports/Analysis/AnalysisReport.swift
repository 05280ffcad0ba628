import Foundation
public import PBAnalysis
public import PBModel
import PBRules

/// One analysed outcome: the rule (or `selected`/`recorded`), the funded ids and the measures.
public struct AnalysedOutcome: Sendable {
    public var label: String
    public var selected: [String]
    public var measures: MeasureSet
    public init(label: String, selected: [String], measures: MeasureSet) {
        self.label = label
        self.selected = selected
        self.measures = measures
    }
}

/// Renders `pbsim analyze`: JSON with the reference's keys, a long CSV, and grouped text.
public enum AnalysisReport {
    /// `{"file", "vote_type", "num_voters", "num_projects", "instance_measures", "histogram_max_satisfaction",
    /// "rules": {RULE: {"selected", "measures", "not_computed"}}}`, plus `"measures"` (and
    /// `"selected"`, `"not_computed"`) at the top level when there is one outcome.
    ///
    /// With `weighting`, a `"weighting"` member says how the rules' voters were weighted and that the
    /// measures count every voter once (``weightingNote``).
    public static func json(
        file: String, profile: AnalysisProfile, instance: MeasureSet, outcomes: [AnalysedOutcome],
        weighting: VoterWeighting? = nil
    ) -> JSONValue {
        var top: [(String, JSONValue)] = [
            ("file", .string(file)),
            ("vote_type", .string(profile.voteType.rawValue)),
            ("num_voters", .int(profile.voterCount)),
            ("num_projects", .int(profile.projectCount)),
        ]
        if let weighting {
            top.append(
                (
                    "weighting",
                    .object([
                        ("voters", .string(weighting.summary)),
                        ("outcomes", .string("weighted")),
                        ("measures", .string("unweighted")),
                        ("note", .string(weightingNote)),
                    ])
                ))
        }
        top += [
            ("instance_measures", object(instance.values)),
            ("histogram_max_satisfaction", object(OutcomeAnalysis.histogramMaxima(profile))),
        ]
        if !instance.gaps.isEmpty { top.append(("instance_not_computed", gaps(instance.gaps))) }
        top.append(
            (
                "rules",
                .object(
                    outcomes.map { o in
                        (
                            o.label,
                            .object([
                                ("selected", .array(o.selected.map { .string($0) })),
                                ("measures", object(o.measures.values)),
                                ("not_computed", gaps(o.measures.gaps)),
                            ])
                        )
                    })
            ))
        if outcomes.count == 1, let o = outcomes.first {
            top.append(("selected", .array(o.selected.map { .string($0) })))
            top.append(("measures", object(o.measures.values)))
            top.append(("not_computed", gaps(o.measures.gaps)))
        }
        return .object(top)
    }

    /// One row per value: `file,rule,measure,class,item,value,exact` (the instance's rows have an
    /// empty rule; `class` is the satisfaction class or parameter after `:`; `item` a project id,
    /// a histogram bin or a project-loss field; `exact` the rational when the value is one).
    public static func csv(file: String, instance: MeasureSet, outcomes: [AnalysedOutcome]) -> String {
        var out = "file,rule,measure,class,item,value,exact\n"
        func rows(_ rule: String, _ set: MeasureSet) {
            for e in set.values {
                let parts = e.key.split(separator: ":", maxSplits: 1).map(String.init)
                let name = parts[0]
                let cls = parts.count > 1 ? parts[1] : ""
                for (item, value) in flatten(e.value, prefix: "") {
                    let (plain, exactText) = cells(value)
                    out +=
                        [file, rule, name, cls, item, plain, exactText].map(SimulationReport.csvField).joined(
                            separator: ",") + "\n"
                }
            }
            for g in set.gaps {
                let parts = g.key.split(separator: ":", maxSplits: 1).map(String.init)
                out +=
                    [file, rule, parts[0], parts.count > 1 ? parts[1] : "", "", "", g.status.rawValue].map(
                        SimulationReport.csvField
                    )
                    .joined(separator: ",") + "\n"
            }
        }
        rows("", instance)
        for o in outcomes { rows(o.label, o.measures) }
        return out
    }

    /// What `analyze` measures under weighted voters.
    public static let weightingNote =
        "The rules' outcomes count each voter by its weight; every measure counts each voter once "
        + "(pabutools' unweighted definitions), so it says how the weighted outcome serves the voters "
        + "who voted. The MES analytics, which re-run unweighted MES, are not computed."

    /// Grouped text for people, one explained line per measure, within `width` columns; with
    /// `weighting`, how the voters were weighted and ``weightingNote``.
    public static func text(
        file: String, profile: AnalysisProfile, instance: MeasureSet, outcomes: [AnalysedOutcome], width: Int = 100,
        weighting: VoterWeighting? = nil
    ) -> String {
        var out =
            "\(file): \(profile.voteType.rawValue), \(profile.voterCount) voters, \(profile.projectCount) projects\n"
        if let weighting {
            out += wrapLine("Weighted voters: \(weighting.summary). \(weightingNote)", width: width) + "\n"
        }
        out += section("Instance", instance, width: width)
        for o in outcomes {
            out += "\n\(o.label): \(o.selected.count) funded: \(o.selected.joined(separator: ", "))\n"
            var groups: [String] = []
            for e in o.measures.values where !groups.contains(MeasureGlossary.group(of: e.key)) {
                groups.append(MeasureGlossary.group(of: e.key))
            }
            for g in groups {
                var part = MeasureSet()
                part.values = o.measures.values.filter { MeasureGlossary.group(of: $0.key) == g }
                out += section(g.prefix(1).uppercased() + g.dropFirst(), part, width: width)
            }
            if !o.measures.gaps.isEmpty {
                out += "  Not computed\n"
                for gap in o.measures.gaps {
                    out += wrapLine("    \(gap.key): \(gap.status.rawValue): \(gap.reason)", width: width) + "\n"
                }
            }
        }
        return out
    }

    private static func section(_ title: String, _ set: MeasureSet, width: Int) -> String {
        guard !set.values.isEmpty else { return "" }
        var out = "  \(title)\n"
        let keyWidth = min(44, set.values.map(\.key.count).max() ?? 0)
        for e in set.values {
            let key = e.key.padding(toLength: max(keyWidth, e.key.count), withPad: " ", startingAt: 0)
            out += wrapLine("    \(key)  \(summary(e.value))", width: width) + "\n"
            if let meaning = MeasureGlossary.meaning(of: e.key) {
                out += wrapLine("      \(meaning)", width: width) + "\n"
            }
        }
        return out
    }

    /// A short text for a value: rationals as a decimal with the exact form when short.
    static func summary(_ v: MeasureValue) -> String {
        switch v {
        case .rational(let r):
            let text = r.description
            let decimal = NumberText.grouped(r.doubleValue, decimals: abs(r.doubleValue) < 10 ? 4 : 1)
            return text.count <= 24 && text.contains("/") ? "\(decimal)  (= \(text))" : decimal
        case .integer(let i): return String(i)
        case .real(let x): return NumberText.grouped(x, decimals: abs(x) < 10 ? 4 : 1)
        case .bool(let b): return b ? "yes" : "no"
        case .string(let t): return t
        case .null: return "undecided"
        case .list(let items):
            if items.count == VoterSatisfaction.histogramBins {
                return items.map { v in v.doubleValue.map { String(Int(($0 * 100).rounded())) } ?? "-" }.joined(
                    separator: " ") + "  (% per bin)"
            }
            return "\(items.count) entries"
        case .object(let entries):
            let shown = entries.prefix(6).map { "\($0.key) \(summary($0.value))" }.joined(separator: ", ")
            return entries.count > 6 ? shown + ", … (\(entries.count))" : shown
        }
    }

    private static func wrapLine(_ line: String, width: Int) -> String {
        guard line.count > width else { return line }
        var text = TextWrap.wrap(
            String(line.drop { $0 == " " }), width: width, indent: String(line.prefix { $0 == " " }))
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Measures as one JSON object, keyed by pabutools' names, as `analyze` prints them.
    ///
    /// - Parameter entries: The values of a ``PBAnalysis/MeasureSet``.
    /// - Returns: `{name: value}`, rationals as exact strings.
    public static func object(_ entries: [MeasureEntry]) -> JSONValue {
        .object(entries.map { ($0.key, json($0.value)) })
    }

    static func gaps(_ gaps: [MeasureGap]) -> JSONValue {
        .object(
            gaps.map { ($0.key, .object([("status", .string($0.status.rawValue)), ("reason", .string($0.reason))])) })
    }

    /// A measure value as JSON: rationals as exact strings, floats with every digit.
    public static func json(_ v: MeasureValue) -> JSONValue {
        switch v {
        case .rational(let r): return .string(r.description)
        case .integer(let i): return .int(i)
        case .real(let x): return x.isFinite ? .number("\(x)") : .null
        case .bool(let b): return .bool(b)
        case .string(let t): return .string(t)
        case .null: return .null
        case .list(let items): return .array(items.map(json))
        case .object(let entries): return object(entries)
        }
    }

    private static func flatten(_ v: MeasureValue, prefix: String) -> [(String, MeasureValue)] {
        switch v {
        case .list(let items):
            return items.enumerated().flatMap { i, x in
                flatten(x, prefix: prefix.isEmpty ? String(i) : "\(prefix).\(i)")
            }
        case .object(let entries):
            return entries.flatMap { e in flatten(e.value, prefix: prefix.isEmpty ? e.key : "\(prefix).\(e.key)") }
        default:
            return [(prefix, v)]
        }
    }

    private static func cells(_ v: MeasureValue) -> (String, String) {
        switch v {
        case .rational(let r): return ("\(r.doubleValue)", r.description)
        case .integer(let i): return (String(i), "")
        case .real(let x): return ("\(x)", "")
        case .bool(let b): return (b ? "true" : "false", "")
        case .string(let t): return (t, "")
        default: return ("", "")
        }
    }
}
