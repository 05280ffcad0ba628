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
/// let scenario = try Scenario.load(path: "Scenarios/riverside.yaml")
/// let sweep = try ParameterSweep.run(
///     scenario: scenario, parameter: .lambda, values: ScenarioHTMLReport.lambdaValues(for: scenario),
///     runs: 200, seed: scenario.seed)
/// let html = ScenarioHTMLReport.render(scenario: scenario, sweep: sweep, file: "Scenarios/riverside.yaml")
/// ```
///
/// Every number comes from the sweep (all of whose rows share their runs); the page is the same for
/// the same sweep.
public enum ScenarioHTMLReport {
    /// The blend weights the report sweeps: every tenth from 0 to 1 and the scenario's own blends.
    ///
    /// - Parameter scenario: The scenario.
    /// - Returns: The weights, ascending, without duplicates.
    public static func lambdaValues(for scenario: Scenario) -> [Double] {
        var values = (0...10).map { Double($0) / 10 }
        for lambda in scenario.regimes.blend?.lambdas ?? [] where lambda >= 0 && lambda <= 1 {
            if !values.contains(where: { abs($0 - lambda) < 1e-9 }) { values.append(lambda) }
        }
        return values.sorted()
    }

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
        let context = Context(scenario: scenario, sweep: sweep, file: file, election: election)
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
private struct Context {
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

    // MARK: Names and numbers

    func proposalTitle(_ j: Int) -> String {
        if let election, j < election.projects.count {
            return election.projectField("name", of: j) ?? election.projects[j].id
        }
        if j < scenario.proposals.count { return scenario.proposals[j].title }
        return result.proposalIDs[j]
    }

    func proposalCost(_ j: Int) -> Double {
        if let election, j < election.projects.count { return election.projects[j].cost.doubleValue }
        if j < scenario.proposals.count { return scenario.proposals[j].cost }
        return .nan
    }

    static func percent(_ x: Double, _ decimals: Int = 0) -> String {
        x.isFinite ? NumberText.percent(x, decimals: decimals) : "n/a"
    }

    /// A metric's mean in its usual form: a percentage, or a Gini coefficient with three decimals.
    static func value(_ metric: Metric, _ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        if metric == .welfare { return NumberText.grouped(x) }
        if metric == .gini { return NumberText.grouped(x, decimals: 3) }
        return NumberText.percent(x, decimals: metric.isIndicator ? 0 : 1)
    }

    /// `71.3% (68.0–74.1%)`.
    static func withRange(_ metric: Metric, _ s: MetricSummary) -> String {
        guard s.mean.isFinite else { return "n/a" }
        if metric.isIndicator || !s.lo.isFinite { return value(metric, s.mean) }
        return "\(value(metric, s.mean)) (\(value(metric, s.lo))–\(value(metric, s.hi)))"
    }

    static func shareRange(_ s: MetricSummary) -> String {
        guard s.mean.isFinite else { return "n/a" }
        guard s.lo.isFinite, s.hi.isFinite else { return percent(s.mean) }
        return "\(percent(s.mean)) (\(NumberText.grouped(s.lo * 100, decimals: 0))–\(percent(s.hi)))"
    }

    /// How often each proposal is funded by the record at `index` of each run of `row`.
    static func fundingProbability(_ row: SimulationResult, regimeIndex index: Int) -> [Double] {
        var counts = [Int](repeating: 0, count: row.proposalIDs.count)
        for outcome in row.outcomes where index < outcome.regimes.count {
            for j in outcome.regimes[index].selection where j < counts.count { counts[j] += 1 }
        }
        let runs = max(row.outcomes.count, 1)
        return counts.map { Double($0) / Double(runs) }
    }

    // MARK: Summary

    func summarySection() -> String {
        var out = ""
        let regimeNames = main.filter { $0.regime != .optimum }.map(\.regime.title)
        var lead = "This report compares \(regimeNames.count) ways of deciding how to spend "
        lead += "\(currency.format(result.budget)) on \(proposalCount) proposals"
        if !scenario.districts.isEmpty { lead += " across \(scenario.districts.count) districts" }
        lead += ": \(Self.joined(regimeNames))."
        if result.realBallots {
            lead +=
                " The proposals and the residents' ballots are real; the officers' view comes from a needs assessment."
        } else {
            lead +=
                " Each way was simulated \(NumberText.grouped(String(result.runs))) times on a model of "
                + "\(NumberText.grouped(String(result.groupSizes.reduce(0, +)))) residents in "
                + "\(result.groupIDs.count) groups whose true needs the model knows, so every choice can be "
                + "measured against the need it meets."
        }
        out += HTMLPage.paragraph(lead, classes: "lead")
        let described = SimulationReport.describe(scenario: scenario, result: result)
            .split(separator: "\n").map { String($0.drop { $0 == " " }) }.filter { !$0.isEmpty }
        out += HTMLPage.list(described)

        out += HTMLPage.cards(
            main.map { regime in
                (title: regime.regime.title, style: style(regime.regime), lines: cardLines(regime))
            })

        out += "<h3>What came out</h3>"
        // NB: the plain words of MODEL.md section 8, as in the text report; the blends are a sweep of
        // scoring rules, described in their own section, never "the best blend" as a process.
        for sentence in SimulationReport.sentences(result, scenario: scenario) { out += HTMLPage.paragraph(sentence) }

        out += "<h3>How sure we are</h3>"
        for sentence in certaintySentences() { out += HTMLPage.paragraph(sentence) }
        return out
    }

