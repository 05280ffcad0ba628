public import PBModel
public import PBScenario
public import PBSimulation
public import PBWorkbench

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
/// let view = try input.reportView(settings)
/// let html = ScenarioHTMLReport.render(view, file: input.file)
/// ```
///
/// Every number comes from the view's one simulation (the main regimes and every blend share their
/// runs); the page is the same for the same simulation.
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
    ///   - view: The simulation of the scenario with its blend sweep (``PBWorkbench/ScenarioReportView``).
    ///   - file: The scenario file's path, as the user gave it.
    /// - Returns: The HTML document.
    public static func render(_ view: ScenarioReportView, file: String) -> String {
        let context = ScenarioPage(view: view, file: file)
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
        return HTMLPage(title: view.scenario.name, subtitle: subtitle, sections: sections, footer: footer).render()
    }
}

// MARK: - The page's content

/// Everything the sections share: the simulation, the main regimes, names and formats.
struct ScenarioPage {
    let scenario: Scenario
    let file: String
    let election: Election?
    /// The one simulation: the main regimes, every blend of the sweep and any splits.
    let result: SimulationResult
    /// What the plain words and notes describe: the regimes without the blends after the first, no runs.
    let headline: SimulationResult
    /// The main regimes (no blends), in the simulator's order.
    let main: [RegimeSummary]
    /// The index of each main regime in `result.regimes` (and in each run's records).
    let mainIndex: [Int]
    /// Each blend of the sweep, by increasing λ, with its index in `result.regimes`.
    let blends: [(lambda: Double, index: Int)]
    let currency: CurrencyText

    init(view: ScenarioReportView, file: String) {
        // NB: the results index groups and proposals in canonical id order (MODEL.md section 1).
        scenario = view.scenario.canonicalized()
        self.file = file
        election = view.election
        result = view.result
        headline = view.headline
        mainIndex = view.mainIndex
        main = view.main
        blends = view.blends
        currency = CurrencyText(code: view.result.currency)
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
