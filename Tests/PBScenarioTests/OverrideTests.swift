import Foundation
import Testing

@testable import PBScenario

@Suite("Scenario overrides by path (MODEL.md section 5)")
struct OverrideTests {
    static func riverside() throws -> Scenario {
        try Scenario.load(path: Fixtures.scenariosFolder() + "/riverside.yaml")
    }

    @Test("paths with keys, ids, indices and [*] change exactly the fields they name")
    func paths() throws {
        let base = try Self.riverside()
        let group = base.population[2].id.rawValue
        let proposal = base.proposals[1].id.rawValue
        let changed = try base.applying(overrides: [
            ("budget.total", .number(900_000)),
            ("regimes.service-led.information_noise", .number(0.75)),
            ("population[id=\(group)].participation", .number(0.5)),
            ("population[*].visibility", .number(0.4)),
            ("proposals[id=\(proposal)].cost", .number(12_345)),
            ("regimes.co-produced.rule", .text("greedy")),
        ])
        #expect(changed.budget.total == 900_000)
        #expect(changed.regimes.serviceLed.informationNoise == 0.75)
        #expect(changed.population[2].participation == 0.5)
        #expect(changed.population.allSatisfy { $0.visibility == 0.4 })
        #expect(changed.proposals[1].cost == 12_345)
        #expect(changed.regimes.coProduced.rule == .greedy)
        var expected = base
        expected.budget.total = 900_000
        expected.regimes.serviceLed.informationNoise = 0.75
        expected.population[2].participation = 0.5
        for g in expected.population.indices { expected.population[g].visibility = 0.4 }
        expected.proposals[1].cost = 12_345
        expected.regimes.coProduced.rule = .greedy
        #expect(changed == expected, "nothing else may change")
    }

    @Test(
        "a path that names nothing, or a value that does not fit, is an issue naming the path",
        arguments: [
            ("budget.totl", Scenario.OverrideValue.number(1)),
            ("population[id=nobody].size", .number(3)),
            ("population[99].size", .number(3)),
            ("budget..total", .number(3)),
            ("budget.total", .text("lots")),
            ("regimes.co-produced.rule", .text("coin-toss")),
            ("population[0].size", .number(2.5)),
        ])
    func unknown(path: String, value: Scenario.OverrideValue) throws {
        let base = try Self.riverside()
        #expect(throws: ScenarioError.self) { try base.applying(overrides: [(path, value)]) }
        do {
            _ = try base.applying(overrides: [(path, value)])
        } catch {
            #expect(!error.issues.isEmpty)
        }
    }

    @Test("a value out of range fails validation with the field's path")
    func invalid() throws {
        let base = try Self.riverside()
        do {
            _ = try base.applying(overrides: [("budget.total", .number(-5))])
            Issue.record("a negative budget was accepted")
        } catch {
            #expect(error.issues.contains { $0.path == "budget.total" })
        }
    }
}
