public import PBModel
public import PBScenario
public import PBSimulation

/// The HTML report of a simulated scenario (`pbsim report SCENARIO.yaml`): one self-contained page a
/// citizens' panel can read on a projector or on paper.
///
/// Its sections: a plain-language summary (what was compared, what came out, how sure we are); spend
/// by district and by domain under each regime beside each one's share of need; need coverage per
/// group; efficiency, equity and exclusion side by side; the lambda sweep, with a slider over the
/// precomputed blends; and the gap ledger, every proposal with how often each regime funds it.
///
/// ```swift
/// let input = try ScenarioInput.load(path: "Scenarios/riverside.yaml")   // PBWorkbench
/// let sweep = try input.reportSweep(settings: settings)
/// let html = ScenarioHTMLReport.render(scenario: input.scenario, sweep: sweep, file: input.file)
/// ```
///
/// Every number comes from the sweep (all of whose rows share their runs); the page is the same for
/// the same sweep.
public enum ScenarioHTMLReport {
    /// The colour, pattern and marker of a regime, the same in every chart.
    public static func style(of regime: RegimeID) -> SeriesStyle {
        switch regime {
        case .serviceLed: return .palette(0)
        case .coProduced: return .palette(1)
        case .panel: return .palette(2)
        case .blend: return .palette(5)
        case .split: return .palette(4)
        case .optimum:
            return SeriesStyle(colour: "#000000", pattern: .crosshatch, marker: .diamond, dash: "10 3 2 3")
        }
    }

    /// Renders the page.
    ///
    /// - Parameters:
    ///   - scenario: The scenario simulated.
    ///   - sweep: A ``PBSimulation/SweepParameter/lambda`` sweep of it (its first row supplies the main
    ///     regimes; each row one blend).
    ///   - file: The scenario file's path, as the user gave it.
    ///   - election: The `.pb` election of a scenario with real ballots (for project names and costs).
    /// - Returns: The HTML document.
    public static func render(scenario: Scenario, sweep: SweepResult, file: String, election: Election? = nil)
        -> String
    {
        let context = ScenarioPage(scenario: scenario, sweep: sweep, file: file, election: election)
        let sections = [
            HTMLSection(id: "summary", heading: "Summary", body: context.summarySection()),
            HTMLSection(id: "spend", heading: "Spend against need", body: context.spendSection()),
            HTMLSection(id: "coverage", heading: "Need coverage by group", body: context.coverageSection()),
            HTMLSection(
                id: "measures", heading: "Efficiency, equity and exclusion", body: context.measuresSection()),
            HTMLSection(id: "sweep", heading: "The lambda sweep", body: context.sweepSection()),
            HTMLSection(id: "pots", heading: "Two pots and the counting rule", body: context.potsSection()),
            HTMLSection(id: "ledger", heading: "Gap ledger", body: context.ledgerSection()),
            HTMLSection(id: "about", heading: "How this report was made", body: context.aboutSection()),
        ]
        let subtitle =
            "\(Markup.escape(context.currency.format(context.result.budget))) to spend · "
            + "\(context.proposalCount) proposals · \(NumberText.grouped(String(context.result.runs))) simulated runs"
            + " (seed \(context.result.seed))"
        let footer =
            "Made by pbsim from <code>\(Markup.escape(file))</code>: \(NumberText.grouped(String(context.result.runs))) "
            + "runs, seed \(context.result.seed). The same scenario, runs and seed give the same page."
        return HTMLPage(title: scenario.name, subtitle: subtitle, sections: sections, footer: footer).render()
    }
}

// MARK: - The page's content

/// Everything the sections share: the main result, the regimes, names and formats.
struct ScenarioPage {
    let scenario: Scenario
    let sweep: SweepResult
    let file: String
    let election: Election?
    /// The first row of the sweep: the main regimes (and one blend).
    let result: SimulationResult
    /// The main regimes (no blends), in the simulator's order.
    let main: [RegimeSummary]
    /// The index of each main regime in `result.regimes` (and in each run's records).
    let mainIndex: [Int]
    let currency: CurrencyText

    init(scenario: Scenario, sweep: SweepResult, file: String, election: Election?) {
        // NB: the results index groups and proposals in canonical id order (MODEL.md section 1).
        self.scenario = scenario.canonicalized()
        self.sweep = sweep
        self.file = file
        self.election = election
        let result = sweep.results.first ?? Self.emptyResult(self.scenario)
        let mainIndex = result.regimes.indices.filter {
            result.regimes[$0].regime.lambda == nil && result.regimes[$0].regime.share == nil
        }
        self.result = result
        self.mainIndex = mainIndex
        main = mainIndex.map { result.regimes[$0] }
        currency = CurrencyText(code: result.currency)
    }

    static func emptyResult(_ scenario: Scenario) -> SimulationResult {
        let none = MetricSummary(mean: .nan, lo: .nan, hi: .nan, sd: .nan, count: 0)
        return SimulationResult(
            scenario: scenario.name, currency: scenario.currency, seed: scenario.seed, runs: 0,
            budget: scenario.budget.total, realBallots: scenario.election != nil, ballotKind: "", regimes: [],
            proposalIDs: [], groupIDs: [], groupSizes: [], breakdowns: [], voters: none, outcomes: [])
    }

    var proposalCount: Int { result.proposalIDs.count }

    func style(_ regime: RegimeID) -> SeriesStyle { ScenarioHTMLReport.style(of: regime) }

    /// The metrics of the side-by-side comparison: efficiency, equity and exclusion (observable ones
    /// with real ballots).
    var comparedMetrics: [Metric] {
        let wanted: [Metric] =
            result.realBallots ? [.satisfaction, .exclusion, .ejr] : [.efficiency, .gini, .exclusion]
        return wanted.filter { metric in main.contains { $0.metrics[metric] != nil } }
    }

}
