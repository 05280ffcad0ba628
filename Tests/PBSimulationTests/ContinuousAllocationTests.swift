import GSL
import PBRules
import PBScenario
import PBSimulation
import Testing

// MARK: - Test support (private to this file)

/// A random allocation problem; bounds only when `bounded`.
private struct Problem: CustomStringConvertible {
    var weights: [Double]
    var saturation: [Double]
    var lower: [Double]
    var upper: [Double]
    var total: Double
    var description: String { "w \(weights) s \(saturation) lo \(lower) hi \(upper) B \(total)" }

    init(bounded: Bool, using random: inout SplitMix) {
        let k = Int.random(in: 2...9, using: &random)
        let total = Double.random(in: 1e4...1e7, using: &random).rounded()
        self.total = total
        weights = (0..<k).map { _ in Double.random(in: 0.05...10, using: &random) * 1000 }
        saturation = (0..<k).map { _ in total / Double(k) * Double.random(in: 0.1...3, using: &random) }
        lower = [Double](repeating: 0, count: k)
        upper = [Double](repeating: .infinity, count: k)
        guard bounded else { return }
        for d in 0..<k {
            if Bool.random(using: &random) { lower[d] = total / Double(k) * Double.random(in: 0...0.9, using: &random) }
            if Bool.random(using: &random) {
                upper[d] = lower[d] + total / Double(k) * Double.random(in: 0.05...1.5, using: &random)
            }
        }
        // Keep the bounds feasible: at least one domain without a maximum.
        if upper.allSatisfy({ $0 < .infinity }) { upper[Int.random(in: 0..<k, using: &random)] = .infinity }
    }
}

/// The marginal worth `w_k / (1 + x_k / s_k)` of each domain at an allocation.
private func marginals(_ x: [Double], _ p: Problem) -> [Double] {
    x.indices.map { p.weights[$0] / (1 + x[$0] / p.saturation[$0]) }
}

/// Checks the KKT conditions of MODEL.md section 4 within a relative tolerance: the sum, the
/// bounds, and one marginal worth ν shared by every domain strictly inside its bounds, with
/// domains at a lower bound worth at most ν and domains at an upper bound at least ν.
private func satisfiesKKT(_ x: [Double], _ p: Problem, tolerance: Double) -> Bool {
    let scale = p.total
    guard abs(x.reduce(0, +) - p.total) <= 1e-9 * scale else { return false }
    for k in x.indices where x[k] < p.lower[k] - 1e-9 * scale || x[k] > p.upper[k] + 1e-9 * scale { return false }
    let m = marginals(x, p)
    let atLower = x.indices.map { x[$0] <= p.lower[$0] + tolerance * scale }
    let atUpper = x.indices.map { x[$0] >= p.upper[$0] - tolerance * scale }
    let interior = x.indices.filter { !atLower[$0] && !atUpper[$0] }
    guard let first = interior.first else { return true }
    let nu = m[first]
    for k in interior where abs(m[k] - nu) > tolerance * nu * 10 { return false }
    for k in x.indices where atLower[k] && !atUpper[k] && m[k] > nu * (1 + 10 * tolerance) { return false }
    for k in x.indices where atUpper[k] && !atLower[k] && m[k] < nu * (1 - 10 * tolerance) { return false }
    return true
}

private let smallScenario = """
    name: Test borough
    currency: GBP
    seed: 7
    runs: 20
    budget:
      total: 1000000
      envelopes:
        - {district: north, max: 600000}
        - {domain: health, min: 150000}
        - {domain: culture, max: 100000}
    domains: [education, health, culture]
    districts: [north, south]
    population:
      - {id: families, district: north, size: 4000, needs: {education: 0.9, health: 0.3}, participation: 0.1, visibility: 1.0}
      - {id: elders, district: south, size: 2500, needs: {health: 0.8, culture: 0.4}, participation: 0.2, visibility: 0.6}
      - {id: newcomers, district: south, size: 900, needs: {education: 0.5, health: 0.6, culture: 0.2}, participation: 0.02, visibility: 0.3}
    proposals:
      - {id: school, title: School, cost: 400000, district: north, effects: {education: 0.8}, origin: service, delivery: service}
      - {id: clinic, title: Clinic, cost: 300000, district: south, effects: {health: 0.7}, origin: service, delivery: service}
      - {id: arts, title: Arts, cost: 90000, effects: {culture: 0.6}, origin: community, delivery: community-led}
    regimes:
      service-led: {information_noise: NOISE, rule: greedy}
      co-produced: {perception_noise: PERCEPTION, ballot: approval, threshold: 0.1, rule: mes}
    """

private func scenario(noise: Double = 0.3, perception: Double = 0.05) throws -> Scenario {
    let yaml = smallScenario.replacing("PERCEPTION", with: "\(perception)").replacing("NOISE", with: "\(noise)")
    return try Scenario.parse(yaml: yaml, file: "test.yaml")
}

// MARK: - Solver against water-filling

