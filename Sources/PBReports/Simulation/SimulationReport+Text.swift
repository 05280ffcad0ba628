public import PBScenario
public import PBSimulation

extension SimulationReport {
    // MARK: - Text

    /// The report for people: the set-up, a side-by-side table of the regimes, the two-pot splits,
    /// the joint-scoring blends, need met by group, rule sensitivity, funding probabilities, spend
    /// against need, and the plain words of MODEL.md section 8.
    ///
    /// - Parameters:
    ///   - result: A simulation result.
    ///   - scenario: The scenario it came from (for the description of each regime).
    /// - Returns: The text, ending with a newline.
    public static func text(_ result: SimulationResult, scenario: Scenario) -> String {
        var out = "\(result.scenario)\n"
        out += "\(NumberText.grouped(String(result.runs))) runs, seed \(result.seed), budget "
        out += "\(result.currency) \(NumberText.grouped(result.budget))\n"
        out += describe(scenario: scenario, result: result)
        out += "\n"

        let main = result.regimes.filter { $0.regime.lambda == nil && $0.regime.share == nil }
        let blends = result.regimes.filter { $0.regime.lambda != nil }
        let splits = result.regimes.filter { $0.regime.share != nil }
        out += "Outcomes (mean, with the range of the middle 95% of runs; a range of runs, not of the mean):\n\n"
        var table = TextTable(
            headers: ["metric"] + main.map(\.regime.title), alignments: [.left] + main.map { _ in .right })
        for metric in metricOrder where main.contains(where: { $0.metrics[metric] != nil }) {
            table.add([metric.title] + main.map { cell($0, metric) })
        }
        out += table.render(indent: "  ")

        let headline: [Metric] =
            result.realBallots ? [.satisfaction, .exclusion, .ejr] : [.efficiency, .coverage, .worstGroup, .unspent]
        if !splits.isEmpty {
            out += "\nTwo pots (a share of the budget decided first by the residents' vote, the rest by the "
            out += "officers):\n\n"
            var splitTable = TextTable(
                headers: ["to the vote"] + headline.map(\.title), alignments: [.left] + headline.map { _ in .right })
            for split in splits {
                splitTable.add([split.regime.title] + headline.map { cell(split, $0) })
            }
            out += splitTable.render(indent: "  ")
        }

        if !blends.isEmpty {
            out += "\nJoint scoring (λ = weight on the residents' scores; λ = 0 is the officers' scores and λ = 1 the "
            out += "residents' scores, each counted greedily: scoring rules, not the two processes):\n\n"
            let metrics: [Metric] =
                result.realBallots ? [.satisfaction, .exclusion, .ejr] : [.efficiency, .coverage, .gini, .exclusion]
            var blendTable = TextTable(
                headers: ["λ"] + metrics.map(\.title), alignments: [.left] + metrics.map { _ in .right })
            for blend in blends {
                blendTable.add([RegimeIDText.lambda(blend.regime)] + metrics.map { cell(blend, $0) })
            }
            out += blendTable.render(indent: "  ")
        }

        if !result.groupIDs.isEmpty {
            out += "\nNeed met per group (mean over runs; capped per domain, so at most 100%):\n\n"
            var groups = TextTable(
                headers: ["group", "people"] + main.map(\.regime.title),
                alignments: [.left, .right] + main.map { _ in .right })
            for (g, id) in result.groupIDs.enumerated() {
                groups.add(
                    [id, NumberText.grouped(String(result.groupSizes[g]))]
                        + main.map { percent($0.coverageByGroup[g].mean, decimals: 0) })
            }
            out += groups.render(indent: "  ")
        }

        if let co = result.summary(of: .coProduced), !co.ruleSensitivity.isEmpty {
            out += "\nThe same co-produced ballots counted with other rules (rule sensitivity):\n\n"
            var rules = TextTable(
                headers: ["rule"] + headline.map(\.title), alignments: [.left] + headline.map { _ in .right })
            for row in co.ruleSensitivity {
                let summary = RegimeSummary(
                    regime: .coProduced, metrics: row.metrics, coverageByGroup: [], spendShares: [], divergence: [],
                    ejrViolations: 0, ejrUndetermined: 0)
                rules.add([row.rule] + headline.map { cell(summary, $0) })
            }
            out += rules.render(indent: "  ")
        }

        if !result.proposalIDs.isEmpty, main.contains(where: { !$0.fundingProbability.isEmpty }) {
            out += "\nHow often each proposal is funded (share of runs):\n\n"
            var funding = TextTable(
                headers: ["proposal"] + main.map(\.regime.title), alignments: [.left] + main.map { _ in .right })
            for (j, id) in result.proposalIDs.enumerated() {
                funding.add(
                    [id]
                        + main.map {
                            j < $0.fundingProbability.count ? percent($0.fundingProbability[j], decimals: 0) : "-"
                        })
            }
            out += funding.render(indent: "  ")
        }

        for (b, breakdown) in result.breakdowns.enumerated() {
            out += "\nSpend by \(breakdown.name) (mean share of spend) against its share of "
            out += result.realBallots ? "assessed need:\n\n" : "need:\n\n"
            var spend = TextTable(
                headers: [breakdown.name, "need"] + main.map(\.regime.title),
                alignments: [.left, .right] + main.map { _ in .right })
            for (l, label) in breakdown.labels.enumerated() {
                spend.add(
                    [label, percent(breakdown.needShares[l], decimals: 0)]
                        + main.map { percent($0.spendShares[b][l].mean, decimals: 0) })
            }
            if let other = breakdown.unattributedLabel {
                let rest = main.map { regime -> String in
                    let attributed = regime.spendShares[b].reduce(0.0) { $0 + ($1.mean.isNaN ? 0 : $1.mean) }
                    return percent(max(0, 1 - attributed), decimals: 0)
                }
                spend.add(["(\(other))", "-"] + rest)
            }
            spend.add(["divergence", ""] + main.map { number($0.divergence[b].mean, decimals: 2) })
            out += spend.render(indent: "  ")
        }
        out += "\n" + notes(result)
        out += "\nIn plain words:\n"
        for sentence in sentences(result, scenario: scenario) {
            out += TextWrap.wrap(sentence, width: 88, indent: "  ")
        }
        return out
    }

