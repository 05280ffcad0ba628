import Foundation
import PBScenario
import Testing

@Suite struct ScenarioCodableTests {
    @Test("A scenario round-trips through JSON with the file's key names")
    func jsonRoundTrip() throws {
        let scenario = try Scenario.load(path: Fixtures.path("small.yaml"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(scenario)
        let json = try #require(String(data: data, encoding: .utf8))
        #expect(json.contains(#""cost_sigma":0.2"#))
        #expect(
            json.contains(
                #""service-led":{"discounts_risk":true,"discovery":1,"effect_noise":0,"information_noise":0.3,"rule":"greedy","#
                    + #""sees_appropriateness":true}"#
            ))
        #expect(json.contains(#""ballot":"approval""#) && json.contains(#""threshold":0.2"#))
        #expect(json.contains(#""needs":{"education":0.8,"health":0.2}"#))
        let decoded = try JSONDecoder().decode(Scenario.self, from: data)
        #expect(decoded == scenario)
    }

    @Test("Decoding validates the scenario, reporting field paths without lines")
    func decodingValidates() throws {
        var scenario = try Scenario.load(path: Fixtures.path("small.yaml"))
        scenario.population[1].participation = 2
        let data = try JSONEncoder().encode(scenario)
        let error = #expect(throws: ScenarioError.self) { _ = try JSONDecoder().decode(Scenario.self, from: data) }
        #expect(error?.description == "population[1].participation: must be between 0 and 1, got 2")
    }

    @Test("validate() checks a scenario changed in code")
    func validateInCode() throws {
        var scenario = try Scenario.load(path: Fixtures.path("small.yaml"))
        try scenario.validate()
        scenario.proposals[2].reach["nobody"] = 0.5
        scenario.regimes.blend = .init(lambdas: [0, 1.5])
        let error = #expect(throws: ScenarioError.self) { try scenario.validate() }
        #expect(
            error?.description == """
                proposals[2].reach.nobody: unknown group 'nobody'
                regimes.blend.lambdas[1]: must be between 0 and 1, got 1.5
                """)
    }
}
