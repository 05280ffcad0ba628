import Foundation
import PBAnalysis
import PBModel
import PBRules
import PBSimulation
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
}