    /// One line per regime saying how it decides.
    static func describe(scenario: Scenario, result: SimulationResult) -> String {
        let regimes = scenario.regimes
        var out = ""
        let sigmaS = NumberText.trimmed(regimes.serviceLed.informationNoise)
        switch regimes.serviceLed.rule {
        case .greedy:
            out += "  service-led: officers' needs assessment (information noise \(sigmaS)), "
            out += "greedy by estimated benefit per cost\n"
        case .maxWelfare:
            out += "  service-led: officers' needs assessment (information noise \(sigmaS)), "
            out += "the exact best by estimated benefit\n"
        }
        let rule = ruleTitle(regimes.coProduced.rule)
        if result.realBallots {
            out += "  co-produced: the real \(result.ballotKind) ballots, \(rule); "
        } else {
            out += "  co-produced: \(ballotTitle(regimes.coProduced.ballot)), \(rule), "
            out += "perception noise \(NumberText.trimmed(regimes.coProduced.perceptionNoise)); "
        }
        out += "\(NumberText.grouped(result.voters.mean)) voters"
        out += result.realBallots ? "\n" : " per run on average\n"
        if let panel = regimes.panel {
            out +=
                "  citizens' panel: \(panel.size) members drawn \(panel.sampling == .stratified ? "by group (stratified)" : "at random"), "
            out += "scored like service-led from their own needs\n"
        }
        if !result.realBallots {
            out += "  optimum: the best possible choice with perfect information (efficiency 100%)\n"
        }
        return out
    }

    static func ballotTitle(_ ballot: Scenario.Ballot) -> String {
        switch ballot {
        case .approval(.threshold(let tau)):
            "approval ballots (every proposal worth at least \(NumberText.trimmed(tau)))"
        case .approval(.top(let m)): "approval ballots (each voter's top \(m))"
        case .cumulative(let points): "cumulative ballots (\(points) points)"
        case .cardinal: "cardinal ballots (perceived benefit as score)"
        }
    }

    static func ruleTitle(_ rule: Scenario.CoProducedRule) -> String {
        switch rule {
        case .greedy: "greedy by votes"
        case .mes: "Method of Equal Shares"
        case .mesAdd1: "Method of Equal Shares with Add1 completion"
        case .mesAdd1Greedy: "Method of Equal Shares with Add1 and greedy completion"
        case .maxWelfare: "the exact best by the ballots' total score"
        case .phragmen: "sequential Phragmén"
        }
    }
}
