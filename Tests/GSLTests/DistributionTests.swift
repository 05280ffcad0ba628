import Foundation
import GSL
import Testing

@Suite struct DistributionTests {
    /// Sample mean and sample variance, computed here in plain Swift (not with the module's
    /// Statistics) so that a bug there cannot hide one in the draws.
    private func moments(_ values: [Double]) -> (mean: Double, variance: Double) {
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return (mean, variance)
    }

    @Test("gaussian(sigma: 2) has mean 0 and variance 4 within 4 standard errors")
    func gaussianMoments() {
        let n = 100_000
        let sigma = 2.0
        let random = RandomSource(seed: 21)
        let (mean, variance) = moments((0..<n).map { _ in random.gaussian(sigma: sigma) })
        // SE of the mean: sigma/sqrt(n); SE of the sample variance of a normal: sigma^2 sqrt(2/(n-1)).
        #expect(isWithin(mean, standardErrors: 4, of: 0, standardError: sigma / Double(n).squareRoot()))
        #expect(
            isWithin(
                variance, standardErrors: 4, of: sigma * sigma,
                standardError: sigma * sigma * (2 / Double(n - 1)).squareRoot()))
    }

    @Test("gaussian() puts about 68.27% of draws within one standard deviation")
    func gaussianOneSigmaShare() {
        // P(|Z| < 1) = erf(1/sqrt 2) = 0.682689; the share is binomial with SE sqrt(p(1-p)/n).
        let n = 100_000
        let random = RandomSource(seed: 22)
        let inside = (0..<n).filter { _ in abs(random.gaussian()) < 1 }.count
        let p = 0.682_689_492
        #expect(
            isWithin(
                Double(inside) / Double(n), standardErrors: 4, of: p,
                standardError: (p * (1 - p) / Double(n)).squareRoot()))
    }

    @Test("binomial(p: 0.3, trials: 50000) has mean 15000 and variance 10500 within bounds")
    func binomialMoments() throws {
        let draws = 2000
        let random = RandomSource(seed: 23)
        var values: [Double] = []
        for _ in 0..<draws {
            let k = try random.binomial(p: 0.3, trials: 50_000)
            #expect(k >= 0 && k <= 50_000)
            values.append(Double(k))
        }
        let (mean, variance) = moments(values)
        // Mean np = 15000, variance np(1-p) = 10500; at this size the count is close to normal,
        // so the sample variance has SE ~ variance * sqrt(2/(m-1)).
        #expect(isWithin(mean, standardErrors: 4, of: 15_000, standardError: (10_500 / Double(draws)).squareRoot()))
        #expect(
            isWithin(
                variance, standardErrors: 4, of: 10_500,
                standardError: 10_500 * (2 / Double(draws - 1)).squareRoot()))
    }

    @Test("binomial with p = 0, p = 1 or no trials is exact")
    func binomialEdges() throws {
        let random = RandomSource(seed: 24)
        #expect(try random.binomial(p: 0, trials: 1000) == 0)
        #expect(try random.binomial(p: 1, trials: 1000) == 1000)
        #expect(try random.binomial(p: 0.5, trials: 0) == 0)
    }

    @Test("lognormal with zeta = -sigma^2/2 has mean 1, and its log has mean zeta")
    func lognormalMeanOne() {
        let n = 100_000
        let sigma = 0.5
        let zeta = -sigma * sigma / 2
        let random = RandomSource(seed: 25)
        let draws = (0..<n).map { _ in random.lognormal(zeta: zeta, sigma: sigma) }
        #expect(draws.allSatisfy { $0 > 0 })
        // E = exp(zeta + sigma^2/2) = 1; Var = (exp(sigma^2) - 1) exp(2 zeta + sigma^2) = exp(0.25) - 1.
        let variance = exp(0.25) - 1
        #expect(
            isWithin(
                moments(draws).mean, standardErrors: 4, of: 1,
                standardError: (variance / Double(n)).squareRoot()))
        let logs = draws.map { log($0) }
        #expect(
            isWithin(moments(logs).mean, standardErrors: 4, of: zeta, standardError: sigma / Double(n).squareRoot()))
    }

    @Test("lognormal with sigma = 0 is exactly exp(zeta)")
    func lognormalWithoutSpread() {
        let random = RandomSource(seed: 26)
        #expect(isClose(random.lognormal(zeta: 0.7, sigma: 0), exp(0.7), relativeTolerance: 1e-15))
    }

    @Test("poisson(mean: 3.5) has mean and variance 3.5 within bounds")
    func poissonMoments() throws {
        let n = 100_000
        let lambda = 3.5
        let random = RandomSource(seed: 27)
        var values: [Double] = []
        for _ in 0..<n { values.append(Double(try random.poisson(mean: lambda))) }
        let (mean, variance) = moments(values)
        // Var(sample variance) ~ (mu4 - sigma^4)/n with mu4 = lambda(1 + 3 lambda) for a Poisson.
        let mu4 = lambda * (1 + 3 * lambda)
        #expect(isWithin(mean, standardErrors: 4, of: lambda, standardError: (lambda / Double(n)).squareRoot()))
        #expect(
            isWithin(
                variance, standardErrors: 4, of: lambda,
                standardError: ((mu4 - lambda * lambda) / Double(n)).squareRoot()))
        #expect(try random.poisson(mean: 0) == 0)
    }

    @Test("multinomial counts add up to the trials and follow the normalised weights")
    func multinomialMeans() throws {
        let draws = 10_000
        let trials = 100
        let weights = [1.0, 1.0, 2.0]  // probabilities 0.25, 0.25, 0.5
        let random = RandomSource(seed: 28)
        var totals = [0.0, 0.0, 0.0]
        for _ in 0..<draws {
            let counts = try random.multinomial(trials: trials, probabilities: weights)
            #expect(counts.count == 3)
            #expect(counts.reduce(0, +) == trials)
            for i in 0..<3 { totals[i] += Double(counts[i]) }
        }
        // Each count is binomial(trials, p_i): mean trials p_i, variance trials p_i (1 - p_i).
        for (i, p) in [0.25, 0.25, 0.5].enumerated() {
            let mean = totals[i] / Double(draws)
            #expect(
                isWithin(
                    mean, standardErrors: 4, of: Double(trials) * p,
                    standardError: (Double(trials) * p * (1 - p) / Double(draws)).squareRoot()))
        }
    }

    @Test("multinomial puts nothing in a zero-weight category")
    func multinomialZeroWeight() throws {
        let random = RandomSource(seed: 29)
        for _ in 0..<100 {
            let counts = try random.multinomial(trials: 50, probabilities: [0.5, 0, 0.5])
            #expect(counts[1] == 0)
        }
    }
}
