import Foundation
import PBModel
import Testing

private func fixture(_ name: String) -> String {
    Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!.path
}

/// The real elections kept as PBRules fixtures.
private func realElections() -> [String] {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("PBRulesTests/Fixtures/pabulib")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return names.filter { $0.hasSuffix(".pb") }.sorted().map { dir.appendingPathComponent($0).path }
}

@Suite("Reading pabulib files")
struct PabulibReaderTests {
    @Test("every META key, project column and voter column is kept, in order")
    func keepsEverything() throws {
        let e = try PabulibReader.read(path: fixture("small-approval.pb"))
        #expect(
            e.meta.map(\.key) == ["description", "country", "num_projects", "num_votes", "budget", "vote_type", "rule"])
        #expect(e.metaValue("country") == "Nowhere")
        #expect(e.budget == Amount(significand: 100050, scale: 2))
        #expect(e.voteType == .approval)
        #expect(e.projects.map(\.id) == ["10", "9", "A"])
        #expect(e.projects.map(\.cost) == [Amount(600), Amount(400), Amount(significand: 5, scale: 1)])
        #expect(e.projectFields.columns == ["project_id", "cost", "name", "category", "latitude", "longitude"])
        #expect(e.projectField("name", of: 0) == "Park; with benches")
        #expect(e.projectField("category", of: 1) == "education,culture")
        #expect(e.voterFields.columns == ["voter_id", "age", "sex", "neighbourhood"])
        #expect(e.voteColumns == ["voter_id", "age", "sex", "vote", "neighbourhood"])
        #expect(e.voterFields.value(row: 3, column: "age") == "70")
        #expect(e.voterCount == 5)
        #expect(Array(e.ballots.projects(of: 0)) == [0, 1])
        #expect(e.ballots.projects(of: 2).isEmpty)
        #expect(Array(e.ballots.projects(of: 4)) == [2, 1, 0])
        #expect(e.supportCounts() == [3, 3, 2])
    }

    @Test("cumulative ballots keep their points, aligned with the projects")
    func cumulativePoints() throws {
        let e = try PabulibReader.read(path: fixture("small-cumulative.pb"))
        #expect(e.voteType == .cumulative)
        #expect(Array(e.ballots.points(of: 0)) == [Amount(7), Amount(3)])
        #expect(Array(e.ballots.projects(of: 1)) == [1])
        #expect(Array(e.ballots.points(of: 1)) == [Amount(10)])
        #expect(e.ballots.projects(of: 2).isEmpty)
    }

    @Test("write then read gives an equal election, for every real fixture", arguments: realElections())
    func roundTrip(_ path: String) throws {
        let first = try PabulibReader.read(path: path)
        let text = PabulibWriter.text(of: first)
        let second = try PabulibReader.parse(text, file: "roundtrip")
        #expect(second == first)
    }

    @Test("the hand-made files round-trip too, quoted names included")
    func roundTripSmall() throws {
        for name in ["small-approval.pb", "small-cumulative.pb"] {
            let first = try PabulibReader.read(path: fixture(name))
            #expect(try PabulibReader.parse(PabulibWriter.text(of: first)) == first)
        }
    }

    @Test("CRLF line ends, a byte-order mark and trailing blank lines read as the clean file")
    func acceptedOddities() throws {
        let clean = try String(contentsOfFile: fixture("small-approval.pb"), encoding: .utf8)
        let reference = try PabulibReader.parse(clean)
        let crlf = clean.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try PabulibReader.parse(crlf) == reference)
        #expect(try PabulibReader.parse([0xEF, 0xBB, 0xBF] + Array(clean.utf8)) == reference)
        #expect(try PabulibReader.parse(clean + "\n\n  \n") == reference)
    }

    @Test("ids longer than 8 bytes, section names in any case and rows of many columns")
    func longIDsAndWideRows() throws {
        let extra = (1...18).map { "c\($0)" }
        let text =
            "Meta\nkey;value\nbudget;10\nvote_type;approval\nprojects\nproject_id;cost\n"
            + "project-number-1;4\nproject-number-2;5\nVOTES\nvoter_id;vote;" + extra.joined(separator: ";") + "\n"
            + "voter-number-10;project-number-2, project-number-1;" + extra.map { "x\($0)" }.joined(separator: ";")
            + "\n"
            + "voter-number-9;;" + extra.map { "y\($0)" }.joined(separator: ";") + "\n"
        let e = try PabulibReader.parse(text)
        #expect(e.projects.map(\.id) == ["project-number-1", "project-number-2"])
        #expect(Array(e.ballots.projects(of: 0)) == [1, 0])
        #expect(e.ballots.projects(of: 1).isEmpty)
        #expect(e.voterFields.columns == ["voter_id"] + extra)
        #expect(e.voterFields.value(row: 0, column: "c18") == "xc18")
        #expect(e.voterFields.value(row: 1, column: "voter_id") == "voter-number-9")
        let unknown = text.replacingOccurrences(of: "project-number-2, project-number-1", with: "project-number-3")
        #expect(
            throws: PabulibError.invalid([
                PabulibIssue(
                    file: "w.pb", line: 11, field: "votes[voter-number-10].vote",
                    message: "unknown project 'project-number-3'")
            ])
        ) {
            try PabulibReader.parse(unknown, file: "w.pb")
        }
    }

    @Test("num_votes that disagrees with the file is a warning, not an error")
    func metaFactsAreWarnings() throws {
        let text = try String(contentsOfFile: fixture("small-approval.pb"), encoding: .utf8)
            .replacingOccurrences(of: "num_votes;5", with: "num_votes;7")
        let result = try PabulibReader.parseWithWarnings(Array(text.utf8), file: "x.pb")
        #expect(result.election.voterCount == 5)
        #expect(result.warnings.map(\.description) == ["x.pb:6: num_votes: META says 7, the file has 5 votes"])
    }

    @Test("with counts that must match, a wrong num_votes or num_projects is an error naming line and field")
    func metaCountsMustMatch() throws {
        let text = try String(contentsOfFile: fixture("small-approval.pb"), encoding: .utf8)
        let cases = [
            ("num_votes;5", "num_votes;7", "x.pb:6: num_votes: META says 7, the file has 5 votes"),
            ("num_projects;3", "num_projects;9", "x.pb:5: num_projects: META says 9, the file has 3 projects"),
        ]
        for (from, to, message) in cases {
            let bytes = Array(text.replacingOccurrences(of: from, with: to).utf8)
            let error = #expect(throws: PabulibError.self) {
                try PabulibReader.parseWithWarnings(bytes, file: "x.pb", counts: .mustMatch)
            }
            #expect(error?.description.hasPrefix(message) == true, "\(String(describing: error))")
            #expect(try PabulibReader.parseWithWarnings(bytes, file: "x.pb").warnings.count == 1)
        }
    }

    @Test("writing to a file is atomic and reads back equal")
    func writesFile() throws {
        let e = try PabulibReader.read(path: fixture("small-approval.pb"))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pbsim-\(UUID().uuidString).pb").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try PabulibWriter.write(e, to: path)
        #expect(try PabulibReader.read(path: path) == e)
    }
}

