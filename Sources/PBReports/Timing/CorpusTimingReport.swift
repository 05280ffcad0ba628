import Foundation
import PBRules
import PBSupport
public import PBTiming

extension CorpusTiming.Report {
    /// The header of the reference column and its description.
    private var referenceTitle: String? {
        switch source {
        case .none: return nil
        case .oracle: return "pabutools ms (oracle)"
        case .pabutools: return "pabutools ms"
        }
    }

    /// The table (one row per instance and step), then a summary per rule.
    ///
    /// `ns/(v×p)` is pbsim's time divided by voters × projects: for rules whose cost is bounded by
    /// the ballots' size it stays flat as instances grow.
    public func text() -> String {
        var out =
            "pbsim bench: \(instances.count) files in \(directory); best of \(repeats) run\(repeats == 1 ? "" : "s") (monotonic clock).\n"
        out +=
            "parse = read and parse the file; prepare = RuleInstance; rule rows time the rule alone on the prepared instance.\n"
        out +=
            "pbsim ms = wall clock; cpu ms = CPU time of the timing thread (wall ≫ cpu means other processes took the cores); ns/(v×p) = pbsim \(clock.rawValue) time per voter × project.\n"
        switch source {
        case .none: break
        case .oracle(let path):
            out +=
                "Reference: pabutools 1.2.3 seconds recorded in \(path) (rule alone, one subprocess per call; ×faster = pabutools / pbsim \(clock.rawValue) time).\n"
        case .pabutools(let version):
            out +=
                "Reference: pabutools \(version) timed now in a subprocess (parse once, then each exact call; ×faster = pabutools / pbsim \(clock.rawValue) time).\n"
        }
        if let a = loadAtStart, let b = loadAtEnd {
            out += "Load average (1, 5, 15 min): \(a) at the start, \(b) at the end.\n"
        }
        out += "\n"

        var headers = [
            "instance", "type", "voters", "projects", "voters×projects", "step", "pbsim ms", "cpu ms", "ns/(v×p)",
        ]
        var align: [TextTable.Alignment] = [.left, .left, .right, .right, .right, .left, .right, .right, .right]
        if let title = referenceTitle {
            headers += [title, "×faster"]
            align += [.right, .right]
        }
        headers.append("note")
        align.append(.left)
        var table = TextTable(headers: headers, alignments: align)
        for instance in instances {
            var first = true
            func lead() -> [String] {
                defer { first = false }
                guard first else { return ["", "", "", "", ""] }
                return [
                    instance.name, instance.voteType, NumberText.grouped(String(instance.voters)),
                    String(instance.projects), NumberText.grouped(String(instance.size)),
                ]
            }
            for step in instance.steps {
                var row =
                    lead() + [
                        step.name, Self.milliseconds(step.seconds), step.cpuSeconds.map(Self.milliseconds) ?? "",
                        step.rule == nil || instance.size == 0
                            ? ""
                            : NumberText.grouped(step.seconds(on: clock) * 1e9 / Double(instance.size), decimals: 2),
                    ]
                var notes: [String] = []
                if step.name == "parse", let rate = instance.parseMegabytesPerSecond(on: clock) {
                    notes.append("\(Self.size(instance.bytes)), \(NumberText.grouped(rate, decimals: 0)) MB/s")
                }
                if let selected = step.selected { notes.append("\(selected) funded") }
                if referenceTitle != nil {
                    switch step.reference {
                    case .seconds(let s)?:
                        row += [NumberText.grouped(s * 1000, decimals: 1), step.ratio(on: clock).map(Self.ratio) ?? ""]
                    case .timeout(let limit)?:
                        row += [
                            "> \(NumberText.grouped(limit * 1000, decimals: 0))",
                            "> " + Self.ratio(limit / step.seconds(on: clock)),
                        ]
                        notes.append("pabutools timed out")
                    case .unavailable(let why)?:
                        row += ["", ""]
                        notes.append("pabutools: \(why)")
                    case nil: row += ["", ""]
                    }
                }
                row.append(notes.joined(separator: "; "))
                table.add(row)
            }
            if let error = instance.error {
                table.add(lead() + ["error", "", "", ""] + (referenceTitle == nil ? [] : ["", ""]) + [error])
            }
        }
        out += table.render()
        out += "\n" + summaryText()
        return out
    }

