import PBRules

extension WorldEngine {
    /// Every metric of one selection, on the true benefits (MODEL.md section 3).
    ///
    /// - Parameters:
    ///   - selection: The funded proposals.
    ///   - realised: The run's realised effective costs.
    ///   - profile: The run's co-produced ballots, for voter satisfaction and EJR.
    ///   - delivery: The run's events, the regime's process cost and ranking (for the measures of
    ///     MODEL.md 2.5 and 2.6, taken only when ``WorldModel/reportsDelivery``).
    ///   - checksEJR: Whether to run the EJR-1 check on approval ballots.
    func measure(
        selection: [Int], realised: [Double], profile: BallotProfile, delivery: Delivery, checksEJR: Bool = true
    ) -> RegimeRun {
        let world = model.world
        var benefit = [Double](repeating: 0, count: world.groupCount)
        var planned = 0.0
        var spent = 0.0
        for j in selection {
            for g in world.reachedGroups[j] { benefit[g] += world.u(j, g) }
            planned += world.effectiveCosts[j]
            spent += realised[j]
        }
        let needMet = Self.needMet(world: world, selection: selection)
        let welfare = world.welfare(of: selection)
        var values: [Metric: Double] = [
            .welfare: welfare,
            .efficiency: model.optimumWelfare > 0 ? welfare / model.optimumWelfare : 1,
            .coverage: Measures.weightedMean(needMet, weights: world.weights),
            .gini: Measures.gini(coverage: needMet, weights: world.weights),
            .exclusion: Measures.exclusion(benefit: benefit, weights: world.weights),
            .budgetUse: planned / world.budget,
            .unspent: 1 - planned / world.budget,
            .realisedBudgetUse: spent / world.budget,
            .overspend: spent > world.budget * (1 + EnvelopeKnapsack.relativeTolerance) ? 1 : 0,
            .satisfaction: profile.satisfaction(of: selection),
            .worstGroup: needMet.min() ?? .nan,
            .leftBehind: Measures.leftBehind(needMet: needMet, weights: world.weights),
        ]
        if model.reportsDelivery {
            let (kept, failures, funded) = delivered(selection, realised: realised, delivery: delivery)
            values[.deliveryFailures] = funded > 0 ? Double(failures) / Double(funded) : 0
            values[.deliveredWelfare] = model.optimumWelfare > 0 ? world.welfare(of: kept) / model.optimumWelfare : 1
            values[.processCost] = delivery.overhead / world.budget
        }
        if world.seldomHeard.contains(true) {
            let weights = world.weights.indices.map { world.seldomHeard[$0] ? world.weights[$0] : 0 }
            values[.seldomHeard] = Measures.weightedMean(needMet, weights: weights)
        }
        var ejr: EJRCheck.Verdict?
        if checksEJR, profile.kind == .approval {
            let verdict = EJRCheck.check(profile, selection: selection)
            values[.ejr] = verdict.indicator
            ejr = verdict
        }
        var shares: [[Double]] = []
        var divergence: [Double] = []
        for breakdown in model.breakdowns {
            let measured = breakdown.measure(selection: selection, costs: world.effectiveCosts)
            shares.append(measured.shares)
            divergence.append(measured.divergence)
        }
        return RegimeRun(
            selection: selection, values: values, coverageByGroup: needMet, spendShares: shares,
            divergence: divergence, ejr: ejr)
    }

    /// Each group's need met, `sum_k min(b[g][k], N[g][k]) / sum_k N[g][k]` with `b[g][k] = N[g][k] *
    /// sum_{j in S} r[j][g] a_j e[j][k]`: capped per domain, in `[0, 1]` (1 for a group without need).
    static func needMet(world: World, selection: [Int]) -> [Double] {
        let domains = world.domainCount
        var provision = [Double](repeating: 0, count: world.groupCount * domains)
        for j in selection.sorted() {
            for g in world.reachedGroups[j] {
                let factor = world.reach[j * world.groupCount + g] * world.appropriateness[j]
                for k in 0..<domains {
                    provision[g * domains + k] += factor * world.effects[j * domains + k]
                }
            }
        }
        return (0..<world.groupCount).map { g in
            guard world.totalNeed[g] > 0 else { return 1 }
            var met = 0.0
            for k in 0..<domains {
                met += world.needs[g * domains + k] * min(1, provision[g * domains + k])
            }
            return min(1, met / world.totalNeed[g])
        }
    }
}
