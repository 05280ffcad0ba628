import Foundation
import GSL
import PBScenario
import Testing

@testable import PBSimulation

/// `pbsim simulate` runs every scenario shipped in `Scenarios/` (a few runs each).
@Suite struct ShippedScenarioSimulationTests {
    static let files: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: TestSupport.scenariosFolder())) ?? [])
        .filter { $0.hasSuffix(".yaml") }.sorted()

    @Test("The shipped scenarios include the five the issue asks for")
    func fiveScenarios() {
        let required: Set = [
            "riverside.yaml", "early-intervention.yaml", "community-hall.yaml", "dementia-strategy.yaml",
            "real-ballots.yaml",
        ]
        #expect(required.isSubset(of: Set(Self.files)))
    }

    @Test("Each shipped scenario simulates", .timeLimit(.minutes(2)), arguments: files)
    func simulates(file: String) throws {
        let path = TestSupport.shipped(file)
        let scenario = try Scenario.load(path: path)
        let simulator = try Simulator(scenario: scenario, file: path)
        let runs = scenario.population.count > 50 ? 1 : 3
        let result = simulator.run(runs: runs, seed: scenario.seed, jobs: 2)
        #expect(result.runs == runs)
        #expect(result.regimes.map(\.regime) == simulator.regimes)
        #expect(result.regimes.contains { $0.regime == .serviceLed })
        #expect(result.regimes.contains { $0.regime == .coProduced })
        #expect(result.exampleRun.count == result.regimes.count)
        for regime in result.regimes {
            let budgetUse = try #require(regime.metrics[.budgetUse])
            #expect(budgetUse.mean > 0 && budgetUse.mean <= 1 + 1e-9, "\(file) \(regime.regime.key)")
            if scenario.election == nil {
                let efficiency = try #require(regime.metrics[.efficiency])
                #expect(efficiency.lo >= 0 && efficiency.hi <= 1 + 1e-12, "\(file) \(regime.regime.key)")
                #expect(regime.coverageByGroup.count == scenario.population.count)
            } else {
                #expect(regime.metrics[.efficiency] == nil)
                #expect(regime.metrics[.satisfaction] != nil)
            }
        }
        if scenario.election == nil {
            #expect(result.summary(of: .optimum)?.metrics[.efficiency]?.mean == 1)
        }
    }
}
