import Foundation
import PBBatch
import Testing

/// A suite's election block with voter weights: the weighted rules only, keys that follow the weights'
/// content, outcomes equal to the file with each voter repeated, and bad weights refused with the line.
@Suite struct WeightedSuiteTests {
    /// Sadul with integer weights 0 to 3, and the same election with each voter repeated that often.
    static func files(in folder: TemporaryFolder) throws -> (weights: String, duplicated: String) {
        let text = try String(contentsOfFile: Fixtures.pabulib("poland_warszawa_2017_sadul.pb"), encoding: .utf8)
        var csv = "voter_id,weight\n"
        var out: [String] = []
        var inVotes = false
        var header = true
        var v = 0
        var total = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line == "VOTES" {
                inVotes = true
                out.append(line)
                continue
            }
            guard inVotes, !line.isEmpty else {
                out.append(line)
                continue
            }
            if header {
                header = false
                out.append(line)
                continue
            }
            let id = String(line.prefix { $0 != ";" })
            let w = (v * 5 + 1) % 4
            csv += "\(id),\(w)\n"
            for k in 0..<w { out.append("\(id)x\(k)" + line.drop { $0 != ";" }) }
            total += w
            v += 1
        }
        let duplicated = out.map { $0.hasPrefix("num_votes;") ? "num_votes;\(total)" : $0 }.joined(separator: "\n")
        try csv.write(toFile: folder.file("w.csv"), atomically: true, encoding: .utf8)
        try duplicated.write(toFile: folder.file("dup.pb"), atomically: true, encoding: .utf8)
        return (folder.file("w.csv"), folder.file("dup.pb"))
    }

    @Test func weightedTasksGiveTheOutcomesOfRepeatedVoters() throws {
        let folder = try TemporaryFolder()
        let (weights, duplicated) = try Self.files(in: folder)
        let sadul = Fixtures.pabulib("poland_warszawa_2017_sadul.pb")
        let suite = folder.file("weighted.yaml")
        try """
        name: weighted
        elections:
          - files: [\(sadul)]
            rules: all
            weights: w.csv
          - files: [\(duplicated)]
            rules: [greedy-cost, mes-cost, mes-cost-add1-greedy, phragmen, max-welfare-cost]
          - files: [\(sadul)]
            rules: [greedy-cost]
            weight_by: sex
            targets: {F: 0.5, M: 0.5}
        """.write(toFile: suite, atomically: true, encoding: .utf8)
        let tasks = try Suite.load(path: suite).tasks()
        let weighted = tasks.filter { $0.weighting != nil }
        // Every approval rule that takes weights (not maximin support), and the census block's one.
        #expect(weighted.filter { $0.parameter("weighting")?.hasPrefix("file ") == true }.count == 8)
        #expect(!weighted.contains { $0.rule == "maximin-support" })
        #expect(weighted.contains { $0.parameter("weighting") == "census sex: F=0.5, M=0.5" })

        let database = folder.file("r.sqlite")
        let summary = try BatchRunner.run(
            suitePath: suite, databasePath: database, options: BatchOptions(jobs: 2, shard: nil))
        #expect(summary.failed == 0)
        let json = try ResultsExport.render(
            try ResultsDatabase.open(path: database, create: false), table: .outcomes, format: .json)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        func selected(_ instance: String, _ rule: String, weighted: Bool) throws -> [String] {
            let row = try #require(
                rows.first {
                    $0["instance"] as? String == instance && $0["rule"] as? String == rule
                        && (($0["parameters"] as? [String: Any])?["weighting"] != nil) == weighted
                }, "\(instance) \(rule)")
            return try #require(row["selected"] as? [String])
        }
        for rule in ["greedy-cost", "mes-cost", "mes-cost-add1-greedy", "phragmen", "max-welfare-cost"] {
            #expect(try selected(sadul, rule, weighted: true) == selected(duplicated, rule, weighted: false), "\(rule)")
        }

        // Editing the weights file gives new keys; moving it does not matter to the key.
        let before = Set(tasks.map(\.key))
        try String(contentsOfFile: weights, encoding: .utf8).replacingOccurrences(of: ",3\n", with: ",2\n")
            .write(toFile: weights, atomically: true, encoding: .utf8)
        let after = Set(try Suite.load(path: suite).tasks().map(\.key))
        #expect(before.intersection(after).count == tasks.count - 8)
    }

    @Test func badWeightsInASuiteAreRefusedWithTheLine() throws {
        let sadul = Fixtures.pabulib("poland_warszawa_2017_sadul.pb")
        let cases: [(String, String)] = [
            ("    weights: none.csv\n", "s.yaml:5: elections[0].weights: no such file 'none.csv'"),
            (
                "    weight_by: sex\n    targets: {F: 0.5, M: 0.6}\n",
                "s.yaml:6: elections[0].targets: the shares sum to 1.1"
            ),
            ("    weight_by: sex\n", "s.yaml:5: elections[0].weight_by: census reweighting needs 'targets'"),
            (
                "    weight_by: sex\n    targets: {F: 1}\n    rules: [maximin-support]\n",
                "'maximin-support' takes no voter weights"
            ),
        ]
        for (block, message) in cases {
            let yaml =
                "name: s\nelections:\n  - files: [\(sadul)]\n" + (block.contains("rules:") ? "" : "    rules: all\n")
                + block
            let error = #expect(throws: BatchError.self) { try Suite.parse(yaml: yaml, file: "s.yaml") }
            #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
        }
    }
}
