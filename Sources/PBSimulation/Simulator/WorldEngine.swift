import Foundation
import GSL
import PBRules
import PBScenario

/// The parts of a simulated world that every run shares: the world, the regimes' settings, the
/// perfect-information optimum and the spend breakdowns.
struct WorldModel: Sendable {
    let world: World
    let regimes: Scenario.Regimes
    let regimeIDs: [RegimeID]
    let selector: Selector
    /// `S*`, the exact maximum of true welfare within the budget and envelopes.
    let optimum: [Int]
    /// `W(S*)`.
    let optimumWelfare: Double
    let breakdowns: [SpendBreakdown]
    /// Effective costs in integer cents, for the rules.
    let costUnits: [Int64]
    /// The budget in integer cents.
    let budgetUnits: Int64
    /// The rule the co-produced ballots are counted with (`nil` for max-welfare, solved here).
    let coProducedRule: RuleName?

    /// The decimal scale of the rules' integer amounts: cents.
    static let amountScale = 2

    init(scenario: Scenario, file: String) throws(SimulationError) {
        let world = World(scenario: scenario)
        self.world = world
        regimes = scenario.regimes
        var ids: [RegimeID] = [.serviceLed, .coProduced]
        if scenario.regimes.panel != nil { ids.append(.panel) }
        for lambda in scenario.regimes.blend?.lambdas ?? [] { ids.append(.blend(lambda)) }
        ids.append(.optimum)
        regimeIDs = ids
        selector = Selector(costs: world.effectiveCosts, budget: world.budget, envelopes: world.envelopes)
        guard let optimum = selector.maximum(values: world.trueWelfare) else { throw .infeasible(file: file) }
        self.optimum = optimum
        optimumWelfare = world.welfare(of: optimum)

        var breakdowns: [SpendBreakdown] = []
        if world.districtCount > 0 {
            let attribution = (0..<world.proposalCount).map { j in
                (0..<world.districtCount).map { d in world.proposalDistrict[j] == d ? 1.0 : 0.0 }
            }
            breakdowns.append(
                SpendBreakdown(
                    name: "district", labels: world.districtIDs.map(\.rawValue),
                    needShares: World.normalized(Array(world.districtNeedShares.prefix(world.districtCount))),
                    unattributedLabel: "city-wide", attribution: attribution))
        }
        let domainAttribution = (0..<world.proposalCount).map { j in
            Array(world.domainShares[j * world.domainCount..<(j + 1) * world.domainCount])
        }
        breakdowns.append(
            SpendBreakdown(
                name: "domain", labels: world.domainIDs.map(\.rawValue), needShares: world.domainNeedShares,
                unattributedLabel: nil, attribution: domainAttribution))
        self.breakdowns = breakdowns

        let scale = 100.0  // NB: 10^amountScale
        costUnits = world.effectiveCosts.map { Int64(($0 * scale).rounded()) }
        budgetUnits = Int64((world.budget * scale).rounded())

        let ballot = scenario.regimes.coProduced.ballot
        coProducedRule = try scenario.regimes.coProduced.rule.ruleName(
            for: ballot.voteKind, ballot: ballot.kind, file: file)
    }
}

/// Runs the simulated world, one run at a time, reusing its buffers (one engine per worker thread).
struct WorldEngine {
    let model: WorldModel
    private var builder: BallotBuilder

    init(model: WorldModel) {
        self.model = model
        builder = BallotBuilder(
            world: model.world, ballot: model.regimes.coProduced.ballot,
            perceptionNoise: model.regimes.coProduced.perceptionNoise)
    }

    /// Runs one Monte Carlo run.
    ///
    /// The random stream of run `r` is `RandomSource(seed: seed, stream: r)`, drawn in a fixed order:
    /// realised costs, the service-led needs assessment (one draw per group and domain, even at zero
    /// noise, so that changing the noise leaves every later draw alone), the panel, then the
    /// co-produced participants and their ballots.
    mutating func run(_ r: Int, seed: UInt64) -> RunOutcome {
        let world = model.world
        let random = RandomSource(seed: seed, stream: UInt64(r))

        // Realised costs: lognormal around the planned cost, with mean the planned cost.
        var realised = world.effectiveCosts
        for j in 0..<world.proposalCount where world.costSigma[j] > 0 {
            let sigma = world.costSigma[j]
            realised[j] =
                world.costs[j] * random.lognormal(zeta: -sigma * sigma / 2, sigma: sigma) * (1 - world.inKind[j])
        }

        let serviceScores = serviceLedScores(random: random)
        let panelEstimates = model.regimes.panel.map { panelScores($0, random: random) }
        let participants = drawParticipants(random: random)
        let box = builder.cast(participants: participants, random: random)
        let instance = RuleInstance(
            costs: model.costUnits, budget: model.budgetUnits, scale: WorldModel.amountScale, kind: box.kind,
            offsets: box.offsets, items: box.items, points: box.points,
            pointScale: box.kind == .scoring ? BallotBox.cardinalScale : 0)

        var records: [RegimeRun] = []
        let profile = BallotProfile(instance)
        for regime in model.regimeIDs {
            let selection: [Int]
            switch regime {
            case .serviceLed:
                selection = select(scores: serviceScores, rule: model.regimes.serviceLed.rule)
            case .panel:
                selection = select(scores: panelEstimates ?? [], rule: model.regimes.serviceLed.rule)
            case .coProduced:
                selection = coProducedSelection(instance: instance, box: box)
            case .blend(let lambda):
                selection = model.selector.greedy(
                    scores: Self.blend(service: serviceScores, coProduced: box.scores, lambda: lambda))
            case .optimum:
                selection = model.optimum
            }
            records.append(measure(selection: selection, realised: realised, profile: profile))
        }
        return RunOutcome(run: r, regimes: records, voters: instance.voterCount)
    }

