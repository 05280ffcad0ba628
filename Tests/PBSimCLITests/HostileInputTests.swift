import Foundation
import Testing

/// The demo scenario's text with `edits` applied (each the first occurrence of `from` replaced by `to`).
private func riverside(_ edits: [(String, String)]) throws -> String {
    var text = try String(contentsOfFile: packageRoot + "/Scenarios/riverside.yaml", encoding: .utf8)
    for (from, to) in edits {
        let range = try #require(text.range(of: from), "riverside.yaml has no '\(from)'")
        text.replaceSubrange(range, with: to)
    }
    return text
}

/// The 1-based line of the first occurrence of `needle` in `text`.
private func line(of needle: String, in text: String) throws -> Int {
    let range = try #require(text.range(of: needle))
    return text[..<range.lowerBound].count { $0 == "\n" } + 1
}

/// A magnitude the validator used to accept and the simulator then trapped or hung on.
struct Magnitude: Sendable, CustomTestStringConvertible {
    var field: String
    var from: String
    var to: String
    var range: String
    var testDescription: String { "\(field): \(to)" }
}

private let magnitudes: [Magnitude] = [
    Magnitude(field: "budget.total", from: "total: 1200000", to: "total: 1e17", range: "between 0.01 and 10^12"),
    Magnitude(field: "population[0].size", from: "size: 5200", to: "size: 4294967296", range: "between 1 and 10^7"),
    Magnitude(
        field: "population[0].needs.education", from: "needs: {education: 0.9", to: "needs: {education: 1e308",
        range: "between 0 and 10^6"),
    Magnitude(
        field: "proposals[0].cost_sigma", from: "cost_sigma: 0.15", to: "cost_sigma: 1e200", range: "between 0 and 2"),
    Magnitude(
        field: "proposals[0].appropriateness", from: "appropriateness: 1.1", to: "appropriateness: 1e308",
        range: "at most 10^6"),
    Magnitude(field: "proposals[0].cost", from: "cost: 240000", to: "cost: 1e18", range: "between 0.01 and 10^12"),
    Magnitude(field: "runs", from: "runs: 500", to: "runs: 1000000000000", range: "between 1 and 100000"),
    Magnitude(
        field: "regimes.panel.size", from: "panel: {size: 40", to: "panel: {size: 1000000000000",
        range: "between 1 and 100000"),
    Magnitude(
        field: "regimes.co-produced.points", from: "ballot: approval, threshold: 0.2",
        to: "ballot: cumulative, points: 9223372036854775807", range: "between 1 and 10^6"),
    Magnitude(
        field: "regimes.co-produced.electorate", from: "rule: mes}", to: "rule: mes, electorate: 4294967296}",
        range: "between 1 and 10^7"),
    Magnitude(
        field: "regimes.service-led.information_noise", from: "information_noise: 0.3",
        to: "information_noise: 1e300", range: "between 0 and 10^6"),
]

/// 31 lines of nested aliases: `*a30` expands to 10^31 scalars.
private let aliasBomb: String = {
    var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for i in 1...30 {
        yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
    }
    return yaml
}()

@Suite("Hostile input: every accepted value runs, the rest is refused with its line and range")
struct HostileInputTests {
    @Test("a magnitude beyond a field's range is refused with the file, line, field and range", arguments: magnitudes)
    func outOfRange(_ m: Magnitude) throws {
        let text = try riverside([(m.from, m.to)])
        let path = try write(text, name: "big.yaml")
        let r = try run(["simulate", path, "--runs", "2"])
        #expect(r.status == 1, "\(r.stdout)")
        let expected = "error: \(path):\(try line(of: m.to, in: text)): \(m.field): must be"
        #expect(r.stderr.contains(expected), "\(r.stderr)")
        #expect(r.stderr.contains(m.range), "\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("crashed"))
    }