@Suite("Rejecting bad pabulib files")
struct PabulibErrorTests {
    static let header =
        "META\nkey;value\nbudget;1000\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;500\n2;300\nVOTES\nvoter_id;vote\n"

    private func message(_ text: String) -> String {
        do {
            _ = try PabulibReader.parse(text, file: "bad.pb")
            return "accepted"
        } catch {
            return error.description
        }
    }

    @Test("an empty file")
    func empty() { #expect(message("") == "bad.pb: empty file: expected META, PROJECTS and VOTES sections") }

    @Test("a binary file")
    func binary() throws {
        #expect(throws: PabulibError.self) {
            try PabulibReader.parse([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00], file: "bad.pb")
        }
    }

    @Test("a missing section")
    func missingSection() {
        #expect(
            message("META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;5\n")
                == "bad.pb: VOTES: missing section")
    }

    @Test("a missing budget")
    func missingBudget() {
        #expect(
            message(Self.header.replacingOccurrences(of: "budget;1000\n", with: "") + "a;1\n").contains(
                "budget: missing META key 'budget'"))
    }

    @Test("a budget that is not a number")
    func badBudget() {
        #expect(
            message(Self.header.replacingOccurrences(of: "budget;1000", with: "budget;lots") + "a;1\n")
                == "bad.pb:3: budget: expected a decimal number, got 'lots'")
    }

    @Test("a negative budget")
    func negativeBudget() {
        #expect(
            message(Self.header.replacingOccurrences(of: "budget;1000", with: "budget;-5") + "a;1\n")
                == "bad.pb:3: budget: must be positive, got '-5'")
    }

    @Test("a non-finite or overflowing cost")
    func badCosts() {
        #expect(
            message(Self.header.replacingOccurrences(of: "1;500", with: "1;inf") + "a;1\n")
                == "bad.pb:7: projects[1].cost: expected a decimal number, got 'inf'")
        #expect(
            message(Self.header.replacingOccurrences(of: "1;500", with: "1;99999999999999999999") + "a;1\n")
                == "bad.pb:7: projects[1].cost: number too large: '99999999999999999999'")
    }

    @Test("a negative cost")
    func negativeCost() {
        #expect(
            message(Self.header.replacingOccurrences(of: "1;500", with: "1;-500") + "a;1\n")
                == "bad.pb:7: projects[1].cost: must not be negative, got '-500'")
    }

    @Test("a duplicate project id")
    func duplicateProject() {
        #expect(
            message(Self.header.replacingOccurrences(of: "2;300", with: "1;300") + "a;1\n")
                == "bad.pb:8: projects[1].project_id: duplicate project id '1'")
    }

    @Test("a duplicate voter id")
    func duplicateVoter() {
        #expect(message(Self.header + "a;1\na;2\n") == "bad.pb:12: votes[a].voter_id: duplicate voter id 'a'")
    }

    @Test("a duplicate voter id after ids out of order, and one right after itself")
    func duplicateVoterUnordered() {
        #expect(message(Self.header + "b;1\na;2\nb;1\n") == "bad.pb:13: votes[b].voter_id: duplicate voter id 'b'")
        #expect(message(Self.header + "9;1\n10;2\n10;1\n") == "bad.pb:13: votes[10].voter_id: duplicate voter id '10'")
    }

    @Test("after a bad ballot, the next valid ballot is read as it is (no 'listed twice', nothing carried over)")
    func afterBadBallot() {
        for bad in ["a;1,7", "a;1,1", "a;2,x"] {
            #expect(message(Self.header + "\(bad)\nb;1,2\n").split(separator: "\n").count == 1, "\(bad)")
            #expect(!message(Self.header + "\(bad)\nb;1,2\n").contains("votes[b]"), "\(bad)")
        }
        let points = Self.header.replacingOccurrences(of: "vote_type;approval", with: "vote_type;cumulative")
            .replacingOccurrences(of: "voter_id;vote", with: "voter_id;vote;points")
        #expect(!message(points + "a;1,2;5,x\nb;1,2;1,1\n").contains("votes[b]"))
    }

    @Test("a vote naming an unknown project")
    func unknownProject() {
        #expect(message(Self.header + "a;1,7\n") == "bad.pb:11: votes[a].vote: unknown project '7'")
    }

    @Test("points whose count differs from the vote list")
    func pointsMismatch() {
        let text =
            "META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\n1;5\n2;5\nVOTES\nvoter_id;vote;points\nv;1,2;3\n"
        #expect(message(text) == "bad.pb:11: votes[v].points: 1 points for 2 projects")
    }

    @Test("an unknown vote type")
    func unknownVoteType() {
        #expect(
            message(Self.header.replacingOccurrences(of: "vote_type;approval", with: "vote_type;quadratic") + "a;1\n")
                .hasPrefix("bad.pb:4: vote_type: unknown vote type 'quadratic'"))
    }

    @Test("a row with the wrong number of fields")
    func wrongWidth() {
        #expect(message(Self.header + "a;1;extra\n") == "bad.pb:11: votes[a]: expected 2 fields, got 3")
    }

    @Test("a missing required column")
    func missingColumn() {
        #expect(
            message(Self.header.replacingOccurrences(of: "project_id;cost", with: "project_id;price") + "a;1\n")
                .contains("bad.pb:6: PROJECTS: missing required column 'cost'"))
    }

    @Test("every error is reported, not only the first")
    func severalErrors() {
        let m = message(Self.header + "a;1,7\nb;9\na;2\n")
        #expect(m.split(separator: "\n").count == 3)
        #expect(m.contains("bad.pb:11:") && m.contains("bad.pb:12:") && m.contains("bad.pb:13:"))
    }

    @Test("a missing file names the path")
    func missingFile() {
        #expect(throws: PabulibError.unreadable(file: "/nonexistent/x.pb", reason: "no such file")) {
            try PabulibReader.read(path: "/nonexistent/x.pb")
        }
    }
}

