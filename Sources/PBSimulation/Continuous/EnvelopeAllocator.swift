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
    /// Splits the scenario's budget across its domains under each regime, over Monte Carlo runs.
    ///
    /// Run `r` draws from its own stream, `RandomSource(seed: seed, stream: r)`, in this order:
    ///
    /// 1. **Service-led**: a standard normal `z` per group and domain (groups in file order,
    ///    domains in file order within each), giving the assessed need
    ///    `Nhat[g][k] = v_g · N[g][k] · exp(σ_s z − σ_s² / 2)` and the weight
    ///    `w_k = Σ_g n_g · Nhat[g][k]` (`σ_s` is `information_noise`).
    /// 2. **Co-produced participants**: `P_g ~ Binomial(n_g, t_g)` per group, or, with an
    ///    `electorate` of size `E`, one multinomial draw of `E` participants over the groups with
    ///    probabilities proportional to `n_g · t_g` (those who would take part).
    /// 3. **Co-produced perception**: a standard normal `z` per group and domain, giving the
    ///    group's expressed need `Ñ[g][k] = N[g][k] · exp(σ_c z − σ_c² / 2)`, shared by its
    ///    participants, and the weight `w_k = Σ_g P_g · Ñ[g][k]` (`σ_c` is `perception_noise`).
    ///
    /// The **perfect-information** weight `w_k = Σ_g n_g · N[g][k]` has no randomness; it is
    /// solved once. Saturation scales are ``PBScenario/Scenario/saturationScale(of:)``.
    ///
    /// **Bounds.** A domain envelope bounds its domain's spend (`min` as `lo_k`, `max` as
    /// `hi_k`). District envelopes bound spend on proposals located in a district, which a split
    /// by domain does not decide: they do not apply here, and the report lists them in
    /// ``EnvelopeAllocationReport/ignoredEnvelopes``.
    ///
    /// Each regime's spend per domain is summarised over the runs by `Statistics.summarize`
    /// (mean and the central 95 % of runs), and so is the divergence `½ Σ_k |x_k / B − needShare_k|`.
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
    /// - Complexity: O(*runs* × *g* × *k*) draws plus two solves per run.
    public static func allocate(scenario: Scenario, seed: UInt64, runs: Int) throws(AllocationError)
        -> EnvelopeAllocationReport
    {
        guard runs >= 1 else { throw .invalidArgument("runs: expected a value >= 1, got \(runs)") }
        guard scenario.election == nil, !scenario.domains.isEmpty, !scenario.population.isEmpty else {
            throw .unsupportedScenario(
                "\(scenario.name): the continuous allocation needs domains and a population with needs per domain; "
                    + "a scenario that takes its ballots from a real election has neither")
        }
        let domains = scenario.domains
        let k = domains.count
        let total = scenario.budget.total
        let needs = scenario.needMatrix()
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

        // True need per domain and its shares.
        var trueWeights = [Double](repeating: 0, count: k)
        for (g, group) in scenario.population.enumerated() {
            for d in 0..<k { trueWeights[d] += Double(group.size) * needs[g][d] }
        }
        let needTotal = trueWeights.reduce(0, +)
        let needShares = trueWeights.map { needTotal > 0 ? $0 / needTotal : 0 }

        var deviation = 0.0
        func split(_ weights: [Double]) throws(AllocationError) -> [Double] {
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
        var serviceLed: [[Double]] = []
        var coProduced: [[Double]] = []
        serviceLed.reserveCapacity(runs)
        coProduced.reserveCapacity(runs)
        for run in 0..<runs {
            let weights = try drawWeights(scenario: scenario, needs: needs, seed: seed, run: run)
            serviceLed.append(try split(weights.serviceLed))
            coProduced.append(try split(weights.coProduced))
        }

        let constant = { (x: Double) in Statistics.Summary(mean: x, lo: x, hi: x, sd: 0, count: runs) }
        let rows = (0..<k).map { d in
            EnvelopeAllocationReport.Domain(
                id: domains[d], needShare: needShares[d], saturation: saturation[d], minimum: minimum[d],
                maximum: maximum[d],
                spend: [
                    .serviceLed: Statistics.summarize(serviceLed.map { $0[d] }),
                    .coProduced: Statistics.summarize(coProduced.map { $0[d] }),
                    .perfectInformation: constant(perfect[d]),
                ])
        }
        return EnvelopeAllocationReport(
            scenario: scenario.name, currency: scenario.currency, total: total, seed: seed, runs: runs,
            domains: rows,
            divergence: [
                .serviceLed: Statistics.summarize(serviceLed.map(divergence)),
                .coProduced: Statistics.summarize(coProduced.map(divergence)),
                .perfectInformation: constant(divergence(perfect)),
            ],
            ignoredEnvelopes: ignored, solverDeviation: deviation)
    }

    /// The service-led and co-produced domain weights of one run (see
    /// ``allocate(scenario:seed:runs:)`` for the draws and their order).
    ///
    /// - Parameters:
    ///   - scenario: The scenario.
    ///   - needs: Its need matrix, `scenario.needMatrix()`.
    ///   - seed: The master seed.
    ///   - run: The run index; its stream is `RandomSource(seed: seed, stream: run)`.
    /// - Returns: One weight per domain for each regime.
    /// - Throws: ``AllocationError/invalidArgument(_:)`` if a participation draw is rejected
    ///   (a group too large for GSL's 32-bit binomial).
    public static func drawWeights(scenario: Scenario, needs: [[Double]], seed: UInt64, run: Int)
        throws(AllocationError) -> (serviceLed: [Double], coProduced: [Double])
    {
        let random = RandomSource(seed: seed, stream: UInt64(run))
        let k = scenario.domains.count
        let groups = scenario.population
        let sigmaS = scenario.regimes.serviceLed.informationNoise
        let sigmaC = scenario.regimes.coProduced.perceptionNoise
        var serviceLed = [Double](repeating: 0, count: k)
        for (g, group) in groups.enumerated() {
            for d in 0..<k {
                let z = random.gaussian()
                let assessed = group.visibility * needs[g][d] * exp(sigmaS * z - sigmaS * sigmaS / 2)
                serviceLed[d] += Double(group.size) * assessed
            }
        }
        var participants: [Int]
        do {
            if let electorate = scenario.regimes.coProduced.electorate {
                let propensity = groups.map { Double($0.size) * $0.participation }
                participants =
                    propensity.contains(where: { $0 > 0 })
                    ? try random.multinomial(trials: electorate, probabilities: propensity)
                    : groups.map { _ in 0 }
            } else {
                participants = []
                for group in groups {
                    participants.append(try random.binomial(p: group.participation, trials: group.size))
                }
            }
        } catch {
            throw .invalidArgument("participation draw: \(error.description)")
        }
        var coProduced = [Double](repeating: 0, count: k)
        for (g, _) in groups.enumerated() {
            for d in 0..<k {
                let z = random.gaussian()
                let expressed = needs[g][d] * exp(sigmaC * z - sigmaC * sigmaC / 2)
                coProduced[d] += Double(participants[g]) * expressed
            }
        }
        return (serviceLed, coProduced)
    }

    /// An amount without a trailing `.0` when it is whole.
    private static func amount(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}
