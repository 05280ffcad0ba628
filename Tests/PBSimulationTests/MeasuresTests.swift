import GSL
import PBScenario
import Testing

@testable import PBSimulation

@Suite struct MeasuresTests {
    @Test("Coverage is benefit over need, 0 for a group without need")
    func coverage() {
        #expect(Measures.coverage(benefit: [0.3, 0, 0.5], need: [0.6, 1, 0]) == [0.5, 0, 0])
    }

    @Test("The population-weighted Gini matches the mean-difference formula by hand")
    func gini() {
        // Values 0.465, 0.9, 0 for 100, 50, 200 people. By hand, G = sum_ij w_i w_j |x_i - x_j| / (2 W^2 mu):
        // ordered pairs 2 * (200*100*0.465 + 200*50*0.9 + 100*50*0.435) = 40,950;
        // 2 W^2 mu = 2 * 350^2 * (91.5 / 350) = 64,050; G = 40,950 / 64,050.
        let gini = Measures.gini(coverage: [0.465, 0.9, 0], weights: [100, 50, 200])
        #expect(close(gini, 40_950.0 / 64_050.0))
        #expect(Measures.gini(coverage: [0.4, 0.4], weights: [3, 7]) == 0)
    }

    @Test("Exclusion is the share of people in groups with exactly zero benefit")
    func exclusion() {
        #expect(close(Measures.exclusion(benefit: [0.3, 0, 1e-12], weights: [100, 50, 150]), 50.0 / 300.0))
        #expect(Measures.exclusion(benefit: [0.3, 0.1], weights: [1, 1]) == 0)
    }

    @Test("Total variation distance normalises both sides first")
    func totalVariation() {
        // (3/4, 1/4) against (1/2, 1/2): half of |0.25| + |0.25|.
        #expect(close(Measures.totalVariationDistance([3, 1], [1, 1]), 0.25))
        #expect(Measures.totalVariationDistance([1, 0], [0, 5]) == 1)
        #expect(Measures.totalVariationDistance([0, 0], [1, 1]).isNaN)
    }

    @Test("The weighted mean")
    func weightedMean() {
        #expect(close(Measures.weightedMean([0.465, 0.9, 0], weights: [100, 50, 200]), 91.5 / 350))
    }
}

@Suite struct SmallWorldTests {
    let scenario: Scenario
    let simulator: Simulator

    init() throws {
        scenario = try TestSupport.parse(TestSupport.smallYAML)
        simulator = try Simulator(scenario: scenario)
    }

    @Test("True welfare per proposal matches the hand calculation")
    func trueWelfare() throws {
        let world = try #require(simulator.world)
        #expect(close(world.trueWelfare[0], 42))
        #expect(close(world.trueWelfare[1], 45))
        #expect(close(world.trueWelfare[2], 28))
        #expect(world.effectiveCosts == [400, 480, 300])
    }

    @Test("The optimum is {school, clinic} and its metrics match the hand calculation")
    func optimumMetrics() throws {
        #expect(simulator.optimum == [0, 1])
        let run = simulator.outcome(ofRun: 0, seed: 1)
        let index = try #require(simulator.regimes.firstIndex(of: .optimum))
        let optimum = run.regimes[index]
        #expect(optimum.selection == [0, 1])
        let values = optimum.values
        #expect(values[.efficiency] == 1)
        #expect(close(values[.welfare]!, 87))
        // Coverage: north (0.42 + 0.045) / 1.0, south 0.81 / 0.9, everyone-else 0 / 0.2.
        #expect(close(optimum.coverageByGroup[0], 0.465))
        #expect(close(optimum.coverageByGroup[1], 0.9))
        #expect(optimum.coverageByGroup[2] == 0)
        #expect(close(values[.coverage]!, 91.5 / 350))
        #expect(close(values[.gini]!, 40_950.0 / 64_050.0))
        #expect(close(values[.exclusion]!, 200.0 / 350))
        #expect(close(values[.budgetUse]!, 0.88))
        // District spend: north 400, south 480 of 880; need north 100, south 45 (everyone-else has no district).
        #expect(close(optimum.spendShares[0][0], 400.0 / 880))
        #expect(close(optimum.spendShares[0][1], 480.0 / 880))
        #expect(close(optimum.divergence[0], 100.0 / 145 - 400.0 / 880))
        // Domain spend: education 400 * 5/6, health 400/6 + 480; need education 100, health 85.
        #expect(close(optimum.spendShares[1][0], 400.0 * 5 / 6 / 880))
        #expect(close(optimum.divergence[1], 100.0 / 185 - 400.0 * 5 / 6 / 880))
    }

    @Test("Realised costs vary only for proposals with a cost sigma, around the planned cost")
    func realisedCosts() throws {
        // Only the clinic (cost_sigma 0.2) is uncertain; the optimum funds school and clinic, so the
        // realised budget use is (400 + 480 * factor) / 1000 with a lognormal factor of mean 1.
        let result = simulator.run(runs: 400, seed: 3, jobs: 2)
        let optimum = try #require(result.summary(of: .optimum))
        let realised = try #require(optimum.metrics[.realisedBudgetUse])
        // The factor's sd is sqrt(exp(0.04) - 1) = 0.2020, so the mean of 400 runs has a standard
        // error of 0.48 * 0.202 / 20 = 0.0048; 4 standard errors is 0.02.
        #expect(abs(realised.mean - 0.88) < 0.02)
        #expect(realised.sd > 0)
        #expect(optimum.metrics[.budgetUse]?.sd == 0)
    }
}
