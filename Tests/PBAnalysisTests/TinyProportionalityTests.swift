import Foundation
import GLPK
import PBModel
import PBRules
import PBTestSupport
import Testing

@testable import PBAnalysis

/// pabutools' own verdicts (enumeration of every (voters, projects) pair) on 240 random tiny
/// elections, written by `Fixtures/make-tiny-proportionality.py`: the cardinal EJR/PJR variants,
/// strong EJR, the approval EJR/PJR variants and the core must agree on every one.
@Suite struct TinyProportionalityTests {
    struct Case: Decodable {
        let pb: String
        let selected: [String]
        let verdicts: [String: Bool]
    }
    struct Fixture: Decodable { let cases: [Case] }

    static let cases: [Case] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/tiny-proportionality.json")
        guard let data = try? Data(contentsOf: url), let fixture = try? JSONDecoder().decode(Fixture.self, from: data)
        else { return [] }
        return fixture.cases
    }()

    static func prepare(_ c: Case) throws -> (AnalysisProfile, [Int]) {
        let profile = try AnalysisProfile(PabulibReader.parse(c.pb))
        let selected = try c.selected.map { id in try #require(profile.ids.firstIndex(of: id)) }
        return (profile, selected)
    }

    @Test func fixtureIsThere() {
        #expect(Self.cases.count == 240)
    }

    @Test func everyVerdictEqualsPabutools() throws {
        var compared = 0
        for (i, c) in Self.cases.enumerated() {
            let (profile, selected) = try Self.prepare(c)
            let m = OutcomeAnalysis.measures(
                profile, selected: selected,
                options: AnalysisOptions(families: [.justifiedRepresentation, .core]))
            for (key, want) in c.verdicts {
                #expect(m[key] == .bool(want), "case \(i), \(key): pabutools says \(want)\n\(c.pb)")
                compared += 1
            }
        }
        #expect(compared > 2000)
    }

    /// The leftover certificate never contradicts the program: when it names a project, the program
    /// without it has no solution either.
    @Test func leftoverCertificateIsSound() throws {
        var fired = 0
        for c in Self.cases {
            let (profile, selected) = try Self.prepare(c)
            let funded = profile.mask(selected)
            guard Priceability.leftoverCertificate(profile, funded: funded) != nil else { continue }
            fired += 1
            let program = Priceability.solve(profile, funded: funded, timeLimit: nil, certificate: false)
            #expect(program == .infeasible, "\(c.pb)")
        }
        #expect(fired > 10)
    }

    /// The price-system witness never contradicts the program: whenever it finds a price system, the
    /// program without shortcuts has a solution. It is tried on the fixture's outcomes and on the
    /// outcomes of five rules on 300 random approval elections, and it must find most of the price
    /// systems that exist (a witness that never fires would pass the first check alone).
    @Test func priceSystemWitnessIsSound() throws {
        var outcomes: [(AnalysisProfile, [Int])] = try Self.cases.map(Self.prepare)
        for seed in 0..<300 {
            let profile = try AnalysisProfile(PabulibReader.parse(Self.randomApproval(seed: UInt64(seed))))
            for rule in [RuleName.mesCost, .mesCard, .mesCostAdd1, .phragmen, .greedyCost] {
                outcomes.append((profile, try Rules.run(rule, on: profile.instance).selected))
            }
        }
        var witnessed = 0
        var feasible = 0
        for (profile, selected) in outcomes {
            let funded = profile.mask(selected)
            let program = Priceability.solve(profile, funded: funded, timeLimit: nil, certificate: false)
            let groups = UtilityGroups(profile, .cardinality)
            let witness = PriceSystemWitness(profile, funded: funded, groups: groups, deadline: nil).exists()
            if program == .feasible { feasible += 1 }
            if witness {
                witnessed += 1
                #expect(program == .feasible, "witness without a price system: \(selected)")
            }
        }
        #expect(witnessed > 300)
        #expect(Double(witnessed) >= 0.9 * Double(feasible), "\(witnessed) of \(feasible) price systems found")
    }

    /// A random approval election (``RandomElections/approval(projects:voters:budget:nonEmptyBallots:using:)``).
    static func randomApproval(seed: UInt64) -> String {
        var rng = SplitMix(seed: seed)
        return RandomElections.approval(projects: 2...8, voters: 1...40, budget: 10...80, using: &rng)
    }

    /// The certificate decides greedy-cost on Warsaw Praga-Południe 2020 (14,897 voters × 134
    /// projects), whose program GLPK does not solve within a second.
    @Test func largeGreedyOutcomeIsDecidedUnpriceable() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("PBRulesTests/Fixtures/pabulib/poland_warszawa_2020_praga-poludnie.pb")
        let profile = try AnalysisProfile(PabulibReader.parse(String(contentsOf: url, encoding: .utf8)))
        let selected = try Rules.run(.greedyCost, on: profile.instance).selected
        let m = OutcomeAnalysis.measures(
            profile, selected: selected, options: AnalysisOptions(timeLimit: 1, families: [.priceability]))
        #expect(m["priceable"] == .bool(false))
        #expect(m["priceable:exhaustive=False"] == .bool(false))
    }

    /// The 0-1 program and the enumeration decide the core alike.
    @Test func coreProgramAgreesWithEnumeration() throws {
        var blocked = 0
        for c in Self.cases {
            let (profile, selected) = try Self.prepare(c)
            for sat in profile.satisfactionClasses {
                let funded = profile.mask(selected)
                let a = Core.decide(profile, sat, funded: funded, timeLimit: nil, method: .enumeration)
                let b = Core.decide(profile, sat, funded: funded, timeLimit: nil, method: .program)
                #expect(a == b, "\(sat)\n\(c.pb)")
                let problem = Core.Problem(profile, sat, funded: funded)
                if !problem.gainers.isEmpty {
                    let whole = problem.program(timeLimit: nil, wholeVoters: true)
                    #expect(whole == a, "whole program, \(sat)\n\(c.pb)")
                    if let relaxed = problem.program(timeLimit: nil, wholeVoters: false) {
                        #expect(relaxed == a, "relaxation, \(sat)\n\(c.pb)")
                    }
                }
                if a == .blocked { blocked += 1 }
            }
        }
        #expect(blocked > 100)
    }
}
