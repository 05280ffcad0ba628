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

@Suite("A sweep sets a scenario's numbers through the same paths as an override")
struct SweepPathTests {
    static let riverside = Result { try Scenario.load(path: TestSupport.shipped("riverside.yaml")) }

    @Test(
        "a path set by a sweep gives the scenario the same override gives",
        arguments: [
            ("budget.total", 900_000.0),
            ("population[id=families-north].participation", 0.5),
            ("population[*].visibility", 0.4),
            ("population[*].size", 3000),
            ("population[id=families-north].needs.culture", 0.7),
            ("proposals[id=youth-hub].reach.families-north", 0.25),
            ("proposals[*].cost", 50_000),
            ("proposals[id=youth-hub].effects.health", 0.2),
            ("regimes.co-produced.threshold", 0.3),
            ("regimes.panel.size", 25),
            ("regimes.service-led.discovery", 0.5),
            ("regimes.blend.lambdas[1]", 0.4),
        ])
    func sameAsOverride(path: String, value: Double) throws {
        let base = try Self.riverside.get()
        let swept = try SweepParameter(parsing: path).applied(to: base, value: value)
        let overridden = try base.applying(overrides: [(path, .number(value))])
        #expect(swept == overridden)
        #expect(swept != base, "the path must change something")
        #expect(try ScenarioPath(parsing: path).values(in: swept).allSatisfy { $0 == value })
    }

    @Test("a scaled sweep multiplies each item's own number, rounds whole numbers and caps participation at 1")
    func scaled() throws {
        let base = try Self.riverside.get()
        let sizes = try SweepParameter(parsing: "population[*].size", scales: true).applied(to: base, value: 0.37)
        #expect(sizes.population.map(\.size) == base.population.map { Int((Double($0.size) * 0.37).rounded()) })
        let rates = try SweepParameter(parsing: "population[*].participation", scales: true).applied(
            to: base, value: 10)
        #expect(rates.population.map(\.participation) == base.population.map { min(1, $0.participation * 10) })
        let panel = try SweepParameter(parsing: "regimes.panel.size", scales: true).applied(to: base, value: 1.51)
        #expect(panel.regimes.panel?.size == Int((Double(base.regimes.panel?.size ?? 0) * 1.51).rounded()))
        let threshold = try SweepParameter(parsing: "regimes.co-produced.threshold", scales: true).applied(
            to: base, value: 2)
        #expect(threshold.regimes.coProduced.ballot == .approval(.threshold(0.4)))
    }

    @Test("a misspelt sweep path is refused naming it and the parameter it resembles")
    func misspelt() {
        #expect(throws: SweepPathError.self) { try SweepParameter(parsing: "budget.totl") }
        let message = SweepPathError(path: "population[*].visiblity").description
        #expect(
            message.hasPrefix("'population[*].visiblity' is not a parameter (did you mean 'population[*].visibility'?)")
        )
        #expect(SweepPathError(path: "informaton_noise").description.contains("did you mean 'information_noise'?"))
        #expect(SweepParameter(rawValue: "regimes.co-produced.rule") == nil, "a name field is not swept")
    }

    @Test("the co-produced ballot's companion keys exist only with their kind, for a sweep as for an override")
    func ballotCompanion() throws {
        let base = try Self.riverside.get()
        let top = try SweepParameter(parsing: "regimes.co-produced.top")
        #expect(top.problem(in: base) == "the co-produced ballot is approval and has no 'top'")
        #expect(throws: ScenarioError.self) { try base.applying(overrides: [("regimes.co-produced.top", .number(3))]) }
    }
}
