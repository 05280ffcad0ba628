import Foundation
import PBModel
import PBRules
import Testing

@testable import PBAnalysis

/// The core's branch and bound (``Core/Problem/search(deadline:)``) against the enumeration of
/// every project set, and against pabutools' verdicts.
@Suite struct CoreSearchTests {
    static func election(_ rng: inout SplitMix) -> String {
        let kinds = ["approval", "cumulative", "ordinal"]
        let kind = kinds[Int.random(in: 0..<3, using: &rng)]
        let m = Int.random(in: 3...9, using: &rng)
        let costs = (0..<m).map { _ in Int.random(in: 1...20, using: &rng) * 5 }
        let budget = costs.reduce(0, +) * Int.random(in: 25...70, using: &rng) / 100
        var s = "META\nkey;value\nbudget;\(max(budget, 1))\nvote_type;\(kind)\nPROJECTS\nproject_id;cost\n"
        for (p, c) in costs.enumerated() { s += "p\(p);\(c)\n" }
        s += kind == "cumulative" ? "VOTES\nvoter_id;vote;points\n" : "VOTES\nvoter_id;vote\n"
        let blocs = (0..<Int.random(in: 1...4, using: &rng)).map { _ in
            (0..<m).filter { _ in Int.random(in: 0..<3, using: &rng) == 0 }
        }
        for v in 0..<Int.random(in: 4...40, using: &rng) {
            var ballot = blocs[Int.random(in: 0..<blocs.count, using: &rng)]
            if ballot.isEmpty || Int.random(in: 0..<4, using: &rng) == 0 {
                ballot = (0..<m).filter { _ in Int.random(in: 0..<3, using: &rng) == 0 }
            }
            ballot.shuffle(using: &rng)
            s += "v\(v);" + ballot.map { "p\($0)" }.joined(separator: ",")
            if kind == "cumulative" {
                s += ";" + ballot.map { _ in String(Int.random(in: 1...5, using: &rng)) }.joined(separator: ",")
            }
            s += "\n"
        }
        return s
    }

    /// On random small elections, with rule outcomes and random affordable outcomes, the search
    /// and the enumeration give the same verdict, and both verdicts occur many times.
    @Test func searchAgreesWithEnumeration() throws {
        var rng = SplitMix(seed: 12)
        var inCore = 0
        var blocked = 0
        for _ in 0..<600 {
            let text = Self.election(&rng)
            let profile = try AnalysisProfile(PabulibReader.parse(text))
            let inst = profile.instance
            var outcomes: [[Int]] = []
            for rule in [RuleName.greedyCost, .mesCost] {
                if let r = try? Rules.run(rule, on: inst) { outcomes.append(r.selected) }
            }
            var random: [Int] = []
            var spent: Int64 = 0
            for p in (0..<inst.projectCount).shuffled(using: &rng) where spent + inst.costs[p] <= Int64(inst.budget) {
                random.append(p)
                spent += inst.costs[p]
            }
            outcomes.append(random)
            for selected in outcomes {
                let funded = profile.mask(selected)
                for sat in profile.satisfactionClasses {
                    let a = Core.decide(profile, sat, funded: funded, timeLimit: nil, method: .enumeration)
                    let problem = Core.Problem(profile, sat, funded: funded)
                    let b = problem.gainers.isEmpty ? Core.Verdict.inCore : problem.search(deadline: nil).verdict
                    #expect(a == b, "\(sat), selected \(selected)\n\(text)")
                    if a == .inCore { inCore += 1 }
                    if a == .blocked { blocked += 1 }
                }
            }
        }
        #expect(inCore > 300)
        #expect(blocked > 300)
    }

    struct Case: Decodable {
        let pb: String
        let selected: [String]
        let verdicts: [String: Bool]
    }
    struct Fixture: Decodable { let cases: [Case] }

    /// pabutools' own `is_in_core` on its 240 tiny elections (`Fixtures/tiny-proportionality.json`).
    @Test func searchEqualsPabutools() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/tiny-proportionality.json")
        let cases = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url)).cases
        var compared = 0
        var blocked = 0
        for c in cases {
            let profile = try AnalysisProfile(PabulibReader.parse(c.pb))
            let selected = try c.selected.map { id in try #require(profile.ids.firstIndex(of: id)) }
            for sat in profile.satisfactionClasses {
                guard let want = c.verdicts[Core.key(sat)] else { continue }
                let got = Core.decide(profile, sat, funded: profile.mask(selected), timeLimit: nil, method: .search)
                #expect(got == (want ? .inCore : .blocked), "\(sat)\n\(c.pb)")
                compared += 1
                if !want { blocked += 1 }
            }
        }
        #expect(compared == 480)
        #expect(blocked > 100 && blocked < compared - 50)
    }
}
