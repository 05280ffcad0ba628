import Foundation
internal import Yams
import PBSupport

/// A scenario's tables as CSV files (for spreadsheets): `groups.csv` (the `population`),
/// `proposals.csv` and `envelopes.csv` (`budget.envelopes`).
///
/// One row per item and one column per field, named as in the YAML file; a mapping field becomes one
/// column per key, `needs.education`, `effects.culture`, `reach.families-north` (see
/// `Scenarios/README.md`). An empty cell leaves the field out (its default applies).
///
/// ```swift
/// let csv = try ScenarioTables.csv(.proposals, of: scenario)
/// let yaml = try ScenarioTables.importYAML(groups: groupsCSV, proposals: proposalsCSV, settings: settings)
/// ```
public enum ScenarioTables {
    /// One of the tables.
    public enum Table: String, Sendable, CaseIterable {
        case groups, proposals, envelopes

        /// The list of the scenario file that the table holds.
        var key: String {
            switch self {
            case .groups: "population"
            case .proposals: "proposals"
            case .envelopes: "envelopes"
            }
        }

        /// The columns that come first, in this order.
        public var leadingColumns: [String] {
            switch self {
            case .groups: ["id", "district", "size", "participation", "visibility"]
            case .proposals:
                ["id", "title", "cost", "cost_sigma", "district", "origin", "delivery", "in_kind", "appropriateness"]
            case .envelopes: ["district", "domain", "min", "max"]
            }
        }
    }

    /// Columns whose cells are always text (ids and names), never numbers.
    static let textColumns: Set<String> = ["id", "title", "district", "domain", "origin", "delivery"]

    // MARK: - Export

