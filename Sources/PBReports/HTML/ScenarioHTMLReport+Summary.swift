import PBModel
import PBScenario
import PBSimulation

extension ScenarioPage {
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
        let described = SimulationReport.describe(scenario: scenario, result: headline)
            .split(separator: "\n").map { String($0.drop { $0 == " " }) }.filter { !$0.isEmpty }
        out += HTMLPage.list(described)

        out += HTMLPage.cards(
            main.map { regime in
                (title: regime.regime.title, style: style(regime.regime), lines: cardLines(regime))
            })

        out += "<h3>What came out</h3>"
        // NB: the plain words of MODEL.md section 8, as in the text report; the blends are a sweep of
        // scoring rules, described in their own section, never "the best blend" as a process.
        for sentence in SimulationReport.sentences(headline, scenario: scenario) { out += HTMLPage.paragraph(sentence) }

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
        // Present only when the scenario uses delivery risk, an overrun cut, a process cost or outreach.
        add("funded that failed", .deliveryFailures)
        add("benefit delivered", .deliveredWelfare)
        add("spent on the process", .processCost)
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
}
