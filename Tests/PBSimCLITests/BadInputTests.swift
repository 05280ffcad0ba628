import Foundation
import Testing

let clean = """
    META
    key;value
    description;Clean file
    num_votes;4
    budget;1000
    vote_type;approval
    PROJECTS
    project_id;cost;name
    1;500;"Park; benches"
    2;300;Library
    3;400;Bikes
    VOTES
    voter_id;vote
    a;1,2
    b;2
    c;3,1
    d;1

    """

/// A bad file, the line and the words its error must name.
struct BadCase: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var line: Int
    var words: String
    var testDescription: String { name }
}

private let badCases: [BadCase] = [
    BadCase(name: "empty file", text: "", line: 0, words: "empty file"),
    BadCase(
        name: "missing section", text: clean.components(separatedBy: "VOTES")[0], line: 0,
        words: "VOTES: missing section"),
    BadCase(
        name: "missing required column",
        text: clean.replacingOccurrences(of: "project_id;cost;name", with: "project_id;price;name"), line: 8,
        words: "missing required column 'cost'"),
    BadCase(
        name: "missing budget", text: clean.replacingOccurrences(of: "budget;1000\n", with: ""), line: 0,
        words: "missing META key 'budget'"),
    BadCase(
        name: "non-numeric budget", text: clean.replacingOccurrences(of: "budget;1000", with: "budget;a lot"), line: 5,
        words: "expected a decimal number"),
    BadCase(
        name: "negative budget", text: clean.replacingOccurrences(of: "budget;1000", with: "budget;-1000"), line: 5,
        words: "must be positive"),
    BadCase(
        name: "non-finite cost", text: clean.replacingOccurrences(of: "2;300;", with: "2;NaN;"), line: 10,
        words: "projects[2].cost"),
    BadCase(
        name: "overflowing cost", text: clean.replacingOccurrences(of: "2;300;", with: "2;123456789012345678901234;"),
        line: 10, words: "number too large"),
    BadCase(
        name: "negative cost", text: clean.replacingOccurrences(of: "2;300;", with: "2;-300;"), line: 10,
        words: "must not be negative"),
    BadCase(
        name: "duplicate project id", text: clean.replacingOccurrences(of: "3;400;", with: "2;400;"), line: 11,
        words: "duplicate project id '2'"),
    BadCase(
        name: "duplicate voter id", text: clean.replacingOccurrences(of: "c;3,1", with: "a;3,1"), line: 16,
        words: "duplicate voter id 'a'"),
    BadCase(
        name: "vote naming an unknown project", text: clean.replacingOccurrences(of: "b;2", with: "b;9"), line: 15,
        words: "unknown project '9'"),
    BadCase(
        name: "unknown vote type",
        text: clean.replacingOccurrences(of: "vote_type;approval", with: "vote_type;quadratic"), line: 6,
        words: "unknown vote type 'quadratic'"),
    BadCase(
        name: "row with the wrong number of fields", text: clean.replacingOccurrences(of: "b;2", with: "b;2;x"),
        line: 15, words: "expected 2 fields, got 3"),
    BadCase(
        name: "points list of the wrong length",
        text: clean.replacingOccurrences(of: "vote_type;approval", with: "vote_type;cumulative").replacingOccurrences(
            of: "voter_id;vote\na;1,2", with: "voter_id;vote;points\na;1,2;5"
        ).replacingOccurrences(of: "b;2\nc;3,1\nd;1", with: "b;2;1\nc;3,1;1,1\nd;1;2"),
        line: 14, words: "1 points for 2 projects"),
]

@Suite("Bad input on the command line")
struct BadInputTests {
    @Test("each bad .pb file exits 1 with 'error: FILE:LINE: …' on stderr and nothing on stdout", arguments: badCases)
    func rejects(_ c: BadCase) throws {
        let path = try write(c.text)
        let r = try run(["elect", path, "--rule", "greedy-cost"])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        let place = c.line > 0 ? "error: \(path):\(c.line):" : "error: \(path):"
        #expect(r.stderr.hasPrefix(place), "\(r.stderr)")
        #expect(r.stderr.contains(c.words), "\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Backtrace"))
    }

