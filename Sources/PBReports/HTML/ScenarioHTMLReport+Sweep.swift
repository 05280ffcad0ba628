import PBModel
import PBScenario
import PBSimulation

extension ScenarioPage {
    // MARK: Lambda sweep

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
            .filter { metric in blends.contains { result.regimes[$0.index].metrics[metric] != nil } }
        let shareSeries = shareMetrics.enumerated().map { k, metric in
            LineSeries(
                name: metric.title, style: .palette(k),
                points: blends.map { blend in
                    let s = result.regimes[blend.index].metrics[metric]
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
                        let s = result.regimes[blend.index].metrics[.gini]
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
                        let s = result.regimes[blend.index].divergence[b]
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
            let regime = result.regimes[blend.index]
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

    func sweepPanel(_ i: Int, _ blend: (lambda: Double, index: Int), active: Bool) -> String {
        let lambda = NumberText.trimmed(blend.lambda)
        let regime = result.regimes[blend.index]
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
        let probability = result.regimes[blend.index].fundingProbability
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
}
