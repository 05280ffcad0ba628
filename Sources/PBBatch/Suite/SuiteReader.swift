import Foundation
import PBModel
import PBRules
import PBScenario
import PBSimulation
internal import Yams
import PBSupport

/// Walks a composed suite file and builds a ``Suite``, reporting every problem with its line and field path.
final class SuiteReader {
    let file: String
    /// The folder relative paths in the suite are resolved against.
    let folder: String
    private(set) var issues: [SuiteIssue] = []

    init(file: String) {
        self.file = file
        folder = (file as NSString).deletingLastPathComponent
    }

    // MARK: - Suite

    func read(_ root: Node) -> Suite {
        let fields = fields(root, "", allowed: ["name", "description", "elections", "simulations"])
        let name =
            field(fields, "name", required: false, text)
            ?? ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        _ = field(fields, "description", required: false, text)
        let elections = field(fields, "elections", required: false) { list($0, $1, readElectionSet) } ?? []
        let simulations = field(fields, "simulations", required: false) { list($0, $1, readSimulation) } ?? []
        if let fields, fields["elections"] == nil, fields["simulations"] == nil {
            report("", root, "a suite needs 'elections' or 'simulations' (or both)")
        }
        return Suite(name: name, file: file, elections: elections, simulations: simulations)
    }

    // MARK: - Elections

    private func readElectionSet(_ node: Node, _ path: String) -> Suite.ElectionSet? {
        guard
            let fields = fields(
                node, path, allowed: ["files", "rules", "arithmetic", "weights", "weight_by", "targets"])
        else { return nil }
        let patterns =
            field(fields, "files") { node, path -> [(String, Node, String)]? in
                if case .scalar = node { return text(node, path).map { [($0, node, path)] } }
                return list(node, path) { node, path in text(node, path).map { ($0, node, path) } }
            } ?? []
        if patterns.isEmpty, let value = fields["files"] {
            report(FieldPath.child(path, "files"), value, "must list at least one file")
        }
        var files: [String] = []
        for (pattern, node, path) in patterns {
            let resolved = Self.resolve(pattern, relativeTo: folder)
            let matches = Glob.expand(resolved)
            if matches.isEmpty {
                report(
                    path, node,
                    Glob.hasWildcard(pattern) ? "no file matches '\(pattern)'" : "no such file '\(pattern)'")
            }
            files.append(contentsOf: matches)
        }
        var seen = Set<String>()
        files = files.filter { seen.insert($0).inserted }
        let rules = field(fields, "rules", required: false, readRules) ?? .all
        let arithmetic =
            field(fields, "arithmetic", required: false) { node, path -> Arithmetic? in
                choice(node, path, Arithmetic.allCases.map(\.rawValue)).flatMap(Arithmetic.init(rawValue:))
            } ?? .certified
        let weighting = readWeighting(fields)
        if weighting != nil, case .listed(let listed) = rules {
            for rule in listed where !rule.takesWeights {
                report(
                    FieldPath.child(path, "rules"), fields["rules"],
                    "'\(rule.rawValue)' takes no voter weights (the weighted rules: "
                        + RuleName.weightedRules.map(\.rawValue).joined(separator: ", ") + ")")
            }
        }
        return Suite.ElectionSet(files: files, rules: rules, arithmetic: arithmetic, weighting: weighting)
    }

    /// `weights: FILE` (relative to the suite), or `weight_by: COLUMN` with `targets: {VALUE: SHARE}`.
    private func readWeighting(_ fields: YAMLFields) -> VoterWeighting? {
        let weights = field(fields, "weights", required: false, text)
        let weightBy = field(fields, "weight_by", required: false, text)
        let targetsNode = fields["targets"]
        if let weights {
            if weightBy != nil || targetsNode != nil {
                report(
                    FieldPath.child(fields.path, "weights"), fields["weights"],
                    "give 'weights' (a file) or 'weight_by' with 'targets', not both")
                return nil
            }
            let resolved = Self.resolve(weights, relativeTo: folder)
            if !FileManager.default.fileExists(atPath: resolved) {
                report(FieldPath.child(fields.path, "weights"), fields["weights"], "no such file '\(weights)'")
            }
            return .file(path: resolved)
        }
        guard weightBy != nil || targetsNode != nil else { return nil }
        guard let weightBy else {
            report(FieldPath.child(fields.path, "targets"), targetsNode, "census reweighting needs 'weight_by'")
            return nil
        }
        guard let targetsNode else {
            report(
                FieldPath.child(fields.path, "weight_by"), fields["weight_by"],
                "census reweighting needs 'targets' (each category's share)")
            return nil
        }
        let targetsPath = FieldPath.child(fields.path, "targets")
        guard let targetFields = self.fields(targetsNode, targetsPath, allowed: [], accepts: { _ in true }) else {
            return nil
        }
        var shares: [(label: String, share: Double)] = []
        for (label, _, value) in targetFields.ordered {
            guard let share = number(value, FieldPath.child(targetsPath, label)) else { return nil }
            shares.append((label, share))
        }
        do {
            return try VoterWeighting.census(column: weightBy, shares: shares)
        } catch {
            report(targetsPath, targetsNode, error.description)
            return nil
        }
    }

