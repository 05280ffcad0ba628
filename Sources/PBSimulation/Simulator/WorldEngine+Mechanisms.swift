import GSL
import PBRules
import PBScenario

/// The chance events of one run that model v2's mechanisms add (MODEL.md sections 2.2 and 2.5), drawn
/// from the run's own event stream (``WorldEngine/eventStream(_:)``): first one uniform per proposal for
/// discovery, then one per proposal for delivery, always all of them, so that every regime of a run
/// meets the same events and changing one parameter leaves the other draws alone.
struct RunEvents {
    /// Whether the officers saw each proposal (always true for `service`-origin proposals).
    let discovered: [Bool]
    /// Whether each proposal would fail to deliver if funded (probability `q_j`).
    let failed: [Bool]

    /// Draws one run's events.
    ///
    /// - Parameters:
    ///   - world: The world (origins and delivery risks).
    ///   - discovery: The chance that officers see a community proposal.
    ///   - random: The run's event stream.
    static func draw(world: World, discovery: Double, random: RandomSource) -> RunEvents {
        var discovered = [Bool](repeating: true, count: world.proposalCount)
        for j in 0..<world.proposalCount {
            let u = random.uniform()
            if world.isCommunity[j] { discovered[j] = u < discovery }
        }
        var failed = [Bool](repeating: false, count: world.proposalCount)
        for j in 0..<world.proposalCount {
            failed[j] = random.uniform() < world.deliveryRisk[j]
        }
        return RunEvents(discovered: discovered, failed: failed)
    }
}

/// What a regime's delivery depends on besides its selection: the run's events, what its process
/// cost (taken from the budget before it chose), and the scores whose ranking is its selection order
/// (an overrun `cut` drops the last of them first).
struct Delivery {
    let events: RunEvents?
    let overhead: Double
    let ranking: [Double]
}

extension WorldEngine {
    /// Scales each score by `1 - q_j`: a regime that discounts the delivery risk (MODEL.md 2.5).
    static func discount(_ scores: inout [Double], world: World) {
        for j in scores.indices where world.deliveryRisk[j] > 0 { scores[j] *= 1 - world.deliveryRisk[j] }
    }

    /// The weight of each ballot of `box` (MODEL.md 2.3): a participant of group `g` weighs
    /// `(n_g / sum n) / (P_g / sum P)` (census), times `Nbar_g / mean_h Nbar_h` with `Nbar_g = sum_k
    /// Nhat[g][k]` (need).
    static func voterWeights(
        box: BallotBox, weighting: Scenario.Weighting, world: World, officerNeeds: [Double]
    ) -> [Double] {
        let participants = Double(box.participants.reduce(0, +))
        var groupWeight = [Double](repeating: 0, count: world.groupCount)
        for g in 0..<world.groupCount where box.participants[g] > 0 {
            groupWeight[g] = (world.weights[g] / world.population) / (Double(box.participants[g]) / participants)
        }
        if weighting == .need {
            let domains = world.domainCount
            let assessed = (0..<world.groupCount).map { g in
                var sum = 0.0
                for k in 0..<domains { sum += officerNeeds[g * domains + k] }
                return sum
            }
            let mean = assessed.reduce(0, +) / Double(max(1, world.groupCount))
            if mean > 0 { for g in groupWeight.indices { groupWeight[g] *= assessed[g] / mean } }
        }
        var weights: [Double] = []
        weights.reserveCapacity(box.voterCount)
        for g in 0..<world.groupCount {
            for _ in 0..<box.ballotsPerGroup[g] { weights.append(groupWeight[g]) }
        }
        return weights
    }

    /// The instance with the voters' weights.
    static func weigh(_ instance: RuleInstance, by weights: [Double]) -> RuleInstance {
        do {
            return try instance.weighted(by: VoterWeights(real: weights))
        } catch {
            preconditionFailure("census or need weights out of range: \(error)")
        }
    }

    /// Each proposal's weighted total `V_j` on weighted ballots: approval, weighted votes times the
    /// effective cost; cumulative, weighted points; cardinal, weighted perceived benefits (the
    /// ballots' rounded points).
    static func weightedScores(_ instance: RuleInstance, world: World) -> [Double] {
        let satisfaction: Satisfaction = instance.kind == .approval ? .cost : .points
        let totals = instance.totalSatisfaction(satisfaction)
        var unit = Double(instance.voterWeights?.unit ?? 1)
        if instance.kind == .approval {
            unit *= 100  // NB: costs in cents (WorldModel.amountScale)
        } else if instance.kind == .scoring {
            unit *= 1_000_000  // NB: 10^BallotBox.cardinalScale
        }
        return totals.map { Double($0) / unit }
    }

    /// The proposals of `selection` that deliver (MODEL.md 2.5): with `budget.overrun: cut`, funded
    /// proposals are dropped, last in the regime's ranking by score per cost first, until the realised
    /// spend fits what the regime could spend; then the run's failures deliver nothing.
    ///
    /// - Returns: The delivering proposals, ascending, and how many of the funded (kept) ones failed.
    func delivered(_ selection: [Int], realised: [Double], delivery: Delivery) -> (
        kept: [Int], failures: Int, funded: Int
    ) {
        let world = model.world
        var kept = selection
        if model.cutsOverrun {
            var spent = 0.0
            for j in kept { spent += realised[j] }
            let budget = world.budget - delivery.overhead
            if spent > budget * (1 + EnvelopeKnapsack.relativeTolerance) {
                let ratio = selection.map { j in
                    delivery.ranking.indices.contains(j) ? delivery.ranking[j] / world.effectiveCosts[j] : 0
                }
                var order = Array(selection.indices)
                order.sort { ratio[$0] != ratio[$1] ? ratio[$0] > ratio[$1] : selection[$0] < selection[$1] }
                var dropped = Set<Int>()
                for i in order.reversed() where spent > budget * (1 + EnvelopeKnapsack.relativeTolerance) {
                    spent -= realised[selection[i]]
                    dropped.insert(selection[i])
                }
                kept = selection.filter { !dropped.contains($0) }
            }
        }
        guard let failed = delivery.events?.failed else { return (kept, 0, kept.count) }
        let working = kept.filter { !failed[$0] }
        return (working, kept.count - working.count, kept.count)
    }
}
