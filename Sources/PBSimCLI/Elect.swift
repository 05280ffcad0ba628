import ArgumentParser
import PBModel
import PBReports
import PBRules

/// `pbsim elect FILE.pb --rule RULE`: the outcome of a rule on a real election.
struct Elect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute a participatory budgeting rule on a pabulib .pb file.",
        discussion:
            "RULE is one of \(RuleChoice.allCases.map(\.rawValue).joined(separator: ", ")); 'all' compares every rule that applies."
    )

    enum RuleChoice: String, ExpressibleByArgument, CaseIterable {
        case all
        case greedyCost = "greedy-cost", greedyCard = "greedy-card", maxWelfareCost = "max-welfare-cost"
        case mesCost = "mes-cost", mesCard = "mes-card", mesCostAdd1 = "mes-cost-add1"
        case mesCostAdd1Greedy = "mes-cost-add1-greedy", phragmen
    }

    @Argument(help: "A pabulib .pb file.")
    var file: String

    @Option(name: .shortAndLong, help: "The rule variant, or 'all'.")
    var rule: RuleChoice = .all

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Flag(help: "With MES rules and JSON: list every voter's payment in each round.")
    var explain = false

    @Flag(help: "Compute MES and Phragmén in exact rational arithmetic throughout (slow; for verification).")
    var exact = false

    func validate() throws {
        if format == .csv { throw ValidationError("elect writes text or json") }
    }

    func run() throws {
        let (election, instance) = try loadElection(file)
        if rule == .all {
            let rules = RuleName.allCases.filter { Rules.applies($0, to: election.voteType) }
            var outcomes: [Outcome] = []
            for r in rules {
                do {
                    outcomes.append(
                        try Rules.run(r, on: instance, explain: explain, arithmetic: exact ? .exact : .certified))
                } catch { throw failure("\(file): \(error.description)") }
            }
            switch format {
            case .json:
                emit(
                    JSONValue.array(
                        outcomes.map {
                            ElectionReport.json(file: file, election: election, outcome: $0, scale: instance.scale)
                        }
                    ).text() + "\n")
            default:
                emit(
                    ElectionReport.comparisonText(
                        file: file, election: election, outcomes: outcomes, scale: instance.scale))
            }
            return
        }
        let name = RuleName(rawValue: rule.rawValue)!
        let outcome: Outcome
        guard Rules.applies(name, to: election.voteType) else {
            throw failure(
                "\(file): \(RuleError.notApplicable(rule: name, voteType: election.voteType.rawValue).description)")
        }
        do {
            outcome = try Rules.run(name, on: instance, explain: explain, arithmetic: exact ? .exact : .certified)
        } catch {
            throw failure("\(file): \(error.description)")
        }
        switch format {
        case .json:
            emit(
                ElectionReport.json(file: file, election: election, outcome: outcome, scale: instance.scale).text()
                    + "\n")
        default:
            emit(ElectionReport.text(file: file, election: election, outcome: outcome, scale: instance.scale))
        }
    }
}