    /// The table of `scenario` as CSV text, ending with a newline.
    ///
    /// - Throws: An encoding error (not expected for a loaded scenario).
    public static func csv(_ table: Table, of scenario: Scenario) throws -> String {
        let tree = try JSONSerialization.jsonObject(with: JSONEncoder().encode(scenario)) as? [String: Any] ?? [:]
        let items: [[String: Any]]
        switch table {
        case .envelopes: items = (tree["budget"] as? [String: Any])?["envelopes"] as? [[String: Any]] ?? []
        default: items = tree[table.key] as? [[String: Any]] ?? []
        }
        let mappingOrder: [String: [String]] = [
            "needs": scenario.domains.map(\.rawValue), "effects": scenario.domains.map(\.rawValue),
            "reach": scenario.population.map(\.id.rawValue),
        ]
        var columns = table.leadingColumns
        var extra: [String] = []
        for item in items {
            for (key, value) in item {
                if let mapping = value as? [String: Any] {
                    for sub in mapping.keys.sorted() where !extra.contains("\(key).\(sub)") {
                        extra.append("\(key).\(sub)")
                    }
                } else if !columns.contains(key) && !extra.contains(key) {
                    extra.append(key)
                }
            }
        }
        // Mapping columns grouped by their field (needs, effects, reach, then others), each in the order of
        // the domains or groups; then the other plain fields.
        let rank = ["needs": 0, "effects": 1, "reach": 2]
        func sortKey(_ column: String) -> (Int, Int, String) {
            let parts = column.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return (4, 0, column) }
            let order = mappingOrder[parts[0]] ?? []
            return (rank[parts[0]] ?? 3, order.firstIndex(of: parts[1]) ?? .max, column)
        }
        columns += extra.filter { !columns.contains($0) }.sorted { sortKey($0) < sortKey($1) }
        var out = columns.map(CSVText.field).joined(separator: ",") + "\n"
        for item in items {
            let cells = columns.map { column -> String in
                let parts = column.split(separator: ".", maxSplits: 1).map(String.init)
                let value = parts.count == 2 ? (item[parts[0]] as? [String: Any])?[parts[1]] : item[parts[0]]
                return CSVText.field(cellText(value))
            }
            out += cells.joined(separator: ",") + "\n"
        }
        return out
    }

    /// A JSON value as a cell: numbers in their shortest form, booleans as `true`/`false`.
    static func cellText(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: return ""
        case let text as String: return text
        case let number as NSNumber:
            if isBoolean(number) { return number.boolValue ? "true" : "false" }
            let x = number.doubleValue
            if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
            return "\(x)"
        default: return "\(value!)"
        }
    }

    // MARK: - Import

    /// What an imported scenario takes from elsewhere than the tables.
    public struct ImportSettings: Sendable {
        /// A scenario whose other fields (name, currency, budget, domains, districts, regimes, …) are kept;
        /// its tables are replaced by the imported ones.
        public var base: Scenario?
        /// The name (default: the base's, else "Imported scenario").
        public var name: String?
        /// The currency (default: the base's, else required).
        public var currency: String?
        /// The budget total (default: the base's, else required).
        public var budget: Double?

        /// Creates settings.
        public init(base: Scenario? = nil, name: String? = nil, currency: String? = nil, budget: Double? = nil) {
            self.base = base
            self.name = name
            self.currency = currency
            self.budget = budget
        }
    }

    /// A CSV file's text and its name for messages.
    public typealias File = (text: String, name: String)

    /// A scenario file (YAML) made from the tables: checked as `pbsim` checks every scenario, with each
    /// table's problems reported against its CSV file and line (`groups.csv:4: size: …`).
    ///
    /// Without a base, `domains` are the keys of the `needs.` and `effects.` columns, `districts` those
    /// named in the tables, and the regimes a starting point to edit: officers with
    /// `information_noise: 0.3` and `greedy`, residents approving their top 3 proposals with
    /// `perception_noise: 0.3`, counted by `mes`.
    ///
    /// - Returns: The YAML text.
    /// - Throws: ``ScenarioError/invalid(_:)`` with every problem.
    public static func importYAML(
        groups: File, proposals: File, envelopes: File? = nil, settings: ImportSettings
    ) throws(ScenarioError) -> String {
        var issues: [ScenarioIssue] = []
        let groupItems = items(groups, issues: &issues)
        let proposalItems = items(proposals, issues: &issues)
        let envelopeItems = envelopes.map { items($0, issues: &issues) }
        guard issues.isEmpty else { throw .invalid(issues) }
        var top: [(String, Node)] = []
        let base: [String: Any]? = settings.base.flatMap {
            (try? JSONEncoder().encode($0)).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        }
        func require<T>(_ value: T?, _ field: String, _ message: String) -> T? {
            if value == nil { issues.append(ScenarioIssue(file: "", line: nil, path: field, message: message)) }
            return value
        }
        let name = settings.name ?? settings.base?.name ?? "Imported scenario"
        let currency = require(settings.currency ?? settings.base?.currency, "currency", "give --currency (e.g. GBP)")
        let total = require(settings.budget ?? settings.base?.budget.total, "budget.total", "give --budget")
        guard issues.isEmpty, let currency, let total else { throw .invalid(issues) }
        top.append(("name", scalar(name)))
        top.append(("currency", scalar(currency)))
        if let base = settings.base {
            top.append(("seed", scalar(base.seed)))
            top.append(("runs", scalar(base.runs)))
        }
        var budget: [(String, Node)] = [("total", scalar(total))]
        if let envelopeItems {
            budget.append(("envelopes", Node(envelopeItems.items.map { mappingNode($0) })))
        } else if let envelopes = (base?["budget"] as? [String: Any])?["envelopes"],
            !((envelopes as? [Any])?.isEmpty ?? true)
        {
            budget.append(("envelopes", jsonNode(envelopes)))
        }
        if let saturation = (base?["budget"] as? [String: Any])?["saturation"] {
            budget.append(("saturation", jsonNode(saturation)))
        }
        top.append(("budget", mappingNode(budget)))
        let domains =
            settings.base?.domains.map(\.rawValue)
            ?? unique(
                (groupItems + proposalItems).flatMap { item in
                    item.filter { $0.0 == "needs" || $0.0 == "effects" }.flatMap { pair -> [String] in
                        if case .mapping(let mapping) = pair.1 { return mapping.keys.compactMap(\.string) }
                        return []
                    }
                })
        top.append(("domains", Node(domains.map { scalar($0) }, .implicit, .flow)))
        let districts =
            settings.base?.districts.map(\.rawValue)
            ?? unique((groupItems + proposalItems).compactMap { item in item.first { $0.0 == "district" }?.1.string })
        if !districts.isEmpty { top.append(("districts", Node(districts.map { scalar($0) }, .implicit, .flow))) }
        top.append(("population", Node(groupItems.items.map { mappingNode($0) })))
        top.append(("proposals", Node(proposalItems.items.map { mappingNode($0) })))
        if let regimes = base?["regimes"] {
            top.append(("regimes", jsonNode(regimes)))
        } else {
            let top3 = min(3, max(1, proposalItems.count))
            top.append(
                (
                    "regimes",
                    mappingNode([
                        ("service-led", mappingNode([("information_noise", scalar(0.3)), ("rule", scalar("greedy"))])),
                        (
                            "co-produced",
                            mappingNode([
                                ("perception_noise", scalar(0.3)), ("ballot", scalar("approval")),
                                ("top", scalar(top3)),
                                ("rule", scalar("mes")),
                            ])
                        ),
                    ])
                ))
        }
        let yaml: String
        do {
            yaml = try Yams.serialize(node: mappingNode(top), width: -1, allowUnicode: true)
        } catch {
            throw .invalid([ScenarioIssue(file: "", line: nil, path: "", message: "cannot write YAML: \(error)")])
        }
        do {
            _ = try Scenario.parse(yaml: yaml, file: "")
        } catch {
            throw .invalid(
                error.issues.map {
                    relocate(
                        $0, groups: groups, proposals: proposals, envelopes: envelopes,
                        groupLines: groupItems.lines, proposalLines: proposalItems.lines,
                        envelopeLines: envelopeItems?.lines)
                })
        }
        return yaml
    }

    /// An issue in the generated YAML moved to the CSV file and line of its table row, when it has one.
    static func relocate(
        _ issue: ScenarioIssue, groups: File, proposals: File, envelopes: File?, groupLines: [Int],
        proposalLines: [Int], envelopeLines: [Int]?
    ) -> ScenarioIssue {
        let tables: [(prefix: String, file: String, lines: [Int])] =
            [("population[", groups.name, groupLines), ("proposals[", proposals.name, proposalLines)]
            + (envelopes.map { [("budget.envelopes[", $0.name, envelopeLines ?? [])] } ?? [])
        for table in tables where issue.path.hasPrefix(table.prefix) {
            let rest = issue.path.dropFirst(table.prefix.count)
            guard let close = rest.firstIndex(of: "]"), let index = Int(rest[..<close]), index < table.lines.count
            else { continue }
            var field = String(rest[rest.index(after: close)...])
            if field.hasPrefix(".") { field.removeFirst() }
            return ScenarioIssue(file: table.file, line: table.lines[index], path: field, message: issue.message)
        }
        return ScenarioIssue(file: "", line: nil, path: issue.path, message: issue.message)
    }

    /// A table's rows as ordered fields (mapping columns gathered), with the line of each row.
    static func items(_ file: File, issues: inout [ScenarioIssue]) -> Rows {
        let rows = CSVText.rows(file.text)
        guard let header = rows.first else {
            issues.append(ScenarioIssue(file: file.name, line: nil, path: "", message: "the file is empty"))
            return Rows(items: [], lines: [])
        }
        let columns = header.cells.map { $0.trimmingCharacters(in: .whitespaces) }
        for (c, column) in columns.enumerated() where column.isEmpty || columns[..<c].contains(column) {
            issues.append(
                ScenarioIssue(
                    file: file.name, line: header.line, path: "",
                    message: column.isEmpty ? "column \(c + 1) has no name" : "column '\(column)' appears twice"))
        }
        var result = Rows(items: [], lines: [])
        for row in rows.dropFirst() {
            guard row.cells.count == columns.count else {
                issues.append(
                    ScenarioIssue(
                        file: file.name, line: row.line, path: "",
                        message: "\(row.cells.count) cells, but the header has \(columns.count) columns"))
                continue
            }
            var fields: [(String, Node)] = []
            for (column, raw) in zip(columns, row.cells) {
                let cell = raw.trimmingCharacters(in: .whitespaces)
                guard !cell.isEmpty else { continue }
                let parts = column.split(separator: ".", maxSplits: 1).map(String.init)
                let value = textColumns.contains(parts[0]) ? scalar(cell) : cellNode(cell)
                if parts.count == 2 {
                    if let at = fields.firstIndex(where: { $0.0 == parts[0] }),
                        case .mapping(var mapping) = fields[at].1
                    {
                        mapping[scalar(parts[1])] = value
                        fields[at].1 = .mapping(mapping)
                    } else {
                        fields.append((parts[0], Node([(scalar(parts[1]), value)], .implicit, .flow)))
                    }
                } else {
                    fields.append((column, value))
                }
            }
            result.items.append(fields)
            result.lines.append(row.line)
        }
        return result
    }

    /// A table's items and the CSV line of each.
    struct Rows {
        var items: [[(String, Node)]]
        var lines: [Int]

        var count: Int { items.count }

        static func + (a: Rows, b: Rows) -> [[(String, Node)]] { a.items + b.items }
    }

    /// A cell of a number column: a plain number when it is one, else text (so the check names it).
    static func cellNode(_ cell: String) -> Node {
        if Double(cell) != nil || cell == "true" || cell == "false" { return Node(cell) }
        return scalar(cell)
    }

    /// Whether JSONSerialization read this number from `true` or `false`.
    static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    static func scalar(_ text: String) -> Node {
        let plain = Node(text)
        // Quote what YAML would read as something other than this text (numbers, booleans, null, …).
        if let resolved = try? Yams.load(yaml: text) as? String, resolved == text { return plain }
        return Node(text, Tag(.str), .doubleQuoted)
    }

    static func scalar(_ number: Double) -> Node {
        Node(number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : "\(number)")
    }

    static func scalar(_ number: Int) -> Node { Node(String(number)) }
    static func scalar(_ number: UInt64) -> Node { Node(String(number)) }

    static func mappingNode(_ fields: [(String, Node)]) -> Node {
        Node(fields.map { (scalar($0.0), $0.1) })
    }

    /// A JSON value (from the base scenario) as a node; mapping keys sorted for a stable file.
    static func jsonNode(_ value: Any) -> Node {
        switch value {
        case let text as String: return scalar(text)
        case let number as NSNumber:
            if isBoolean(number) { return Node(number.boolValue ? "true" : "false") }
            return scalar(number.doubleValue)
        case let list as [Any]: return Node(list.map { jsonNode($0) })
        case let object as [String: Any]: return mappingNode(object.keys.sorted().map { ($0, jsonNode(object[$0]!)) })
        default: return Node("null")
        }
    }

    static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
