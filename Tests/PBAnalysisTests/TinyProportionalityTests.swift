import Foundation
import PBModel
import PBRules
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
