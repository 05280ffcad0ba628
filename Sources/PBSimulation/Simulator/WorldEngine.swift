import Foundation
import GSL
import PBRules
import PBScenario

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

    /// What the co-produced process produced in one run: its ballots, laid out for the rules (with
    /// the voters' weights when the scenario weights them).
    struct Ballots {
        let box: BallotBox
        let instance: RuleInstance
        /// Each proposal's weighted total on the ballots, `V_j` (the box's scores when unweighted).
        let scores: [Double]

        /// The same ballots with another budget (a pot of a split, or what the process cost leaves).
        func instance(budgetUnits: Int64) -> RuleInstance {
            instance.withBudget(budgetUnits)
        }
    }

    /// The stream of run `r`'s mechanism events (discovery, delivery failures): stream `r` with its
    /// top bit set, apart from the knowledge stream, so that the events leave every other draw alone.
    static func eventStream(_ r: Int) -> UInt64 { UInt64(r) | (1 << 63) }

    /// Runs one Monte Carlo run.
    ///
    /// The random stream of run `r` is `RandomSource(seed: seed, stream: r)`: first the run's
    /// knowledge (``RunKnowledge``, shared with `allocate`), then the panel, then the participants'
    /// individual perceptions and ballot ties.
    mutating func run(_ r: Int, seed: UInt64) -> RunOutcome {
        let world = model.world
        let random = RandomSource(seed: seed, stream: UInt64(r))
        let knowledge = RunKnowledge.draw(world: world, regimes: model.regimes, random: random)
        let events =
            model.discoveryActive || model.riskActive
            ? RunEvents.draw(
                world: world, discovery: model.regimes.serviceLed.discovery,
                random: RandomSource(seed: seed, stream: Self.eventStream(r))) : nil
        var serviceScores = knowledge.officerScores(
            world: world, seesAppropriateness: model.regimes.serviceLed.seesAppropriateness)
        if let events, model.discoveryActive {
            // Officers cannot fund what they never saw (MODEL.md 2.2).
            for j in 0..<world.proposalCount where !events.discovered[j] { serviceScores[j] = 0 }
        }
        if model.riskActive && model.regimes.serviceLed.discountsRisk { Self.discount(&serviceScores, world: world) }
        var view = knowledge.residentView(world: world, exact: model.residentsExact)
        // NB: the panel draws before the ballots, so that a change of turnout (which changes how many
        // perception draws the ballots take) leaves the panel's draws alone.
        let panelEstimates = model.regimes.panel.map { panel in
            let heard =
                panel.deliberation > 0 ? knowledge.panelView(world: world, deliberation: panel.deliberation) : view
            var scores = panelScores(panel, view: heard, random: random)
            if model.riskActive && panel.discountsRisk { Self.discount(&scores, world: world) }
            return scores
        }
        if model.riskActive && model.regimes.coProduced.discountsRisk {
            for j in 0..<world.proposalCount where world.deliveryRisk[j] > 0 {
                for g in 0..<world.groupCount { view[j * world.groupCount + g] *= 1 - world.deliveryRisk[j] }
            }
        }
        let box = builder.cast(participants: knowledge.participants, view: view, random: random)
        var instance = RuleInstance(
            costs: model.costUnits, budget: model.budgetUnits, scale: WorldModel.amountScale, kind: box.kind,
            offsets: box.offsets, items: box.items, points: box.points,
            pointScale: box.kind == .scoring ? BallotBox.cardinalScale : 0)
        var coScores = box.scores
        if model.regimes.coProduced.weighting != .none {
            let weights = Self.voterWeights(
                box: box, weighting: model.regimes.coProduced.weighting, world: world,
                officerNeeds: knowledge.officerNeeds)
            instance = Self.weigh(instance, by: weights)
            coScores = Self.weightedScores(instance, world: world)
        }
        let ballots = Ballots(box: box, instance: instance, scores: coScores)

        var records: [RegimeRun] = []
        let profile = BallotProfile(instance)
        var coProduced: [Int] = []
        let coOverhead = model.regimes.coProduced.overhead
        for regime in model.regimeIDs {
            let selection: [Int]
            // What the regime's process costs, and the scores whose ranking gives its selection order.
            var overhead = 0.0
            let ranking: [Double]
            switch regime {
            case .serviceLed:
                selection = officerSelection(scores: serviceScores, events: events)
                ranking = serviceScores
            case .panel:
                selection = select(
                    scores: panelEstimates ?? [], rule: model.regimes.serviceLed.rule, selector: model.panelSelector)
                overhead = model.regimes.panel?.processCost ?? 0
                ranking = panelEstimates ?? []
            case .coProduced:
                selection = coProducedSelection(ballots, rule: model.coProducedRule, selector: model.coSelector)
                coProduced = selection
                overhead = coOverhead
                ranking = coScores
            case .blend(let lambda):
                // A blend with lambda > 0 counts the residents' ballots, so it pays for the vote.
                let scores = Self.blend(service: serviceScores, coProduced: coScores, lambda: lambda)
                selection = (lambda > 0 ? model.coSelector : model.selector).greedy(scores: scores)
                overhead = lambda > 0 ? coOverhead : 0
                ranking = scores
            case .split(let share):
                selection = split(share: share, ballots: ballots, serviceScores: serviceScores, events: events)
                overhead = share > 0 ? coOverhead : 0
                ranking = serviceScores
            case .optimum:
                selection = model.optimum
                ranking = world.trueWelfare
            }
            records.append(
                measure(
                    selection: selection, realised: knowledge.realisedCosts, profile: profile,
                    delivery: Delivery(events: events, overhead: overhead, ranking: ranking)))
        }
        // NB: rule sensitivity is counted on every tenth run (runs 0, 10, 20, …), which keeps the
        // simulator within its speed goals; each summary's `runs` says how many runs it holds.
        let sensitivityRules = r % WorldModel.sensitivityStride == 0 ? model.sensitivityRules : []
        let sensitivity = sensitivityRules.map { entry -> RegimeRun in
            let selection =
                entry.rule == model.coProducedRule
                ? coProduced : coProducedSelection(ballots, rule: entry.rule, selector: model.coSelector)
            return measure(
                selection: selection, realised: knowledge.realisedCosts, profile: profile,
                delivery: Delivery(events: events, overhead: coOverhead, ranking: coScores), checksEJR: false)
        }
        return RunOutcome(run: r, regimes: records, voters: instance.voterCount, ruleSensitivity: sensitivity)
    }

    // MARK: - Regimes

    /// The citizens' panel's estimated welfare (MODEL.md section 2.1): `P` members drawn (random: a
    /// multinomial draw over groups in proportion to size; stratified: seats by largest remainder of
    /// `P * n_g / N`, ties to the earlier group), each with the co-produced knowledge (their group's
    /// shared view times their own `LN(perception_noise)`, one draw per member and proposal); each
    /// member speaks for `N / P` people.
    func panelScores(_ panel: Scenario.PanelRegime, view: [Double], random: RandomSource) -> [Double] {
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
        let perMember = world.population / Double(panel.size)
        var scores = [Double](repeating: 0, count: world.proposalCount)
        for g in 0..<world.groupCount where seats[g] > 0 {
            for _ in 0..<seats[g] {
                for j in builder.beneficial[g] {
                    let z = random.gaussian()
                    scores[j] += perMember * view[j * world.groupCount + g] * exp(sigma * z - halfVariance)
                }
            }
        }
        return scores
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
    func select(scores: [Double], rule: Scenario.ServiceLedRule, selector: Selector? = nil) -> [Int] {
        let selector = selector ?? model.selector
        switch rule {
        case .greedy:
            return selector.greedy(scores: scores)
        case .maxWelfare:
            guard let selection = selector.maximum(values: scores) else {
                preconditionFailure("no feasible selection after a feasible optimum")
            }
            return selection
        }
    }

    /// The officers' selection (MODEL.md 2.2): they fund only proposals they saw, also to top up a
    /// minimum envelope; only when no selection of seen proposals meets the minimums may an unseen one
    /// be funded (P5 comes first).
    func officerSelection(scores: [Double], events: RunEvents?) -> [Int] {
        let rule = model.regimes.serviceLed.rule
        guard let costs = unseenPriced(model.selector.costs, budget: model.selector.budget, events: events) else {
            return select(scores: scores, rule: rule)
        }
        let blind = Selector(costs: costs, budget: model.selector.budget, envelopes: model.selector.envelopes)
        let picked = rule == .greedy ? blind.greedyIfFeasible(scores: scores) : blind.maximum(values: scores)
        return picked ?? select(scores: scores, rule: rule)
    }

    /// `costs` with every proposal the officers did not see priced above `budget` (so that no
    /// selection of theirs can fund it), or `nil` when they saw every proposal.
    func unseenPriced(_ costs: [Double], budget: Double, events: RunEvents?) -> [Double]? {
        guard model.discoveryActive, let events, events.discovered.contains(false) else { return nil }
        var priced = costs
        for j in priced.indices where !events.discovered[j] { priced[j] = 2 * max(budget, costs[j]) + 1 }
        return priced
    }

    /// The co-produced selection: the rule on the ballots (with the selector's budget), made to
    /// respect the selector's envelopes.
    func coProducedSelection(_ ballots: Ballots, rule: RuleName?, selector: Selector) -> [Int] {
        guard let rule else {
            guard let selection = selector.maximum(values: ballots.scores) else {
                preconditionFailure("no feasible selection after a feasible optimum")
            }
            return selection
        }
        let units = WorldModel.units(selector.budget)
        let instance = units == model.budgetUnits ? ballots.instance : ballots.instance(budgetUnits: units)
        return selector.constrain(Self.priority(rule: rule, instance: instance))
    }

    /// The two-pot split of MODEL.md section 2.4: the co-produced process decides `share * B` first
    /// (within the maximum envelopes; the minimums bind the total, so the first pot meets them only
    /// when it is the whole budget), then the service-led process decides the rest, `(1 - share) * B`
    /// plus the first pot's unspent money with `leftover: service`, over the proposals not yet funded,
    /// with every envelope counting what the first pot funded. When the two pots together cannot meet
    /// a minimum envelope, the selection is repaired within the whole budget (the vote's picks first,
    /// then the officers' ranking), so that every envelope holds (P5).
    ///
    /// The co-produced pot pays the vote's process cost and outreach (MODEL.md 2.6): it decides
    /// `share * B` less them (nothing when they take the whole pot).
    func split(share: Double, ballots: Ballots, serviceScores: [Double], events: RunEvents?) -> [Int] {
        let world = model.world
        var first: [Int] = []
        let overhead = share > 0 ? model.regimes.coProduced.overhead : 0
        if share > 0 && share * world.budget > overhead {
            let selector =
                share == 1
                ? model.coSelector
                : Selector(
                    costs: world.effectiveCosts, budget: share * world.budget - overhead,
                    envelopes: world.envelopes.map {
                        LinearEnvelope(coefficients: $0.coefficients, max: $0.max, label: $0.label)
                    })
            first = coProducedSelection(ballots, rule: model.coProducedRule, selector: selector)
        }
        if first.isEmpty && share == 0 {
            return officerSelection(scores: serviceScores, events: events)
        }
        var spent = 0.0
        for j in first { spent += world.effectiveCosts[j] }
        let rest =
            model.regimes.split?.leftover == .service
            ? world.budget - overhead - spent : world.budget - share * world.budget
        // The officers' pot funds only what they saw (unseen proposals priced out of it).
        let second = Selector.rest(
            funded: first,
            costs: unseenPriced(world.effectiveCosts, budget: world.budget, events: events) ?? world.effectiveCosts,
            budget: rest, envelopes: world.envelopes, scores: serviceScores,
            exact: model.regimes.serviceLed.rule == .maxWelfare)
        let both = (first + second).sorted()
        if world.envelopes.allSatisfy({ envelope in
            envelope.min.map { envelope.total(of: both) >= $0 - EnvelopeKnapsack.relativeTolerance * world.budget }
                ?? true
        }) {
            return both
        }
        // The two pots cannot meet a minimum envelope (neither pot can afford what it needs): the
        // minimums bind the total, so the selection is repaired within the whole budget, keeping the
        // vote's picks first, then the officers' ranking.
        let ranking = model.selector.ranking(byScorePerCost: serviceScores).filter { !first.contains($0) }
        let whole =
            overhead > 0
            ? Selector(costs: world.effectiveCosts, budget: world.budget - overhead, envelopes: world.envelopes)
            : model.selector
        return whole.constrain(first + ranking)
    }

    /// A rule's ranking on ballots: greedy ranks every supported project by satisfaction per cost
    /// (so that money an envelope frees goes to the next best); the Method of Equal Shares and its
    /// completions give their selection in order.
    static func priority(rule: RuleName, instance: RuleInstance) -> [Int] {
        if rule == .greedyCost {
            let satisfaction: Satisfaction = instance.kind == .approval ? .cost : .points
            let total = instance.totalSatisfaction(satisfaction)
            let everything = instance.withBudget(instance.costs.reduce(0, +))
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
}
