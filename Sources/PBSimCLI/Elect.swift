import ArgumentParser
import Foundation
import PBModel
import PBReports
import PBRules
import PBWorkbench

/// `pbsim elect FILE.pb --rule RULE`: the outcome of a rule on a real election.
struct Elect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute a participatory budgeting rule on a pabulib .pb file.",
        discussion:
            "RULE is one of \(RuleSelection.allValueStrings.joined(separator: ", ")); 'all' compares every rule that applies."
    )

    @Argument(help: "pabulib .pb files, or folders of them (every .pb file inside, by name).")
    var files: [String] = []

    @Option(name: .shortAndLong, help: "The rule variant, or 'all'.")
    var rule: RuleSelection = .all

    @Option(name: .shortAndLong, help: "Output format: text, json or csv (one row per funded project).")
    var format: OutputFormat = .text

    @OptionGroup var reading: ReadingOptions

    @OptionGroup var weighting: WeightingOptions

    @Flag(
        help:
            "With MES rules and JSON: list every voter's payment in each round; with pb-ear and maximin-support: each step's candidates."
    )
    var explain = false

    @Option(
        help: "How ties between projects are broken: \(TieBreaking.allCases.map(\.rawValue).joined(separator: ", ")).")
    var tieBreaking: TieBreaking = .lexico

    @Flag(help: "Compute MES and Phragmén in exact rational arithmetic throughout (slow; for verification).")
    var exact = false

    @Flag(
        help:
            "Every outcome some tie-breaking order can produce (greedy-cost, greedy-card, mes-cost, mes-card, mes-borda), at most --limit."
    )
    var irresolute = false

    @Option(help: "With --irresolute: stop after this many distinct outcomes.")
    var limit: Int = 100

    @Option(
        parsing: .unconditional,
        help: """
            The budget of the exact searches, in steps (max-welfare's branch and bound, Phragmén's exact \
            path): past it the rule reports 'undetermined' instead of running on (default: 20000000).
            """)
    var searchLimit: Int?

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one .pb file or folder") }
        if irresolute && (files.count != 1 || format == .csv) {
            throw ValidationError("--irresolute takes one file and writes text or json")
        }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
        if (irresolute || explain) && weighting.isGiven {
            throw ValidationError(
                "--irresolute and --explain count every voter once: they take no --weights or --weight-by")
        }
        if let searchLimit, searchLimit < 1 {
            throw ValidationError("--search-limit must be at least 1, got \(searchLimit)")
        }
        if irresolute {
            guard case .listed(let rules) = rule, rules.count == 1, Irresolute.rules.contains(rules[0]) else {
                let names = Irresolute.rules.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("--irresolute takes one of --rule \(names)")
            }
        }
    }

    func run() throws {
        let paths = try expandElectionPaths(files)
        var documents: [JSONValue] = []
        var text: [String] = []
        var csv = ElectionReport.csvHeader(weighted: try weighting.weighting() != nil)
        for file in paths {
            switch try elect(file) {
            case .json(let value): documents.append(value)
            case .text(let t): text.append(t)
            case .csv(let rows): csv += rows
            }
        }
        switch format {
        case .json: emit((documents.count == 1 ? documents[0] : .array(documents)).text() + "\n")
        case .csv: emit(csv)
        case .text: emit(text.joined(separator: "\n"))
        }
    }

    private enum Rendered {
        case json(JSONValue)
        case text(String)
        case csv(String)
    }

    /// The outcome (or, with --irresolute, the outcomes) on one file, rendered in `format`.
    private func elect(_ file: String) throws -> Rendered {
        let weights = try weighting.weighting()
        let input = try loadElection(file, lenient: reading.lenient, weighting: weights)
        let instance = input.instance.breakingTies(by: tieBreaking)
        let election = input.election
        let scale = instance.scale
        if irresolute, case .listed(let rules) = rule, let name = rules.first {
            let result: Irresolute.Result
            do {
                result = try Irresolute.outcomes(name, on: instance, limit: limit)
            } catch {
                throw failure("\(file): \(error.description)")
            }
            return format == .json
                ? .json(
                    ElectionReport.irresoluteJSON(
                        file: file, election: election, rule: name, result: result, instance: instance))
                : .text(
                    ElectionReport.irresoluteText(
                        file: file, election: election, rule: name, result: result, instance: instance))
        }
        let outcomes = try checked { () throws(WorkbenchError) in
            try input.run(
                rule, explain: explain, arithmetic: exact ? .exact : .certified, tieBreaking: tieBreaking,
                limit: searchLimit.map(SearchLimit.init(steps:)) ?? .standard)
        }
        if format == .csv {
            return .csv(
                ElectionReport.csvRows(
                    file: file, election: election, outcomes: outcomes, scale: scale, weighting: weights))
        }
        if rule == .all || outcomes.count != 1 {
            var skipped = RuleName.allCases.filter { rule == .all && !Rules.applies($0, to: election.voteType) }.map {
                "\($0.rawValue) (takes \($0.voteTypes.map(\.rawValue).sorted().joined(separator: ", ")) ballots)"
            }
            if weights != nil, rule == .all {
                skipped += RuleName.allCases.filter { Rules.applies($0, to: election.voteType) && !$0.takesWeights }
                    .map { "\($0.rawValue) (takes no voter weights)" }
            }
            let weightedNote = weights == nil ? "" : " or weighted voters"
            let skippedNote =
                skipped.isEmpty
                ? ""
                : "Skipped, not defined on \(election.voteType.rawValue) ballots\(weightedNote): \(skipped.joined(separator: "; "))"
            if format == .json {
                if !skippedNote.isEmpty { note(skippedNote) }
                return .json(
                    .array(
                        outcomes.map {
                            ElectionReport.json(
                                file: file, election: election, outcome: $0, scale: scale, weighting: weights)
                        }
                    ))
            }
            return .text(
                ElectionReport.comparisonText(
                    file: file, election: election, outcomes: outcomes, scale: scale, weighting: weights)
                    + (skippedNote.isEmpty ? "" : "\n" + skippedNote + ".\n"))
        }
        return format == .json
            ? .json(
                ElectionReport.json(
                    file: file, election: election, outcome: outcomes[0], scale: scale, weighting: weights))
            : .text(
                ElectionReport.text(
                    file: file, election: election, outcome: outcomes[0], scale: scale, weighting: weights))
    }
}

/// The `.pb` files named by `paths`: a file as given, a folder as the `.pb` files inside it, by name.
func expandElectionPaths(_ paths: [String]) throws -> [String] {
    var out: [String] = []
    for path in paths {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
            out.append(path)
            continue
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".pb") }.sorted()
        } catch {
            throw failure("\(path): cannot read the folder: \(error.localizedDescription)")
        }
        guard !names.isEmpty else { throw failure("\(path): no .pb files in this folder") }
        out += names.map { (path as NSString).appendingPathComponent($0) }
    }
    return out
}