    /// `all`, one variant, or a list of variants.
    private func readRules(_ node: Node, _ path: String) -> RuleSelection? {
        let names = RuleName.allCases.map(\.rawValue)
        if case .scalar = node {
            return choice(node, path, RuleSelection.choices).flatMap { try? RuleSelection(parsing: $0) }
        }
        guard
            let rules = list(
                node, path,
                { node, path in
                    choice(node, path, names).flatMap(RuleName.init(rawValue:))
                })
        else { return nil }
        if Self.isEmptyList(node) { report(path, node, "expected at least one rule, got an empty list") }
        return RuleSelection(rules)
    }

    // MARK: - Simulations

    private func readSimulation(_ node: Node, _ path: String) -> Suite.SimulationGrid? {
        guard let fields = fields(node, path, allowed: ["scenario", "runs", "seeds", "grid"]) else { return nil }
        var scenario = ""
        if let written = field(fields, "scenario", text) {
            scenario = Self.resolve(written, relativeTo: folder)
            if !FileManager.default.fileExists(atPath: scenario) {
                report(FieldPath.child(path, "scenario"), fields["scenario"], "no such file '\(written)'")
            }
        }
        let runs = field(fields, "runs", required: false) { node, path -> Int? in
            guard let value = integer(node, path) else { return nil }
            let range = FieldRange.of("runs")
            guard range.contains(Double(value)) else {
                report(path, node, "must be \(range.phrase), got '\(value)'")
                return nil
            }
            return value
        }
        let seeds = field(fields, "seeds", readSeeds) ?? []
        let grid = field(fields, "grid", required: false, readGrid) ?? []
        // Counted before the tasks are made: a grid of millions of points is refused, not planned.
        let tasks = grid.reduce(Double(max(seeds.count, 1))) { $0 * Double(max($1.values.count, 1)) }
        if tasks > Double(Suite.maxTasksPerBlock) {
            report(
                path, node,
                "the grid and seeds make \(FieldRange.format(tasks)) tasks, more than the limit of "
                    + "\(Suite.maxTasksPerBlock) per simulation block")
        }
        checkRealBallots(scenario: scenario, grid: grid, fields: fields)
        return Suite.SimulationGrid(scenario: scenario, runs: runs, seeds: seeds, grid: grid)
    }

    /// A count `N` (seeds 1 to N) or a list of seeds.
    private func readSeeds(_ node: Node, _ path: String) -> [UInt64]? {
        if case .scalar = node {
            guard let count = integer(node, path) else { return nil }
            guard count >= 1, count <= 100_000 else {
                report(path, node, "expected a number of seeds from 1 to 100000 or a list of seeds, got '\(count)'")
                return nil
            }
            return (1...count).map(UInt64.init)
        }
        guard
            let seeds = list(
                node, path,
                { node, path -> UInt64? in
                    guard let value = integer(node, path) else { return nil }
                    guard value >= 0 else {
                        report(path, node, "expected a seed from 0 to \(Int64.max), got '\(value)'")
                        return nil
                    }
                    return UInt64(value)
                })
        else { return nil }
        if Self.isEmptyList(node) { report(path, node, "expected at least one seed, got an empty list") }
        var seen = Set<UInt64>()
        return seeds.filter { seen.insert($0).inserted }
    }

    private func readGrid(_ node: Node, _ path: String) -> [Suite.Axis]? {
        let names = SweepParameter.allCases.map(\.rawValue)
        guard
            let fields = fields(
                node, path, allowed: names, what: "a mapping of parameters to values",
                accepts: { SweepParameter(rawValue: $0) != nil })
        else {
            return nil
        }
        var axes: [Suite.Axis] = []
        for (name, _, axis) in fields.ordered {
            let parameter = SweepParameter(rawValue: name)!
            let axisPath = FieldPath.child(path, name)
            let readValue = { (node: Node, path: String) -> Double? in
                guard let value = self.number(node, path) else { return nil }
                guard parameter.accepts(value) else {
                    self.report(path, node, "expected \(parameter.range), got '\(Self.scalarText(node) ?? "")'")
                    return nil
                }
                return value
            }
            let values: [Double]?
            if case .scalar = axis {
                values = readValue(axis, axisPath).map { [$0] }
            } else {
                values = list(axis, axisPath, readValue)
                if Self.isEmptyList(axis) {
                    report(axisPath, axis, "expected at least one value, got an empty list")
                }
            }
            if let values { axes.append(Suite.Axis(parameter: parameter, values: values)) }
        }
        if fields["participation"] != nil, let both = fields.entries["participation_rate"] {
            report(
                FieldPath.child(path, "participation_rate"), both.key,
                "give 'participation' (a multiplier) or 'participation_rate' (an override), not both")
        }
        return axes
    }

