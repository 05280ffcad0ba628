import Foundation
import Testing

/// `--weights` and `--weight-by`/`--target` on real elections (MODEL.md sections 2.3 and 6), through the
/// command line: integer weights equal repeated voters, census targets move the outcome the way the
/// shares say, every bad weights file or target is refused with its file, line and field.
@Suite struct VoterWeightingTests {
    /// A pabulib file of the rule fixtures.
    static func fixture(_ name: String) -> String {
        packageRoot + "/Tests/PBRulesTests/Fixtures/pabulib/" + name
    }

    /// The voter ids of a `.pb` file, in file order (the VOTES section's first column).
    static func voterIDs(_ text: String) -> [String] {
        var inVotes = false
        var header = true
        var ids: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "VOTES" {
                inVotes = true
                continue
            }
            guard inVotes, !line.isEmpty else { continue }
            if header {
                header = false
                continue
            }
            ids.append(String(line.prefix { $0 != ";" }))
        }
        return ids
    }

    /// The file with voter `v` repeated `weights[v]` times (fresh ids; weight 0 leaves it out), and
    /// `num_votes` corrected.
    static func duplicated(_ text: String, weights: [Int]) -> String {
        var out: [Substring] = []
        var inVotes = false
        var header = true
        var v = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "VOTES" {
                inVotes = true
                out.append(line)
                continue
            }
            guard inVotes, !line.isEmpty else {
                out.append(line.hasPrefix("num_votes;") ? "num_votes;\(weights.reduce(0, +))" : line)
                continue
            }
            if header {
                header = false
                out.append(line)
                continue
            }
            let rest = line.drop { $0 != ";" }
            for k in 0..<weights[v] { out.append("\(line.prefix { $0 != ";" })x\(k)\(rest)") }
            v += 1
        }
        return out.joined(separator: "\n")
    }

    /// Each rule's selection (in selection order) in `elect --format json` output.
    static func selections(_ json: String) throws -> [String: [String]] {
        let value = try JSONSerialization.jsonObject(with: Data(json.utf8))
        var outcomes = value as? [[String: Any]] ?? []
        if outcomes.isEmpty { outcomes = [try #require(value as? [String: Any])] }
        var out: [String: [String]] = [:]
        for o in outcomes {
            out[try #require(o["rule"] as? String)] = try #require(o["selection_order"] as? [String])
        }
        return out
    }

    @Test(
        "integer weights in a file give every weighted rule the outcome of the file with each voter repeated",
        arguments: [
            "poland_warszawa_2017_wars.pb", "poland_warszawa_2017_kamionek.pb", "poland_katowice_2020_murcki.pb",
        ]
    )
    func integerWeightsEqualRepeatedVoters(name: String) throws {
        let folder = try Folder()
        let text = try String(contentsOfFile: Self.fixture(name), encoding: .utf8)
        let ids = Self.voterIDs(text)
        #expect(ids.count > 100)
        // Weights 0 to 3, spread over the voters (0: the voter is left out).
        let weights = ids.indices.map { ($0 * 7 + 3) % 4 }
        var csv = "weight,voter_id\n"  // column order is free
        for (id, w) in zip(ids, weights).reversed() { csv += "\(w),\(id)\n" }  // so is row order
        try csv.write(toFile: folder.file("w.csv"), atomically: true, encoding: .utf8)
        try Self.duplicated(text, weights: weights).write(
            toFile: folder.file("dup.pb"), atomically: true, encoding: .utf8)

        let weighted = try run(["elect", Self.fixture(name), "--weights", folder.file("w.csv"), "--format", "json"])
        #expect(weighted.status == 0, "\(weighted.stderr)")
        let repeated = try run(["elect", folder.file("dup.pb"), "--format", "json"])
        #expect(repeated.status == 0, "\(repeated.stderr)")
        let w = try Self.selections(weighted.stdout)
        let r = try Self.selections(repeated.stdout)
        #expect(w.count >= 4, "the weighted rules of \(name): \(w.keys.sorted())")
        for (rule, selection) in w {
            #expect(selection == r[rule], "\(name) \(rule)")
        }
        // The unweighted outcome differs for at least one rule, or the test would show nothing.
        let plain = try Self.selections(try run(["elect", Self.fixture(name), "--format", "json"]).stdout)
        #expect(w.contains { plain[$0.key] != $0.value }, "\(name): the weights change no outcome")
        #expect(weighted.stdout.contains("\"weighting\": \"weights from \(folder.file("w.csv"))\""))
    }

    /// Four voters: three men aged 20-30 approve the park, one woman aged 70 approves the library; the
    /// budget buys one of them. Voter 5 gave neither sex nor age.
    static let small = """
        META
        key;value
        description;Weighting test
        num_projects;2
        num_votes;5
        budget;100
        vote_type;approval
        PROJECTS
        project_id;cost;name;category
        park;100;Park;green
        library;100;Library;culture
        VOTES
        voter_id;vote;sex;age
        v1;park;M;20
        v2;park;M;25
        v3;park;M;30
        v4;library;F;70
        v5;park;;
        """

    @Test("census shares move the outcome toward the under-represented group, by category and by age bin")
    func censusTargetsMoveTheOutcome() throws {
        let file = try write(Self.small, name: "small.pb")
        let plain = try run(["elect", file, "--rule", "greedy-cost", "--format", "json"])
        #expect(try Self.selections(plain.stdout)["greedy-cost"] == ["park"])
        #expect(plain.stderr.isEmpty)

        // Women are 80% of the population but 1 of the 4 voters with a value: the woman weighs
        // 0.8 * 4 = 3.2, each man 0.2 * 4 / 3, the voter without a value 1 (park 1.8 < library 3.2).
        for (column, targets) in [("sex", "F=0.8,M=0.2"), ("age", "18-34=0.2,35-64=0,65-=0.8")] {
            let r = try run(["elect", file, "--rule", "greedy-cost", "--weight-by", column, "--target", targets])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("library"), "\(column): \(r.stdout)")
            #expect(!r.stdout.contains("  park"), "\(column): \(r.stdout)")
            #expect(r.stdout.contains("Weighted voters: census by \(column):"))
            #expect(r.stderr.contains("warning: \(file): votes.\(column): 1 of 5 voters weigh 1: 1 have no value"))
            for rule in ["mes-cost-add1-greedy", "phragmen", "max-welfare-cost"] {
                let json = try run([
                    "elect", file, "--rule", rule, "--weight-by", column, "--target", targets, "--format", "json",
                ])
                #expect(try Self.selections(json.stdout)[rule] == ["library"], "\(rule) \(column)")
            }
        }
        if true {
            // CSV says how the voters were weighted, in a last column; unweighted CSV has no such column.
            let weighted = try run([
                "elect", file, "--rule", "greedy-cost", "--weight-by", "sex", "--target", "F=0.8,M=0.2", "--format",
                "csv",
            ])
            let lines = weighted.stdout.split(separator: "\n")
            #expect(lines.first == "file,rule,position,project,name,cost,votes,weighting")
            #expect(lines.count == 2, "\(weighted.stdout)")
            #expect(lines.last?.hasSuffix(",library,Library,100,1,\"census by sex: F 80%, M 20%\"") == true)
            let plain = try run(["elect", file, "--rule", "greedy-cost", "--format", "csv"])
            #expect(plain.stdout.hasPrefix("file,rule,position,project,name,cost,votes\n"))
        }
        if true {
            // Shares close to the turnout leave the majority's project funded.
            let r = try run([
                "elect", file, "--rule", "greedy-cost", "--weight-by", "sex", "--target", "F=0.3,M=0.7", "--format",
                "json",
            ])
            #expect(try Self.selections(r.stdout)["greedy-cost"] == ["park"])
        }
    }

    @Test("analyze and report take the weights: the outcome is weighted, the measures count each voter once")
    func analyzeAndReportSayWhatIsWeighted() throws {
        let file = try write(Self.small, name: "small.pb")
        let args = ["--weight-by", "sex", "--target", "F=0.8,M=0.2"]
        let analysed = try run(["analyze", file, "--rule", "greedy-cost", "--format", "json"] + args)
        #expect(analysed.status == 0, "\(analysed.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(analysed.stdout.utf8)) as? [String: Any])
        #expect(json["selected"] as? [String] == ["library"])
        let weighting = try #require(json["weighting"] as? [String: Any])
        #expect(weighting["outcomes"] as? String == "weighted")
        #expect(weighting["measures"] as? String == "unweighted")
        // One voter in five approves the library: pabutools' unweighted share of non-empty-handed voters.
        let measures = try #require(json["measures"] as? [String: Any])
        #expect(measures["percent_non_empty_handed"] as? String == "1/5")
        let text = try run(["analyze", file, "--rule", "greedy-cost"] + args)
        #expect(text.stdout.contains("every measure counts each voter once"))
        // Without weights the output has no weighting member (pabutools' keys only).
        let plain = try run(["analyze", file, "--rule", "greedy-cost", "--format", "json"])
        #expect(!plain.stdout.contains("weighting"))

        let folder = try Folder()
        let report = try run(["report", file, "-o", folder.file("r.html"), "--rules", "greedy-cost"] + args)
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOfFile: folder.file("r.html"), encoding: .utf8)
        #expect(html.contains("weighted voters (census by sex: F 80%, M 20%)"))
    }

    @Test("a scenario's election block takes the same reweighting; bad targets are refused with their line")
    func scenarioElectionIsReweighted() throws {
        let folder = try Folder()
        try Self.small.write(toFile: folder.file("small.pb"), atomically: true, encoding: .utf8)
        try "voter_id,weight\nv1,1\nv2,1\nv3,1\nv4,4\nv5,1\n".write(
            toFile: folder.file("w.csv"), atomically: true, encoding: .utf8)
        func simulate(_ weighting: String) throws -> Run {
            let yaml = """
                name: Weighted election
                currency: PLN
                budget: {total: 100}
                election:
                  file: small.pb
                  needs: {green: 1}
                \(weighting)
                regimes:
                  service-led: {information_noise: 0, rule: greedy}
                  co-produced: {rule: greedy}
                """
            try yaml.write(toFile: folder.file("s.yaml"), atomically: true, encoding: .utf8)
            return try run(["simulate", folder.file("s.yaml"), "--runs", "2", "--format", "json"])
        }
        func coProduced(_ r: Run) throws -> [String: Double] {
            #expect(r.status == 0, "\(r.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let regimes = try #require(json["regimes"] as? [String: Any])
            let co = try #require(regimes["co-produced"] as? [String: Any])
            return try #require(co["funding_probability"] as? [String: Double])
        }
        #expect(try coProduced(simulate("")) == ["park": 1, "library": 0])
        let census = try simulate("  weight_by: sex\n  targets: {F: 0.8, M: 0.2}")
        #expect(try coProduced(census) == ["park": 0, "library": 1])
        #expect(census.stderr.contains("votes.sex: 1 of 5 voters weigh 1"))
        // v4 (the library) weighs 4 against the park's 4 voters of weight 1: a tie, broken by id.
        #expect(try coProduced(simulate("  weights: w.csv")) == ["park": 0, "library": 1])

        let bad = try simulate("  weight_by: sex\n  targets: {F: 0.8, M: 0.3}")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("s.yaml:8: election.targets: the shares sum to 1.1"), "\(bad.stderr)")
        let both = try simulate("  weights: w.csv\n  weight_by: sex\n  targets: {F: 1}")
        #expect(both.stderr.contains("s.yaml:7: election.weights: give 'weights' (a file) or 'weight_by'"))
        let column = try simulate("  weight_by: income\n  targets: {low: 1}")
        #expect(column.status == 1 && column.stderr.contains("votes: no voter column 'income'"), "\(column.stderr)")
    }

    @Test("every bad weights file or target is refused with its file, line and field")
    func badWeightsAreRefused() throws {
        let folder = try Folder()
        let file = folder.file("small.pb")
        try Self.small.write(toFile: file, atomically: true, encoding: .utf8)
        let good = "voter_id,weight\nv1,1\nv2,1\nv3,1\nv4,2\nv5,1\n"
        let cases: [(name: String, csv: String, message: String)] = [
            (
                "negative", good.replacingOccurrences(of: "v4,2", with: "v4,-2"),
                "negative.csv:5: weight: must be at least 0, got -2"
            ),
            (
                "text", good.replacingOccurrences(of: "v2,1", with: "v2,heavy"),
                "text.csv:3: weight: 'heavy' is not a number"
            ),
            (
                "missing", "voter_id,weight\nv1,1\nv2,1\nv4,1\n",
                "missing.csv: voter_id: voter 'v3' of \(file) has no weight (and 1 more voters)"
            ),
            ("unknown", good + "v9,1\n", "unknown.csv:7: voter_id: 'v9' is not a voter of \(file)"),
            ("repeated", good + "v2,3\n", "repeated.csv:7: voter_id: 'v2' is listed twice"),
            (
                "header", "id,w\nv1,1\n",
                "header.csv:1: the header must name the columns voter_id and weight, got 'id,w'"
            ),
            ("cells", "voter_id,weight\nv1,1,7\n", "cells.csv:2: 3 cells, but the header has 2 columns"),
            ("zero", "voter_id,weight\nv1,0\nv2,0\nv3,0\nv4,0\nv5,0\n", "zero.csv: weight: every weight is 0"),
        ]
        for c in cases {
            let path = folder.file("\(c.name).csv")
            try c.csv.write(toFile: path, atomically: true, encoding: .utf8)
            for command in ["elect", "analyze"] {
                let r = try run([command, file, "--rule", "mes-cost", "--weights", path])
                #expect(r.status == 1, "\(c.name) \(command)")
                #expect(r.stderr == "error: \(folder.path)/\(c.message)\n", "\(c.name) \(command)")
                #expect(r.stdout.isEmpty)
            }
        }
        let absent = try run(["elect", file, "--weights", folder.file("none.csv")])
        #expect(absent.status == 1 && absent.stderr.contains("none.csv: cannot read"))

        let column = try run(["elect", file, "--weight-by", "income", "--target", "low=1"])
        #expect(column.status == 1)
        #expect(column.stderr == "error: \(file): votes: no voter column 'income' (columns: sex, age)\n")
        let targets: [(String, String)] = [
            ("F=0.5,M=0.4", "--target: the shares sum to 0.9, not 1 (within 1e-6)"),
            ("F=0.5,F=0.5", "--target: 'F' is given twice"),
            ("F=half,M=0.5", "--target: the share of 'F' is not a number: 'half'"),
            ("F", "--target: 'F' is not VALUE=SHARE"),
            ("F=1.5,M=-0.5", "--target: the share of 'F' must be a number from 0 to 1, got 1.5"),
            ("18-40=0.5,30-=0.5", "--target: the bins '18-40' and '30-' overlap"),
        ]
        for (target, message) in targets {
            let r = try run(["elect", file, "--weight-by", "sex", "--target", target])
            #expect(r.status != 0, "\(target)")
            #expect(r.stderr.contains(message), "\(target): \(r.stderr)")
        }
        // Within 1e-6 is a sum of 1.
        let close = try run([
            "elect", file, "--rule", "greedy-cost", "--weight-by", "sex", "--target", "F=0.3333333,M=0.6666668",
        ])
        #expect(close.status == 0, "\(close.stderr)")
        for (args, message) in [
            (["--weights", "w.csv", "--weight-by", "sex", "--target", "F=1"], "not both"),
            (["--weight-by", "sex"], "go together"),
            (["--irresolute", "--rule", "mes-cost", "--weights", "w.csv"], "take no --weights"),
            (["--explain", "--rule", "mes-cost", "--weights", "w.csv"], "take no --weights"),
        ] {
            let r = try run(["elect", file] + args)
            #expect(r.status != 0 && r.stderr.contains(message), "\(args): \(r.stderr)")
        }
        let scenario = try run(["report", "s.yaml", "-o", folder.file("r.html"), "--weights", "w.csv"])
        #expect(scenario.status != 0 && scenario.stderr.contains("--weights and --weight-by apply to .pb elections"))
    }
}
