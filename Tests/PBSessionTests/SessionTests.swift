import Foundation
import PBModel
import PBRules
import PBWorkbench
import Testing

@testable import PBSession

/// The repository's files, found from this file's location.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
    static let riverside = path("Scenarios/riverside.yaml")
    static let warsaw = path("Scenarios/poland_warszawa_2017_wars.pb")
}

func temporaryFolder() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pbsession-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.path
}

/// A small definition: three projects, budget 100.
func smallDefinition(_ format: BallotFormat) -> SessionDefinition {
    SessionDefinition(
        name: "Test", source: "test.yaml", sourceKind: .election, currency: "GBP", country: "United Kingdom",
        budget: Amount(100),
        projects: [
            SessionProject(id: "a", title: "A", cost: Amount(60), district: "north", description: "a"),
            SessionProject(id: "b", title: "B", cost: Amount(50), district: "south", description: "b"),
            SessionProject(id: "c", title: "C", cost: Amount(30), district: nil, description: "c"),
        ], format: format, rule: .mesCostAdd1Greedy)
}

func parse(_ text: String) throws(BallotError) -> BallotInput { try BallotRequest.parse(Array(text.utf8)) }

@Suite("Ballot requests and their checks")
struct BallotTests {
    @Test("a repeated project id is refused even where a JSON reader would keep the last one")
    func duplicateKeys() throws {
        let error = #expect(throws: BallotError.self) { try parse(#"{"points": {"a": 5, "b": 1, "a": 5}}"#) }
        #expect(error?.message == "project 'a' is listed twice")
        #expect(error?.field == "points.a")
        let list = #expect(throws: BallotError.self) {
            try smallDefinition(.init(kind: .approval)).format.validate(
                try parse(#"{"approve": ["a", "c", "a"]}"#), in: smallDefinition(.init(kind: .approval)))
        }
        #expect(list?.field == "approve[2]")
    }

    @Test(
        "malformed bodies are 400s naming the problem",
        arguments: [
            (#"["a"]"#, "must be a JSON object"), (#"{"approve": ["a"], "points": {}}"#, "exactly one field"),
            (#"{"vote": ["a"]}"#, "unknown field 'vote'"), (#"{"approve": "a"}"#, "expected a list"),
            (#"{"approve": [1]}"#, "expected a project id"), (#"{"points": {"a": 1.5}}"#, "whole number"),
            (#"{"approve": ["a"]"#, "not valid JSON"), (#"{"approve": ["a"]} x"#, "not valid JSON"),
            (#"{"approve": ["\ud800"]}"#, "lone surrogate"),
        ])
    func malformed(text: String, expected: String) throws {
        let error = #expect(throws: BallotError.self) { try parse(text) }
        #expect(error?.malformed == true)
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
    }

    @Test("escapes and order survive parsing")
    func escapes() throws {
        #expect(try parse(#"{"approve": ["\u0061", "b\"c", "é"]}"#) == .approve(["a", "b\"c", "é"]))
        #expect(try parse(#" { "points" : { "c" : 2 , "a" : 0 } } "#) == .points([("c", 2), ("a", 0)]))
    }

    @Test("approval: counts, unknown projects, and the session's order")
    func approval() throws {
        let definition = smallDefinition(.init(kind: .approval, minProjects: 2, maxProjects: 2))
        let format = definition.format
        #expect(try format.validate(.approve(["c", "a"]), in: definition) == Ballot(projects: ["a", "c"]))
        #expect(throws: BallotError("choose at least 2 projects (this ballot has 1)", field: "approve")) {
            try format.validate(.approve(["a"]), in: definition)
        }
        #expect(throws: BallotError("choose at most 2 projects (this ballot has 3)", field: "approve")) {
            try format.validate(.approve(["a", "b", "c"]), in: definition)
        }
        #expect(throws: BallotError("project 'z' is not in this session", field: "approve[1]")) {
            try format.validate(.approve(["a", "z"]), in: definition)
        }
        let wrongKind = #expect(throws: BallotError.self) { try format.validate(.points([("a", 1)]), in: definition) }
        #expect(wrongKind?.message.contains("approval") == true)
    }

    @Test("knapsack: a ballot over the budget is refused, one at the budget is not")
    func knapsack() throws {
        let definition = smallDefinition(.init(kind: .knapsack))
        let over = #expect(throws: BallotError.self) {
            try definition.format.validate(.approve(["a", "b"]), in: definition)
        }
        #expect(over?.message == "the projects chosen cost 110 in all, more than the budget of 100")
        #expect(try definition.format.validate(.approve(["b", "c"]), in: definition).projects == ["b", "c"])
        var exact = smallDefinition(.init(kind: .knapsack))
        exact.projects[2].cost = Amount(40)
        #expect(try exact.format.validate(.approve(["a", "c"]), in: exact).projects == ["a", "c"])
    }

    @Test("cumulative: points within the limit, none negative, zero points dropped")
    func cumulative() throws {
        let definition = smallDefinition(.init(kind: .cumulative, points: 10))
        let format = definition.format
        #expect(
            try format.validate(.points([("c", 3), ("b", 0), ("a", 7)]), in: definition)
                == Ballot(projects: ["a", "c"], points: [7, 3]))
        #expect(throws: BallotError("at most 10 points in all (this ballot gives more)", field: "points")) {
            try format.validate(.points([("a", 6), ("c", 5)]), in: definition)
        }
        #expect(throws: BallotError("points must be whole numbers, 0 or more", field: "points.a")) {
            try format.validate(.points([("a", -1), ("c", 5)]), in: definition)
        }
        #expect(throws: BallotError("give at least one point to a project", field: "points")) {
            try format.validate(.points([("a", 0)]), in: definition)
        }
    }

    @Test("formats are checked against the projects on offer")
    func formatChecks() {
        #expect(throws: SessionError.self) { try BallotFormat(kind: .cumulative).check(projectCount: 3) }
        #expect(throws: SessionError.self) { try BallotFormat(kind: .approval, minProjects: 4).check(projectCount: 3) }
        #expect(throws: SessionError.self) {
            try BallotFormat(kind: .approval, minProjects: 2, maxProjects: 1).check(projectCount: 3)
        }
    }
}

