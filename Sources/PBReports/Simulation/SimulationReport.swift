import GSL
public import PBScenario
public import PBSimulation

/// Renders the result of `pbsim simulate` as text for people, JSON and CSV.
///
/// ```swift
/// let result = simulator.run(runs: 500, seed: 42)
/// print(SimulationReport.text(result, scenario: scenario))
/// print(SimulationReport.json(result).text())
/// ```
///
/// Every number comes from the result; key order and number formatting are fixed, so equal results
/// give byte-identical output.
public enum SimulationReport {
    // MARK: - JSON

    /// The metrics in the order the issue's JSON lists them, then the others.
    static let metricOrder: [Metric] = [
        .efficiency, .welfare, .coverage, .gini, .exclusion, .budgetUse, .realisedBudgetUse, .overspend,
        .satisfaction, .ejr, .worstGroup, .seldomHeard, .leftBehind, .unspent,
    ]

    /// The JSON document: `{"scenario", "seed", "runs", …, "regimes": {key: {metric: {mean, lo, hi, sd}}},
    /// "example_run": {key: [ids]}}`.
    ///
    /// Per regime, first its `label` for people, then the metrics of ``Metric`` that apply, as objects
    /// `{"mean", "lo", "hi", "sd", "se", "runs"}` (`lo` and `hi` bound the central 95% of run
    /// outcomes, `se` is the standard error of the mean), except `overspend`, written as
    /// `"overspend_probability": p`, and `ejr`, written as
    /// `{"share": p, "violations": v, "undetermined": u, "runs": n}`. Then `coverage_by_group` (world
    /// scenarios: need met per group), `spend` (per breakdown: `divergence`, and per category the
    /// `spend` share summary beside the `need` share), `funding_probability` (proposal id -> share of
    /// runs that fund it) and, for the co-produced regime, `rule_sensitivity` (rule -> the same
    /// metrics, from the same ballots counted with that rule).
    ///
    /// - Parameter result: A simulation result.
    /// - Returns: The document.
    public static func json(_ result: SimulationResult) -> JSONValue {
        var top: [(String, JSONValue)] = [
            ("scenario", .string(result.scenario)),
            ("seed", .number(String(result.seed))),
            ("runs", .int(result.runs)),
            ("currency", .string(result.currency)),
            ("budget", .double(result.budget)),
            ("real_ballots", .bool(result.realBallots)),
            ("ballot", .string(result.ballotKind)),
            ("voters", summaryJSON(result.voters)),
        ]
        top.append(("regimes", .object(result.regimes.map { ($0.regime.key, regimeJSON($0, result: result)) })))
        let example = result.exampleRun
        top.append(
            (
                "example_run",
                .object(
                    result.regimes.indices.map {
                        (result.regimes[$0].regime.key, .array(example[$0].map { .string($0) }))
                    })
            ))
        return .object(top)
    }

    /// `{"mean", "lo", "hi", "sd", "se", "runs"}` of a summary (NaN as null).
    static func summaryJSON(_ s: Statistics.Summary) -> JSONValue {
        .object([
            ("mean", .double(s.mean)), ("lo", .double(s.lo)), ("hi", .double(s.hi)), ("sd", .double(s.sd)),
            ("se", .double(s.se)), ("runs", .int(s.count)),
        ])
    }

