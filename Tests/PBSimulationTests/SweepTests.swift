import GSL
import PBScenario
import Testing

@testable import PBSimulation

@Suite struct SweepTests {
    @Test("Participation multiplies every group's rate, capped at 1; the rate override sets them all")
    func participation() throws {
        let scenario = try TestSupport.parse(TestSupport.smallYAML)
        let doubled = SweepParameter.participation.applied(to: scenario, value: 2.5)
        #expect(doubled.population.map(\.participation) == [1, 0.5, 0.25])
        let overridden = SweepParameter.participationRate.applied(to: scenario, value: 0.3)
        #expect(overridden.population.map(\.participation) == [0.3, 0.3, 0.3])
        #expect(!SweepParameter.participationRate.accepts(1.5))
        #expect(SweepParameter.participation.accepts(1.5))
        #expect(!SweepParameter.lambda.accepts(-0.1))
    }

    @Test("A lambda sweep gives one row per value from the same runs, each with its own blend")
    func lambdaSweep() throws {
        let scenario = try TestSupport.parse(TestSupport.smallYAML)
        let sweep = try ParameterSweep.run(
            scenario: scenario, parameter: .lambda, values: [0, 0.5, 1], runs: 20, seed: 3)
        #expect(sweep.results.count == 3)
        for (value, row) in zip(sweep.values, sweep.results) {
            #expect(row.regimes.map(\.regime) == [.serviceLed, .coProduced, .blend(value), .optimum])
            #expect(row.outcomes.allSatisfy { $0.regimes.count == 4 })
        }
        // lambda = 0 ranks by the service-led score per cost, which is what greedy service-led does.
        let first = sweep.results[0]
        #expect(first.outcomes.allSatisfy { $0.regimes[0].selection == $0.regimes[2].selection })
        // The common regimes are the same in every row.
        #expect(sweep.results[1].summary(of: .serviceLed) == first.summary(of: .serviceLed))
    }

    @Test("A noise sweep runs one simulation per value with the same seed")
    func noiseSweep() throws {
        let scenario = try Scenario.load(path: TestSupport.shipped("riverside.yaml"))
        let sweep = try ParameterSweep.run(
            scenario: scenario, parameter: .informationNoise, values: [0, 0.5], runs: 8, seed: 3)
        // Co-produced draws come after the service-led ones, so they are the same in both rows.
        // NB: not ==, since rule-sensitivity summaries of one run have a NaN standard deviation.
        let first = try #require(sweep.results[0].summary(of: .coProduced))
        #expect(sweep.results[1].summary(of: .coProduced).map { $0.hasSameFigures(as: first) } == true)
        let service = try #require(sweep.results[0].summary(of: .serviceLed))
        #expect(sweep.results[1].summary(of: .serviceLed).map { $0.hasSameFigures(as: service) } == false)
        #expect(sweep.unchangedReason == nil)
        #expect(sweep.results[0].summary(of: .serviceLed)?.metrics[.efficiency]?.sd == 0)
        #expect((sweep.results[1].summary(of: .serviceLed)?.metrics[.efficiency]?.sd ?? 0) > 0)
    }
}
