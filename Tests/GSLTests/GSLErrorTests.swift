import GSL
import Testing

@Suite struct GSLErrorTests {
    @Test("binomial with p = 1.5 throws a domain error naming p")
    func binomialProbabilityOutOfRange() {
        let random = RandomSource(seed: 41)
        let error = #expect(throws: GSLError.self) { try random.binomial(p: 1.5, trials: 10) }
        #expect(error == GSLError.domain("RandomSource.binomial(p:trials:)", "p: expected a value in [0, 1], got 1.5"))
        #expect(error?.code == .domain)
        #expect(error?.description == "RandomSource.binomial(p:trials:): p: expected a value in [0, 1], got 1.5")
    }

    @Test("binomial rejects NaN p and negative trials")
    func binomialOtherDomainErrors() {
        let random = RandomSource(seed: 42)
        let nan = #expect(throws: GSLError.self) { try random.binomial(p: .nan, trials: 10) }
        #expect(nan?.message == "p: expected a value in [0, 1], got nan")
        let negative = #expect(throws: GSLError.self) { try random.binomial(p: 0.5, trials: -1) }
        #expect(negative?.message == "trials: expected a value in 0...4294967295, got -1")
    }

    @Test("poisson rejects a negative mean")
    func poissonNegativeMean() {
        let random = RandomSource(seed: 43)
        let error = #expect(throws: GSLError.self) { try random.poisson(mean: -1) }
        #expect(error?.description == "RandomSource.poisson(mean:): mean: expected a value in [0, 2^31], got -1.0")
    }

    @Test("multinomial rejects empty, negative and all-zero weights")
    func multinomialDomainErrors() {
        let random = RandomSource(seed: 44)
        let empty = #expect(throws: GSLError.self) { try random.multinomial(trials: 5, probabilities: []) }
        #expect(empty?.message == "probabilities: expected at least one category, got none")
        let negative = #expect(throws: GSLError.self) { try random.multinomial(trials: 5, probabilities: [0.5, -0.1]) }
        #expect(negative?.message == "probabilities[1]: expected a finite value >= 0, got -0.1")
        let zero = #expect(throws: GSLError.self) { try random.multinomial(trials: 5, probabilities: [0, 0]) }
        #expect(zero?.message == "probabilities: expected a finite positive sum, got 0.0")
    }

    @Test("Codes carry GSL's own text from gsl_strerror")
    func codeDescriptions() {
        // Texts as in GSL's err/strerror.c.
        #expect(GSLError.Code.domain.description == "input domain error")
        #expect(GSLError.Code.badFunction.description == "problem with user-supplied function")
        #expect(GSLError.Code.domain.rawValue == 1)
        #expect(GSLError.Code.badFunction.rawValue == 9)
    }

    @Test("A domain error reads as the Swift API, then the message")
    func domainDescription() {
        let domain = GSLError.domain("f", "input domain error")
        #expect(domain.code == .domain)
        #expect(domain.description == "f: input domain error")
    }
}