    /// Per rule: instances, slowest pbsim time, worst and geometric-mean ratio; then parsing.
    public func summaryText() -> String {
        var out = "Summary per step (\(clock.rawValue) time)\n"
        var headers = ["step", "instances", "total pbsim ms", "slowest pbsim ms", "on"]
        var align: [TextTable.Alignment] = [.left, .right, .right, .right, .left]
        if referenceTitle != nil {
            headers += ["worst ×faster", "on", "geometric mean ×faster"]
            align += [.right, .left, .right]
        }
        var table = TextTable(headers: headers, alignments: align)
        var names = ["parse", "prepare"] + RuleName.allCases.map(\.rawValue)
        for instance in instances {
            for step in instance.steps where !names.contains(step.name) { names.append(step.name) }
        }
        for name in names {
            let steps = instances.compactMap { i in i.steps.first { $0.name == name }.map { (i.name, $0) } }
            guard let slowest = steps.max(by: { $0.1.seconds(on: clock) < $1.1.seconds(on: clock) }) else { continue }
            var row = [
                name, String(steps.count), Self.milliseconds(steps.reduce(0) { $0 + $1.1.seconds(on: clock) }),
                Self.milliseconds(slowest.1.seconds(on: clock)), slowest.0,
            ]
            if referenceTitle != nil {
                let ratios = steps.compactMap { s in s.1.ratio(on: clock).map { (s.0, $0) } }
                if let worst = ratios.min(by: { $0.1 < $1.1 }) {
                    let mean = exp(ratios.reduce(0) { $0 + log($1.1) } / Double(ratios.count))
                    row += [Self.ratio(worst.1), worst.0, Self.ratio(mean)]
                } else {
                    row += ["", "", ""]
                }
            }
            table.add(row)
        }
        out += table.render(indent: "  ")
        let parsed = instances.filter { $0.parseMegabytesPerSecond(on: clock) != nil }
        if let largest = parsed.max(by: { $0.bytes < $1.bytes }),
            let slowest = parsed.min(by: {
                $0.parseMegabytesPerSecond(on: clock)! < $1.parseMegabytesPerSecond(on: clock)!
            })
        {
            let bytes = parsed.reduce(0) { $0 + $1.bytes }
            let seconds = parsed.reduce(0.0) { $0 + ($1.steps.first { $0.name == "parse" }?.seconds(on: clock) ?? 0) }
            out +=
                "\nParsing (\(clock.rawValue) time): \(parsed.count) files, \(NumberText.grouped(Double(bytes) / 1e6, decimals: 2)) MB in \(Self.milliseconds(seconds)) ms "
            out += "(\(NumberText.grouped(Double(bytes) / 1e6 / seconds, decimals: 0)) MB/s overall); "
            out += "largest \(largest.name) (\(NumberText.grouped(Double(largest.bytes) / 1e6, decimals: 2)) MB) in "
            out +=
                "\(Self.milliseconds(largest.steps.first { $0.name == "parse" }!.seconds(on: clock))) ms, \(NumberText.grouped(largest.parseMegabytesPerSecond(on: clock)!, decimals: 0)) MB/s; "
            out +=
                "slowest rate \(NumberText.grouped(slowest.parseMegabytesPerSecond(on: clock)!, decimals: 0)) MB/s (\(slowest.name)).\n"
        }
        let failed = instances.filter { $0.error != nil }
        if !failed.isEmpty {
            out += "\n\(failed.count) file(s) with errors: \(failed.map(\.name).joined(separator: ", "))\n"
        }
        return out
    }

