import Foundation
import GSL
import PBRules
import PBScenario
import Testing

@testable import PBSimulation

/// P7 (MODEL.md section 7): every parameter of section 0's table acts, each shown on a small
/// scenario with its documented effect. The noises are covered by P4 (ModelV2PropertyTests) and the
/// split by P3; the tests here cover the mechanisms of sections 2.2, 2.3, 2.5 and 2.6, the panel's
/// deliberation, and the world's visibility, appropriateness, in-kind share and participation.
@Suite("P7: every parameter acts (model v2 mechanisms)")
struct MechanismTests {
    /// Two groups: `big` (900 people, turnout 5%) gains from `for-big`, `small` (100 people, turnout
    /// 90%) from `for-small`; the budget pays for one of them. True welfare: for-big 450, for-small
    /// 50. Residents vote greedily, so the small group's many voters win unless weighting says
    /// otherwise.
    static func twoGroups(
        coProduced: String = "", serviceLed: String = "", forBig: String = "", budget: String = "", extra: String = ""
    ) -> String {
        """
        name: Two groups
        currency: GBP
        budget: {total: 100\(budget)}
        domains: [a, b]
        population:
          - {id: big, size: 900, needs: {a: 1}, participation: 0.05, visibility: 1}
          - {id: small, size: 100, needs: {b: 1}, participation: 0.9, visibility: 1}
        proposals:
          - {id: for-big, title: For big, cost: 100, effects: {a: 0.5}, origin: community, delivery: service\(forBig)}
          - {id: for-small, title: For small, cost: 100, effects: {b: 0.5}, origin: service, delivery: service}
        regimes:
          service-led: {information_noise: 0.1, rule: greedy\(serviceLed)}
          co-produced: {perception_noise: 0, ballot: approval, threshold: 0.1, rule: greedy\(coProduced)}
        \(extra)
        """
    }

    static func run(_ yaml: String, runs: Int = 60, seed: UInt64 = 11) throws -> (Simulator, SimulationResult) {
        let scenario = try TestSupport.parse(yaml)
        let simulator = try Simulator(scenario: scenario, ruleSensitivity: false)
        return (simulator, simulator.run(runs: runs, seed: seed, jobs: 2))
    }

    static func funding(_ result: SimulationResult, _ regime: RegimeID, _ proposal: String) throws -> Double {
        let j = try #require(result.proposalIDs.firstIndex(of: proposal))
        return try #require(result.summary(of: regime)?.fundingProbability[j])
    }

    static func mean(_ result: SimulationResult, _ regime: RegimeID, _ metric: Metric) throws -> Double {
        try #require(result.summary(of: regime)?.metrics[metric]?.mean)
    }

    // MARK: - 2.2 Who proposes

    @Test("discovery 0: officers never fund a community proposal; discovery 1 leaves them free to")
    func discovery() throws {
        let (_, blind) = try Self.run(Self.twoGroups(serviceLed: ", discovery: 0"))
        #expect(try Self.funding(blind, .serviceLed, "for-big") == 0)
        let (_, seeing) = try Self.run(Self.twoGroups())
        #expect(try Self.funding(seeing, .serviceLed, "for-big") == 1)
        let (_, half) = try Self.run(Self.twoGroups(serviceLed: ", discovery: 0.5"), runs: 200)
        let p = try Self.funding(half, .serviceLed, "for-big")
        #expect(p > 0.35 && p < 0.65, "discovery 0.5 funds the community proposal in about half the runs: \(p)")
        // Without the mechanism in use, the output is the v2.0 one (no delivery measures).
        #expect(seeing.summary(of: .serviceLed)?.metrics[.deliveryFailures] == nil)
    }