@Suite("Exact amounts")
struct AmountTests {
    @Test("decimal points and commas parse exactly")
    func parsing() throws {
        #expect(try Amount(parsing: "308298.85") == Amount(significand: 30829885, scale: 2))
        #expect(try Amount(parsing: "308298,85") == Amount(significand: 30829885, scale: 2))
        #expect(try Amount(parsing: " 12 ") == Amount(12))
        #expect(try Amount(parsing: "1.50").description == "1.5")
        #expect(throws: Amount.ParseFailure.notANumber) { try Amount(parsing: "1e5") }
        #expect(throws: Amount.ParseFailure.notANumber) { try Amount(parsing: "nan") }
    }

    @Test("comparison and scaling are exact")
    func comparing() throws {
        #expect(try Amount(parsing: "0.1") < Amount(parsing: "0.10000001"))
        #expect(try Amount(parsing: "308298.85").units(atScale: 3) == 308298850)
        #expect(Amount(5).units(atScale: 0) == 5)
        #expect(try Amount(parsing: "0.5").units(atScale: 0) == nil)
    }
}

@Suite("Inputs the fuzzer found")
struct FuzzRegressionTests {
    static let crashers: [String] = {
        let dir = Bundle.module.url(forResource: "Fixtures/fuzz-crashers", withExtension: nil)!
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted().map {
            dir.appendingPathComponent($0).path
        }
    }()

