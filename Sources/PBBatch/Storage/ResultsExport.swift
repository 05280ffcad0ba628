import Foundation
internal import GRDB
import PBSupport

/// Renders a results table as CSV or JSON, joined with each task's description.
///
/// Rows are sorted by instance, rule, parameters, seed and regime. In CSV every task parameter gets a
/// column of its own (`arithmetic`, `lambda`, `runs`, ...; empty where a task does not have it) and
/// `selected` is a JSON list of ids; in JSON `parameters` is an object and `selected` a list.
///
/// ```swift
/// let csv = try ResultsExport.render(database, table: .metrics, format: .csv)
/// ```
public enum ResultsExport {
    /// A table to export.
    public enum Table: String, Sendable, Hashable, CaseIterable {
        /// One row per selection (rule outcome, or a regime's selection in a simulation's run 0).
        case outcomes
        /// One row per metric value.
        case metrics
        /// One row per task, with its state, wall time and version.
        case tasks
        /// One row per failed task, with its error.
        case failures
        /// Tidy: one row per election measure, typed columns only (see ``render(_:table:format:includeStale:)``).
        case electionMetrics = "election-metrics"
        /// Tidy: one row per simulation measure with its interval, typed columns only.
        case simulationMetrics = "simulation-metrics"
        /// Tidy: one row per funded project of each selection (no JSON in a cell).
        case selections
    }

    /// An output format.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// Comma-separated values with a header line (RFC 4180 quoting).
        case csv
        /// A JSON array of objects, one per line.
        case json
    }

    private enum Kind {
        case text, number, json
    }

    private static let taskColumns: [(String, Kind)] = [
        ("key", .text), ("suite", .text), ("kind", .text), ("instance", .text), ("rule", .text),
        ("parameters", .json), ("seed", .number),
    ]

    /// The task columns every table starts with, in the order of ``taskColumns``: the suites that define
    /// the task (`;`-separated), then the task's own fields.
    static let taskHead =
        "t.key, (SELECT group_concat(suite, ';') FROM (SELECT suite FROM suite_tasks s WHERE s.key = t.key ORDER BY suite)), "
        + "t.kind, t.instance, t.rule, t.parameters, t.seed"

    /// The SQL and columns of a wide table (`nil` for the tidy ones, see ``TidyTable``).
    private static func query(_ table: Table, includeStale: Bool) -> (sql: String, columns: [(String, Kind)])? {
        let head = taskHead
        let current = includeStale ? "" : "WHERE \(ResultsDatabase.isCurrent) "
        let order = "\(current)ORDER BY t.instance, t.rule, t.parameters, t.seed, t.key"
        switch table {
        case .electionMetrics, .simulationMetrics, .selections:
            return nil
        case .outcomes:
            return (
                "SELECT \(head), o.regime, o.selected, o.cost FROM tasks t JOIN outcomes o ON o.key = t.key \(order), o.regime",
                taskColumns + [("regime", .text), ("selected", .json), ("cost", .text)]
            )
        case .metrics:
            return (
                "SELECT \(head), m.regime, m.metric, m.value, m.low, m.high FROM tasks t JOIN metrics m ON m.key = t.key \(order), m.regime, m.metric",
                taskColumns + [
                    ("regime", .text), ("metric", .text), ("value", .number), ("low", .number), ("high", .number),
                ]
            )
        case .tasks:
            return (
                "SELECT \(head), t.instance_sha256, t.status, t.wall_time, t.pbsim_version, t.host, t.finished_at FROM tasks t \(order)",
                taskColumns + [
                    ("instance_sha256", .text), ("status", .text), ("wall_time", .number), ("pbsim_version", .text),
                    ("host", .text), ("finished_at", .text),
                ]
            )
        case .failures:
            return (
                "SELECT \(head), f.error, f.pbsim_version, f.wall_time, f.finished_at FROM tasks t JOIN failures f ON f.key = t.key \(order)",
                taskColumns + [
                    ("error", .text), ("pbsim_version", .text), ("wall_time", .number), ("finished_at", .text),
                ]
            )
        }
    }

    /// Renders `table` of `database` in `format`.
    ///
    /// - Parameter includeStale: Whether to include the stale tasks: those no suite defines any more
    ///   (its file changed since they ran). By default they are left out, so an export holds only
    ///   what the current suites define.
    /// - Returns: The whole text, ending with a newline.
    /// - Throws: A database error.
    public static func render(
        _ database: ResultsDatabase, table: Table, format: Format, includeStale: Bool = false
    ) throws(BatchError) -> String {
        guard let (sql, columns) = query(table, includeStale: includeStale) else {
            return try renderTidy(database, table, format: format, includeStale: includeStale)
        }
        let rows: [[DatabaseValue]] = try database.read { db in
            try Row.fetchAll(db, sql: sql).map { row in (0..<row.count).map { row[$0] as DatabaseValue } }
        }
        switch format {
        case .json: return json(rows, columns)
        case .csv: return csv(rows, columns)
        }
    }

    private static func json(_ rows: [[DatabaseValue]], _ columns: [(String, Kind)]) -> String {
        var out = "[\n"
        for (index, row) in rows.enumerated() {
            let fields = columns.indices.map { c -> String in
                let (name, kind) = columns[c]
                let value = row[c]
                let rendered: String
                if value.isNull {
                    rendered = "null"
                } else {
                    switch kind {
                    case .text: rendered = JSONText.string(ResultsDatabase.text(value))
                    case .json: rendered = ResultsDatabase.text(value)
                    case .number: rendered = numberText(value)
                    }
                }
                return "\(JSONText.string(name)):\(rendered)"
            }
            out += "{" + fields.joined(separator: ",") + "}" + (index + 1 < rows.count ? ",\n" : "\n")
        }
        return out + "]\n"
    }

    private static func csv(_ rows: [[DatabaseValue]], _ columns: [(String, Kind)]) -> String {
        let parameterColumn = columns.firstIndex { $0.0 == "parameters" }!
        let parsed = rows.map { FlatJSON.parse(ResultsDatabase.text($0[parameterColumn])) }
        var names = Set<String>()
        for parameters in parsed { names.formUnion(parameters.map(\.0)) }
        let parameterNames = names.sorted()
        var header = columns.map(\.0)
        header.replaceSubrange(parameterColumn...parameterColumn, with: parameterNames)
        var out = header.map(CSVText.field).joined(separator: ",") + "\n"
        for (row, parameters) in zip(rows, parsed) {
            var cells = columns.indices.map { c -> String in
                let value = row[c]
                if value.isNull { return "" }
                return columns[c].1 == .number ? numberText(value) : ResultsDatabase.text(value)
            }
            let lookup = Dictionary(parameters, uniquingKeysWith: { first, _ in first })
            cells.replaceSubrange(parameterColumn...parameterColumn, with: parameterNames.map { lookup[$0] ?? "" })
            out += cells.map(CSVText.field).joined(separator: ",") + "\n"
        }
        return out
    }

    static func numberText(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .int64(let v): String(v)
        case .double(let v): v.isFinite ? "\(v)" : "null"
        default: ResultsDatabase.text(value)
        }
    }
}