    @Test(
        "discovery 0 with a minimum envelope: officers meet it with what they saw, an unseen proposal only when nothing else can"
    )
    func discoveryWithMinimumEnvelopes() throws {
        // The officers rank for-small first; the minimum on domain a then needs 50 more. for-big (50,
        // unseen) would fit; officer-a (60) does not fit beside for-small, so the officers fund officer-a.
        func yaml(officerA: Bool, discovery: Double) -> String {
            """
            name: Minimum and discovery
            currency: GBP
            budget:
              total: 150
              envelopes:
                - {domain: a, min: 50}
            domains: [a, b]
            population:
              - {id: big, size: 900, needs: {a: 1}, participation: 0.05, visibility: 1}
              - {id: small, size: 100, needs: {b: 1}, participation: 0.9, visibility: 1}
            proposals:
              - {id: for-big, title: For big, cost: 50, effects: {a: 0.5}, origin: community, delivery: service}
              - {id: for-small, title: For small, cost: 100, effects: {b: 0.5}, origin: service, delivery: service}
            \(officerA ? "  - {id: officer-a, title: Officer a, cost: 60, effects: {a: 0.01}, origin: service, delivery: service}" : "")
            regimes:
              service-led: {information_noise: 0, rule: greedy, discovery: \(discovery)}
              co-produced: {perception_noise: 0, ballot: approval, threshold: 0.1, rule: greedy}
              split: {shares: [0, 0.5]}
            """
        }
        let (_, blind) = try Self.run(yaml(officerA: true, discovery: 0), runs: 20)
        #expect(try Self.funding(blind, .serviceLed, "for-big") == 0)
        #expect(try Self.funding(blind, .serviceLed, "officer-a") == 1)
        #expect(try Self.funding(blind, .split(0), "for-big") == 0)
        // Seen, for-big is the officers' cheaper way to meet the minimum (and worth more).
        let (_, seeing) = try Self.run(yaml(officerA: true, discovery: 1), runs: 20)
        #expect(try Self.funding(seeing, .serviceLed, "for-big") == 1)
        // With nothing seen in domain a, the minimum (P5) comes first: the unseen proposal is funded.
        let (_, forced) = try Self.run(yaml(officerA: false, discovery: 0), runs: 20)
        #expect(try Self.funding(forced, .serviceLed, "for-big") == 1)
    }

    @Test(
        "allocate: the vote's process cost and outreach leave the co-produced split exactly that much less; risk is listed as not applied"
    )
    func allocateTakesProcessCost() throws {
        let plain = try TestSupport.parse(Self.twoGroups())
        let costly = try TestSupport.parse(Self.twoGroups(coProduced: ", process_cost: 20"))
        // Outreach changes who votes too (so the weights), but costs the same way.
        let reaching = try TestSupport.parse(
            Self.twoGroups(coProduced: ", process_cost: 15, outreach: {cost: 5, participation: {big: 0.1}}"))
        let a = try EnvelopeAllocator.allocate(scenario: plain, seed: 3, runs: 30)
        let b = try EnvelopeAllocator.allocate(scenario: costly, seed: 3, runs: 30)
        let c = try EnvelopeAllocator.allocate(scenario: reaching, seed: 3, runs: 30)
        func spent(_ report: EnvelopeAllocationReport, _ regime: EnvelopeAllocationReport.Regime) -> Double {
            report.domains.reduce(0) { $0 + ($1.spend[regime]?.mean ?? .nan) }
        }
        #expect(abs(spent(a, .coProduced) - 100) < 1e-6)
        #expect(abs(spent(b, .coProduced) - 80) < 1e-6)
        #expect(abs(spent(c, .coProduced) - 80) < 1e-6)
        #expect(abs(spent(b, .serviceLed) - 100) < 1e-6)
        #expect(b.processCost == [.coProduced: 20] && c.processCost == [.coProduced: 20] && a.processCost.isEmpty)
        // The same weights with less money: each run's split is worth less on the truth.
        #expect(try #require(b.efficiency[.coProduced]?.mean) < (try #require(a.efficiency[.coProduced]?.mean)))
        #expect(b.efficiency[.serviceLed] == a.efficiency[.serviceLed])
        #expect(a.notApplied.isEmpty)

        let risky = try TestSupport.parse(Self.twoGroups(forBig: ", delivery_risk: 0.5", budget: ", overrun: cut"))
        let d = try EnvelopeAllocator.allocate(scenario: risky, seed: 3, runs: 5)
        #expect(d.notApplied == ["proposals[].delivery_risk", "budget.overrun: cut"])

        // Minimums the cost leaves no room for are refused with the field.
        let squeezed = try TestSupport.parse(
            Self.twoGroups(
                coProduced: ", process_cost: 30",
                budget: ", envelopes: [{domain: a, min: 40}, {domain: b, min: 40}]"))
        #expect(throws: AllocationError.self) { try EnvelopeAllocator.allocate(scenario: squeezed, seed: 3, runs: 2) }
    }

