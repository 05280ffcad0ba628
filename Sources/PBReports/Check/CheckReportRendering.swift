public import PBCheck

/// `pbsim check` output: JSON for tools, text for people.
public enum CheckReportRendering {
    /// One file's report as `{"file", "errors": [{"check", "line", "message"}], "warnings": [...]}`.
    public static func json(_ report: CheckReport) -> JSONValue {
        func findings(_ list: [CheckFinding]) -> JSONValue {
            .array(
                list.map {
                    .object([
                        ("check", .string($0.check)), ("line", $0.line.map { .int($0) } ?? .null),
                        ("message", .string($0.message)),
                    ])
                })
        }
        return .object([
            ("file", .string(report.file)), ("errors", findings(report.errors)),
            ("warnings", findings(report.warnings)),
        ])
    }

    /// How many findings of one group are shown before `… and N more`.
    public static let examplesShown = 3

    /// A report for people: a summary line, then one group per check (errors first), counted
    /// when it repeats, with up to ``examplesShown`` examples and the fix.
    public static func text(_ report: CheckReport) -> String {
        var out = report.file + ": "
        if report.errors.isEmpty && report.warnings.isEmpty { return out + "ok, no problems found\n" }
        out += count(report.errors.count, "error") + ", " + count(report.warnings.count, "warning")
        out += report.isValid ? " (valid)\n" : "\n"
        for (level, list) in [("error", report.errors), ("warning", report.warnings)] {
            var order: [String] = []
            var groups: [String: [CheckFinding]] = [:]
            for f in list {
                if groups[f.check] == nil { order.append(f.check) }
                groups[f.check, default: []].append(f)
            }
            for check in order {
                let items = groups[check]!
                out += "  \(level): \(check)" + (items.count > 1 ? " (\(items.count)×)" : "") + "\n"
                for f in items.prefix(examplesShown) {
                    out += "    " + (f.line.map { "line \($0): " } ?? "") + f.message + "\n"
                }
                if items.count > examplesShown {
                    let lines = items.dropFirst(examplesShown).compactMap(\.line)
                    var more = "    … and \(items.count - examplesShown) more"
                    if let first = lines.first, let last = lines.last {
                        more += first == last ? " (line \(first))" : " (lines \(first)–\(last))"
                    }
                    out += more + "\n"
                }
                if let fix = CheckCatalog.fix(for: items[0]) { out += "    fix: \(fix)\n" }
            }
        }
        return out
    }

    private static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)" + (n == 1 ? "" : "s")
    }
}