    @Test("a binary file is rejected, not read")
    func binary() throws {
        let path = try write([0x50, 0x4B, 0x03, 0x04, 0, 0, 0x14, 0])
        let r = try run(["elect", path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("binary file"))
    }

    @Test("a missing file names the path")
    func missingFile() throws {
        let r = try run(["elect", "/nonexistent/nothing.pb"])
        #expect(r.status == 1)
        #expect(r.stderr == "error: /nonexistent/nothing.pb: cannot read: no such file\n")
    }

    @Test("a rule that does not apply to the vote type is a clear error")
    func ruleNotApplicable() throws {
        let text = clean.replacingOccurrences(of: "vote_type;approval", with: "vote_type;ordinal")
        let path = try write(text)
        let r = try run(["elect", path, "--rule", "phragmen"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("rule 'phragmen' does not apply to ordinal ballots"))
    }

    @Test("CRLF, a byte-order mark, trailing blank lines and a quoted delimiter give the clean file's outcome")
    func acceptedOddities() throws {
        let reference = try run(["elect", try write(clean), "--rule", "all", "--format", "json"])
        #expect(reference.status == 0)
        func selections(_ json: String) -> [String] {
            json.split(separator: "\n").filter { $0.contains("\"selected\"") }.map(String.init)
        }
        let variants: [[UInt8]] = [
            Array(clean.replacingOccurrences(of: "\n", with: "\r\n").utf8),
            [0xEF, 0xBB, 0xBF] + Array(clean.utf8),
            Array((clean + "\n\n   \n").utf8),
        ]
        for bytes in variants {
            let r = try run(["elect", try write(bytes), "--rule", "all", "--format", "json"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(selections(r.stdout) == selections(reference.stdout))
            #expect(!selections(r.stdout).isEmpty)
        }
    }

    @Test("num_votes contradicting the file is an error naming line and field; --lenient reads it with a warning")
    func countMismatch() throws {
        let file = try write(clean.replacingOccurrences(of: "num_votes;4", with: "num_votes;9"))
        let strict = try run(["elect", file, "--rule", "greedy-cost", "--format", "json"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains(":4: num_votes: META says 9, the file has 4 votes"))
        #expect(strict.stdout.isEmpty)
        let lenient = try run(["elect", file, "--rule", "greedy-cost", "--format", "json", "--lenient"])
        #expect(lenient.status == 0)
        #expect(
            lenient.stderr.contains("warning:")
                && lenient.stderr.contains(":4: num_votes: META says 9, the file has 4 votes"))
        #expect(lenient.stdout.contains("\"selected\""))
        let projects = try write(clean.replacingOccurrences(of: "num_votes;4", with: "num_votes;4\nnum_projects;2"))
        #expect(try run(["elect", projects, "--rule", "greedy-cost"]).status == 1)
        let html = FileManager.default.temporaryDirectory.appendingPathComponent("pbsim-\(UUID().uuidString).html").path
        defer { try? FileManager.default.removeItem(atPath: html) }
        #expect(try run(["report", file, "-o", html]).status == 1)
    }

    @Test("a scenario with mistakes exits non-zero and names file, line and field")
    func badScenario() throws {
        let yaml = """
            name: Bad
            currency: GBP
            budget: {total: -5}
            domains: [health]
            population: []
            proposals: []
            regimes:
              service-led: {information_noise: 0.3, rule: greedy}
              co-produced: {perception_noise: 0.05, ballot: approval, threshold: 0.2, rule: mes}
            """
        let path = try write(yaml, name: "bad.yaml")
        let r = try run(["simulate", path, "--runs", "2"])
        #expect(r.status != 0)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("\(path):3"), "\(r.stderr)")
        #expect(r.stderr.contains("budget.total"), "\(r.stderr)")
    }
}

@Suite("Every rule on the command line")
struct EveryRuleTests {
    @Test("--rule all on ranked ballots runs the ordinal rules and names the skipped ones with their ballots")
    func ruleAllSaysWhatItSkipped() throws {
        let ranked = clean.replacingOccurrences(of: "vote_type;approval", with: "vote_type;ordinal")
        let r = try run(["elect", try write(ranked), "--rule", "all"])
        #expect(r.status == 0)
        for rule in ["greedy-cost", "mes-borda", "pb-ear"] { #expect(r.stdout.contains(rule)) }
        #expect(r.stdout.contains("Skipped, not defined on ordinal ballots:"))
        #expect(r.stdout.contains("maximin-support (takes approval ballots)"))
        #expect(r.stdout.contains("cstv-ewt (takes cumulative ballots)"))
        let json = try run(["elect", try write(ranked), "--rule", "all", "--format", "json"])
        #expect(json.status == 0)
        #expect(json.stderr.contains("note: Skipped, not defined on ordinal ballots:"))
    }

    @Test("--tie-breaking changes greedy's choice between tied projects; an unknown option is refused")
    func tieBreaking() throws {
        // Every project has 2 votes (the same votes per unit of cost); budget 400. By id, 1 (500)
        // does not fit and 2 (300) does; by the highest cost, 3 (400) comes before 2.
        let tied = clean.replacingOccurrences(of: "a;1,2\nb;2\nc;3,1\nd;1", with: "a;2,3\nb;2,3\nc;1\nd;1")
            .replacingOccurrences(of: "budget;1000", with: "budget;400")
        let lexico = try run(["elect", try write(tied), "--rule", "greedy-cost", "--format", "json"])
        let maxCost = try run(
            ["elect", try write(tied), "--rule", "greedy-cost", "--tie-breaking", "max-cost", "--format", "json"])
        #expect(lexico.stdout.contains("\"selection_order\": [\"2\"]"))
        #expect(maxCost.stdout.contains("\"selection_order\": [\"3\"]"))
        let bad = try run(["elect", try write(tied), "--tie-breaking", "random"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("tie-breaking"))
    }
}