    // MARK: - 2.3 Participation, outreach and weighting

    @Test("census weighting moves funding toward the under-participating group")
    func censusWeighting() throws {
        let (_, plain) = try Self.run(Self.twoGroups())
        let (_, census) = try Self.run(Self.twoGroups(coProduced: ", weighting: census"))
        #expect(try Self.funding(plain, .coProduced, "for-big") < 0.1)
        #expect(try Self.funding(census, .coProduced, "for-big") > 0.9)
        #expect(try Self.mean(census, .coProduced, .efficiency) > Self.mean(plain, .coProduced, .efficiency))
    }

    @Test("need weighting gives a group with more assessed need more weight than census weighting does")
    func needWeighting() throws {
        // Equal sizes and turnouts; `big` needs five times as much in its domain as `small` in its own.
        let yaml = Self.twoGroups(coProduced: ", weighting: WEIGHTING")
            .replacingOccurrences(
                of: "size: 900, needs: {a: 1}, participation: 0.05",
                with: "size: 500, needs: {a: 1}, participation: 0.5"
            )
            .replacingOccurrences(
                of: "size: 100, needs: {b: 1}, participation: 0.9",
                with: "size: 500, needs: {b: 0.2}, participation: 0.52"
            )
            .replacingOccurrences(of: "threshold: 0.1", with: "threshold: 0.05")
        let (_, census) = try Self.run(yaml.replacingOccurrences(of: "WEIGHTING", with: "census"))
        let (_, need) = try Self.run(yaml.replacingOccurrences(of: "WEIGHTING", with: "need"))
        // Census weights make both groups count as their (equal) populations: a tie of weighted votes
        // per cost, which greedy breaks by id (for-big). Need weighting keeps for-big ahead whatever the
        // turnouts; both must fund it far more often than the raw vote (small turns out more).
        let (_, none) = try Self.run(yaml.replacingOccurrences(of: "WEIGHTING", with: "none"))
        #expect(try Self.funding(none, .coProduced, "for-big") < 0.5)
        #expect(try Self.funding(need, .coProduced, "for-big") > 0.95)
        #expect(try Self.funding(need, .coProduced, "for-big") >= Self.funding(census, .coProduced, "for-big"))
    }

    @Test("outreach raises the named group's turnout, and with it the votes for what it needs; its cost is charged")
    func outreach() throws {
        let (_, plain) = try Self.run(Self.twoGroups(budget: "", extra: ""))
        let (_, reached) = try Self.run(
            Self.twoGroups(coProduced: ", outreach: {cost: 10, participation: {big: 0.5}}")
                .replacingOccurrences(of: "total: 100", with: "total: 110"))
        #expect(reached.voters.mean > plain.voters.mean + 300)
        #expect(try Self.funding(reached, .coProduced, "for-big") > 0.9)
        #expect(try Self.funding(plain, .coProduced, "for-big") < 0.1)
        #expect(try abs(Self.mean(reached, .coProduced, .processCost) - 10.0 / 110) < 1e-12)
    }

    @Test("lower participation of a group lowers the votes for what it needs")
    func participation() throws {
        let (_, plain) = try Self.run(Self.twoGroups())
        let (_, fewer) = try Self.run(
            Self.twoGroups().replacingOccurrences(of: "participation: 0.9", with: "participation: 0.01"))
        #expect(try Self.funding(plain, .coProduced, "for-small") > 0.9)
        #expect(try Self.funding(fewer, .coProduced, "for-small") < 0.1)
    }

    // MARK: - 2.5 Delivery risk and overrun