    func cardLines(_ regime: RegimeSummary) -> [(String, String)] {
        var lines: [(String, String)] = []
        func add(_ label: String, _ metric: Metric) {
            if let s = regime.metrics[metric], s.mean.isFinite { lines.append((label, Self.value(metric, s.mean))) }
        }
        if result.realBallots {
            add("voter satisfaction", .satisfaction)
            add("voters with nothing funded", .exclusion)
            add("EJR-1 holds", .ejr)
        } else {
            add("need met", .coverage)
            add("of achievable benefit", .efficiency)
            add("Gini of coverage", .gini)
            add("people left out", .exclusion)
        }
        add("budget used", .budgetUse)
        return lines
    }

    static func joined(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }

    func certaintySentences() -> [String] {
        var out: [String] = []
        let runs = result.runs
        if result.realBallots {
            out.append(
                "The residents' votes are real, so the co-produced outcome is the same in every run; the "
                    + "service-led outcome varies from run to run with the officers' information noise. Ranges "
                    + "in brackets hold the middle 95% of the \(NumberText.grouped(String(runs))) runs.")
        } else {
            out.append(
                "Each figure is an average over \(NumberText.grouped(String(runs))) runs, each with fresh random "
                    + "draws of who votes, what the officers' data shows and what things really cost. Ranges in "
                    + "brackets hold the middle 95% of runs: they show how much the outcome of one real decision "
                    + "could vary, not just how precise the average is.")
        }
        let metric: Metric = result.realBallots ? .satisfaction : .efficiency
        let phrase =
            metric == .efficiency
            ? "reached more of the achievable benefit" : "gave the average voter more satisfaction"
        if let co = result.regimes.firstIndex(where: { $0.regime == .coProduced }),
            let service = result.regimes.firstIndex(where: { $0.regime == .serviceLed }), runs > 0
        {
            var more = 0
            var less = 0
            for outcome in result.outcomes {
                let a = outcome.regimes[co].values[metric] ?? .nan
                let b = outcome.regimes[service].values[metric] ?? .nan
                guard a.isFinite, b.isFinite else { continue }
                if a > b + 1e-12 { more += 1 } else if a < b - 1e-12 { less += 1 }
            }
            let same = runs - more - less
            var sentence =
                "Run by run (both processes facing the same draws), co-produced \(phrase) than service-led in "
                + "\(NumberText.grouped(String(more))) of \(NumberText.grouped(String(runs))) runs "
                + "(\(Self.percent(Double(more) / Double(runs)))), less in \(NumberText.grouped(String(less)))"
            sentence += same > 0 ? " and the same in \(NumberText.grouped(String(same)))." : "."
            out.append(sentence)
        }
        // The precision of the averages themselves: 1.96 standard errors.
        let errors = main.compactMap { regime -> Double? in
            guard let s = regime.metrics[metric], s.count > 1, s.sd.isFinite else { return nil }
            return 1.96 * s.sd / Double(s.count).squareRoot()
        }
        if let worst = errors.max() {
            out.append(
                "The averages themselves are precise to about ±\(NumberText.grouped(worst * 100, decimals: 1)) "
                    + "percentage points (95% confidence)"
                    + (runs < 100 ? "; with so few runs, treat small differences as noise." : "."))
        }
        out.append(
            "Every number rests on the scenario's assumptions (needs, noise, turnout, visibility); change one in "
                + "the scenario file and run the report again to see what follows.")
        return out
    }

    // MARK: Spend against need

    func spendSection() -> String {
        guard !result.breakdowns.isEmpty else {
            return HTMLPage.paragraph(
                "This scenario has no districts, domains, categories or target groups to break spend down by.")
        }
        var out = HTMLPage.paragraph(
            "Where does the money go? Each bar is a regime's average share of its spending; the whiskers span "
                + "the middle 95% of runs. The grey hatched bar is each "
                + (result.realBallots ? "category's share of the assessed need" : "one's share of the total need")
                + ": spend that follows need has bars of similar length. The divergence (0 = spend exactly "
                + "follows need, 1 = spend goes entirely elsewhere) sums it up.")
        for (b, breakdown) in result.breakdowns.enumerated() {
            out += spendFigure(b, breakdown)
        }
        return out
    }

