import Foundation
import Testing

private let valid = """
    META
    key;value
    description;Test
    country;Poland
    unit;Testville
    instance;2024
    num_projects;2
    num_votes;2
    budget;1000
    vote_type;approval
    rule;greedy
    date_begin;2024
    date_end;2024
    language;pl
    PROJECTS
    project_id;cost;votes;name;selected
    1;600;2;A;1
    2;500;1;B;0
    VOTES
    voter_id;vote;sex
    1;1,2;K
    2;1;K

    """

private func json(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8))
}

@Suite("pbsim check")
struct CheckCommandTests {
    @Test("a file without errors exits 0; JSON is one object with file, errors and warnings")
    func validFile() throws {
        let file = try write(valid.replacingOccurrences(of: ";K", with: ";F"))
        let r = try run(["check", file, "--format", "json"])
        #expect(r.status == 0, "\(r.stdout)")
        let object = try #require(try json(r.stdout) as? [String: Any])
        #expect(object["file"] as? String == file)
        #expect((object["errors"] as? [Any])?.isEmpty == true)
        #expect((object["warnings"] as? [Any])?.isEmpty == true)
    }

    @Test("errors exit 1; each finding has check, line (number or null) and message")
    func findings() throws {
        let file = try write(valid.replacingOccurrences(of: "language;pl", with: "language;polish"))
        let r = try run(["check", file, "--format", "json"])
        #expect(r.status == 1)
        let object = try #require(try json(r.stdout) as? [String: Any])
        let errors = try #require(object["errors"] as? [[String: Any]])
        let sex = errors.filter { ($0["message"] as? String)?.contains("sex") == true }
        #expect(sex.count == 2)
        #expect(sex.allSatisfy { $0["check"] as? String == "invalid votes field value" })
        #expect(sex.compactMap { $0["line"] as? Int } == [21, 22])
        #expect(errors.contains { $0["check"] as? String == "invalid meta field value" && $0["line"] as? Int == 14 })
        #expect(errors.allSatisfy { $0.keys.sorted() == ["check", "line", "message"] })
    }

    @Test("several files give a JSON array in the given order; the exit status is 1 if any has an error")
    func severalFiles() throws {
        let good = try write(valid.replacingOccurrences(of: ";K", with: ";M"))
        let bad = try write(
            valid.replacingOccurrences(of: ";K", with: ";M").replacingOccurrences(
                of: "num_votes;2", with: "num_votes;343"))
        let r = try run(["check", good, bad, "--format", "json"])
        #expect(r.status == 1)
        let array = try #require(try json(r.stdout) as? [[String: Any]])
        #expect(array.map { $0["file"] as? String } == [good, bad])
        let badErrors = try #require(array[1]["errors"] as? [[String: Any]])
        #expect(badErrors.map { $0["check"] as? String } == ["different number of votes"])
        #expect(try run(["check", good, good]).status == 0)
    }

    @Test("text groups a repeated problem with its count, examples, the rest's lines and the fix")
    func text() throws {
        var text = valid.replacingOccurrences(of: "num_votes;2", with: "num_votes;6")
        text += "3;2;K\n4;2;K\n5;1;K\n6;1;K\n"
        text = text.replacingOccurrences(of: "1;600;2;A;1", with: "1;600;4;A;1")
            .replacingOccurrences(of: "2;500;1;B;0", with: "2;500;3;B;0")
        let r = try run(["check", try write(text)])
        #expect(r.status == 1)
        #expect(r.stdout.contains("error: invalid votes field value (6×)"), "\(r.stdout)")
        #expect(r.stdout.contains("line 21: invalid sex value 'K'"))
        #expect(r.stdout.contains("… and 3 more (lines 24–26)"))
        #expect(r.stdout.contains("fix: "))
    }

    @Test("a missing file is an error in the report, not a crash")
    func missingFile() throws {
        let r = try run(["check", "/nonexistent/x.pb", "--format", "json"])
        #expect(r.status == 1)
        let object = try #require(try json(r.stdout) as? [String: Any])
        #expect((object["errors"] as? [[String: Any]])?.first?["check"] as? String == "file not found")
    }

    @Test("where pabulib-checker crashes (a cost of inf), pbsim names the real problem")
    func crashReplaced() throws {
        let file = try write(valid.replacingOccurrences(of: "2;500;1;B;0", with: "2;inf;1;B;0"))
        let r = try run(["check", file, "--format", "json"])
        #expect(r.status == 1)
        let object = try #require(try json(r.stdout) as? [String: Any])
        let errors = try #require(object["errors"] as? [[String: Any]])
        #expect(!errors.contains { $0["check"] as? String == "processing error" })
        #expect(
            errors.contains {
                ($0["message"] as? String)?.contains("not a finite number") == true && $0["line"] as? Int == 18
            })
    }
}