    @Test("every money, weight and noise field at the top of its range at once simulates")
    func maxima() throws {
        var text = try riverside([
            ("total: 1200000", "total: 1000000000000"), ("size: 5200", "size: 9000000"),
            ("information_noise: 0.3", "information_noise: 1000000"),
            (
                "perception_noise: 0.05, ballot: approval, threshold: 0.2, rule: mes}",
                "perception_noise: 1000000, ballot: cumulative, points: 1000000, rule: greedy, electorate: 2000}"
            ),
            ("panel: {size: 40", "panel: {size: 100000"),
        ])
        text = text.replacingOccurrences(of: #"cost: \d+"#, with: "cost: 1000000000000", options: .regularExpression)
        text = text.replacingOccurrences(
            of: #"cost_sigma: [0-9.]+"#, with: "cost_sigma: 2", options: .regularExpression)
        text = text.replacingOccurrences(
            of: #"appropriateness: [0-9.]+"#, with: "appropriateness: 1000000", options: .regularExpression)
        text = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.contains("needs: {") else { return String(line) }
            return line.replacingOccurrences(of: #": [0-9.]+"#, with: ": 1000000", options: .regularExpression)
        }.joined(separator: "\n")
        let path = try write(text, name: "max.yaml")
        for format in ["text", "json", "csv"] {
            let r = try run(["simulate", path, "--runs", "2", "--format", format])
            #expect(r.status == 0, "\(r.stderr)")
        }
    }

    @Test("--runs out of range, negative included, names the range; --jobs above the cores is capped and said")
    func runsAndJobs() throws {
        let scenario = packageRoot + "/Scenarios/riverside.yaml"
        for value in ["-5", "0", "1000000000000", "9223372036854775807"] {
            let r = try run(["simulate", scenario, "--runs", value])
            #expect(r.status != 0)
            #expect(r.stderr.contains("--runs must be between 1 and 100000, got \(value)"), "\(r.stderr)")
        }
        let r = try run(["simulate", scenario, "--runs", "2", "--jobs", "500"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("warning: --jobs 500: using"), "\(r.stderr)")
        #expect(r.stderr.contains("the number of cores"), "\(r.stderr)")
    }

    @Test("a YAML alias bomb as a mapping key is refused at once, with its line")
    func aliasBombKey() throws {
        let yaml = aliasBomb
        let forms = ["? *a30\n: 1\n", "*a30 : 1\n", "k: {*a30 : 1}\n", "[*a30]: 1\n"]
        for form in forms {
            let path = try write(yaml + form, name: "bomb.yaml")
            for command in [
                ["simulate", path], ["report", path, "-o", path + ".html"], ["batch", path, "--db", path + ".db"],
            ] {
                let r = try run(command)
                #expect(r.status == 1, "\(form) \(command[0])")
                #expect(r.stderr.contains("\(path):32:"), "\(form) \(command[0]): \(r.stderr)")
                #expect(r.stderr.contains("key"), "\(r.stderr)")
            }
        }
    }

    @Test("a YAML alias bomb as a value is refused with the expansion limit named")
    func aliasBombValue() throws {
        let yaml = aliasBomb
        let path = try write(yaml + "population: *a30\n", name: "bomb.yaml")
        let r = try run(["simulate", path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("more than 1000000 nodes through its aliases"), "\(r.stderr)")
    }

    @Test("a scenario over the size limit is refused before it is read; a folder, /dev/zero and a FIFO too")
    func sizeAndKinds() throws {
        let folder = try Folder()
        let big = folder.file("big.yaml")
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: big))
        try handle.truncate(atOffset: 17 << 20)  // sparse: no disk used
        try handle.close()
        #expect(mkfifo(folder.file("fifo.yaml"), 0o644) == 0)
        for (path, words) in [
            (big, "over the limit of 16777216 bytes"), (folder.path, "is a folder"), ("/dev/zero", "character device"),
            (folder.file("fifo.yaml"), "FIFO"),
        ] {
            let r = try run(["simulate", path])
            #expect(r.status == 1, "\(path)")
            #expect(r.stderr.contains(words), "\(path): \(r.stderr)")
        }
    }

    @Test("election.file at a folder, /dev/zero or a FIFO is an error at its line")
    func electionFileKinds() throws {
        let folder = try Folder()
        #expect(mkfifo(folder.file("fifo.pb"), 0o644) == 0)
        for (file, words) in [(".", "is a folder"), ("/dev/zero", "is a character device"), ("fifo.pb", "is a FIFO")] {
            let yaml = try String(contentsOfFile: packageRoot + "/Scenarios/real-ballots.yaml", encoding: .utf8)
                .replacingOccurrences(of: "file: poland_warszawa_2017_wars.pb", with: "file: \(file)")
            let path = folder.file("real.yaml")
            #expect(FileManager.default.createFile(atPath: path, contents: Data(yaml.utf8)))
            let r = try run(["simulate", path])
            #expect(r.status == 1)
            #expect(
                r.stderr.contains("\(path):\(try line(of: "file: \(file)", in: yaml)): election.file:"), "\(r.stderr)")
            #expect(r.stderr.contains(words), "\(r.stderr)")
        }
    }

    @Test("terminal escape sequences in names and ids never reach the terminal raw")
    func escapes() throws {
        let esc = "\u{1B}"
        let pb = try write(
            "META\nkey;value\ndescription;\(esc)]0;owned\u{07}\nnum_votes;2\nbudget;1000\nvote_type;approval\n"
                + "PROJECTS\nproject_id;cost;name\n1;500;\(esc)[2J\(esc)[31mred\n2;300;plain\nVOTES\nvoter_id;vote\n"
                + "a;1,2\nb;1,\(esc)[31m9\n")
        for arguments in [["elect", pb, "--rule", "greedy-cost"], ["report", pb, "-o", pb + ".html"]] {
            let r = try run(arguments)
            #expect(!r.stdout.contains(esc) && !r.stderr.contains(esc), "\(arguments[0])")
            #expect(!r.stderr.contains("\u{07}"))
        }
    }

    @Test("allocate names the scenario field behind weights the solver cannot use")
    func allocateMessages() throws {
        let text = try riverside([("information_noise: 0.3", "information_noise: 1000000")])
        let path = try write(text, name: "noisy.yaml")
        let r = try run(["allocate", path, "--runs", "3"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("regimes.service-led.information_noise"), "\(r.stderr)")
        #expect(!r.stderr.contains("nan") && !r.stderr.contains("user-supplied function"), "\(r.stderr)")
    }

    @Test("a write error on an output file is reported once")
    func fullDevice() throws {
        let r = try run(["report", packageRoot + "/Scenarios/riverside.yaml", "-o", "/dev/full", "--runs", "2"])
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("/dev/full: cannot write: No space left on device"), "\(r.stderr)")
    }
}