    func spendFigure(_ b: Int, _ breakdown: SpendBreakdown) -> String {
        var categories = breakdown.labels
        var need = breakdown.needShares.map { BarValue($0) }
        var regimeValues = main.map { regime in
            breakdown.labels.indices.map { l -> BarValue in
                let s = regime.spendShares[b][l]
                return BarValue(s.mean, lo: s.lo, hi: s.hi)
            }
        }
        // Spend attributed to no category, shown only when some regime has any.
        let unattributed = main.map { regime in
            max(0, 1 - regime.spendShares[b].reduce(0.0) { $0 + ($1.mean.isFinite ? $1.mean : 0) })
        }
        let other = unattributed.contains { $0 >= 0.005 } ? breakdown.unattributedLabel : nil
        if let other {
            categories.append("(\(other))")
            need.append(BarValue(.nan, label: ""))
            for r in main.indices { regimeValues[r].append(BarValue(unattributed[r])) }
        }
        let needName = result.realBallots ? "share of assessed need" : "share of need"
        let series =
            [BarSeries(name: needName, style: .reference, values: need)]
            + main.enumerated().map { r, regime in
                BarSeries(name: regime.regime.title, style: style(regime.regime), values: regimeValues[r])
            }
        let svg = Charts.groupedBars(
            id: "spend-\(b)", title: "Spend by \(breakdown.name) against \(needName)",
            description:
                "Horizontal bars: for each \(breakdown.name), its \(needName) and the mean share of spend under "
                + Self.joined(main.map(\.regime.title)) + ", with whiskers for the middle 95% of runs.",
            categories: categories, series: series, format: .percent(decimals: 0))
        var table = HTMLTable(
            caption: "Share of spend by \(breakdown.name) (mean, middle 95% of runs) and \(needName)",
            headers: [breakdown.name, needName] + main.map(\.regime.title), numeric: Set(1...(main.count + 1)))
        for (l, label) in breakdown.labels.enumerated() {
            table.rows.append(
                [HTMLCell(label), HTMLCell(Self.percent(breakdown.needShares[l]))]
                    + main.map { HTMLCell(Self.shareRange($0.spendShares[b][l])) })
        }
        if let other {
            table.rows.append(
                [HTMLCell("(\(other))"), HTMLCell("–")]
                    + main.indices.map { HTMLCell(Self.percent(regimeValues[$0].last?.value ?? .nan)) })
        }
        table.rows.append(
            [HTMLCell("divergence from need"), HTMLCell("")]
                + main.map {
                    HTMLCell(
                        $0.divergence[b].mean.isFinite ? NumberText.grouped($0.divergence[b].mean, decimals: 2) : "n/a")
                })
        var note: String?
        if let other {
            note = "(\(other)): spend on proposals that belong to no single \(breakdown.name)."
        }
        return HTMLPage.figure(
            caption: "Spend by \(breakdown.name) under each regime, beside its \(needName)", charts: [svg], note: note,
            table: table)
    }

    // MARK: Coverage

    func coverageSection() -> String {
        guard !result.groupIDs.isEmpty else {
            return HTMLPage.paragraph(
                "With real ballots there are no modelled population groups and no true needs to cover; the "
                    + "observable measures (voter satisfaction, voters with nothing funded, EJR) are compared in the "
                    + "next section, and spend is set against the assessed need above.")
        }
        var out = HTMLPage.paragraph(
            "How much of each group's need do the funded proposals meet? Coverage is the true benefit a member "
                + "of the group gets, divided by their total need; it can pass 100% when several proposals serve "
                + "the same need. Whiskers span the middle 95% of runs.")
        let categories = result.groupIDs.indices.map {
            "\(result.groupIDs[$0]) (\(NumberText.grouped(String(result.groupSizes[$0]))))"
        }
        let series = main.map { regime in
            BarSeries(
                name: regime.regime.title, style: style(regime.regime),
                values: regime.coverageByGroup.map { BarValue($0.mean, lo: $0.lo, hi: $0.hi) })
        }
        let svg = Charts.groupedBars(
            id: "coverage", title: "Need coverage by group",
            description:
                "Horizontal bars: for each population group (people in brackets), the mean share of its need met under "
                + Self.joined(main.map(\.regime.title)) + ", with whiskers for the middle 95% of runs.",
            categories: categories, series: series, format: .percent(decimals: 0),
            references: [ReferenceLine(value: 1, label: "all need met")])
        var table = HTMLTable(
            caption: "Need coverage by group (mean, middle 95% of runs)",
            headers: ["group", "people"] + main.map(\.regime.title), numeric: Set(1...(main.count + 1)))
        for (g, id) in result.groupIDs.enumerated() {
            table.rows.append(
                [HTMLCell(id), HTMLCell(NumberText.grouped(String(result.groupSizes[g])))]
                    + main.map { HTMLCell(Self.shareRange($0.coverageByGroup[g])) })
        }
        out += HTMLPage.figure(
            caption: "Need coverage per group under each regime", charts: [svg],
            note: "The dashed line marks 100%: all of the group's need met.", table: table)
        if let worst = worstCoveredGroup() { out += HTMLPage.paragraph(worst) }
        return out
    }

