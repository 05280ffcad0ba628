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
}