@Suite struct ContinuousAllocationTests {
    @Test("Water-filling gives the hand-computed split of two domains")
    func handComputed() throws {
        // 3 / (1 + x0/100) = 1 / (1 + x1/100) and x0 + x1 = 300 give x0 = 275, x1 = 25.
        let x = ContinuousAllocation.waterFilling(weights: [3, 1], saturation: [100, 100], total: 300)
        #expect(abs(x[0] - 275) < 1e-9 && abs(x[1] - 25) < 1e-9)
        // With x1 >= 80 the minimum binds: x = [220, 80].
        let bounded = try ContinuousAllocation.waterFilling(
            weights: [3, 1], saturation: [100, 100], lower: [0, 80], upper: [.infinity, .infinity], total: 300)
        #expect(abs(bounded[0] - 220) < 1e-9 && abs(bounded[1] - 80) < 1e-9)
        // A domain of weight 0 gets nothing; with a small total only the best domain is funded
        // (the second starts at x0 = s0 (w0/w1 - 1) = 200).
        let small = ContinuousAllocation.waterFilling(weights: [3, 1, 0], saturation: [100, 100, 100], total: 150)
        #expect(abs(small[0] - 150) < 1e-9 && small[1] == 0 && small[2] == 0)
    }

    @Test("The multimin solution matches water-filling without bounds", arguments: 0..<3)
    func unboundedMatchesWaterFilling(batch: Int) throws {
        var random = SplitMix(seed: 0xA110C + UInt64(batch))
        for _ in 0..<10 {
            let p = Problem(bounded: false, using: &random)
            let solved = try ContinuousAllocation.solve(
                weights: p.weights, saturation: p.saturation, lower: p.lower, upper: p.upper, total: p.total)
            let exact = ContinuousAllocation.waterFilling(weights: p.weights, saturation: p.saturation, total: p.total)
            let raw = try ContinuousAllocation.solve(
                weights: p.weights, saturation: p.saturation, lower: p.lower, upper: p.upper, total: p.total,
                polish: false)
            for k in exact.indices {
                #expect(abs(raw[k] - exact[k]) <= 5e-3 * p.total, "domain \(k): \(p)")
                // 1e-6 of the budget: the brief's tolerance; the polished split is exact to rounding.
                #expect(abs(solved[k] - exact[k]) <= 1e-6 * p.total, "domain \(k): \(p)")
            }
            #expect(abs(solved.reduce(0, +) - p.total) <= 1e-9 * p.total)
            #expect(satisfiesKKT(exact, p, tolerance: 1e-9), "\(p)")
            #expect(satisfiesKKT(solved, p, tolerance: 1e-6), "\(p)")
        }
    }

    @Test("The multimin solution matches water-filling with bounds", arguments: 0..<3)
    func boundedMatchesWaterFilling(batch: Int) throws {
        var random = SplitMix(seed: 0xB0B + UInt64(batch))
        var boundsBinding = 0
        for _ in 0..<10 {
            let p = Problem(bounded: true, using: &random)
            let solved = try ContinuousAllocation.solve(
                weights: p.weights, saturation: p.saturation, lower: p.lower, upper: p.upper, total: p.total)
            let exact = try ContinuousAllocation.waterFilling(
                weights: p.weights, saturation: p.saturation, lower: p.lower, upper: p.upper, total: p.total)
            let raw = try ContinuousAllocation.solve(
                weights: p.weights, saturation: p.saturation, lower: p.lower, upper: p.upper, total: p.total,
                polish: false)
            for k in exact.indices {
                #expect(abs(solved[k] - exact[k]) <= 1e-6 * p.total, "domain \(k): \(p)")
                #expect(solved[k] >= p.lower[k] && solved[k] <= p.upper[k])
                // The minimiser's own point, before the active-set polish: close, not exact (its
                // barrier keeps domains off their bounds).
                #expect(abs(raw[k] - exact[k]) <= 5e-3 * p.total, "domain \(k): \(p)")
                if exact[k] == p.lower[k] || exact[k] == p.upper[k] { boundsBinding += 1 }
            }
            #expect(abs(solved.reduce(0, +) - p.total) <= 1e-9 * p.total)
            #expect(satisfiesKKT(exact, p, tolerance: 1e-9), "\(p)")
            #expect(satisfiesKKT(solved, p, tolerance: 1e-6), "\(p)")
        }
        #expect(boundsBinding > 0, "the instances should exercise binding bounds")
    }

