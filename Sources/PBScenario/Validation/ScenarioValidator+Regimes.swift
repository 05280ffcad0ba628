/// The checks of the decision processes: noise levels, ballots, outreach, process costs, panel, blend
/// and split.
extension ScenarioValidator {
    mutating func checkRegimes() {
        let regimes = scenario.regimes
        check(
            regimes.serviceLed.informationNoise, at: "regimes.service-led.information_noise",
            "regimes.service-led.information_noise")
        check(
            regimes.serviceLed.effectNoise, at: "regimes.service-led.effect_noise", "regimes.service-led.effect_noise")
        check(regimes.serviceLed.discovery, at: "regimes.service-led.discovery", "regimes.service-led.discovery")

        let coProduced = "regimes.co-produced"
        check(
            regimes.coProduced.perceptionNoise, at: FieldPath.child(coProduced, "perception_noise"),
            "regimes.co-produced.perception_noise")
        check(
            regimes.coProduced.sharedNoise, at: FieldPath.child(coProduced, "shared_noise"),
            "regimes.co-produced.shared_noise")
        check(
            regimes.coProduced.effectNoise, at: FieldPath.child(coProduced, "effect_noise"),
            "regimes.co-produced.effect_noise")
        switch regimes.coProduced.ballot {
        case .approval(.threshold(let threshold)):
            check(threshold, at: FieldPath.child(coProduced, "threshold"), "regimes.co-produced.threshold")
        case .approval(.top(let top)):
            check(top, at: FieldPath.child(coProduced, "top"), "regimes.co-produced.top")
        case .cumulative(let points):
            check(points, at: FieldPath.child(coProduced, "points"), "regimes.co-produced.points")
        case .cardinal:
            break
        }
        if let electorate = regimes.coProduced.electorate {
            check(electorate, at: FieldPath.child(coProduced, "electorate"), "regimes.co-produced.electorate")
        }
        checkProcessCost(
            regimes.coProduced.processCost, at: FieldPath.child(coProduced, "process_cost"),
            "regimes.co-produced.process_cost")
        if let outreach = regimes.coProduced.outreach {
            let path = FieldPath.child(coProduced, "outreach")
            check(outreach.cost, at: FieldPath.child(path, "cost"), "regimes.co-produced.outreach.cost")
            if outreach.participation.isEmpty && !hasUnreadable(under: FieldPath.child(path, "participation")) {
                report(FieldPath.child(path, "participation"), "must name at least one group and its rate")
            }
            for (group, rate) in outreach.participation.sorted(by: { $0.key < $1.key }) {
                let ratePath = FieldPath.child(FieldPath.child(path, "participation"), group.rawValue)
                checkGroup(group, at: ratePath)
                check(rate, at: ratePath, "regimes.co-produced.outreach.participation.<group>")
            }
            let total = scenario.budget.total
            if total > 0, regimes.coProduced.overhead >= total {
                report(
                    FieldPath.child(path, "cost"),
                    "the process cost and outreach (\(Self.format(regimes.coProduced.overhead))) must leave some of "
                        + "the budget (\(Self.format(total))) to spend on proposals")
            }
        }

        if let panel = regimes.panel {
            check(panel.size, at: "regimes.panel.size", "regimes.panel.size")
            check(panel.deliberation, at: "regimes.panel.deliberation", "regimes.panel.deliberation")
            checkProcessCost(panel.processCost, at: "regimes.panel.process_cost", "regimes.panel.process_cost")
            if scenario.election != nil {
                report(
                    "regimes.panel",
                    "a citizens' panel is drawn from the population, which a scenario with an election does not have")
            }
        }
        if let blend = regimes.blend {
            if blend.lambdas.isEmpty { report("regimes.blend.lambdas", "must list at least one lambda") }
            for (index, lambda) in blend.lambdas.enumerated() {
                check(lambda, at: FieldPath.element("regimes.blend.lambdas", index), "regimes.blend.lambdas[]")
            }
        }
        if let split = regimes.split {
            if split.shares.isEmpty { report("regimes.split.shares", "must list at least one share") }
            for (index, share) in split.shares.enumerated() {
                check(share, at: FieldPath.element("regimes.split.shares", index), "regimes.split.shares[]")
            }
            if scenario.election != nil {
                report(
                    "regimes.split",
                    "a two-pot split is simulated on a population's ballots, which a scenario with an election "
                        + "does not have")
            }
        }
    }

    /// A process cost: within its range and less than the budget.
    mutating func checkProcessCost(_ cost: Double, at path: String, _ field: String) {
        let total = scenario.budget.total
        let range = FieldRange.of(field)
        if !range.contains(cost) {
            report(path, "must be \(range.phrase), got \(Self.format(cost))")
        } else if total > 0, cost >= total {
            report(
                path,
                "must be less than the budget (\(Self.format(total))): running the process would leave nothing "
                    + "to spend, got \(Self.format(cost))")
        }
    }
}