    func worstCoveredGroup() -> String? {
        guard let service = main.first(where: { $0.regime == .serviceLed }),
            let co = main.first(where: { $0.regime == .coProduced })
        else { return nil }
        var worst: (g: Int, gap: Double)?
        for g in result.groupIDs.indices {
            let gap = co.coverageByGroup[g].mean - service.coverageByGroup[g].mean
            guard gap.isFinite else { continue }
            if worst == nil || abs(gap) > abs(worst!.gap) { worst = (g, gap) }
        }
        guard let worst, abs(worst.gap) >= 0.05 else { return nil }
        let g = worst.g
        return "The largest difference between the two processes is for \(result.groupIDs[g]): "
            + "\(Self.percent(co.coverageByGroup[g].mean)) of its need met co-produced against "
            + "\(Self.percent(service.coverageByGroup[g].mean)) service-led."
    }

    // MARK: Efficiency, equity, exclusion

    func measuresSection() -> String {
        let metrics = comparedMetrics
        guard !metrics.isEmpty else { return HTMLPage.paragraph("No measures to compare.") }
        var out = HTMLPage.paragraph(
            result.realBallots
                ? "Three observable measures side by side. Voter satisfaction: the share of the budget going to "
                    + "projects each voter chose (higher is better). Voters with nothing funded (lower is better). "
                    + "EJR-1: the share of runs in which every cohesive group of voters got its proportional share, "
                    + "up to one project."
                : "Three measures side by side. Efficiency: the share of the benefit the best possible choice "
                    + "would give (higher is better). Equity: the Gini coefficient of need coverage across groups, "
                    + "weighted by size (0 = every group equally covered; lower is fairer). Exclusion: the share "
                    + "of people in groups that get nothing at all (lower is better).")
        var charts: [SVGNode] = []
        for (m, metric) in metrics.enumerated() {
            let values = main.map { regime -> BarValue in
                guard let s = regime.metrics[metric] else { return BarValue(.nan) }
                return BarValue(
                    s.mean, lo: metric.isIndicator ? .nan : s.lo, hi: metric.isIndicator ? .nan : s.hi,
                    label: Self.value(metric, s.mean), style: style(regime.regime))
            }
            let format: ValueFormat = metric == .gini ? .number(decimals: 2) : .percent(decimals: 0)
            var domain: (Double, Double)?
            if metric.isShare {
                let top = values.flatMap { [$0.value, $0.hi] }.filter(\.isFinite).max() ?? 0
                domain = (
                    0,
                    top > 0.5 ? 1 : max(0.1, LinearScale(domain: (0, top), range: (0, 1)).niced(count: 4).domain.upper)
                )
            }
            charts.append(
                Charts.groupedBars(
                    id: "measure-\(m)", title: headingOf(metric),
                    description: "Bars per regime: mean \(metric.title), with whiskers for the middle 95% of runs.",
                    categories: main.map(\.regime.title),
                    series: [BarSeries(name: metric.title, style: .palette(0), values: values)], format: format,
                    domain: domain, width: 350, heading: headingOf(metric)))
        }
        var table = HTMLTable(
            caption: "Efficiency, equity and exclusion by regime (mean, middle 95% of runs)",
            headers: ["measure"] + main.map(\.regime.title), numeric: Set(1...main.count))
        for metric in metrics {
            table.rows.append(
                [HTMLCell(metric.title)]
                    + main.map { regime in HTMLCell(regime.metrics[metric].map { Self.withRange(metric, $0) } ?? "–") })
        }
        for metric in [Metric.coverage, .budgetUse, .overspend] where !metrics.contains(metric) {
            guard main.contains(where: { $0.metrics[metric] != nil }) else { continue }
            table.rows.append(
                [HTMLCell(metric.title)]
                    + main.map { regime in HTMLCell(regime.metrics[metric].map { Self.withRange(metric, $0) } ?? "–") })
        }
        out += HTMLPage.figure(
            caption: result.realBallots
                ? "Voter satisfaction, exclusion and EJR-1 by regime" : "Efficiency, equity and exclusion by regime",
            charts: charts, table: table)
        return out
    }

