import Foundation
import Testing

@testable import PBScenario

@Suite("Scenario paths: the one table of settable fields (MODEL.md section 5)")
struct ScenarioPathTests {
    static func riverside() throws -> Scenario {
        try Scenario.load(path: Fixtures.scenariosFolder() + "/riverside.yaml")
    }

    @Test("every number the validator bounds is settable by a path, and every number path has a range")
    func tableCoversEveryNumber() {
        let ranged = Set(FieldRange.table.map(\.field))
        let numbers = Set(ScenarioPath.numberFields)
        #expect(numbers == ranged)
        #expect(Set(ScenarioPath.nameFields).isDisjoint(with: numbers))
    }

    @Test("whole-number fields take the value rounded; other fields take it as it is")
    func rounding() throws {
        var scenario = try Self.riverside()
        let sizes = scenario.population.map(\.size)
        try ScenarioPath(parsing: "population[*].size").update(&scenario) { $0 * 1.37 }
        #expect(scenario.population.map(\.size) == sizes.map { Int((Double($0) * 1.37).rounded()) })
        try ScenarioPath(parsing: "regimes.panel.size").update(&scenario) { _ in 40.5 }
        #expect(scenario.regimes.panel?.size == 41)
        try ScenarioPath(parsing: "population[0].participation").update(&scenario) { _ in 0.125 }
        #expect(scenario.population[0].participation == 0.125)
        // A value beyond Int becomes a size the validator refuses, not a crash.
        try ScenarioPath(parsing: "population[1].size").update(&scenario) { _ in 1e30 }
        #expect(throws: ScenarioError.self) { try scenario.validate() }
    }

    @Test("threshold, top and points set the co-produced ballot, and exist only with their ballot kind")
    func ballotCompanions() throws {
        var scenario = try Self.riverside()
        guard case .approval(.threshold) = scenario.regimes.coProduced.ballot else {
            Issue.record("riverside's ballot is no longer approval by threshold")
            return
        }
        let threshold = try ScenarioPath(parsing: "regimes.co-produced.threshold")
        #expect(threshold.values(in: scenario) == [0.2])
        threshold.update(&scenario) { $0 * 2 }
        #expect(scenario.regimes.coProduced.ballot == .approval(.threshold(0.4)))
        let top = try ScenarioPath(parsing: "regimes.co-produced.top")
        #expect(top.problem(in: scenario) == "the co-produced ballot is approval and has no 'top'")
        top.update(&scenario) { _ in 3 }
        #expect(scenario.regimes.coProduced.ballot == .approval(.threshold(0.4)), "a missing key changes nothing")
        scenario.regimes.coProduced.ballot = .cumulative(points: 10)
        try ScenarioPath(parsing: "regimes.co-produced.points").update(&scenario) { $0 * 0.55 }
        #expect(scenario.regimes.coProduced.ballot == .cumulative(points: 6))
        let changed = try scenario.applying(overrides: [("regimes.co-produced.ballot", .text("cardinal"))])
        #expect(changed.regimes.coProduced.ballot == .cardinal)
    }

    @Test("a value the file leaves out reads as its default: a proposal's reach, a need")
    func defaults() throws {
        let scenario = try Self.riverside()
        let proposal = scenario.proposals[0]
        let group = try #require(scenario.population.first { proposal.reach[$0.id] == nil })
        let path = try ScenarioPath(parsing: "proposals[id=\(proposal.id.rawValue)].reach.\(group.id.rawValue)")
        #expect(path.values(in: scenario) == [scenario.reach(of: proposal, for: group)])
        let domain = try #require(scenario.domains.first { group.needs[$0] == nil })
        let need = try ScenarioPath(parsing: "population[id=\(group.id.rawValue)].needs.\(domain.rawValue)")
        #expect(need.values(in: scenario) == [0])
    }

    @Test(
        "a path that names nothing is refused with the path and, when misspelt, the field it resembles",
        arguments: [
            ("budget.totl", "did you mean 'budget.total'?"),
            ("population[*].visiblity", "did you mean 'population[*].visibility'?"),
            ("regimes.co-produced.rulle", "did you mean 'regimes.co-produced.rule'?"),
            ("budget..total", "not a field path"),
        ])
    func misspelt(path: String, expected: String) throws {
        do {
            _ = try ScenarioPath(parsing: path)
            Issue.record("\(path) was accepted")
        } catch {
            #expect(error.path == path)
            #expect(error.message.contains(expected), "\(error.message)")
        }
        let base = try Self.riverside()
        do {
            _ = try base.applying(overrides: [(path, .number(1))])
            Issue.record("\(path) was accepted as an override")
        } catch {
            #expect(error.issues.first?.path == path)
            #expect(error.issues.first?.message.contains(expected) == true, "\(error.issues)")
        }
    }

    @Test("a selector or key the scenario lacks names what is missing")
    func missing() throws {
        let scenario = try Self.riverside()
        #expect(
            try ScenarioPath(parsing: "population[id=nobody].size").problem(in: scenario)?
                .hasPrefix("no group with id 'nobody' (groups: families-north,") == true)
        #expect(
            try ScenarioPath(parsing: "proposals[id=nope].cost").problem(in: scenario) == "no proposal with id 'nope'")
        #expect(try ScenarioPath(parsing: "proposals[*].effects.sport").problem(in: scenario) == "no domain 'sport'")
        #expect(
            try ScenarioPath(parsing: "proposals[99].cost").problem(in: scenario)?.hasPrefix("no item [99]") == true)
        #expect(
            try ScenarioPath(parsing: "regimes.split.shares[0]").problem(in: scenario) == "the scenario has no split")
    }
}
