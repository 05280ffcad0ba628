import Foundation
import PBScenario
import Testing

@testable import PBSimulation

/// Real ballots (MODEL.md section 6) on a hand-made election whose outcomes are computed by hand.
///
/// Four projects, budget 100: a (40, health, seniors), b (30, sport, youth), c (50, health and sport,
/// seniors and youth), d (20, culture, no target). Five approval voters: {a, c}, {a}, {b, d}, {b}, {c, d}.
@Suite struct RealBallotsTests {
    static let election = """
        META
        key;value
        description;Hand-made test election
        num_projects;4
        num_votes;5
        budget;100
        vote_type;approval
        PROJECTS
        project_id;cost;category;target
        a;40;health;seniors
        b;30;sport;youth
        c;50;health,sport;seniors,youth
        d;20;culture;None
        VOTES
        voter_id;vote
        1;a,c
        2;a
        3;b,d
        4;b
        5;c,d

        """

    /// Writes the election and a scenario using it into a fresh folder; returns the scenario's path.
    static func write(needs: String, noise: Double = 0, rule: String = "mes") throws -> String {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("pbsim-real-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try election.write(toFile: folder + "/test.pb", atomically: true, encoding: .utf8)
        let yaml = """
            name: Hand-made election
            currency: PLN
            runs: 5
            budget:
              total: 100
            election:
              file: test.pb
              needs:
            \(needs)
            regimes:
              service-led: {information_noise: \(noise), rule: greedy}
              co-produced: {rule: \(rule)}
              blend: {lambdas: [1]}

            """
        let path = folder + "/scenario.yaml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let needs = "    health: 0.9\n    sport: 0.4\n    seniors: 1.0\n    youth: 0.5"

    @Test("Outcomes and observable metrics match the hand calculation")
    func handCalculation() throws {
        let path = try Self.write(needs: Self.needs)
        let simulator = try Simulator(scenario: try Scenario.load(path: path), file: path)
        #expect(simulator.regimes == [.serviceLed, .coProduced, .blend(1)])
        let result = simulator.run(runs: 3, seed: 1, jobs: 2)
        let run = result.outcomes[0]
        // Assessed values: a 40 * (0.9 + 1.0) = 76, b 30 * 0.9 = 27, c 50 * 2.8 = 140, d 0. Greedy by
        // value per cost (c 2.8, a 1.9, b 0.9): c, a (90), b no longer fits: {a, c}.
        let service = run.regimes[0]
        #expect(service.selection == [0, 2])
        // MES (each voter 20): a, b, d at price 0.5 (ties by id), then c cannot be afforded: {a, b, d}.
        let co = run.regimes[1]
        #expect(co.selection == [0, 1, 3])
        // Satisfaction: co-produced (0.4 + 0.4 + 0.5 + 0.3 + 0.2) / 5; service-led (0.9 + 0.4 + 0 + 0 + 0.5) / 5.
        #expect(close(co.values[.satisfaction]!, 0.36))
        #expect(close(service.values[.satisfaction]!, 0.36))
        // Exclusion: nobody under co-production; voters 3 and 4 service-led.
        #expect(co.values[.exclusion] == 0)
        #expect(close(service.values[.exclusion]!, 0.4))
        // EJR-1: MES satisfies it; voters 3 and 4 (2/5 of the voters, 40 of the budget) approve b (30)
        // and get nothing service-led.
        #expect(co.ejr == .satisfied)
        if case .violated = service.ejr {
        } else {
            Issue.record("service-led should violate EJR-1: \(String(describing: service.ejr))")
        }
        #expect(close(co.values[.budgetUse]!, 0.9))
        // Spend by category (health, sport, culture): co-produced 40, 30, 20 of 90; need 0.9, 0.4, 0.
        let categories = result.breakdowns[0]
        #expect(categories.labels == ["health", "sport", "culture"])
        #expect(close(co.spendShares[0][0], 40.0 / 90))
        #expect(close(co.spendShares[0][2], 20.0 / 90))
        let tvd = (abs(40.0 / 90 - 0.9 / 1.3) + abs(30.0 / 90 - 0.4 / 1.3) + abs(20.0 / 90 - 0)) / 2
        #expect(close(co.divergence[0], tvd))
        // Service-led: a's 40 to health, c's 50 split 25/25.
        #expect(close(service.spendShares[0][0], 65.0 / 90))
        // Targets: seniors, youth (None lists no target, so d's 20 is unattributed).
        #expect(result.breakdowns[1].labels == ["seniors", "youth"])
        #expect(close(co.spendShares[1][0] + co.spendShares[1][1], 70.0 / 90))
        // Without noise every run is the same.
        #expect(result.outcomes.allSatisfy { $0.regimes == run.regimes })
    }

    @Test("Information noise makes the assessed values, and so the service-led choice, vary by run")
    func noiseVariesServiceLed() throws {
        let path = try Self.write(needs: Self.needs, noise: 1.5)
        let result = try Simulator(scenario: try Scenario.load(path: path), file: path).run(runs: 40, seed: 2)
        let selections = Set(result.outcomes.map { $0.regimes[0].selection })
        #expect(selections.count > 1)
        #expect(Set(result.outcomes.map { $0.regimes[1].selection }) == [[0, 1, 3]])
    }

    @Test("Needs that are neither a category nor a target group are errors naming the file, line and field")
    func unknownNeeds() throws {
        let path = try Self.write(needs: "    helth: 0.9\n    seniors: 1.0\n    childern: 0.5")
        let (scenario, sourceMap) = try Scenario.loadWithSourceMap(path: path)
        let error = #expect(throws: SimulationError.self) {
            try Simulator(scenario: scenario, file: path, sourceMap: sourceMap)
        }
        // The needs start on line 9 of the scenario (helth), childern is on line 11.
        #expect(
            error?.description == """
                \(path):11: election.needs.childern: unknown category or target group 'childern' in test.pb
                \(path):9: election.needs.helth: unknown category or target group 'helth' in test.pb (did you mean 'health'?)
                """)
    }

    @Test("A rule that does not apply to the ballots is an error; Add1 takes cumulative ballots (points)")
    func ruleNotApplicable() throws {
        var scenario = try TestSupport.parse(TestSupport.smallYAML)
        scenario.regimes.coProduced = .init(perceptionNoise: 0, ballot: .cardinal, rule: .mesAdd1)
        let error = #expect(throws: SimulationError.self) { try Simulator(scenario: scenario, file: "x.yaml") }
        #expect(
            error?.description.hasPrefix(
                "x.yaml: regimes.co-produced.rule: 'mes-add1' does not apply to cardinal ballots") == true)
        scenario.regimes.coProduced = .init(perceptionNoise: 0, ballot: .cumulative(points: 10), rule: .mesAdd1)
        #expect(throws: Never.self) { try Simulator(scenario: scenario, file: "x.yaml") }
    }
}