    // MARK: - Regimes

    /// The service-led estimated welfare `What_j = sum_g n_g * uhat[j][g]`, from
    /// `Nhat[g][k] = v_g * N[g][k] * exp(sigma_s * z - sigma_s^2 / 2)`.
    ///
    /// NB: `uhat` is computed exactly as the true benefit (same products in the same order), so with
    /// zero noise and full visibility `What_j` equals the true `W({j})` to the last bit.
    func serviceLedScores(random: RandomSource) -> [Double] {
        let world = model.world
        let sigma = model.regimes.serviceLed.informationNoise
        let halfVariance = sigma * sigma / 2
        var estimated = [Double](repeating: 0, count: world.groupCount * world.domainCount)
        for g in 0..<world.groupCount {
            for k in 0..<world.domainCount {
                let z = random.gaussian()
                estimated[g * world.domainCount + k] =
                    world.visibility[g] * world.needs[g * world.domainCount + k] * exp(sigma * z - halfVariance)
            }
        }
        return welfareEstimates(needs: estimated, weights: world.weights)
    }

    /// `sum_g weights[g] * r[j][g] * a_j * sum_k e[j][k] * needs[g][k]` for every proposal.
    func welfareEstimates(needs: [Double], weights: [Double]) -> [Double] {
        let world = model.world
        let domains = world.domainCount
        return (0..<world.proposalCount).map { j in
            var total = 0.0
            for g in world.reachedGroups[j] {
                var sum = 0.0
                for k in 0..<domains {
                    sum += world.effects[j * domains + k] * needs[g * domains + k]
                }
                let uhat = world.reach[j * world.groupCount + g] * world.appropriateness[j] * sum
                total += weights[g] * uhat
            }
            return total
        }
    }

    /// The citizens' panel's estimated welfare: `P` members drawn (random: a multinomial draw over
    /// groups in proportion to size; stratified: seats by largest remainder of `P * n_g / N`, ties to
    /// the earlier group), each perceiving their own needs with the co-produced perception noise
    /// (`N[g][k] * exp(sigma_c * z - sigma_c^2 / 2)`, one `z` per member and domain); each member
    /// speaks for `N / P` people.
    func panelScores(_ panel: Scenario.PanelRegime, random: RandomSource) -> [Double] {
        let world = model.world
        let seats: [Int]
        switch panel.sampling {
        case .random:
            seats = Self.draw { () throws(GSLError) in
                try random.multinomial(trials: panel.size, probabilities: world.weights)
            }
        case .stratified:
            seats = Self.largestRemainder(total: panel.size, weights: world.weights)
        }
        let sigma = model.regimes.coProduced.perceptionNoise
        let halfVariance = sigma * sigma / 2
        var pooled = [Double](repeating: 0, count: world.groupCount * world.domainCount)
        for g in 0..<world.groupCount {
            for _ in 0..<seats[g] {
                for k in 0..<world.domainCount {
                    let z = random.gaussian()
                    pooled[g * world.domainCount + k] +=
                        world.needs[g * world.domainCount + k] * exp(sigma * z - halfVariance)
                }
            }
        }
        let perMember = world.population / Double(panel.size)
        return welfareEstimates(needs: pooled, weights: [Double](repeating: perMember, count: world.groupCount))
    }

    /// The participants of each group: a binomial draw of `n_g` trials with probability `t_g`, or
    /// with a sampled electorate of size `E`, a multinomial draw of `E` over groups with weights
    /// `n_g * t_g` (or `n_g` if every rate is 0).
    func drawParticipants(random: RandomSource) -> [Int] {
        let world = model.world
        if let electorate = model.regimes.coProduced.electorate {
            var weights = (0..<world.groupCount).map { world.weights[$0] * world.participation[$0] }
            if !weights.contains(where: { $0 > 0 }) { weights = world.weights }
            return Self.draw { () throws(GSLError) in
                try random.multinomial(trials: electorate, probabilities: weights)
            }
        }
        return (0..<world.groupCount).map { g in
            let p = world.participation[g]
            if p <= 0 { return 0 }
            if p >= 1 { return world.sizes[g] }
            return Self.draw { () throws(GSLError) in try random.binomial(p: p, trials: world.sizes[g]) }
        }
    }