    @Test("each crasher is read or rejected with a message, and round-trips when read", arguments: crashers)
    func noCrash(_ path: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        do {
            let e = try PabulibReader.parse(bytes, file: "crasher.pb")
            #expect(try PabulibReader.parse(PabulibWriter.text(of: e)) == e)
        } catch {
            #expect(!error.description.isEmpty)
            #expect(error.description.hasPrefix("crasher.pb"))
        }
    }

    @Test("a vote_type declared after the VOTES header is an error, not a crash")
    func lateVoteType() {
        let text =
            "META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\nv;1\nMETA\nkey;value\nvote_type;cumulative\n"
        #expect(throws: PabulibError.self) { try PabulibReader.parse(text, file: "late.pb") }
    }
}

@Suite("Reading only META")
struct PabulibMetaTests {
    @Test func metaIsReadWithTheReadersQuotingAndCase() {
        let text = "\u{FEFF}META\nkey;value\n\"vote_type\";\"Choose-1\"\n\"description\";\"a;b\"\nPROJECTS\n"
        let meta = PabulibReader.meta(of: Array(text.utf8))
        #expect(meta.map(\.key) == ["vote_type", "description"])
        #expect(meta.last?.value == "a;b")
        #expect(PabulibReader.voteType(of: Array(text.utf8)) == .approval)
    }

    @Test func voteTypesReadInAnyCaseUnknownOrLateOnesAreNil() throws {
        for name in ["cumulative", "Scoring", "ordinal", "approval"] {
            let text = "META\nkey;value\nvote_type;\(name)\nbudget;10\n"
            #expect(PabulibReader.voteType(of: Array(text.utf8)) == VoteType(metaValue: name))
        }
        #expect(PabulibReader.voteType(of: Array("META\nkey;value\nvote_type;plurality\n".utf8)) == nil)
        #expect(
            PabulibReader.voteType(of: Array("PROJECTS\nproject_id;cost\nMETA\nkey;value\nvote_type;ordinal\n".utf8))
                == nil)
    }
}