    /// The report as JSON: `{"directory", "repeats", "reference", "clock", "load_at_start", "load_at_end",
    /// "instances": [{"instance", "vote_type", "bytes", "voters", "projects", "error", "steps": [{"step",
    /// "pbsim_ms", "cpu_ms", "selected", "reference_ms", "ratio", "note"}]}]}` (absent values are null).
    public func json() -> JSONValue {
        let sourceName: JSONValue
        switch source {
        case .none: sourceName = .null
        case .oracle: sourceName = .string("oracle")
        case .pabutools: sourceName = .string("pabutools")
        }
        func ms(_ s: Double?) -> JSONValue { s.map { .number("\($0 * 1000)") } ?? .null }
        let rows: [JSONValue] = instances.map { instance in
            let steps: [JSONValue] = instance.steps.map { step in
                var note: JSONValue = .null
                var reference: Double?
                switch step.reference {
                case .seconds(let s)?: reference = s
                case .timeout(let limit)?: note = .string("pabutools timeout after \(limit) s")
                case .unavailable(let why)?: note = .string("pabutools: \(why)")
                case nil: break
                }
                return .object([
                    ("step", .string(step.name)), ("pbsim_ms", ms(step.seconds)), ("cpu_ms", ms(step.cpuSeconds)),
                    ("selected", step.selected.map { .int($0) } ?? .null), ("reference_ms", ms(reference)),
                    ("ratio", step.ratio(on: clock).map { .number("\($0)") } ?? .null), ("note", note),
                ])
            }
            return .object([
                ("instance", .string(instance.name)), ("vote_type", .string(instance.voteType)),
                ("bytes", .int(instance.bytes)), ("voters", .int(instance.voters)),
                ("projects", .int(instance.projects)),
                ("error", instance.error.map { .string($0) } ?? .null), ("steps", .array(steps)),
            ])
        }
        return .object([
            ("directory", .string(directory)), ("repeats", .int(repeats)), ("reference", sourceName),
            ("clock", .string(clock.rawValue)), ("load_at_start", loadAtStart.map { .string($0) } ?? .null),
            ("load_at_end", loadAtEnd.map { .string($0) } ?? .null), ("instances", .array(rows)),
        ])
    }

    /// One CSV row per instance and step, with a header row.
    ///
    /// Columns: `instance,vote_type,bytes,voters,projects,voters_x_projects,step,pbsim_ms,cpu_ms,ns_per_voter_project,`
    /// `selected,reference,reference_ms,ratio,note`; `reference` is `oracle`, `pabutools` or empty;
    /// `ns_per_voter_project` and `ratio` use ``clock``.
    public func csv() -> String {
        var out =
            "instance,vote_type,bytes,voters,projects,voters_x_projects,step,pbsim_ms,cpu_ms,ns_per_voter_project,selected,reference,reference_ms,ratio,note\n"
        let sourceName: String
        switch source {
        case .none: sourceName = ""
        case .oracle: sourceName = "oracle"
        case .pabutools: sourceName = "pabutools"
        }
        for instance in instances {
            let lead = [
                instance.name, instance.voteType, String(instance.bytes), String(instance.voters),
                String(instance.projects), String(instance.size),
            ]
            for step in instance.steps {
                var referenceMilliseconds = ""
                var note = ""
                switch step.reference {
                case .seconds(let s)?: referenceMilliseconds = String(s * 1000)
                case .timeout(let limit)?: note = "pabutools timeout after \(limit) s"
                case .unavailable(let why)?: note = "pabutools: \(why)"
                case nil: break
                }
                let perSize =
                    step.rule == nil || instance.size == 0
                    ? "" : String(step.seconds(on: clock) * 1e9 / Double(instance.size))
                let row =
                    lead + [
                        step.name, String(step.seconds * 1000), step.cpuSeconds.map { String($0 * 1000) } ?? "",
                        perSize, step.selected.map(String.init) ?? "", step.reference == nil ? "" : sourceName,
                        referenceMilliseconds, step.ratio(on: clock).map { String($0) } ?? "", note,
                    ]
                out += row.map(CSVText.field).joined(separator: ",") + "\n"
            }
            if let error = instance.error {
                out +=
                    (lead + ["error", "", "", "", "", "", "", "", error]).map(CSVText.field).joined(separator: ",")
                    + "\n"
            }
        }
        return out
    }

    /// `845 kB` below a megabyte, `3.76 MB` above (10³ and 10⁶ bytes).
    static func size(_ bytes: Int) -> String {
        bytes < 1_000_000
            ? NumberText.grouped(Double(bytes) / 1e3, decimals: 1) + " kB"
            : NumberText.grouped(Double(bytes) / 1e6, decimals: 2) + " MB"
    }

    /// Milliseconds: 3 decimals below a second, 1 above.
    static func milliseconds(_ seconds: Double) -> String {
        NumberText.grouped(seconds * 1000, decimals: seconds < 1 ? 3 : 1)
    }

    /// A ratio: `4.2×` below 10, `1,234×` above.
    static func ratio(_ x: Double) -> String {
        NumberText.grouped(x, decimals: x < 10 ? 1 : 0) + "×"
    }
}