    @Test("delivery risk shows up as delivery failures and lost welfare")
    func deliveryRisk() throws {
        let (_, risky) = try Self.run(Self.twoGroups(forBig: ", delivery_risk: 0.5"), runs: 300)
        // Officers still fund for-big (0.5 x 450 > 50), which fails in about half the runs.
        #expect(try Self.funding(risky, .serviceLed, "for-big") == 1)
        let failures = try Self.mean(risky, .serviceLed, .deliveryFailures)
        #expect(failures > 0.4 && failures < 0.6, "about half the runs fail: \(failures)")
        #expect(try Self.mean(risky, .serviceLed, .deliveredWelfare) < Self.mean(risky, .serviceLed, .efficiency))
        // The proposal the vote funds has no risk: no failure.
        #expect(try Self.mean(risky, .coProduced, .deliveryFailures) == 0)
    }

    @Test("with discounts_risk the officers move away from a risky proposal; without it they do not")
    func discountsRisk() throws {
        let (_, discounting) = try Self.run(Self.twoGroups(forBig: ", delivery_risk: 0.95"))
        let (_, ignoring) = try Self.run(
            Self.twoGroups(serviceLed: ", discounts_risk: false", forBig: ", delivery_risk: 0.95"))
        #expect(try Self.funding(discounting, .serviceLed, "for-big") == 0)
        #expect(try Self.funding(ignoring, .serviceLed, "for-big") == 1)
        #expect(try Self.mean(ignoring, .serviceLed, .deliveryFailures) > 0.8)
    }

    @Test("overrun cut loses benefit when costs overrun; absorb keeps every funded proposal")
    func overrunCut() throws {
        let yaml = TestSupport.smallYAML.replacingOccurrences(of: "cost_sigma: 0.2", with: "cost_sigma: 0.8")
            .replacingOccurrences(of: "  total: 1000", with: "  total: 1000\n  overrun: OVERRUN")
        let (simulator, cut) = try Self.run(yaml.replacingOccurrences(of: "OVERRUN", with: "cut"), runs: 200)
        let (_, absorb) = try Self.run(yaml.replacingOccurrences(of: "OVERRUN", with: "absorb"), runs: 200)
        let cutLoss = try Self.mean(cut, .serviceLed, .efficiency) - Self.mean(cut, .serviceLed, .deliveredWelfare)
        #expect(cutLoss > 0, "cut loses benefit: \(cutLoss)")
        // Absorb without risk: every metric of the two-regime output is the v2.0 one (no delivery measures).
        #expect(absorb.summary(of: .serviceLed)?.metrics[.deliveredWelfare] == nil)
        let service = try #require(simulator.regimes.firstIndex(of: .serviceLed))
        var cutRuns = 0
        for outcome in cut.outcomes {
            let record = outcome.regimes[service]
            let (delivered, chosen) = (record.values[.deliveredWelfare]!, record.values[.efficiency]!)
            #expect(delivered <= chosen + 1e-12)
            // No delivery risk here: what is lost is lost to the cut, in the runs whose costs overran.
            if delivered < chosen { cutRuns += 1 }
            #expect(record.values[.deliveryFailures] == 0)
        }
        #expect(cutRuns > 0)
    }

    // MARK: - 2.6 Process cost

    @Test("a process cost lowers the budget the regime can spend by exactly that amount")
    func processCost() throws {
        let withCost = TestSupport.smallYAML.replacingOccurrences(
            of: "rule: mes}",
            with: "rule: mes, process_cost: 150}\n  panel: {size: 25, sampling: random, process_cost: 150}")
        let lowerBudget = TestSupport.smallYAML.replacingOccurrences(of: "total: 1000", with: "total: 850")
            .replacingOccurrences(of: "rule: mes}", with: "rule: mes}\n  panel: {size: 25, sampling: random}")
        let (simulator, charged) = try Self.run(withCost, runs: 40)
        let (_, smaller) = try Self.run(lowerBudget, runs: 40)
        let co = try #require(simulator.regimes.firstIndex(of: .coProduced))
        let panel = try #require(simulator.regimes.firstIndex(of: .panel))
        for (a, b) in zip(charged.outcomes, smaller.outcomes) {
            #expect(a.regimes[co].selection == b.regimes[co].selection)
            #expect(a.regimes[panel].selection == b.regimes[panel].selection)
        }
        #expect(try abs(Self.mean(charged, .coProduced, .processCost) - 0.15) < 1e-12)
        #expect(try Self.mean(charged, .serviceLed, .processCost) == 0)
        let budgetUse = try #require(charged.summary(of: .coProduced)?.metrics[.budgetUse]?.hi)
        #expect(budgetUse <= 0.85 + 1e-12)
    }

