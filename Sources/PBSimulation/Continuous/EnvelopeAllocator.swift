import Foundation
import GSL
public import PBScenario

/// The "budget simulator" view of a scenario (MODEL.md section 4): how each regime would split
/// the budget across domains, rather than pick projects.
///
/// For each regime, the domains' weights `w_k` come from that regime's view of the needs, and
/// ``ContinuousAllocation/solve(weights:saturation:lower:upper:total:)`` finds the split that
/// maximises `Σ_k w_k s_k log(1 + x_k / s_k)` within the domain envelopes.
///
/// ```swift
/// let scenario = try Scenario.load(path: "Scenarios/riverside.yaml")
/// let report = try EnvelopeAllocator.allocate(scenario: scenario, seed: scenario.seed, runs: scenario.runs)
/// ```
public enum EnvelopeAllocator {
    /// Splits the scenario's budget across its domains under each regime, over Monte Carlo runs,
    /// and measures each split on the truth.
    ///
    /// The weights come from each regime's knowledge as `simulate` draws it (MODEL.md sections 2.1 and
    /// 4, property P8): run `r` draws ``RunKnowledge`` from `RandomSource(seed: seed, stream: r)`
    /// exactly as `simulate` does (the same groups, domains and participants in canonical id order),
    /// then, for the residents, one individual factor per participant and domain:
    ///
    /// - **service-led**: `w_k = Σ_g n_g · Nhat[g][k]`;
    /// - **co-produced**: `w_k = Σ_p Ñ[g(p)][k] · LN(perception_noise)` over the run's participants;
    /// - **perfect information**: the true `W_k = Σ_g n_g · N[g][k]` (no randomness, solved once).
    ///
    /// Saturation scales are ``PBScenario/Scenario/saturationScale(of:)``.
    ///
    /// **Measured on the truth.** Each split `x` is scored by its true value
    /// `Σ_k W_k s_k log(1 + x_k / s_k)` over the true optimum's value (``EnvelopeAllocationReport/efficiency``)
    /// and by its distance from the true optimal split. The divergence from need shares is reported
    /// too, as a description only.
    ///
    /// **Process cost.** The co-produced regime splits the budget less its vote's process cost and
    /// outreach (`regimes.co-produced.process_cost` and `outreach.cost`, MODEL.md 2.6); its efficiency
    /// is still measured against the best split of the whole budget, so the cost shows as lost value.
    /// Delivery risk and `budget.overrun: cut` act on funded proposals, which a split by domain does
    /// not choose: they are listed in ``EnvelopeAllocationReport/notApplied``.
    ///
    /// **Bounds.** A domain envelope bounds its domain's spend (`min` as `lo_k`, `max` as
    /// `hi_k`). District envelopes bound spend on proposals located in a district, which a split
    /// by domain does not decide: they do not apply here, and the report lists them in
    /// ``EnvelopeAllocationReport/ignoredEnvelopes``.
    ///
    /// Every split is also computed by closed-form water-filling, and the largest gap is reported
    /// as ``EnvelopeAllocationReport/solverDeviation``.
    ///
    /// - Parameters:
    ///   - scenario: A scenario with domains and a population (not one that takes its ballots
    ///     from a real election).
    ///   - seed: The master seed.
    ///   - runs: The number of Monte Carlo runs, at least 1.
    /// - Returns: Spend per domain under each regime, beside each domain's share of need.
    /// - Throws: ``AllocationError/unsupportedScenario(_:)`` for a scenario without domains or
    ///   population; ``AllocationError/infeasibleBounds(lowerSum:upperSum:total:)`` when the domain
    ///   envelopes cannot hold the budget; ``AllocationError/invalidArgument(_:)`` for `runs < 1`;
    ///   ``AllocationError/solverFailed(_:)`` if GSL fails.
    /// - Complexity: O(*runs* × (*g* × *k* + *participants* × *k*)) draws plus two solves per run.
    public static func allocate(scenario: Scenario, seed: UInt64, runs: Int) throws(AllocationError)
        -> EnvelopeAllocationReport
    {
        guard runs >= 1 else { throw .invalidArgument("runs: expected a value >= 1, got \(runs)") }
        guard scenario.election == nil, !scenario.domains.isEmpty, !scenario.population.isEmpty else {
            throw .unsupportedScenario(
                "\(scenario.name): the continuous allocation needs domains and a population with needs per domain; "
                    + "a scenario that takes its ballots from a real election has neither")
        }
        let scenario = scenario.canonicalized()
        let world = World(scenario: scenario)
        let domains = scenario.domains
        let k = domains.count
        let total = scenario.budget.total
        let saturation = domains.map { scenario.saturationScale(of: $0) }

        // Bounds from the domain envelopes; district envelopes do not apply.
        var lower = [Double](repeating: 0, count: k)
        var upper = [Double](repeating: .infinity, count: k)
        var minimum = [Double?](repeating: nil, count: k)
        var maximum = [Double?](repeating: nil, count: k)
        var ignored: [String] = []
        let domainIndex = scenario.domainIndex
        for envelope in scenario.budget.envelopes {
            switch envelope.target {
            case .domain(let domain):
                guard let d = domainIndex[domain] else { continue }
                if let min = envelope.min {
                    lower[d] = min
                    minimum[d] = min
                }
                if let max = envelope.max {
                    upper[d] = max
                    maximum[d] = max
                }
            case .district(let district):
                var limits: [String] = []
                if let min = envelope.min { limits.append("min \(amount(min))") }
                if let max = envelope.max { limits.append("max \(amount(max))") }
                ignored.append("district \(district): \(limits.joined(separator: ", "))")
            }
        }

        // What the vote costs (MODEL.md 2.6): its process cost and outreach leave the co-produced
        // regime less to split; the perfect-information and service-led splits pay for no vote.
        let overhead = scenario.regimes.coProduced.overhead
        if overhead > 0, lower.reduce(0, +) > total - overhead + 1e-9 * max(total, 1) {
            throw .unsupportedScenario(
                "regimes.co-produced.process_cost: after the vote's process cost and outreach (\(amount(overhead))) "
                    + "\(amount(total - overhead)) is left, less than the domain minimums (\(amount(lower.reduce(0, +))))"
            )
        }
        var notApplied: [String] = []
        if scenario.proposals.contains(where: { $0.deliveryRisk > 0 }) {
            notApplied.append("proposals[].delivery_risk")
        }
        if scenario.budget.overrun == .cut { notApplied.append("budget.overrun: cut") }

        // True need per domain and its shares.
        var trueWeights = [Double](repeating: 0, count: k)
        for g in 0..<world.groupCount {
            for d in 0..<k { trueWeights[d] += world.weights[g] * world.needs[g * k + d] }
        }
        let needTotal = trueWeights.reduce(0, +)
        let needShares = trueWeights.map { needTotal > 0 ? $0 / needTotal : 0 }

        var deviation = 0.0
        func split(_ weights: [Double], noiseField: String? = nil, overhead: Double = 0) throws(AllocationError)
            -> [Double]
        {
            let total = total - overhead
            // Weights the solver cannot use come from the scenario's noises: say which field.
            if let noiseField, !(weights.allSatisfy(\.isFinite) && weights.contains(where: { $0 > 0 })) {
                throw .unsupportedScenario(
                    "\(noiseField): this noise leaves no usable domain weight in run draws (every assessed need "
                        + "is 0 or not finite); use a smaller noise (a few tenths is typical)")
            }
            let solved = try ContinuousAllocation.solve(
                weights: weights, saturation: saturation, lower: lower, upper: upper, total: total)
            let exact = try ContinuousAllocation.waterFilling(
                weights: weights, saturation: saturation, lower: lower, upper: upper, total: total)
            for d in 0..<k { deviation = max(deviation, abs(solved[d] - exact[d]) / max(total, 1)) }
            return solved
        }
        func divergence(_ allocation: [Double]) -> Double {
            var sum = 0.0
            for d in 0..<k { sum += abs(allocation[d] / total - needShares[d]) }
            return sum / 2
        }

        let perfect = try split(trueWeights)
        let bestValue = ContinuousAllocation.objective(
            weights: trueWeights, saturation: saturation, allocation: perfect)
        func efficiency(_ allocation: [Double]) -> Double {
            let value = ContinuousAllocation.objective(
                weights: trueWeights, saturation: saturation, allocation: allocation)
            return bestValue > 0 ? min(1, value / bestValue) : 1
        }
        func distance(_ allocation: [Double]) -> Double {
            var sum = 0.0
            for d in 0..<k { sum += abs(allocation[d] - perfect[d]) }
            return total > 0 ? sum / 2 / total : 0
        }
        var serviceLed: [[Double]] = []
        var coProduced: [[Double]] = []
        serviceLed.reserveCapacity(runs)
        coProduced.reserveCapacity(runs)
        for run in 0..<runs {
            let weights = domainWeights(world: world, regimes: scenario.regimes, seed: seed, run: run)
            serviceLed.append(try split(weights.serviceLed, noiseField: "regimes.service-led.information_noise"))
            coProduced.append(
                try split(
                    weights.coProduced, noiseField: "regimes.co-produced.perception_noise", overhead: overhead))
        }

        let constant = { (x: Double) in MetricSummary(mean: x, lo: x, hi: x, sd: 0, count: runs) }
        let rows = (0..<k).map { d in
            EnvelopeAllocationReport.Domain(
                id: domains[d], needShare: needShares[d], saturation: saturation[d], minimum: minimum[d],
                maximum: maximum[d],
                spend: [
                    .serviceLed: MetricSummary(summarizing: serviceLed.map { $0[d] }),
                    .coProduced: MetricSummary(summarizing: coProduced.map { $0[d] }),
                    .perfectInformation: constant(perfect[d]),
                ])
        }
        return EnvelopeAllocationReport(
            scenario: scenario.name, currency: scenario.currency, total: total, seed: seed, runs: runs,
            domains: rows,
            divergence: [
                .serviceLed: MetricSummary(summarizing: serviceLed.map(divergence)),
                .coProduced: MetricSummary(summarizing: coProduced.map(divergence)),
                .perfectInformation: constant(divergence(perfect)),
            ],
            ignoredEnvelopes: ignored, solverDeviation: deviation,
            processCost: overhead > 0 ? [.coProduced: overhead] : [:], notApplied: notApplied,
            efficiency: [
                .serviceLed: MetricSummary(summarizing: serviceLed.map(efficiency)),
                .coProduced: MetricSummary(summarizing: coProduced.map(efficiency)),
                .perfectInformation: constant(1),
            ],
            distance: [
                .serviceLed: MetricSummary(summarizing: serviceLed.map(distance)),
                .coProduced: MetricSummary(summarizing: coProduced.map(distance)),
                .perfectInformation: constant(0),
            ])
    }

    /// The service-led and co-produced domain weights of one run (see
    /// ``allocate(scenario:seed:runs:)``): the group-level knowledge and the participants are those
    /// `simulate` draws in the same run (``RunKnowledge``), then one individual factor per participant
    /// and domain.
    ///
    /// - Parameters:
    ///   - world: The scenario's world.
    ///   - regimes: The scenario's regimes.
    ///   - seed: The master seed.
    ///   - run: The run index; its stream is `RandomSource(seed: seed, stream: run)`.
    /// - Returns: One weight per domain for each regime, in canonical domain order.
    static func domainWeights(world: World, regimes: Scenario.Regimes, seed: UInt64, run: Int)
        -> (serviceLed: [Double], coProduced: [Double])
    {
        let random = RandomSource(seed: seed, stream: UInt64(run))
        let knowledge = RunKnowledge.draw(world: world, regimes: regimes, random: random)
        return (
            knowledge.officerDomainWeights(world: world),
            knowledge.residentDomainWeights(
                world: world, perceptionNoise: regimes.coProduced.perceptionNoise, random: random)
        )
    }

    /// An amount without a trailing `.0` when it is whole.
    private static func amount(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}