    static func regimeJSON(_ regime: RegimeSummary, result: SimulationResult) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("label", .string(regime.regime.label))]
        pairs += metricsJSON(regime.metrics, regime: regime)
        if !result.groupIDs.isEmpty {
            pairs.append(
                (
                    "coverage_by_group",
                    .object(
                        result.groupIDs.indices.map { (result.groupIDs[$0], summaryJSON(regime.coverageByGroup[$0])) })
                ))
        }
        var spend: [(String, JSONValue)] = []
        for (b, breakdown) in result.breakdowns.enumerated() {
            var shares: [(String, JSONValue)] = []
            for (l, label) in breakdown.labels.enumerated() {
                shares.append(
                    (
                        label,
                        .object([
                            ("spend", summaryJSON(regime.spendShares[b][l])),
                            ("need", .double(breakdown.needShares[l])),
                        ])
                    ))
            }
            spend.append(
                (
                    breakdown.name,
                    .object([("divergence", summaryJSON(regime.divergence[b])), ("shares", .object(shares))])
                ))
        }
        pairs.append(("spend", .object(spend)))
        if !regime.fundingProbability.isEmpty {
            pairs.append(
                (
                    "funding_probability",
                    .object(
                        result.proposalIDs.indices.map {
                            (result.proposalIDs[$0], .double(regime.fundingProbability[$0]))
                        })
                ))
        }
        if !regime.ruleSensitivity.isEmpty {
            pairs.append(
                (
                    "rule_sensitivity",
                    .object(regime.ruleSensitivity.map { ($0.rule, .object(metricsJSON($0.metrics, regime: nil))) })
                ))
        }
        return .object(pairs)
    }

    /// The metric entries of a regime (or of a rule-sensitivity row, `regime` nil: no EJR counts).
    static func metricsJSON(_ metrics: [Metric: Statistics.Summary], regime: RegimeSummary?) -> [(String, JSONValue)] {
        var pairs: [(String, JSONValue)] = []
        for metric in metricOrder {
            guard let s = metrics[metric] else { continue }
            switch metric {
            case .overspend:
                pairs.append(("overspend_probability", .double(s.mean)))
            case .ejr:
                pairs.append(
                    (
                        "ejr",
                        .object([
                            ("share", .double(s.mean)), ("violations", .int(regime?.ejrViolations ?? 0)),
                            ("undetermined", .int(regime?.ejrUndetermined ?? 0)), ("runs", .int(s.count)),
                        ])
                    ))
            default:
                pairs.append((metric.rawValue, summaryJSON(s)))
            }
        }
        return pairs
    }

    // MARK: - CSV

    /// One row per regime and measure: `regime,metric,mean,lo,hi,sd,runs`.
    ///
    /// Measures are the metrics (by their JSON names), `coverage:<group>` per group (need met),
    /// `spend:<breakdown>:<category>` and `divergence:<breakdown>` per breakdown, `funding:<proposal>`
    /// (the share of runs that fund it, in `mean`), and for the co-produced regime
    /// `rule:<rule>:<metric>` (rule sensitivity); numbers as in JSON, empty where undefined.
    ///
    /// - Parameter result: A simulation result.
    /// - Returns: The CSV text, ending with a newline.
    public static func csv(_ result: SimulationResult) -> String {
        var out = "regime,metric,mean,lo,hi,sd,runs\n"
        for regime in result.regimes {
            func row(_ name: String, _ s: Statistics.Summary) {
                out +=
                    [
                        csvField(regime.regime.key), csvField(name), number(s.mean), number(s.lo), number(s.hi),
                        number(s.sd), String(s.count),
                    ].joined(separator: ",") + "\n"
            }
            for metric in metricOrder {
                if let s = regime.metrics[metric] { row(metric.rawValue, s) }
            }
            for (g, id) in result.groupIDs.enumerated() { row("coverage:\(id)", regime.coverageByGroup[g]) }
            for (b, breakdown) in result.breakdowns.enumerated() {
                for (l, label) in breakdown.labels.enumerated() {
                    row("spend:\(breakdown.name):\(label)", regime.spendShares[b][l])
                }
                row("divergence:\(breakdown.name)", regime.divergence[b])
            }
            for (j, id) in result.proposalIDs.enumerated() where j < regime.fundingProbability.count {
                let p = regime.fundingProbability[j]
                row("funding:\(id)", Statistics.Summary(mean: p, lo: .nan, hi: .nan, sd: .nan, count: result.runs))
            }
            for sensitivity in regime.ruleSensitivity {
                for metric in metricOrder {
                    if let s = sensitivity.metrics[metric] { row("rule:\(sensitivity.rule):\(metric.rawValue)", s) }
                }
            }
        }
        return out
    }

    /// A number as JSON writes it, or an empty field for NaN.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        return JSONValue.double(x).text()
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break.
    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return s }
        return "\"" + String(s.flatMap { $0 == "\"" ? ["\"", "\""] : [$0] }) + "\""
    }

    // MARK: - Text

    /// The report for people: the set-up, a side-by-side table of the regimes, the blend sweep,
    /// coverage by group, spend against need, and a few plain sentences.
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

        let main = result.regimes.filter { $0.regime.lambda == nil }
        let blends = result.regimes.filter { $0.regime.lambda != nil }
        out += "Outcomes (mean, with the range of the middle 95% of runs):\n\n"
        var table = TextTable(
            headers: ["metric"] + main.map(\.regime.title), alignments: [.left] + main.map { _ in .right })
        for metric in metricOrder where main.contains(where: { $0.metrics[metric] != nil }) {
            table.add([metric.title] + main.map { cell($0, metric) })
        }
        out += table.render(indent: "  ")

        if !blends.isEmpty {
            out += "\nBlends of the service-led and co-produced scores (λ = weight on the co-produced score):\n\n"
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
            out += "\nNeed met per group (mean coverage):\n\n"
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
        for sentence in sentences(result) { out += TextWrap.wrap(sentence, width: 88, indent: "  ") }
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

    /// Footnotes on the metrics that need one.
    static func notes(_ result: SimulationResult) -> String {
        var out = ""
        if result.realBallots {
            out += "Excluded: share of voters none of whose approved projects is funded. "
        } else {
            out += "Need coverage: true benefit over true need, per person (can exceed 100%). "
            out += "Excluded: share of people in groups that get nothing. "
        }
        out += "Voter satisfaction"
        out += result.realBallots ? ": " : " (of the co-produced process's voters, for every regime): "
        out +=
            result.ballotKind == "approval"
            ? "cost of each voter's approved and funded projects, as a share of the budget. "
            : "share of each voter's points that went to funded projects. "
        if result.regimes.contains(where: { $0.metrics[.ejr] != nil }) {
            out += "EJR-1 holds: share of runs whose outcome gives every cohesive group of voters its "
            out += "proportional share, up to one project (exact check on the approval ballots"
            let undetermined = result.regimes.reduce(0) { $0 + $1.ejrUndetermined }
            out += undetermined > 0 ? "; \(undetermined) checks hit the search limit and are left out). " : "). "
        }
        out += "Divergence: total variation distance between spend and need shares (0 = spend follows need)."
        return TextWrap.wrap(out, width: 88, indent: "")
    }

    /// Two or three sentences a citizens' panel can read.
    static func sentences(_ result: SimulationResult) -> [String] {
        guard let service = result.summary(of: .serviceLed), let co = result.summary(of: .coProduced) else {
            return []
        }
        var out: [String] = []
        if result.realBallots {
            if let cs = co.metrics[.satisfaction], let ss = service.metrics[.satisfaction] {
                out.append(
                    "Counting the residents' real votes (co-produced), the average voter saw "
                        + "\(percent(cs.mean, decimals: 0)) of the budget go to projects they chose, against "
                        + "\(percent(ss.mean, decimals: 0)) (\(range(ss, decimals: 0))) had the needs assessment "
                        + "decided (service-led).")
            }
            if let ce = co.metrics[.exclusion], let se = service.metrics[.exclusion] {
                out.append(
                    "\(percent(ce.mean, decimals: 0)) of voters got none of their choices funded "
                        + "under co-production, against \(percent(se.mean, decimals: 0)) service-led.")
            }
            if let b = result.breakdowns.first, let cd = co.divergence.first, let sd = service.divergence.first {
                out.append(
                    "Spend by \(b.name) was \(sd.mean < cd.mean ? "closer to" : "further from") the assessed need "
                        + "service-led (divergence \(number(sd.mean, decimals: 2))) than co-produced "
                        + "(\(number(cd.mean, decimals: 2))).")
            }
            return out
        }
        if let cc = co.metrics[.coverage], let sc = service.metrics[.coverage] {
            var sentence =
                "Co-produced met \(percent(cc.mean, decimals: 0)) of need (\(range(cc, decimals: 0))) "
                + "against \(percent(sc.mean, decimals: 0)) service-led"
            if let panel = result.summary(of: .panel), let pc = panel.metrics[.coverage] {
                sentence += " and \(percent(pc.mean, decimals: 0)) for the citizens' panel"
            }
            out.append(sentence + ".")
        }
        if let ce = co.metrics[.efficiency], let se = service.metrics[.efficiency] {
            var sentence =
                "Against the best choice possible with perfect information, co-produced reached "
                + "\(percent(ce.mean, decimals: 0)) of the achievable benefit and service-led "
                + "\(percent(se.mean, decimals: 0))"
            let blends = result.regimes.filter { $0.regime.lambda != nil && $0.metrics[.efficiency] != nil }
            if let best = blends.max(by: { $0.metrics[.efficiency]!.mean < $1.metrics[.efficiency]!.mean }),
                blends.count > 1
            {
                sentence += "; the best blend (λ = \(RegimeIDText.lambda(best.regime))) reached "
                sentence += percent(best.metrics[.efficiency]!.mean, decimals: 0)
            }
            out.append(sentence + ".")
        }
        if let cx = co.metrics[.exclusion], let sx = service.metrics[.exclusion] {
            if cx.mean == 0 && sx.mean == 0 {
                out.append("Every group got something from the funded proposals under both processes.")
            } else {
                out.append(
                    "On average \(percent(cx.mean, decimals: 0)) of people were in groups that got nothing from "
                        + "the co-produced choice, against \(percent(sx.mean, decimals: 0)) service-led.")
            }
        }
        return out
    }

    // MARK: - Formatting

    /// `71.2% (68.0–74.1%)` for shares, `0.213 (0.180–0.250)` for the Gini coefficient.
    static func cell(_ regime: RegimeSummary, _ metric: Metric) -> String {
        guard let s = regime.metrics[metric], !s.mean.isNaN else { return "-" }
        if metric.isIndicator { return percent(s.mean, decimals: 0) }
        if metric == .welfare {
            return "\(NumberText.grouped(s.mean)) (\(NumberText.grouped(s.lo))–\(NumberText.grouped(s.hi)))"
        }
        if metric.isShare { return "\(percent(s.mean, decimals: 1)) (\(range(s, decimals: 1)))" }
        return "\(number(s.mean, decimals: 3)) (\(number(s.lo, decimals: 3))–\(number(s.hi, decimals: 3)))"
    }

    /// `68–74%`.
    static func range(_ s: Statistics.Summary, decimals: Int) -> String {
        "\(NumberText.grouped(s.lo * 100, decimals: decimals))–\(percent(s.hi, decimals: decimals))"
    }

    static func percent(_ x: Double, decimals: Int) -> String {
        x.isNaN ? "-" : NumberText.percent(x, decimals: decimals)
    }

    static func number(_ x: Double, decimals: Int) -> String {
        x.isNaN ? "-" : NumberText.grouped(x, decimals: decimals)
    }
}

/// Text forms of regime ids.
enum RegimeIDText {
    /// The blend weight of a blend regime, `0.25`.
    static func lambda(_ regime: RegimeID) -> String {
        guard let lambda = regime.lambda else { return "" }
        return NumberText.trimmed(lambda)
    }
}

extension NumberText {
    /// A number in its shortest form, as JSON writes it: `0.3`, `1`, `0.25`.
    static func trimmed(_ x: Double) -> String {
        JSONValue.double(x).text()
    }
}
