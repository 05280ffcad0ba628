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
    /// The rules of the rule-sensitivity rows (MODEL.md section 3), with their file names; empty
    /// when rule sensitivity is off.
    let sensitivityRules: [(name: String, rule: RuleName)]
    /// Whether the residents' shared knowledge is exact (no shared or effect noise), so their view
    /// is the true benefit to the last bit.
    let residentsExact: Bool
    /// The co-produced process's selector: the budget less its process cost and outreach (MODEL.md 2.6).
    let coSelector: Selector
    /// The panel's selector: the budget less the panel's process cost.
    let panelSelector: Selector
    /// Whether officers may miss community proposals (`discovery < 1` and some community proposal).
    let discoveryActive: Bool
    /// Whether some proposal has a delivery risk.
    let riskActive: Bool
    /// Whether the scenario uses any mechanism of MODEL.md 2.5 and 2.6 (delivery risk, overrun cut,
    /// a process cost, outreach), so that `delivery_failures`, `delivered_welfare` and `process_cost`
    /// are measured. Without them these measures are left out and outputs are those of model v2.0.
    let reportsDelivery: Bool
    /// Whether a cost overrun drops funded proposals (`budget.overrun: cut`).
    let cutsOverrun: Bool

    /// Rule sensitivity is counted on the runs whose index is a multiple of this.
    static let sensitivityStride = 10

    /// The decimal scale of the rules' integer amounts: cents.
    static let amountScale = 2

    /// Integer cents of an amount.
    static func units(_ amount: Double) -> Int64 { Int64((amount * 100).rounded()) }  // NB: 10^amountScale

    init(scenario: Scenario, file: String, ruleSensitivity: Bool = true) throws(SimulationError) {
        let scenario = scenario.canonicalized()
        let world = World(scenario: scenario)
        self.world = world
        regimes = scenario.regimes
        var ids: [RegimeID] = [.serviceLed, .coProduced]
        if scenario.regimes.panel != nil { ids.append(.panel) }
        for lambda in scenario.regimes.blend?.lambdas ?? [] { ids.append(.blend(lambda)) }
        for share in scenario.regimes.split?.shares ?? [] { ids.append(.split(share)) }
        ids.append(.optimum)
        regimeIDs = ids
        selector = Selector(costs: world.effectiveCosts, budget: world.budget, envelopes: world.envelopes)
        guard let optimum = selector.maximum(values: world.trueWelfare) else { throw .infeasible(file: file) }
        self.optimum = optimum
        optimumWelfare = world.welfare(of: optimum)
        residentsExact = scenario.regimes.coProduced.sharedNoise == 0 && scenario.regimes.coProduced.effectNoise == 0
        let coOverhead = scenario.regimes.coProduced.overhead
        let panelCost = scenario.regimes.panel?.processCost ?? 0
        let base = selector
        coSelector = try Self.reduced(
            base, world: world, by: coOverhead, field: "regimes.co-produced.process_cost", file: file)
        panelSelector = try Self.reduced(
            base, world: world, by: panelCost, field: "regimes.panel.process_cost", file: file)
        discoveryActive = scenario.regimes.serviceLed.discovery < 1 && world.isCommunity.contains(true)
        riskActive = world.deliveryRisk.contains { $0 > 0 }
        cutsOverrun = scenario.budget.overrun == .cut
        reportsDelivery =
            riskActive || scenario.budget.overrun == .cut || coOverhead > 0 || panelCost > 0
            || scenario.regimes.coProduced.outreach != nil

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

        costUnits = world.effectiveCosts.map(Self.units)
        budgetUnits = Self.units(world.budget)

        let ballot = scenario.regimes.coProduced.ballot
        coProducedRule = try scenario.regimes.coProduced.rule.ruleName(
            for: ballot.voteKind, ballot: ballot.kind, file: file)
        var sensitivity: [(name: String, rule: RuleName)] = []
        if ruleSensitivity {
            // NB: completed MES (mes-add1-greedy) is counted only when it is the scenario's own rule (its
            // selection is reused): on some simulated ballots its exact fallback runs for minutes (riverside
            // with new-arrivals-east at participation 0.5), which no report can wait for.
            var candidates: [Scenario.CoProducedRule] = [.greedy, .mes]
            let own = scenario.regimes.coProduced.rule
            if !candidates.contains(own) && own != .maxWelfare { candidates.append(own) }
            for candidate in candidates {
                if let rule = candidate.ruleName, rule.voteTypes.contains(ballot.voteKind) {
                    sensitivity.append((candidate.rawValue, rule))
                }
            }
        }
        sensitivityRules = sensitivity
    }

    /// The selector of a process that takes `overhead` from the budget before it chooses (MODEL.md 2.6).
    ///
    /// - Throws: ``SimulationError/unsupported(file:field:message:)`` when what is left cannot meet
    ///   every minimum envelope.
    static func reduced(_ selector: Selector, world: World, by overhead: Double, field: String, file: String)
        throws(SimulationError) -> Selector
    {
        guard overhead > 0 else { return selector }
        let reduced = Selector(costs: world.effectiveCosts, budget: world.budget - overhead, envelopes: world.envelopes)
        // NB: the minimum envelopes must still be reachable with what the process leaves.
        guard reduced.maximum(values: world.trueWelfare) != nil else {
            throw .unsupported(
                file: file, field: field,
                message: "after the process's cost (\(overhead)) no selection of proposals meets every minimum "
                    + "envelope of budget.envelopes")
        }
        return reduced
    }
}