    func headingOf(_ metric: Metric) -> String {
        switch metric {
        case .efficiency: "Efficiency (higher is better)"
        case .gini: "Equity: Gini (lower is fairer)"
        case .exclusion: result.realBallots ? "Nothing funded (lower is better)" : "Exclusion (lower is better)"
        case .satisfaction: "Voter satisfaction"
        case .ejr: "EJR-1 holds (share of runs)"
        default: metric.title
        }
    }

    // MARK: Lambda sweep

    /// The blend regime of each sweep row.
    var blends: [(lambda: Double, row: SimulationResult, index: Int)] {
        sweep.results.compactMap { row in
            guard let index = row.regimes.firstIndex(where: { $0.regime.lambda != nil }),
                let lambda = row.regimes[index].regime.lambda
            else { return nil }
            return (lambda, row, index)
        }
    }

    func sweepSection() -> String {
        let blends = self.blends
        var out = HTMLPage.paragraph(
            "A blend gives weight λ to the residents' votes and 1 − λ to the officers' assessment, then funds "
                + "proposals by blended score per cost. λ = 0 is the officers' ranking alone, λ = 1 the votes alone "
                + "(both ranked greedily, so the ends can differ from the regimes above, which may use other rules). "
                + "Every λ was simulated on the same runs, so differences between them come from λ, not from luck.")
        guard !blends.isEmpty else { return out + HTMLPage.paragraph("No blends were simulated.") }
        let lambdas = blends.map(\.lambda)
        let selected = lambdas.indices.min { abs(lambdas[$0] - 0.5) < abs(lambdas[$1] - 0.5) } ?? 0

        let shareMetrics: [Metric] =
            (result.realBallots ? [.satisfaction, .exclusion, .ejr] : [.efficiency, .coverage, .exclusion])
            .filter { metric in blends.contains { $0.row.regimes[$0.index].metrics[metric] != nil } }
        let shareSeries = shareMetrics.enumerated().map { k, metric in
            LineSeries(
                name: metric.title, style: .palette(k),
                points: blends.map { blend in
                    let s = blend.row.regimes[blend.index].metrics[metric]
                    return LinePoint(
                        x: blend.lambda, y: s?.mean ?? .nan, lo: s?.lo ?? .nan, hi: s?.hi ?? .nan,
                        tip: "λ = \(NumberText.trimmed(blend.lambda)): \(metric.title) "
                            + (s.map { Self.withRange(metric, $0) } ?? "n/a"))
                }, band: k == 0 && !metric.isIndicator)
        }
        var indexSeries: [LineSeries] = []
        if !result.realBallots {
            indexSeries.append(
                LineSeries(
                    name: "Gini of coverage", style: .palette(3),
                    points: blends.map { blend in
                        let s = blend.row.regimes[blend.index].metrics[.gini]
                        return LinePoint(
                            x: blend.lambda, y: s?.mean ?? .nan,
                            tip: "λ = \(NumberText.trimmed(blend.lambda)): Gini "
                                + (s.map { Self.withRange(.gini, $0) } ?? "n/a"))
                    }))
        }
        for (b, breakdown) in result.breakdowns.enumerated() {
            indexSeries.append(
                LineSeries(
                    name: "divergence (\(breakdown.name))", style: .palette(4 + b),
                    points: blends.map { blend in
                        let s = blend.row.regimes[blend.index].divergence[b]
                        return LinePoint(
                            x: blend.lambda, y: s.mean,
                            tip: "λ = \(NumberText.trimmed(blend.lambda)): spend–need divergence by \(breakdown.name) "
                                + (s.mean.isFinite ? NumberText.grouped(s.mean, decimals: 2) : "n/a"))
                    }))
        }
        let ticks = [0, 0.25, 0.5, 0.75, 1.0]
        let marker = (positions: lambdas, selected: selected)
        let shareChart = Charts.lineChart(
            id: "sweep-shares", title: "Blends: shares by λ",
            description:
                "Lines over λ from 0 to 1: " + Self.joined(shareMetrics.map(\.title))
                + (shareSeries.first?.band == true
                    ? "; the shaded band spans the middle 95% of runs of the first." : "."),
            series: shareSeries, xFormat: .number(decimals: 2), yFormat: .percent(decimals: 0),
            xLabel: "λ: weight on the residents' votes", yLabel: "share", yDomain: (0, 1), xTicks: ticks,
            marker: marker, width: 540, height: 330)
        let indexChart = Charts.lineChart(
            id: "sweep-indices", title: "Blends: inequality and divergence by λ",
            description: "Lines over λ from 0 to 1: " + Self.joined(indexSeries.map(\.name)) + " (lower is better).",
            series: indexSeries, xFormat: .number(decimals: 2), yFormat: .number(decimals: 2),
            xLabel: "λ: weight on the residents' votes", yLabel: "index (lower is better)", xTicks: ticks,
            marker: marker, width: 540, height: 330)

        var headers = ["λ"] + shareMetrics.map(\.title)
        if !result.realBallots { headers.append("Gini of coverage") }
        headers += result.breakdowns.map { "divergence (\($0.name))" }
        var table = HTMLTable(
            caption: "Blends by λ (mean, middle 95% of runs)", headers: headers, numeric: Set(1..<headers.count))
        for blend in blends {
            let regime = blend.row.regimes[blend.index]
            var row = [HTMLCell(NumberText.trimmed(blend.lambda))]
            row += shareMetrics.map { metric in
                HTMLCell(regime.metrics[metric].map { Self.withRange(metric, $0) } ?? "–")
            }
            if !result.realBallots {
                row.append(HTMLCell(regime.metrics[.gini].map { Self.withRange(.gini, $0) } ?? "–"))
            }
            row += regime.divergence.map {
                HTMLCell($0.mean.isFinite ? NumberText.grouped($0.mean, decimals: 2) : "n/a")
            }
            table.rows.append(row)
        }
        out += HTMLPage.figure(
            caption: "The lambda sweep: what each blend of votes and assessment achieves",
            charts: [shareChart, indexChart],
            note: "The dotted vertical line marks the λ chosen with the slider below.", table: table)

        // The slider and one precomputed panel per λ.
        out += "<div class=\"sweep\" data-sweep>"
        out += "<div class=\"sweep-controls\"><label for=\"lambda-slider\">Weight on the residents' votes</label>"
        out +=
            "<input type=\"range\" id=\"lambda-slider\" min=\"0\" max=\"\(blends.count - 1)\" step=\"1\" "
            + "value=\"\(selected)\"><output for=\"lambda-slider\">λ = \(NumberText.trimmed(lambdas[selected]))</output>"
        out += "<span class=\"muted\">0 = officers' assessment only · 1 = residents' votes only</span></div>"
        out += "<div class=\"sweep-panels\">"
        for (i, blend) in blends.enumerated() {
            out += sweepPanel(i, blend, active: i == selected)
        }
        out += "</div></div>"
        return out
    }

