import ArgumentParser
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

    @Flag(help: "With MES rules and JSON: list every voter's payment in each round.")
    var explain = false

    @Flag(help: "Compute MES and Phragmén in exact rational arithmetic throughout (slow; for verification).")
    var exact = false

    func validate() throws {
        if format == .csv { throw ValidationError("elect writes text or json") }
    }

    func run() throws {
        let input = try loadElection(file, lenient: reading.lenient)
        let outcomes = try checked { () throws(WorkbenchError) in
            try input.run(rule, explain: explain, arithmetic: exact ? .exact : .certified)
        }
        let (election, scale) = (input.election, input.instance.scale)
        if rule == .all || outcomes.count != 1 {
            switch format {
            case .json:
                emit(
                    JSONValue.array(
                        outcomes.map { ElectionReport.json(file: file, election: election, outcome: $0, scale: scale) }
                    ).text() + "\n")
            default:
                emit(ElectionReport.comparisonText(file: file, election: election, outcomes: outcomes, scale: scale))
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