@Suite("Session tokens")
struct TokenTests {
    @Test("tokens are 192 random bits, distinct, and match only their own digest")
    func tokens() {
        let tokens = (0..<200).map { _ in SessionToken.generate() }
        #expect(Set(tokens).count == tokens.count)
        #expect(tokens.allSatisfy(SessionToken.isWellFormed))
        #expect(tokens[0].count == 48)
        let digest = SessionToken.digest(of: tokens[0])
        #expect(digest.count == 32)
        #expect(SessionToken.matches(tokens[0], digest: digest))
        #expect(!SessionToken.matches(tokens[1], digest: digest))
        // Every bit position is set in some token (a broken generator repeating bytes would not do this).
        var seen = [Bool](repeating: false, count: 192)
        for token in tokens {
            let bytes = stride(from: 0, to: 48, by: 2).map { i -> UInt8 in
                let start = token.index(token.startIndex, offsetBy: i)
                return UInt8(token[start..<token.index(start, offsetBy: 2)], radix: 16)!
            }
            for bit in 0..<192 where bytes[bit / 8] & (1 << (bit % 8)) != 0 { seen[bit] = true }
        }
        #expect(seen.allSatisfy { $0 })
        #expect(SessionToken.equalInConstantTime([1, 2, 3], [1, 2, 3]))
        #expect(!SessionToken.equalInConstantTime([1, 2, 3], [1, 2, 4]))
        #expect(!SessionToken.equalInConstantTime([1, 2], [1, 2, 3]))
    }
}
