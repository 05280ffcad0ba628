import Foundation
import GSL
import PBRules
import PBScenario

@testable import PBSimulation

/// Paths and builders shared by the simulator's tests.
enum TestSupport {
    /// The repository's `Scenarios/` folder, found from this source file's path.
    static func scenariosFolder(filePath: String = #filePath) -> String {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios").path
    }

    /// The path of a shipped scenario.
    static func shipped(_ name: String) -> String {
        (scenariosFolder() as NSString).appendingPathComponent(name)
    }

    /// The world of the small hand-computed scenario (a copy of PBScenarioTests' `small.yaml` whose ids
    /// are numbered so that the canonical id order is the file order: group 0 is north-families, …).
    ///
    /// True benefits (by hand): school {north-families 0.42}, clinic {north-families 0.045,
    /// south-elders 0.81}, park {north-families 0.2, everyone-else 0.04}; welfare 42, 45, 28;
    /// effective costs 400, 480, 300; budget 1000; so S* = {school, clinic} with W* = 87.
    static let smallYAML = """
        name: Small test scenario
        currency: GBP
        budget:
          total: 1000
        domains: [education, health]
        districts: [north, south]
        population:
          - id: 1-north-families
            district: north
            size: 100
            needs: {education: 0.8, health: 0.2}
            participation: 0.5
            visibility: 1
          - id: 2-south-elders
            district: south
            size: 50
            needs: {health: 0.9}
            participation: 0.2
            visibility: 0.5
          - id: 3-everyone-else
            size: 200
            needs: {education: 0.1, health: 0.1}
            participation: 0.1
            visibility: 1
        proposals:
          - id: 1-school
            title: A new classroom
            cost: 400
            district: north
            effects: {education: 0.5, health: 0.1}
            origin: service
            delivery: service
          - id: 2-clinic
            title: A community clinic
            cost: 600
            cost_sigma: 0.2
            district: south
            effects: {health: 0.6}
            reach: {1-north-families: 0.25}
            origin: community
            delivery: co-delivered
            in_kind: 0.2
            appropriateness: 1.5
          - id: 3-park
            title: A park for everyone
            cost: 300
            effects: {health: 0.2, education: 0.2}
            reach: {2-south-elders: 0}
            origin: community
            delivery: community-led
        regimes:
          service-led: {information_noise: 0.3, rule: greedy}
          co-produced: {perception_noise: 0.05, ballot: approval, threshold: 0.2, rule: mes}

        """

    /// Parses a scenario written in a test.
    static func parse(_ yaml: String, file: String = "test.yaml") throws -> Scenario {
        try Scenario.parse(yaml: yaml, file: file)
    }

    /// Every number of a result, by its bit pattern, and every selection: two results with equal
    /// fingerprints are identical to the last bit (NaN included, which `==` would not say).
    static func fingerprint(_ result: SimulationResult) -> String {
        var out = "\(result.scenario)|\(result.seed)|\(result.runs)\n"
        func add(_ x: Double) { out += String(x.bitPattern, radix: 16) + "," }
        for outcome in result.outcomes {
            out += "run \(outcome.run) voters \(outcome.voters)\n"
            for record in outcome.regimes {
                out += "\(record.selection) "
                for metric in Metric.allCases { if let v = record.values[metric] { add(v) } else { out += "-," } }
                record.coverageByGroup.forEach(add)
                record.spendShares.joined().forEach(add)
                record.divergence.forEach(add)
                out += "\(String(describing: record.ejr))\n"
            }
        }
        for regime in result.regimes {
            out += regime.regime.key + ":"
            for metric in Metric.allCases {
                if let s = regime.metrics[metric] { [s.mean, s.lo, s.hi, s.sd].forEach(add) }
            }
            out += "\n"
        }
        return out
    }

    /// Whether a selection keeps the budget and every envelope of the scenario, computed from the
    /// scenario's own definitions (not the simulator's envelope coefficients), with a tolerance of one
    /// part in a billion of the budget.
    static func respectsBudgetAndEnvelopes(_ selection: [Int], in scenario: Scenario) -> Bool {
        // NB: selections index proposals in canonical id order.
        let scenario = scenario.canonicalized()
        let tolerance = 1e-9 * scenario.budget.total
        let proposals = selection.map { scenario.proposals[$0] }
        guard Set(selection).count == selection.count else { return false }
        let spend = proposals.reduce(0.0) { $0 + $1.effectiveCost }
        guard spend <= scenario.budget.total + tolerance else { return false }
        for envelope in scenario.budget.envelopes {
            let total: Double
            switch envelope.target {
            case .district(let district):
                total = proposals.filter { $0.district == district }.reduce(0.0) { $0 + $1.effectiveCost }
            case .domain(let domain):
                let k = scenario.domains.firstIndex(of: domain)!
                total = proposals.reduce(0.0) { $0 + $1.effectiveCost * scenario.domainShares(of: $1)[k] }
            }
            if let min = envelope.min, total < min - tolerance { return false }
            if let max = envelope.max, total > max + tolerance { return false }
        }
        return true
    }
}

/// Whether two doubles agree within an absolute tolerance.
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance
}
