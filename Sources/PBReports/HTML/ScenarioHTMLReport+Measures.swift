import PBModel
import PBScenario
import PBSimulation

extension ScenarioPage {
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
        let rows: [Metric] = [.coverage, .budgetUse, .overspend, .deliveryFailures, .deliveredWelfare, .processCost]
        for metric in rows where !metrics.contains(metric) {
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
}