    /// Reports grid parameters that a scenario with real ballots does not have.
    private func checkRealBallots(scenario: String, grid: [Suite.Axis], fields: YAMLFields) {
        guard !grid.isEmpty, FileManager.default.fileExists(atPath: scenario),
            let loaded = try? Scenario.load(path: scenario), loaded.election != nil
        else { return }
        for axis in grid where !axis.parameter.appliesToRealBallots {
            let key = fields["grid"].flatMap { grid -> Node? in
                guard case .mapping(let mapping) = grid else { return nil }
                return mapping.first { Self.scalarText($0.key) == axis.parameter.rawValue }?.key
            }
            report(
                FieldPath.child(FieldPath.child(fields.path, "grid"), axis.parameter.rawValue), key,
                "the scenario has real ballots, where only \(SweepParameter.realBallotParameters) apply")
        }
    }

    // MARK: - Paths

    /// `path` resolved against `folder`, kept relative when both are relative, with `.` and `..` folded
    /// away where they can be (`Benchmarks/suites/../../Scenarios/x.yaml` is `Scenarios/x.yaml`).
    static func resolve(_ path: String, relativeTo folder: String) -> String {
        guard !path.isEmpty else { return path }
        let joined = path.hasPrefix("/") || folder.isEmpty ? path : folder + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", joined.hasPrefix("/") {
                continue
            } else {
                parts.append(part)
            }
        }
        let folded = parts.joined(separator: "/")
        return joined.hasPrefix("/") ? "/" + folded : (folded.isEmpty ? "." : folded)
    }

    // MARK: - Reporting

    private func report(_ path: String, _ node: Node?, _ message: String) {
        issues.append(SuiteIssue(file: file, line: node?.mark?.line, path: path, message: message))
    }

    private func mismatch<T>(_ node: Node, _ path: String, expected: String) -> T? {
        report(path, node, "expected \(expected), got \(YAMLNodes.describe(node))")
        return nil
    }

    // MARK: - Mappings and lists

    /// Reads a mapping whose keys must be among `allowed` (or pass `accepts`), reporting every other key.
    private func fields(
        _ node: Node, _ path: String, allowed: [String], what: String = "a mapping",
        accepts: ((String) -> Bool)? = nil
    ) -> YAMLFields? {
        let fields = YAMLFields(
            node, path: path, accepts: { allowed.contains($0) || accepts?($0) == true },
            hint: { Self.hint($0, allowed) }, report: { path, node, message in report(path, node, message) })
        guard let fields else { return mismatch(node, path, expected: what) }
        return fields
    }

    private func field<T>(
        _ fields: YAMLFields?, _ key: String, required: Bool = true, _ parse: (Node, String) -> T?
    ) -> T? {
        guard let fields else { return nil }
        guard let value = fields[key] else {
            if required { report(fields.path, fields.node, "missing field '\(key)'") }
            return nil
        }
        return parse(value, FieldPath.child(fields.path, key))
    }

    private func list<T>(_ node: Node, _ path: String, _ parse: (Node, String) -> T?) -> [T]? {
        guard case .sequence(let sequence) = node else { return mismatch(node, path, expected: "a list") }
        return sequence.enumerated().compactMap { index, item in parse(item, FieldPath.element(path, index)) }
    }

    private static func isEmptyList(_ node: Node) -> Bool {
        if case .sequence(let sequence) = node { return sequence.isEmpty }
        return false
    }

    // MARK: - Scalars

    private static func scalarText(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node, !YAMLNodes.isNull(scalar) else { return nil }
        return scalar.string
    }

    private func text(_ node: Node, _ path: String) -> String? {
        guard let text = Self.scalarText(node) else { return mismatch(node, path, expected: "text") }
        return text
    }

    private func number(_ node: Node, _ path: String) -> Double? {
        guard let text = Self.scalarText(node),
            let value = Double(text.replacingOccurrences(of: "_", with: "")), value.isFinite
        else { return mismatch(node, path, expected: "a number") }
        return value
    }

    private func integer(_ node: Node, _ path: String) -> Int? {
        guard let text = Self.scalarText(node), let value = Int(text.replacingOccurrences(of: "_", with: "")) else {
            return mismatch(node, path, expected: "a whole number")
        }
        return value
    }

    private func choice(_ node: Node, _ path: String, _ choices: [String]) -> String? {
        guard let value = text(node, path) else { return nil }
        guard choices.contains(value) else {
            let hint = Self.hint(value, choices)
            report(path, node, "unknown value '\(value)'" + hint)
            return nil
        }
        return value
    }

    /// ` (did you mean 'x'?)` for a close name (within a third of its length), else ` (expected one of
    /// a, b, c)`.
    private static func hint(_ name: String, _ known: [String]) -> String {
        let close = Suggestion.closest(to: name, in: known) { distance, _ in distance <= max(1, name.count / 3) }
        if let close { return " (did you mean '\(close)'?)" }
        return " (expected one of \(known.joined(separator: ", ")))"
    }
}
