import ArgumentParser
import Foundation
import PBAnalysis
import PBModel
import PBReports
import PBRules
import PBWorkbench

/// `pbsim analyze FILE.pb --rule RULE`: an outcome and every measure of pabutools' analysis.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the outcome of rules (or a given outcome) on a pabulib .pb file.",
        discussion: """
            Prints the instance's properties and, for each outcome, every measure of pabutools' \
            analysis with pabutools' names and values: voter satisfaction, fair share, category \
            proportionality, EJR/PJR, priceability and, for mes-cost, the MES analytics. RULE is one of \
            \(RuleName.allCases.map(\.rawValue).joined(separator: ", ")). --selected or --recorded \
            analyse a given outcome instead, e.g. the city's own. A check that cannot finish within \
            --limit seconds is reported as undetermined, with what it established.
            """
    )

    @Argument(help: "A pabulib .pb file.")
    var file: String

    @Option(name: .shortAndLong, parsing: .singleValue, help: "A rule variant (repeat for several).")
    var rule: [String] = []

    @Option(help: "Analyse these funded project ids (comma-separated) instead of a rule's outcome.")
    var selected: String?

    @Flag(help: "Analyse the outcome recorded in the file (the PROJECTS section's 'selected' column).")
    var recorded = false

    @Option(name: .shortAndLong, help: "Output format: text, json or csv.")
    var format: OutputFormat = .text

    @OptionGroup var reading: ReadingOptions

    @OptionGroup var weighting: WeightingOptions

    @Option(help: "Seconds each expensive check (EJR/PJR, priceability, MES analytics) may take.")
    var limit: Double = Analyze.defaultLimit

    @Flag(
        help:
            "Also decide the core (is_in_core): exact, by enumeration on small elections and a branch and bound within --limit on large ones."
    )
    var core = false

    /// The default of `--limit`: enough for every election where pabutools finishes.
    static let defaultLimit = 10.0

    func validate() throws {
        if rule.isEmpty && selected == nil && !recorded {
            throw ValidationError("give --rule RULE, --selected IDS or --recorded")
        }
        for r in rule where RuleName(rawValue: r) == nil {
            throw ValidationError(
                "unknown rule '\(r)'; expected one of \(RuleName.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if !(limit > 0) || !limit.isFinite { throw ValidationError("--limit must be a positive number of seconds") }
    }

    func run() throws {
        let weights = try weighting.weighting()
        let input = try loadElection(file, lenient: reading.lenient, weighting: weights)
        let (election, instance) = (input.election, input.instance)
        // The rules count weighted voters; the measures (pabutools' definitions) every voter once.
        let profile = AnalysisProfile(election, instance: input.unweighted)
        let options = AnalysisOptions(
            timeLimit: limit, families: core ? MeasureFamily.standard.union([.core]) : MeasureFamily.standard)
        var outcomes: [AnalysedOutcome] = []
        for name in rule.compactMap(RuleName.init(rawValue:)) {
            let outcome: Outcome
            do throws(RuleError) {
                outcome = try Rules.run(name, on: instance)
            } catch {
                throw failure("\(file): \(error.description)")
            }
            outcomes.append(
                AnalysedOutcome(
                    label: name.rawValue, selected: outcome.selected.map { profile.ids[$0] },
                    measures: OutcomeAnalysis.measures(
                        profile, selected: outcome.selected, rule: weights == nil ? name : nil, options: options)))
        }
        if let selected {
            var chosen: [Int] = []
            for id in selected.split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) })
            where !id.isEmpty {
                guard let p = election.projectIndex(id: id) else {
                    throw failure("\(file): --selected: no project with id '\(id)'")
                }
                if !chosen.contains(p) { chosen.append(p) }
            }
            outcomes.append(given("selected", chosen, profile, options))
        }
        if recorded {
            guard election.projectFields.columnIndex("selected") != nil else {
                throw failure("\(file): --recorded: the PROJECTS section has no 'selected' column")
            }
            let chosen = (0..<election.projects.count).filter {
                (election.projectField("selected", of: $0) ?? "").trimmingCharacters(in: .whitespaces) == "1"
            }
            outcomes.append(given("recorded", chosen, profile, options))
        }
        let instanceMeasures = InstanceMeasures.compute(profile)
        switch format {
        case .json:
            emit(
                AnalysisReport.json(
                    file: file, profile: profile, instance: instanceMeasures, outcomes: outcomes, weighting: weights
                ).text() + "\n")
        case .csv:
            emit(AnalysisReport.csv(file: file, instance: instanceMeasures, outcomes: outcomes))
        case .text:
            emit(
                AnalysisReport.text(
                    file: file, profile: profile, instance: instanceMeasures, outcomes: outcomes,
                    width: terminalWidth(), weighting: weights))
        }
    }

    private func given(_ label: String, _ chosen: [Int], _ profile: AnalysisProfile, _ options: AnalysisOptions)
        -> AnalysedOutcome
    {
        AnalysedOutcome(
            label: label, selected: chosen.map { profile.ids[$0] },
            measures: OutcomeAnalysis.measures(profile, selected: chosen, rule: nil, options: options))
    }
}
