public import PBScenario
public import PBSimulation

extension SimulationReport {
    /// Footnotes on the metrics that need one.
    static func notes(_ result: SimulationResult) -> String {
        var out = ""
        if result.realBallots {
            out += "Excluded: share of voters none of whose approved projects is funded. "
        } else {
            out += "Need met: the share of each group's true need that the funded proposals meet, capped per "
            out += "domain (at most 100%), weighted by people. Worst-off group: the lowest need met of any group. "
            out += "Left behind: people in groups with less than 10% of their need met. "
            out += "Excluded: people in groups that get nothing at all. Unspent: budget not spent. "
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
        if result.regimes.contains(where: { $0.metrics[.deliveryFailures] != nil }) {
            out += " Delivery failures: the share of funded proposals that failed in delivery. Delivered welfare: "
            out += "the true benefit of what was delivered (not failed, not cut by an overrun) over the best "
            out += "choice's planned benefit. Process cost: what the regime's process (a vote's cost and outreach, "
            out += "a panel's cost) took from the budget before it chose, as a share of the budget."
        }
        return TextWrap.wrap(out, width: 88, indent: "")
    }

    /// The plain words of MODEL.md section 8, sentences a citizens' panel can read: for every
    /// comparison, the budget left unspent, the counting rule and what the same ballots give under
    /// the other rules, the noise and participation assumptions behind the gap, and the worst-off
    /// and seldom-heard groups; scoring endpoints are never called processes, and ranges are said to
    /// be of runs.
    public static func sentences(_ result: SimulationResult, scenario: Scenario) -> [String] {
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
            if let cu = co.metrics[.unspent], let su = service.metrics[.unspent] {
                out.append(
                    "Budget left unspent: \(percent(cu.mean, decimals: 0)) counting the real votes with "
                        + "\(ruleTitle(scenario.regimes.coProduced.rule)), \(percent(su.mean, decimals: 0)) "
                        + "service-led; money left unspent funds nothing, so compare the two with it in mind.")
            }
            return out
        }
        out += worldSentences(result, scenario: scenario, service: service, co: co)
        return out
    }

    /// Delivery and process cost in plain words (MODEL.md 2.5 and 2.6), when the scenario uses delivery
    /// risk, an overrun cut, a process cost or outreach (the measures are present only then).
    static func deliverySentence(_ result: SimulationResult, service: RegimeSummary, co: RegimeSummary) -> String? {
        guard co.metrics[.deliveryFailures] != nil else { return nil }
        var regimes: [(String, RegimeSummary)] = [("co-produced", co), ("service-led", service)]
        if let panel = result.summary(of: .panel) { regimes.append(("the panel", panel)) }
        func p(_ s: RegimeSummary, _ metric: Metric) -> String {
            percent(s.metrics[metric]?.mean ?? .nan, decimals: 1)
        }
        var text =
            "Delivery: "
            + regimes.map { "\(p($0.1, .deliveryFailures)) of the proposals funded \($0.0)" }.joined(separator: ", ")
            + " failed, so the benefit delivered was "
            + regimes.map { "\(p($0.1, .deliveredWelfare)) \($0.0)" }.joined(separator: ", ")
        if let optimum = result.summary(of: .optimum), optimum.metrics[.deliveredWelfare] != nil {
            text += " (\(p(optimum, .deliveredWelfare)) for the best choice, which meets the same risks)"
        }
        text += " of the best choice's planned benefit."
        let paying = regimes.filter { ($0.1.metrics[.processCost]?.mean ?? 0) > 0 }
        if !paying.isEmpty {
            text +=
                " The process itself cost "
                + paying.map { "\(p($0.1, .processCost)) of the budget \($0.0)" }.joined(separator: " and ")
                + ", money no proposal received."
        }
        return text
    }