    /// Runs a draw whose inputs the scenario's validation already guarantees.
    static func draw<T>(_ body: () throws(GSLError) -> T) -> T {
        do {
            return try body()
        } catch {
            preconditionFailure("a random draw refused inputs the scenario validated: \(error)")
        }
    }

    /// Splits `total` seats in proportion to `weights` by largest remainder (ties to the lower index).
    static func largestRemainder(total: Int, weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard sum > 0 else { return weights.map { _ in 0 } }
        var seats = weights.map { Int((Double(total) * $0 / sum).rounded(.down)) }
        let remainders = weights.indices.map { Double(total) * weights[$0] / sum - Double(seats[$0]) }
        var left = total - seats.reduce(0, +)
        for g in weights.indices.sorted(by: {
            remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1
        })
        where left > 0 {
            seats[g] += 1
            left -= 1
        }
        return seats
    }

    /// A service-led style selection from estimated welfare: greedy by score per cost, or exact.
    func select(scores: [Double], rule: Scenario.ServiceLedRule) -> [Int] {
        switch rule {
        case .greedy:
            return model.selector.greedy(scores: scores)
        case .maxWelfare:
            guard let selection = model.selector.maximum(values: scores) else {
                preconditionFailure("no feasible selection after a feasible optimum")
            }
            return selection
        }
    }

    /// The co-produced selection: the rule on the ballots, made to respect the envelopes.
    func coProducedSelection(instance: RuleInstance, box: BallotBox) -> [Int] {
        guard let rule = model.coProducedRule else {
            guard let selection = model.selector.maximum(values: box.scores) else {
                preconditionFailure("no feasible selection after a feasible optimum")
            }
            return selection
        }
        return model.selector.constrain(Self.priority(rule: rule, instance: instance))
    }

    /// A rule's ranking on ballots: greedy ranks every supported project by satisfaction per cost
    /// (so that money an envelope frees goes to the next best); the Method of Equal Shares and its
    /// completions give their selection in order.
    static func priority(rule: RuleName, instance: RuleInstance) -> [Int] {
        if rule == .greedyCost {
            let satisfaction: Satisfaction = instance.kind == .approval ? .cost : .points
            let total = instance.totalSatisfaction(satisfaction)
            let everything = RuleInstance(
                costs: instance.costs, budget: instance.costs.reduce(0, +), scale: instance.scale,
                kind: instance.kind, offsets: instance.offsets, items: instance.items, points: instance.points,
                pointScale: instance.pointScale, tieRank: instance.tieRank)
            return Greedy.select(everything, satisfaction: satisfaction).filter { total[$0] > 0 }
        }
        do {
            return try Rules.run(rule, on: instance).selected
        } catch {
            preconditionFailure("rule \(rule.rawValue) refused \(instance.kind.rawValue) ballots: \(error)")
        }
    }

    /// `(1 - lambda) * service / sum(service) + lambda * coProduced / sum(coProduced)` (a part whose
    /// sum is 0 contributes 0).
    static func blend(service: [Double], coProduced: [Double], lambda: Double) -> [Double] {
        let s = World.normalized(service)
        let c = World.normalized(coProduced)
        return s.indices.map { (1 - lambda) * s[$0] + lambda * c[$0] }
    }

    // MARK: - Metrics

    /// Every metric of one selection, on the true benefits.
    func measure(selection: [Int], realised: [Double], profile: BallotProfile) -> RegimeRun {
        let world = model.world
        var benefit = [Double](repeating: 0, count: world.groupCount)
        var planned = 0.0
        var spent = 0.0
        for j in selection {
            for g in world.reachedGroups[j] { benefit[g] += world.u(j, g) }
            planned += world.effectiveCosts[j]
            spent += realised[j]
        }
        let coverage = Measures.coverage(benefit: benefit, need: world.totalNeed)
        let welfare = world.welfare(of: selection)
        var values: [Metric: Double] = [
            .welfare: welfare,
            .efficiency: model.optimumWelfare > 0 ? welfare / model.optimumWelfare : 1,
            .coverage: Measures.weightedMean(coverage, weights: world.weights),
            .gini: Measures.gini(coverage: coverage, weights: world.weights),
            .exclusion: Measures.exclusion(benefit: benefit, weights: world.weights),
            .budgetUse: planned / world.budget,
            .realisedBudgetUse: spent / world.budget,
            .overspend: spent > world.budget * (1 + EnvelopeKnapsack.relativeTolerance) ? 1 : 0,
            .satisfaction: profile.satisfaction(of: selection),
        ]
        var ejr: EJRCheck.Verdict?
        if profile.kind == .approval {
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
            selection: selection, values: values, coverageByGroup: coverage, spendShares: shares,
            divergence: divergence, ejr: ejr)
    }
}