/// Reads the flat JSON objects of the `parameters` column (`{"lambda":0.5,"arithmetic":"certified"}`)
/// into names and value texts.
enum FlatJSON {
    static func parse(_ text: String) -> [(String, String)] {
        var result: [(String, String)] = []
        let chars = Array(text.unicodeScalars)
        var i = 0
        func skipSpace() { while i < chars.count, chars[i] == " " || chars[i] == "\n" { i += 1 } }
        func string() -> String? {
            guard i < chars.count, chars[i] == "\"" else { return nil }
            i += 1
            var out = String.UnicodeScalarView()
            while i < chars.count, chars[i] != "\"" {
                if chars[i] == "\\", i + 1 < chars.count {
                    i += 1
                    switch chars[i] {
                    case "n": out.append("\n")
                    case "r": out.append("\r")
                    case "t": out.append("\t")
                    case "u":
                        if i + 4 < chars.count,
                            let v = UInt32(String(String.UnicodeScalarView(chars[(i + 1)...(i + 4)])), radix: 16),
                            let scalar = Unicode.Scalar(v)
                        {
                            out.append(scalar)
                        }
                        i += 4
                    default: out.append(chars[i])
                    }
                } else {
                    out.append(chars[i])
                }
                i += 1
            }
            i += 1
            return String(out)
        }
        skipSpace()
        guard i < chars.count, chars[i] == "{" else { return [] }
        i += 1
        while i < chars.count {
            skipSpace()
            if chars[i] == "}" { break }
            guard let name = string() else { break }
            skipSpace()
            guard i < chars.count, chars[i] == ":" else { break }
            i += 1
            skipSpace()
            let value: String
            if i < chars.count, chars[i] == "\"" {
                value = string() ?? ""
            } else {
                var out = String.UnicodeScalarView()
                while i < chars.count, chars[i] != ",", chars[i] != "}" {
                    out.append(chars[i])
                    i += 1
                }
                value = String(out).trimmingCharacters(in: .whitespaces)
            }
            result.append((name, value))
            skipSpace()
            if i < chars.count, chars[i] == "," { i += 1 }
        }
        return result
    }
}
