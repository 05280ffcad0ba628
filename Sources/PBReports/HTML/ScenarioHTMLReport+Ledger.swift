import PBModel
import PBScenario
import PBSimulation

extension ScenarioPage {
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
        let probabilities = mainIndex.map { result.regimes[$0].fundingProbability }
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
        let notes = SimulationReport.notes(headline).split(separator: "\n").joined(separator: " ")
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