    func sweepPanel(_ i: Int, _ blend: (lambda: Double, row: SimulationResult, index: Int), active: Bool) -> String {
        let lambda = NumberText.trimmed(blend.lambda)
        let regime = blend.row.regimes[blend.index]
        var out =
            "<div class=\"sweep-panel\(active ? " active" : "")\" id=\"lambda-\(i)\" data-label=\"λ = \(lambda)\">"
        out += "<h3>At λ = \(lambda)</h3>"
        let metrics: [Metric] =
            result.realBallots
            ? [.satisfaction, .exclusion, .budgetUse] : [.efficiency, .coverage, .gini, .exclusion, .budgetUse]
        let parts = metrics.compactMap { metric in
            regime.metrics[metric].map { "\(metric.title) \(Self.withRange(metric, $0))" }
        }
        out += HTMLPage.paragraph(parts.joined(separator: "; ") + ".")
        // Spend by the breakdown a panel is most likely to care about: domain (or category).
        if let b = result.breakdowns.firstIndex(where: { $0.name == "domain" || $0.name == "category" })
            ?? (result.breakdowns.isEmpty ? nil : 0)
        {
            let breakdown = result.breakdowns[b]
            let needName = result.realBallots ? "share of assessed need" : "share of need"
            let svg = Charts.groupedBars(
                id: "lambda-\(i)-spend", title: "Spend by \(breakdown.name) at λ = \(lambda)",
                description: "For each \(breakdown.name), its \(needName) and the blend's mean share of spend.",
                categories: breakdown.labels,
                series: [
                    BarSeries(name: needName, style: .reference, values: breakdown.needShares.map { BarValue($0) }),
                    BarSeries(
                        name: "blend λ = \(lambda)", style: style(regime.regime),
                        values: regime.spendShares[b].map { BarValue($0.mean, lo: $0.lo, hi: $0.hi) }),
                ], format: .percent(decimals: 0), width: 480)
            var table = HTMLTable(
                caption: "Spend by \(breakdown.name) at λ = \(lambda)",
                headers: [breakdown.name, needName, "blend λ = \(lambda)"], numeric: [1, 2])
            for (l, label) in breakdown.labels.enumerated() {
                table.rows.append([
                    HTMLCell(label), HTMLCell(Self.percent(breakdown.needShares[l])),
                    HTMLCell(Self.shareRange(regime.spendShares[b][l])),
                ])
            }
            out += HTMLPage.figure(caption: "Spend by \(breakdown.name) at λ = \(lambda)", charts: [svg], table: table)
        }
        let probability = Self.fundingProbability(blend.row, regimeIndex: blend.index)
        let order = probability.indices.sorted { probability[$0] > probability[$1] }
        var table = HTMLTable(
            caption: "How often each proposal is funded at λ = \(lambda)", headers: ["proposal", "funded in"],
            numeric: [1])
        for j in order {
            table.rows.append([
                HTMLCell(proposalTitle(j)),
                .markup(
                    HTMLPage.shareCell(
                        probability[j], text: Self.percent(probability[j]), colour: style(regime.regime).colour)),
            ])
        }
        out += "<details class=\"data\"><summary>How often each proposal is funded at λ = \(lambda)</summary>"
        out += table.render() + "</details></div>"
        return out
    }

