import ArgumentParser
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

    @Argument(help: "A pabulib .pb file.")
    var file: String

    @Option(name: .shortAndLong, help: "The rule variant, or 'all'.")
    var rule: RuleSelection = .all

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var reading: ReadingOptions

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

    func validate() throws {
        if format == .csv { throw ValidationError("elect writes text or json") }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
        if irresolute {
            guard case .listed(let rules) = rule, rules.count == 1, Irresolute.rules.contains(rules[0]) else {
                let names = Irresolute.rules.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("--irresolute takes one of --rule \(names)")
            }
        }
    }

    func run() throws {
        let input = try loadElection(file, lenient: reading.lenient)
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
            emit(
                format == .json
                    ? ElectionReport.irresoluteJSON(
                        file: file, election: election, rule: name, result: result, instance: instance
                    ).text() + "\n"
                    : ElectionReport.irresoluteText(
                        file: file, election: election, rule: name, result: result, instance: instance))
            return
        }
        let outcomes = try checked { () throws(WorkbenchError) in
            try input.run(rule, explain: explain, arithmetic: exact ? .exact : .certified, tieBreaking: tieBreaking)
        }
        if rule == .all || outcomes.count != 1 {
            let skipped = RuleName.allCases.filter { rule == .all && !Rules.applies($0, to: election.voteType) }.map {
                "\($0.rawValue) (takes \($0.voteTypes.map(\.rawValue).sorted().joined(separator: ", ")) ballots)"
            }
            let skippedNote =
                skipped.isEmpty
                ? ""
                : "Skipped, not defined on \(election.voteType.rawValue) ballots: \(skipped.joined(separator: "; "))"
            switch format {
            case .json:
                if !skippedNote.isEmpty { note(skippedNote) }
                emit(
                    JSONValue.array(
                        outcomes.map { ElectionReport.json(file: file, election: election, outcome: $0, scale: scale) }
                    ).text() + "\n")
            default:
                emit(
                    ElectionReport.comparisonText(file: file, election: election, outcomes: outcomes, scale: scale)
                        + (skippedNote.isEmpty ? "" : "\n" + skippedNote + ".\n"))
            }
            return
        }
        switch format {
        case .json:
            emit(ElectionReport.json(file: file, election: election, outcome: outcomes[0], scale: scale).text() + "\n")
        default:
            emit(ElectionReport.text(file: file, election: election, outcome: outcomes[0], scale: scale))
        }
    }
}
