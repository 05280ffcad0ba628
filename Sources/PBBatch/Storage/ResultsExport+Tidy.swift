import Foundation
internal import GRDB
import PBSupport

/// The tidy tables of a results database: long format, one observation per row, every column of one
/// type, so that `pandas.read_csv` or R's `read.csv` gives typed columns without cleaning.
///
/// - `election-metrics`: `key, suite, instance, rule, <election parameters>, metric, detail, value`.
/// - `simulation-metrics`: `key, suite, scenario, seed, runs, <grid parameters>, regime, metric, detail,
///   value, low, high` (`seed` and `runs` integers on every row).
/// - `selections`: `key, suite, kind, instance, rule, regime, position, project`: one row per funded
///   project, `rule` on election rows and `regime` on simulation rows.
///
/// `metric` is the measure's base name and `detail` what it is of: the satisfaction class of an
/// election measure (`avg_satisfaction:Cost_Sat` is `avg_satisfaction`, `Cost_Sat`), the group of a
/// simulation's `coverage`, the breakdown of its `divergence`; empty for a measure of the whole. A
/// parameter column is empty only for a task whose block has no such parameter.
extension ResultsExport {
    private struct TidyColumn {
        var name: String
        var numeric: Bool
    }

    static func renderTidy(
        _ database: ResultsDatabase, _ table: Table, format: Format, includeStale: Bool
    ) throws(BatchError) -> String {
        let current = includeStale ? "" : " AND \(ResultsDatabase.isCurrent)"
        let head = taskHead
        let sql: String
        switch table {
        case .electionMetrics:
            sql =
                "SELECT \(head), m.regime, m.metric, m.value, m.low, m.high FROM tasks t JOIN metrics m ON m.key = t.key "
                + "WHERE t.kind = 'election'\(current) ORDER BY t.instance, t.rule, t.parameters, t.key, m.metric"
        case .simulationMetrics:
            sql =
                "SELECT \(head), m.regime, m.metric, m.value, m.low, m.high FROM tasks t JOIN metrics m ON m.key = t.key "
                + "WHERE t.kind = 'simulation'\(current) ORDER BY t.instance, t.parameters, t.seed, t.key, m.regime, m.metric"
        default:
            sql =
                "SELECT \(head), o.regime, o.selected FROM tasks t JOIN outcomes o ON o.key = t.key "
                + "WHERE 1\(current) ORDER BY t.kind, t.instance, t.rule, t.parameters, t.seed, t.key, o.regime"
        }
        let rows: [Row] = try database.read { db in try Row.fetchAll(db, sql: sql) }
        let parameters = rows.map { FlatJSON.parse(ResultsDatabase.text($0[5] as DatabaseValue)) }
        var parameterNames = Set<String>()
        for p in parameters { parameterNames.formUnion(p.map(\.0)) }
        parameterNames.remove("runs")

        var columns: [TidyColumn]
        var records: [[String?]] = []
        func text(_ row: Row, _ index: Int) -> String { ResultsDatabase.text(row[index] as DatabaseValue) }
        func number(_ row: Row, _ index: Int) -> String? {
            let value = row[index] as DatabaseValue
            guard !value.isNull else { return nil }
            let rendered = numberText(value)
            return rendered == "null" ? nil : rendered  // not finite: an empty cell, never a word in a number column
        }
        switch table {
        case .electionMetrics, .simulationMetrics:
            let simulation = table == .simulationMetrics
            let names = parameterNames.sorted()
            columns = [TidyColumn(name: "key", numeric: false), TidyColumn(name: "suite", numeric: false)]
            columns +=
                simulation
                ? [
                    TidyColumn(name: "scenario", numeric: false), TidyColumn(name: "seed", numeric: true),
                    TidyColumn(name: "runs", numeric: true),
                ]
                : [TidyColumn(name: "instance", numeric: false), TidyColumn(name: "rule", numeric: false)]
            columns += names.map { TidyColumn(name: $0, numeric: true) }
            if simulation { columns.append(TidyColumn(name: "regime", numeric: false)) }
            columns += [
                TidyColumn(name: "metric", numeric: false), TidyColumn(name: "detail", numeric: false),
                TidyColumn(name: "value", numeric: true),
            ]
            if simulation {
                columns += [TidyColumn(name: "low", numeric: true), TidyColumn(name: "high", numeric: true)]
            }
            for (row, params) in zip(rows, parameters) {
                let lookup = Dictionary(params, uniquingKeysWith: { first, _ in first })
                let metric = text(row, 8)
                let (base, detail) = Self.splitMetric(metric)
                var record: [String?] = [text(row, 0), text(row, 1)]
                record += simulation ? [text(row, 3), number(row, 6), lookup["runs"]] : [text(row, 3), text(row, 4)]
                record += names.map { lookup[$0] }
                if simulation { record.append(text(row, 7)) }
                record += [base, detail, number(row, 9)]
                if simulation { record += [number(row, 10), number(row, 11)] }
                records.append(record)
            }
        default:
            columns = [
                TidyColumn(name: "key", numeric: false), TidyColumn(name: "suite", numeric: false),
                TidyColumn(name: "kind", numeric: false), TidyColumn(name: "instance", numeric: false),
                TidyColumn(name: "rule", numeric: false), TidyColumn(name: "regime", numeric: false),
                TidyColumn(name: "position", numeric: true), TidyColumn(name: "project", numeric: false),
            ]
            for row in rows {
                let election = text(row, 2) == "election"
                let selected = text(row, 8)
                let ids =
                    (try? JSONSerialization.jsonObject(with: Data(selected.utf8))) as? [Any] ?? []
                for (position, id) in ids.enumerated() {
                    records.append([
                        text(row, 0), text(row, 1), text(row, 2), text(row, 3),
                        election ? text(row, 7) : "", election ? "" : text(row, 7), String(position + 1), "\(id)",
                    ])
                }
            }
        }
        switch format {
        case .csv:
            var out = columns.map { CSVText.field($0.name) }.joined(separator: ",") + "\n"
            for record in records { out += record.map { CSVText.field($0 ?? "") }.joined(separator: ",") + "\n" }
            return out
        case .json:
            var out = "[\n"
            for (index, record) in records.enumerated() {
                let fields = zip(columns, record).map { column, value -> String in
                    let rendered: String
                    if let value {
                        rendered = column.numeric && Double(value) != nil ? value : JSONText.string(value)
                    } else {
                        rendered = "null"
                    }
                    return JSONText.string(column.name) + ":" + rendered
                }
                out += "{" + fields.joined(separator: ",") + "}" + (index + 1 < records.count ? ",\n" : "\n")
            }
            return out + "]\n"
        }
    }

    /// `avg_satisfaction:Cost_Sat` → (`avg_satisfaction`, `Cost_Sat`); `coverage` → (`coverage`, ``).
    static func splitMetric(_ name: String) -> (String, String) {
        guard let colon = name.firstIndex(of: ":") else { return (name, "") }
        return (String(name[..<colon]), String(name[name.index(after: colon)...]))
    }
}