    // MARK: Gap ledger

    /// The two-pot splits of the scenario (a share of the budget to the residents' vote first, the rest
    /// to the officers) beside the blend sweep, and the rule-sensitivity rows (the same ballots counted
    /// with other rules).
    func potsSection() -> String {
        var out = ""
        let splits = result.regimes.filter { $0.regime.share != nil }
        let metrics: [Metric] = [.efficiency, .coverage, .worstGroup, .unspent]
        if splits.isEmpty {
            out += HTMLPage.paragraph(
                "No two-pot split was simulated. Add split: {shares: [0.1, 0.25, 0.5]} to the scenario's regimes, "
                    + "or run pbsim sweep with --param split, to see what putting a share of the budget to a "
                    + "residents' vote first would do.")
        } else {
            out += HTMLPage.paragraph(
                "A split puts a share of the budget to the residents' vote first (their ballots, counted with the "
                    + "scenario's rule); the officers then decide the rest over the proposals not yet funded. Share "
                    + "0 is the officers' process and share 1 the residents' vote, run for run.")
            let series = metrics.enumerated().map { k, metric in
                LineSeries(
                    name: metric.title, style: .palette(k),
                    points: splits.map { split in
                        let s = split.metrics[metric]
                        return LinePoint(
                            x: split.regime.share ?? .nan, y: s?.mean ?? .nan, lo: s?.lo ?? .nan, hi: s?.hi ?? .nan,
                            tip: "\(split.regime.title): \(metric.title) "
                                + (s.map { Self.withRange(metric, $0) } ?? "n/a"))
                    }, band: k == 0)
            }
            let chart = Charts.lineChart(
                id: "pots", title: "Two pots: outcomes by the share put to the vote",
                description: "Lines over the share of the budget put to the residents' vote: "
                    + Self.joined(metrics.map(\.title)) + "; the band spans the middle 95% of runs of the first.",
                series: series, xFormat: .percent(decimals: 0), yFormat: .percent(decimals: 0),
                xLabel: "share of the budget put to the vote first", yLabel: "share", yDomain: (0, 1), width: 540,
                height: 330)
            var table = HTMLTable(
                caption: "Two pots by share (mean, middle 95% of runs)",
                headers: ["to the vote"] + metrics.map(\.title),
                numeric: Set(1...metrics.count))
            for split in splits {
                table.rows.append(
                    [HTMLCell(split.regime.title)]
                        + metrics.map { metric in
                            HTMLCell(split.metrics[metric].map { Self.withRange(metric, $0) } ?? "–")
                        })
            }
            out += HTMLPage.figure(
                caption: "Two pots: what each share put to a residents' vote achieves", charts: [chart], table: table)
        }
        if let co = result.summary(of: .coProduced), !co.ruleSensitivity.isEmpty {
            var table = HTMLTable(
                caption: "The same co-produced ballots counted with other rules (every tenth run)",
                headers: ["rule"] + metrics.map(\.title), numeric: Set(1...metrics.count))
            for row in co.ruleSensitivity {
                table.rows.append(
                    [HTMLCell(row.rule)]
                        + metrics.map { metric in
                            HTMLCell(row.metrics[metric].map { Self.withRange(metric, $0) } ?? "–")
                        })
            }
            out += HTMLPage.paragraph(
                "The counting rule: the residents' ballots are the same in each row; only the count differs.")
            out += table.render()
        }
        return out
    }