    @Test("process cost and outreach are refused when they leave nothing, with the file and line")
    func badValues() throws {
        let cases: [(String, String)] = [
            (Self.twoGroups(coProduced: ", process_cost: 100"), "regimes.co-produced.process_cost"),
            (Self.twoGroups(forBig: ", delivery_risk: 1"), "proposals[0].delivery_risk"),
            (Self.twoGroups(serviceLed: ", discovery: 1.5"), "regimes.service-led.discovery"),
            (Self.twoGroups(coProduced: ", weighting: turnout"), "regimes.co-produced.weighting"),
            (
                Self.twoGroups(coProduced: ", outreach: {cost: 1, participation: {nobody: 0.5}}"),
                "regimes.co-produced.outreach.participation.nobody"
            ),
            (Self.twoGroups(budget: ", overrun: shrink"), "budget.overrun"),
        ]
        for (yaml, path) in cases {
            do {
                _ = try TestSupport.parse(yaml)
                Issue.record("accepted a bad \(path)")
            } catch {
                let message = "\(error)"
                #expect(message.contains("test.yaml:"), "\(message)")
                #expect(message.contains(path), "\(message)")
            }
        }
    }

    // MARK: - 2.1 Deliberation, visibility, appropriateness; 1 in-kind

    @Test("a panel's deliberation brings the officers' evidence on effects into its choice")
    func deliberation() throws {
        let base = TestSupport.smallYAML.replacingOccurrences(
            of: "rule: mes}",
            with: "rule: mes, effect_noise: 1.5}\n  panel: {size: 40, sampling: stratified, deliberation: D}")
        let (_, alone) = try Self.run(base.replacingOccurrences(of: "D}", with: "0}"), runs: 150)
        let (_, heard) = try Self.run(base.replacingOccurrences(of: "D}", with: "1}"), runs: 150)
        #expect(try Self.mean(heard, .panel, .efficiency) > Self.mean(alone, .panel, .efficiency) + 0.02)
    }

    @Test("low visibility makes officers underfund a group's proposal; appropriateness unseen does too")
    func visibilityAndAppropriateness() throws {
        let (_, seen) = try Self.run(Self.twoGroups())
        let (_, unseen) = try Self.run(
            Self.twoGroups().replacingOccurrences(
                of: "participation: 0.05, visibility: 1", with: "participation: 0.05, visibility: 0.05"))
        #expect(try Self.funding(seen, .serviceLed, "for-big") == 1)
        #expect(try Self.funding(unseen, .serviceLed, "for-big") == 0)
        // for-small fits its users far better than it looks to officers who do not see appropriateness:
        // with a = 20 its welfare (1,000) beats for-big's (450), which only officers who see it know.
        let fitting = Self.twoGroups().replacingOccurrences(
            of: "origin: service, delivery: service}", with: "origin: service, delivery: service, appropriateness: 20}")
        let (_, sees) = try Self.run(fitting)
        let (_, blind) = try Self.run(
            fitting.replacingOccurrences(
                of: "rule: greedy}\n  co-produced", with: "rule: greedy, sees_appropriateness: false}\n  co-produced"))
        #expect(try Self.funding(sees, .serviceLed, "for-small") == 1)
        #expect(try Self.funding(blind, .serviceLed, "for-small") == 0)
    }

    @Test("an in-kind share lowers what the budget pays, so more fits")
    func inKind() throws {
        // Both proposals cost 100 and the budget is 150: only with for-small's cost half in kind do both fit.
        let yaml = Self.twoGroups().replacingOccurrences(of: "total: 100", with: "total: 150")
        let (_, paid) = try Self.run(yaml)
        let (_, shared) = try Self.run(
            yaml.replacingOccurrences(
                of: "origin: service, delivery: service}",
                with: "origin: service, delivery: co-delivered, in_kind: 0.5}"))
        #expect(try Self.funding(paid, .serviceLed, "for-small") == 0)
        #expect(try Self.funding(shared, .serviceLed, "for-small") == 1)
    }
}
