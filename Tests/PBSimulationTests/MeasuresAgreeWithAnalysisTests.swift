import Foundation
import PBAnalysis
import PBModel
import PBRules
import PBSimulation
import PBTestSupport
import Testing

/// The simulator's election measures are pabutools' measures in other units: on real files,
/// `satisfaction` is `avg_satisfaction:Cost_Sat` divided by the budget (approval), and `exclusion`
/// is 1 − `percent_non_empty_handed` (approval) or 1 − `percent_positive_satisfaction` with points
/// (cumulative). A change to either side that breaks the relation fails here.
@Suite struct MeasuresAgreeWithAnalysisTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("PBRulesTests/Fixtures/pabulib")
    static let files = [
        "poland_warszawa_2017_kamionek", "poland_warszawa_2017_piaski", "poland_warszawa_2020_zoliborz",
        "poland_katowice_2020_murcki", "poland_czestochowa_2020_kiedrzyn",
    ]

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(b)) }

    @Test(arguments: files)
    func simulatorMeasuresArePabutoolsMeasures(_ name: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent("\(name).pb"), encoding: .utf8)
        let profile = try AnalysisProfile(PabulibReader.parse(text))
        let ballots = BallotProfile(profile.instance)
        for rule in [RuleName.greedyCost, .mesCost] {
            let selected = try Rules.run(rule, on: profile.instance).selected
            let m = OutcomeAnalysis.measures(
                profile, selected: selected, options: AnalysisOptions(families: [.satisfaction]))
            let exclusion = ballots.exclusion(of: selected)
            if profile.instance.kind == .approval {
                let avg = try #require(m["avg_satisfaction:Cost_Sat"]?.doubleValue)
                let budget = Double(profile.instance.budget) / Double(profile.costDenominator)
                #expect(Self.close(ballots.satisfaction(of: selected), avg / budget), "\(name) \(rule)")
                let served = try #require(m["percent_non_empty_handed"]?.doubleValue)
                #expect(Self.close(exclusion, 1 - served), "\(name) \(rule)")
            } else {
                let positive = try #require(m["percent_positive_satisfaction:Additive_Cardinal_Sat"]?.doubleValue)
                #expect(Self.close(exclusion, 1 - positive), "\(name) \(rule)")
            }
        }
    }

    /// The simulator's EJR check (``EJRCheck``: EJR up to one project with cost utilities as Peters,
    /// Pierczyński and Skowron define it, a member with u_i(W ∪ {a}) > cost(T)) is stricter than
    /// pabutools' `is_EJR_one_approval` with `Cost_Sat`, which asks for u_i(W) + max cost(T ∖ W) ≥
    /// cost(T): they differ only where the two sides are equal (a single unfunded project is never
    /// a violation for pabutools). So wherever the bounded search decides, "satisfied" implies
    /// pabutools' true, and pabutools' false implies "violated"; checked on the approval files above
    /// and on random small approval elections with rule and random outcomes (so violations occur).
    @Test func simulatorEJRImpliesPabutoolsEJRUpToOne() throws {
        var outcomes: [(AnalysisProfile, [Int])] = []
        for name in Self.files {
            let text = try String(contentsOf: Self.folder.appendingPathComponent("\(name).pb"), encoding: .utf8)
            let profile = try AnalysisProfile(PabulibReader.parse(text))
            guard profile.instance.kind == .approval else { continue }
            for rule in [RuleName.greedyCost, .mesCost] {
                outcomes.append((profile, try Rules.run(rule, on: profile.instance).selected))
            }
        }
        var rng = SplitMix(seed: 5)
        for _ in 0..<200 {
            let s = RandomElections.approval(
                projects: 2...7, voters: 2...30, budget: 20...80, nonEmptyBallots: true, using: &rng)
            let profile = try AnalysisProfile(PabulibReader.parse(s))
            outcomes.append((profile, try Rules.run(.greedyCost, on: profile.instance).selected))
            // A random affordable outcome, often far from proportional.
            var left = profile.instance.budget
            let random = (0..<profile.projectCount).filter { p in
                guard Bool.random(using: &rng), profile.instance.costs[p] <= left else { return false }
                left -= profile.instance.costs[p]
                return true
            }
            outcomes.append((profile, random))
        }
        var satisfied = 0
        var violated = 0
        var onlyStrict = 0
        for (profile, selected) in outcomes {
            let m = OutcomeAnalysis.measures(
                profile, selected: selected, options: AnalysisOptions(families: [.justifiedRepresentation]))
            let verdict = EJRCheck.check(BallotProfile(profile.instance), selection: selected)
            guard verdict != .undetermined, let pabutools = m["is_EJR_one_approval:Cost_Sat"] else { continue }
            if verdict == .satisfied {
                satisfied += 1
                #expect(pabutools == .bool(true), "\(selected)")
            } else if pabutools == .bool(false) {
                violated += 1
            } else {
                onlyStrict += 1
            }
        }
        // Both verdicts occur (pabutools finds few violations: 1 of 406 here), and so do the ties where
        // only the strict definition finds one (103).
        #expect(satisfied > 100, "\(satisfied) \(violated) \(onlyStrict)")
        #expect(violated >= 1, "\(satisfied) \(violated) \(onlyStrict)")
        #expect(onlyStrict > 20, "\(satisfied) \(violated) \(onlyStrict)")
    }
}