    func ledgerSection() -> String {
        let probabilities = mainIndex.map { Self.fundingProbability(result, regimeIndex: $0) }
        let serviceColumn = main.firstIndex { $0.regime == .serviceLed }
        let coColumn = main.firstIndex { $0.regime == .coProduced }
        var out = HTMLPage.paragraph(
            "Every proposal, and how often each regime funds it across the "
                + "\(NumberText.grouped(String(result.runs))) runs: its funding probability. A proposal funded in "
                + "100% of runs is a safe bet under that regime; one funded in 0% never makes it. The last column "
                + "shows the gap between the two processes in percentage points (co-produced minus service-led): "
                + "positive when residents fund it more often than officers.")
        var gaps: [(j: Int, gap: Double)] = []
        if let serviceColumn, let coColumn {
            gaps = (0..<proposalCount).map { ($0, probabilities[coColumn][$0] - probabilities[serviceColumn][$0]) }
                .filter { abs($0.gap) >= 0.25 }
                .sorted { abs($0.gap) > abs($1.gap) }
        }
        var bullets: [String] = []
        for (j, gap) in gaps.prefix(4) {
            bullets.append(
                "\(proposalTitle(j)): funded in \(Self.percent(probabilities[coColumn!][j])) of runs co-produced "
                    + "against \(Self.percent(probabilities[serviceColumn!][j])) service-led"
                    + (gap > 0 ? " (residents favour it)." : " (officers favour it)."))
        }
        let never = (0..<proposalCount).filter { j in probabilities.allSatisfy { $0[j] == 0 } }
        if !never.isEmpty {
            bullets.append(
                "Never funded by any regime: " + Self.joined(never.prefix(6).map { proposalTitle($0) })
                    + (never.count > 6 ? " and \(never.count - 6) more." : "."))
        }
        if !bullets.isEmpty {
            out += "<h3>The biggest gaps</h3>" + HTMLPage.list(bullets)
        }
        var headers = ["proposal"]
        let world = !result.realBallots && !scenario.proposals.isEmpty
        if world {
            headers += ["cost", "delivery"]
        } else {
            headers += ["cost", "category"]
        }
        let first = headers.count
        headers += main.map(\.regime.title)
        if serviceColumn != nil && coColumn != nil { headers.append("gap, points") }
        var table = HTMLTable(
            caption: "Gap ledger: funding probability of every proposal under each regime", headers: headers,
            numeric: Set(first..<headers.count).union([headers.firstIndex(of: "cost") ?? 0]), classes: "ledger wide")
        for j in 0..<proposalCount {
            // The id, and for a simulated world the district, on a second line.
            var place = result.proposalIDs[j]
            if world && !scenario.districts.isEmpty {
                place += " · " + (scenario.proposals[j].district?.rawValue ?? "city-wide")
            }
            var row: [HTMLCell] = [
                .markup("\(Markup.escape(proposalTitle(j)))<br><span class=\"muted id\">\(Markup.escape(place))</span>")
            ]
            if world {
                let proposal = scenario.proposals[j]
                row.append(HTMLCell(currency.format(proposal.cost)))
                let origin = proposal.origin == .community ? "by residents" : "by the service"
                row.append(
                    .markup(
                        "<span class=\"nw\">\(Markup.escape(proposal.delivery.rawValue))</span><br>"
                            + "<span class=\"muted nw\">proposed \(origin)</span>"))
            } else {
                row.append(HTMLCell(currency.format(proposalCost(j))))
                row.append(HTMLCell(election?.projectField("category", of: j) ?? ""))
            }
            for (r, regime) in main.enumerated() {
                row.append(
                    .markup(
                        HTMLPage.shareCell(
                            probabilities[r][j], text: Self.percent(probabilities[r][j]),
                            colour: style(regime.regime).colour)))
            }
            if let serviceColumn, let coColumn {
                let gap = (probabilities[coColumn][j] - probabilities[serviceColumn][j]) * 100
                let text = abs(gap) < 0.5 ? "0" : (gap > 0 ? "+" : "−") + NumberText.grouped(abs(gap), decimals: 0)
                row.append(HTMLCell(text, classes: abs(gap) >= 25 ? (gap > 0 ? "gap-pos" : "gap-neg") : ""))
            }
            table.rows.append(row)
        }
        out += "<div class=\"table-scroll\">" + table.render() + "</div>"
        return out
    }

    // MARK: About

    func aboutSection() -> String {
        var out = HTMLPage.paragraph(
            "To make this page again: pbsim report \(file) -o report.html --runs \(result.runs) --seed \(result.seed)")
        let notes = SimulationReport.notes(result).split(separator: "\n").joined(separator: " ")
        out += HTMLPage.paragraph(notes)
        out += HTMLPage.paragraph(
            "Ranges are the middle 95% of run outcomes (from the 2.5% to the 97.5% quantile). Funding "
                + "probabilities count the runs in which a regime funded the proposal. Colours follow the Okabe–Ito "
                + "palette, which people with the common forms of colour blindness can tell apart; bars also carry "
                + "patterns and lines carry markers and dashes, so the charts survive greyscale printing. Every "
                + "chart has its numbers in a table below it.")
        return out
    }
}