    @Test("Bounds that cannot hold the total throw a clear error")
    func infeasibleBounds() {
        let tooHigh = #expect(throws: AllocationError.self) {
            try ContinuousAllocation.solve(
                weights: [1, 1], saturation: [1, 1], lower: [3, 3], upper: [5, 5], total: 4)
        }
        #expect(tooHigh == .infeasibleBounds(lowerSum: 6, upperSum: 10, total: 4))
        #expect(tooHigh?.description == "the domain minimums add up to 6, more than the total 4")
        let tooLow = #expect(throws: AllocationError.self) {
            try ContinuousAllocation.waterFilling(
                weights: [1, 1], saturation: [1, 1], lower: [0, 0], upper: [2, 3], total: 8)
        }
        #expect(tooLow?.description == "the domain maximums add up to 5, less than the total 8")
        let negative = #expect(throws: AllocationError.self) {
            try ContinuousAllocation.solve(
                weights: [1, -1], saturation: [1, 1], lower: [0, 0], upper: [9, 9], total: 4)
        }
        #expect(negative?.description == "weights[1]: expected a finite value >= 0, got -1.0")
    }

    @Test("When the weighted domains are full, the rest goes to the others in proportion to saturation")
    func zeroWeightDomains() throws {
        // Domain 0 is capped at 100; domains 1 and 2 have weight 0 and saturations 1 and 3.
        let x = try ContinuousAllocation.solve(
            weights: [2, 0, 0], saturation: [50, 1, 3], lower: [0, 0, 0], upper: [100, .infinity, .infinity],
            total: 500)
        #expect(abs(x[0] - 100) < 1e-9 && abs(x[1] - 100) < 1e-9 && abs(x[2] - 300) < 1e-9)
    }

    // MARK: - Scenario level

    @Test("allocate is deterministic for a seed and varies with it")
    func deterministic() throws {
        let s = try scenario()
        let a = try EnvelopeAllocator.allocate(scenario: s, seed: 11, runs: 30)
        let b = try EnvelopeAllocator.allocate(scenario: s, seed: 11, runs: 30)
        let c = try EnvelopeAllocator.allocate(scenario: s, seed: 12, runs: 30)
        #expect(a == b)
        #expect(a != c)
    }

    @Test("Every split sums to the budget and keeps the domain envelopes; district envelopes are listed as ignored")
    func boundsAndTotals() throws {
        let report = try EnvelopeAllocator.allocate(scenario: try scenario(), seed: 3, runs: 40)
        #expect(report.ignoredEnvelopes == ["district north: max 600000"])
        // Domains in canonical id order, whatever the file's order.
        #expect(report.domains.map(\.id.rawValue) == ["culture", "education", "health"])
        for regime in EnvelopeAllocationReport.Regime.allCases {
            let means = report.domains.map { $0.spend[regime]!.mean }
            #expect(abs(means.reduce(0, +) - 1_000_000) < 1e-6, "\(regime)")
            #expect(report.domains[2].spend[regime]!.lo >= 150_000 - 1e-6)
            #expect(report.domains[0].spend[regime]!.hi <= 100_000 + 1e-6)
        }
        #expect(report.solverDeviation < 1e-6)
        // Need shares: education 0.9·4000 + 0.5·900 = 4050, health 0.3·4000 + 0.8·2500 + 0.6·900 = 3740,
        // culture 0.4·2500 + 0.2·900 = 1180, of 8970 in all.
        let shares = report.domains.map(\.needShare)
        #expect(abs(shares[1] - 4050.0 / 8970) < 1e-12 && abs(shares[2] - 3740.0 / 8970) < 1e-12)
    }

    @Test("Without noise and with full visibility, the service-led split is the perfect-information split")
    func perfectServiceLed() throws {
        var s = try scenario(noise: 0)
        s.population = s.population.map { group in
            var group = group
            group.visibility = 1
            return group
        }
        let report = try EnvelopeAllocator.allocate(scenario: s, seed: 5, runs: 10)
        for domain in report.domains {
            let serviceLed = domain.spend[.serviceLed]!
            let perfect = domain.spend[.perfectInformation]!.mean
            // Same weights, same solver: equal up to the solver's rounding.
            #expect(abs(serviceLed.lo - perfect) < 1e-6 && abs(serviceLed.hi - perfect) < 1e-6)
        }
    }

    @Test("With full participation and no perception noise, the co-produced split is the perfect-information split")
    func perfectCoProduced() throws {
        var s = try scenario(perception: 0)
        s.population = s.population.map { group in
            var group = group
            group.participation = 1
            return group
        }
        let report = try EnvelopeAllocator.allocate(scenario: s, seed: 5, runs: 10)
        for domain in report.domains {
            let coProduced = domain.spend[.coProduced]!
            let perfect = domain.spend[.perfectInformation]!.mean
            #expect(abs(coProduced.lo - perfect) < 1e-6 && abs(coProduced.hi - perfect) < 1e-6)
        }
        let divergence = report.divergence[.coProduced]!.mean
        #expect(abs(divergence - report.divergence[.perfectInformation]!.mean) < 1e-12)
    }

    @Test("allocate measures each split on the truth: perfect information is efficiency 1, the others at most 1")
    func efficiencyOnTheTruth() throws {
        let report = try EnvelopeAllocator.allocate(scenario: try scenario(), seed: 3, runs: 40)
        #expect(report.efficiency[.perfectInformation]?.mean == 1)
        #expect(report.distance[.perfectInformation]?.mean == 0)
        for regime in [EnvelopeAllocationReport.Regime.serviceLed, .coProduced] {
            let e = try #require(report.efficiency[regime])
            #expect(e.hi <= 1 + 1e-12 && e.lo > 0, "\(regime)")
            let d = try #require(report.distance[regime])
            #expect(d.lo >= 0 && d.hi <= 1)
        }
        // Officers who see everyone with noise lose value against the true optimum in some runs.
        #expect(report.efficiency[.serviceLed]!.lo < 1)
    }
}
