import Foundation
import GSL
import PBScenario

/// What each regime knows in one run (MODEL.md section 2.1), drawn once per run and shared by
/// `simulate` and `allocate` (property P8: one information model).
///
/// Run `r` draws from `RandomSource(seed: seed, stream: r)`, always in this order and always every
/// draw, whatever the noise (a noise of 0 gives a factor of exactly 1), so that changing one noise
/// leaves every other draw alone (common random numbers):
///
/// 1. realised costs: a lognormal factor per proposal with `cost_sigma > 0` (proposals in order);
/// 2. officers' needs `Nhat[g][k] = v_g * N[g][k] * LN(information_noise)`, one `z` per (g, k);
/// 3. officers' effects `ehat[j][k] = e[j][k] * LN(effect_noise_s)`, one `z` per (j, k);
/// 4. residents' shared needs `Ntilde[g][k] = N[g][k] * LN(shared_noise)`, one `z` per (g, k);
/// 5. residents' effects `etilde[j][k] = e[j][k] * LN(effect_noise_c)`, one `z` per (j, k);
/// 6. the co-produced participants: a binomial draw per group, or one multinomial draw of a
///    sampled electorate.
///
/// `LN(s) = exp(s z - s^2 / 2)` has mean 1. Individual perception factors (one per participant and
/// proposal in `simulate`, one per participant and domain in `allocate`) are drawn after these.
struct RunKnowledge {
    /// The realised effective cost of each proposal.
    var realisedCosts: [Double]
    /// `Nhat[g * K + k]`.
    var officerNeeds: [Double]
    /// `ehat[j * K + k]`.
    var officerEffects: [Double]
    /// `Ntilde[g * K + k]`.
    var residentNeeds: [Double]
    /// `etilde[j * K + k]`.
    var residentEffects: [Double]
    /// The number of co-produced participants of each group.
    var participants: [Int]

    /// Draws one run's knowledge in the documented order.
    ///
    /// - Parameters:
    ///   - world: The world.
    ///   - regimes: The scenario's regimes (noises, electorate).
    ///   - random: The run's stream.
    static func draw(world: World, regimes: Scenario.Regimes, random: RandomSource) -> RunKnowledge {
        var realised = world.effectiveCosts
        for j in 0..<world.proposalCount where world.costSigma[j] > 0 {
            let sigma = world.costSigma[j]
            realised[j] =
                world.costs[j] * random.lognormal(zeta: -sigma * sigma / 2, sigma: sigma) * (1 - world.inKind[j])
        }
        let visibleNeeds = (0..<world.needs.count).map { world.visibility[$0 / world.domainCount] * world.needs[$0] }
        let officerNeeds = perturbed(visibleNeeds, sigma: regimes.serviceLed.informationNoise, random: random)
        let officerEffects = perturbed(world.effects, sigma: regimes.serviceLed.effectNoise, random: random)
        let residentNeeds = perturbed(world.needs, sigma: regimes.coProduced.sharedNoise, random: random)
        let residentEffects = perturbed(world.effects, sigma: regimes.coProduced.effectNoise, random: random)
        let participants = drawParticipants(
            world: world, electorate: regimes.coProduced.electorate,
            rates: participationRates(world: world, outreach: regimes.coProduced.outreach), random: random)
        return RunKnowledge(
            realisedCosts: realised, officerNeeds: officerNeeds, officerEffects: officerEffects,
            residentNeeds: residentNeeds, residentEffects: residentEffects, participants: participants)
    }

    /// Each value times `LN(sigma)`, one draw per value, in order (exactly the values when `sigma` is 0).
    static func perturbed(_ values: [Double], sigma: Double, random: RandomSource) -> [Double] {
        var out = values
        let halfVariance = sigma * sigma / 2
        for i in out.indices {
            let z = random.gaussian()
            if sigma > 0 { out[i] *= exp(sigma * z - halfVariance) }
        }
        return out
    }

    /// The co-produced participation rate of each group: `t_g`, raised to the outreach's rate for the
    /// groups it names (MODEL.md section 2.3; a group whose own rate is higher keeps it).
    static func participationRates(world: World, outreach: Scenario.Outreach?) -> [Double] {
        guard let outreach else { return world.participation }
        return world.groupIDs.indices.map { g in
            max(world.participation[g], outreach.participation[world.groupIDs[g]] ?? 0)
        }
    }

    /// The participants of each group: a binomial draw of `n_g` trials with probability `rates[g]`
    /// (`t_g`, or the outreach's rate), or with a sampled electorate of size `E`, a multinomial draw of
    /// `E` over groups with weights `n_g * rates[g]` (or `n_g` if every rate is 0).
    static func drawParticipants(world: World, electorate: Int?, rates: [Double], random: RandomSource) -> [Int] {
        if let electorate {
            var weights = (0..<world.groupCount).map { world.weights[$0] * rates[$0] }
            if !weights.contains(where: { $0 > 0 }) { weights = world.weights }
            return WorldEngine.draw { () throws(GSLError) in
                try random.multinomial(trials: electorate, probabilities: weights)
            }
        }
        return (0..<world.groupCount).map { g in
            let p = rates[g]
            if p <= 0 { return 0 }
            if p >= 1 { return world.sizes[g] }
            return WorldEngine.draw { () throws(GSLError) in try random.binomial(p: p, trials: world.sizes[g]) }
        }
    }