    /// The plain words for a simulated world (see ``sentences(_:scenario:)``).
    static func worldSentences(
        _ result: SimulationResult, scenario: Scenario, service: RegimeSummary, co: RegimeSummary
    ) -> [String] {
        var out: [String] = []
        let regimes = scenario.regimes
        func p(_ s: RegimeSummary, _ metric: Metric) -> String {
            percent(s.metrics[metric]?.mean ?? .nan, decimals: 0)
        }
        let rule = ruleTitle(regimes.coProduced.rule)
        if let ce = co.metrics[.efficiency], let se = service.metrics[.efficiency] {
            out.append(
                "Against the best choice possible with perfect information, the residents' vote (co-produced, "
                    + "counted with \(rule)) reached \(percent(ce.mean, decimals: 0)) of the achievable benefit "
                    + "(\(range(ce, decimals: 0)) in the middle 95% of runs) and the officers' choice (service-led) "
                    + "\(percent(se.mean, decimals: 0)) (\(range(se, decimals: 0))).")
        }
        var unspent =
            "Budget left unspent: \(p(co, .unspent)) co-produced, \(p(service, .unspent)) service-led"
        if let optimum = result.summary(of: .optimum) { unspent += ", \(p(optimum, .unspent)) for the best choice" }
        unspent += "."
        if let cu = co.metrics[.unspent]?.mean, let su = service.metrics[.unspent]?.mean, abs(cu - su) >= 0.02 {
            unspent += " Money left unspent delivers nothing, so part of the gap is unspent budget, not choices."
        }
        out.append(unspent)
        if let delivery = deliverySentence(result, service: service, co: co) { out.append(delivery) }
        if !co.ruleSensitivity.isEmpty {
            let rows = co.ruleSensitivity.map { row in
                "\(row.rule) \(percent(row.metrics[.efficiency]?.mean ?? .nan, decimals: 0)) (unspent "
                    + "\(percent(row.metrics[.unspent]?.mean ?? .nan, decimals: 0)))"
            }
            out.append(
                "The counting rule matters: the same ballots counted with other rules reach "
                    + rows.joined(separator: ", ") + " of the achievable benefit.")
        }
        let voters = result.voters.mean
        let people = Double(result.groupSizes.reduce(0, +))
        let shared = NumberText.trimmed(regimes.coProduced.sharedNoise)
        var assumptions =
            "These figures rest on assumptions: officers assess needs with noise "
            + "\(NumberText.trimmed(regimes.serviceLed.informationNoise)) and effects with noise "
            + "\(NumberText.trimmed(regimes.serviceLed.effectNoise)), and see seldom-heard groups less well "
            + "(visibility); residents share a view of their group's needs with noise \(shared)"
        if regimes.coProduced.sharedNoise == 0 {
            assumptions +=
                " (that is, each group knows its own needs exactly: the lived-experience claim at full strength)"
        }
        assumptions +=
            ", judge effects with noise \(NumberText.trimmed(regimes.coProduced.effectNoise)) and each "
            + "perceives with individual noise \(NumberText.trimmed(regimes.coProduced.perceptionNoise)); "
            + "\(NumberText.grouped(voters)) people vote per run on average"
        if people > 0 { assumptions += " (\(percent(voters / people, decimals: 1)) of the population)" }
        out.append(assumptions + ". Change any of them in the scenario file and the gap may change.")

        if !result.groupIDs.isEmpty {
            func worst(_ s: RegimeSummary) -> String {
                guard
                    let g = s.coverageByGroup.indices.min(by: {
                        s.coverageByGroup[$0].mean < s.coverageByGroup[$1].mean
                    })
                else { return "-" }
                return "\(result.groupIDs[g]) (\(percent(s.coverageByGroup[g].mean, decimals: 0)))"
            }
            out.append(
                "Need met: \(p(co, .coverage)) co-produced, \(p(service, .coverage)) service-led. The worst-off "
                    + "group is \(worst(co)) co-produced and \(worst(service)) service-led; "
                    + "\(p(co, .leftBehind)) and \(p(service, .leftBehind)) of people are in groups with less than "
                    + "10% of their need met.")
            let seldom = scenario.population.filter(\.isSeldomHeard).map(\.id.rawValue).sorted {
                Scenario.idPrecedes($0, $1)
            }
            if seldom.isEmpty {
                out.append(
                    "No group is seldom heard in this scenario (none is flagged, none has visibility below 0.5).")
            } else {
                out.append(
                    "The seldom-heard groups (\(seldom.joined(separator: ", "))) met \(p(co, .seldomHeard)) of their "
                        + "need co-produced and \(p(service, .seldomHeard)) service-led.")
            }
        }
        if let panel = result.summary(of: .panel) {
            out.append(
                "The citizens' panel (members with the residents' knowledge, choosing like the officers) reached "
                    + "\(p(panel, .efficiency)) of the achievable benefit.")
        }
        let splits = result.regimes.filter { $0.regime.share != nil }
        if !splits.isEmpty {
            let parts = splits.map { "\(percent($0.regime.share!, decimals: 0)) to the vote: \(p($0, .efficiency))" }
            out.append(
                "Two pots, a share of the budget decided by the residents' vote first and the rest by the "
                    + "officers, reached " + parts.joined(separator: "; ") + " of the achievable benefit.")
        }
        let blends = result.regimes.filter { $0.regime.lambda != nil && $0.metrics[.efficiency] != nil }
        if blends.count > 1 {
            let values = blends.map { $0.metrics[.efficiency]!.mean }
            out.append(
                "Joint scoring of the officers' and residents' scores reached between "
                    + "\(percent(values.min()!, decimals: 0)) and \(percent(values.max()!, decimals: 0)); its "
                    + "endpoints are scoring rules counted greedily (officers' scores, residents' scores), not the "
                    + "two processes.")
        }
        var ranges =
            "Every range is the middle 95% of runs: how much one run varies, not how precisely the mean is "
            + "known (standard errors are in the JSON output)."
        let outside = result.regimes.contains { regime in
            regime.metrics.values.contains { $0.count > 0 && ($0.mean < $0.lo - 1e-12 || $0.mean > $0.hi + 1e-12) }
        }
        if outside {
            ranges +=
                " Where a mean lies outside its range, most runs sit on one side and a few far runs pull the mean."
        }
        out.append(ranges)
        return out
    }
}