    /// `sum_g weights[g] * r[j][g] * a_j * sum_k effects[j][k] * needs[g][k]` for every proposal (`a_j`
    /// replaced by 1 when `appropriateness` is false).
    ///
    /// NB: the products are those of the true benefit, in the same order, so with exact knowledge
    /// and full visibility the estimate equals the true `W({j})` to the last bit.
    static func welfareEstimates(
        world: World, needs: [Double], effects: [Double], weights: [Double], appropriateness: Bool = true
    ) -> [Double] {
        let domains = world.domainCount
        return (0..<world.proposalCount).map { j in
            var total = 0.0
            let a = appropriateness ? world.appropriateness[j] : 1
            for g in world.reachedGroups[j] {
                var sum = 0.0
                for k in 0..<domains {
                    sum += effects[j * domains + k] * needs[g * domains + k]
                }
                total += weights[g] * (world.reach[j * world.groupCount + g] * a * sum)
            }
            return total
        }
    }

    /// The officers' estimated welfare `What_j = sum_g n_g * uhat[j][g]`.
    func officerScores(world: World, seesAppropriateness: Bool) -> [Double] {
        Self.welfareEstimates(
            world: world, needs: officerNeeds, effects: officerEffects, weights: world.weights,
            appropriateness: seesAppropriateness)
    }

    /// The residents' shared per-person view of each proposal, `r[j][g] * a_j * sum_k etilde[j][k] *
    /// Ntilde[g][k]`, as `[j * G + g]` (0 where `r[j][g] = 0`): each participant's perceived benefit
    /// is this times their own `LN(perception_noise)`. With exact knowledge it is the true benefit.
    func residentView(world: World, exact: Bool) -> [Double] {
        if exact { return world.benefit }
        var view = [Double](repeating: 0, count: world.proposalCount * world.groupCount)
        let domains = world.domainCount
        for j in 0..<world.proposalCount {
            for g in world.reachedGroups[j] {
                var sum = 0.0
                for k in 0..<domains {
                    sum += residentEffects[j * domains + k] * residentNeeds[g * domains + k]
                }
                view[j * world.groupCount + g] = world.reach[j * world.groupCount + g] * world.appropriateness[j] * sum
            }
        }
        return view
    }

    /// A citizens' panel's shared view with deliberation `d` (MODEL.md section 2.1): the residents'
    /// view with the effect knowledge `etilde^(1-d) * ehat^d` per (j, k), as `[j * G + g]`.
    func panelView(world: World, deliberation d: Double) -> [Double] {
        var view = [Double](repeating: 0, count: world.proposalCount * world.groupCount)
        let domains = world.domainCount
        var effects = [Double](repeating: 0, count: domains)
        for j in 0..<world.proposalCount {
            for k in 0..<domains {
                let heard = residentEffects[j * domains + k]
                let evidence = officerEffects[j * domains + k]
                effects[k] = heard > 0 && evidence > 0 ? pow(heard, 1 - d) * pow(evidence, d) : 0
            }
            for g in world.reachedGroups[j] {
                var sum = 0.0
                for k in 0..<domains { sum += effects[k] * residentNeeds[g * domains + k] }
                view[j * world.groupCount + g] = world.reach[j * world.groupCount + g] * world.appropriateness[j] * sum
            }
        }
        return view
    }

    /// The officers' weight of each domain, `w_k = sum_g n_g Nhat[g][k]` (section 4).
    func officerDomainWeights(world: World) -> [Double] {
        var weights = [Double](repeating: 0, count: world.domainCount)
        for g in 0..<world.groupCount {
            for k in 0..<world.domainCount {
                weights[k] += world.weights[g] * officerNeeds[g * world.domainCount + k]
            }
        }
        return weights
    }

    /// The residents' weight of each domain, `w_k = sum_p Ntilde[g(p)][k] * LN(perception_noise)`
    /// over this run's participants, the individual factor drawn per (participant, domain) from
    /// `random` (groups in order, participants, then domains; no draw at zero noise).
    func residentDomainWeights(world: World, perceptionNoise sigma: Double, random: RandomSource) -> [Double] {
        var weights = [Double](repeating: 0, count: world.domainCount)
        let halfVariance = sigma * sigma / 2
        for g in 0..<world.groupCount where participants[g] > 0 {
            if sigma == 0 {
                for k in 0..<world.domainCount {
                    weights[k] += Double(participants[g]) * residentNeeds[g * world.domainCount + k]
                }
                continue
            }
            for _ in 0..<participants[g] {
                for k in 0..<world.domainCount {
                    weights[k] +=
                        residentNeeds[g * world.domainCount + k] * exp(sigma * random.gaussian() - halfVariance)
                }
            }
        }
        return weights
    }
}
