import ArgumentParser
import Foundation
import PBReports
import PBRules
import PBSimCLI
import PBTiming
import Testing

/// `pbsim bench`'s library side: what it measures and how it renders. No timing is asserted.
@Suite struct CorpusTimingTests {
    /// A three-voter approval election: projects a (cost 60) and b (cost 50), budget 100.
    static let election = """
        META
        key;value
        description;tiny
        num_projects;2
        num_votes;3
        budget;100
        vote_type;approval
        PROJECTS
        project_id;cost
        a;60
        b;50
        VOTES
        voter_id;vote
        1;a
        2;a,b
        3;b

        """

    /// A fresh folder holding `tiny.pb` and an oracle `tiny.json` with recorded seconds.
    static func folder() throws -> (pabulib: String, oracle: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pbsim-bench-\(UUID().uuidString)")
        let pabulib = root.appendingPathComponent("pabulib")
        let oracle = root.appendingPathComponent("oracle")
        try FileManager.default.createDirectory(at: pabulib, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: oracle, withIntermediateDirectories: true)
        try election.write(to: pabulib.appendingPathComponent("tiny.pb"), atomically: true, encoding: .utf8)
        try "not an election".write(to: pabulib.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let json = """
            {"pabutools_parse_seconds": 0.5,
             "rules": {"greedy-cost": {"pabutools_seconds": 2.0},
                       "mes-cost-add1": {"timeout": true, "timeout_limit_s": 300}}}
            """
        try json.write(to: oracle.appendingPathComponent("tiny.json"), atomically: true, encoding: .utf8)
        return (pabulib.path, oracle.path)
    }

    @Test func timesParsingPreparationAndEachRequestedRuleOfEveryPbFile() throws {
        let (pabulib, oracle) = try Self.folder()
        let configuration = CorpusTiming.Configuration(
            rules: [.greedyCost, .mesCostAdd1, .phragmen], repeats: 2, oracleDirectory: oracle)
        let report = try CorpusTiming.run(directory: pabulib, configuration: configuration)
        let instance = try #require(report.instances.first)
        #expect(report.instances.count == 1)
        #expect(instance.name == "tiny")
        #expect(instance.voteType == "approval")
        #expect(instance.voters == 3 && instance.projects == 2 && instance.size == 6)
        #expect(instance.steps.map(\.name) == ["parse", "prepare", "greedy-cost", "mes-cost-add1", "phragmen"])
        #expect(instance.error == nil)
        // Greedy by approvals funds a (2 votes, then b no longer fits): one project.
        #expect(instance.steps[2].selected == 1)
        #expect(instance.steps[0].reference == .seconds(0.5))
        #expect(instance.steps[1].reference == nil)
        #expect(instance.steps[2].reference == .seconds(2.0))
        #expect(instance.steps[3].reference == .timeout(limit: 300))
        #expect(instance.steps[4].reference == .unavailable("no entry"))
    }

    @Test func aFolderWithoutPbFilesIsAnError() throws {
        let (_, oracle) = try Self.folder()
        let error = #expect(throws: CorpusTimingError.self) {
            try CorpusTiming.run(directory: oracle, configuration: .init())
        }
        #expect(error?.description == "\(oracle): no .pb file in this folder")
    }

    @Test func csvHasOneRowPerInstanceAndStep() {
        // Binary fractions, so that every printed number is exact.
        let steps = [
            CorpusTiming.Step(name: "parse", seconds: 0.0078125, cpuSeconds: 0.00390625, reference: .seconds(0.5)),
            CorpusTiming.Step(name: "prepare", seconds: 0.0009765625),
            CorpusTiming.Step(
                name: "greedy-cost", rule: .greedyCost, seconds: 0.0000152587890625, selected: 1,
                reference: .seconds(0.5)),
            CorpusTiming.Step(
                name: "mes-cost-add1", rule: .mesCostAdd1, seconds: 0.5, selected: 2, reference: .timeout(limit: 300)),
        ]
        let instance = CorpusTiming.Instance(
            name: "tiny", path: "/x/tiny.pb", bytes: 200, voteType: "approval", voters: 4, projects: 2, steps: steps)
        let report = CorpusTiming.Report(directory: "/x", repeats: 1, source: .oracle("/o"), instances: [instance])
        #expect(
            report.csv() == """
                instance,vote_type,bytes,voters,projects,voters_x_projects,step,pbsim_ms,cpu_ms,ns_per_voter_project,selected,reference,reference_ms,ratio,note
                tiny,approval,200,4,2,8,parse,7.8125,3.90625,,,oracle,500.0,64.0,
                tiny,approval,200,4,2,8,prepare,0.9765625,,,,,,,
                tiny,approval,200,4,2,8,greedy-cost,0.0152587890625,,1907.3486328125,1,oracle,500.0,32768.0,
                tiny,approval,200,4,2,8,mes-cost-add1,500.0,,62500000.0,2,oracle,,,pabutools timeout after 300.0 s

                """)
        // On the CPU clock the parse ratio uses the CPU time; steps without one fall back to the wall clock.
        #expect(steps[0].ratio(on: .cpu) == 128.0)
        #expect(steps[2].ratio(on: .cpu) == 32768.0)
    }

    @Test func benchParsesItsOptionsAndRejectsUnknownRules() throws {
        _ = try PBSim.parseAsRoot([
            "bench", "dir", "--rules", "mes-cost,phragmen", "--repeat", "5", "--oracle", "o", "--format", "csv",
        ])
        _ = try PBSim.parseAsRoot(["bench", "dir", "--pabutools-python", "python3", "--pabutools-timeout", "60"])
        _ = try PBSim.parseAsRoot(["bench", "dir", "--clock", "cpu"])
        #expect(throws: (any Error).self) { try PBSim.parseAsRoot(["bench", "dir", "--clock", "user"]) }
        #expect(throws: (any Error).self) { try PBSim.parseAsRoot(["bench", "dir", "--rules", "mes"]) }
        #expect(throws: (any Error).self) { try PBSim.parseAsRoot(["bench", "dir", "--repeat", "0"]) }
        _ = try PBSim.parseAsRoot(["bench", "dir", "--format", "json"])
    }
}
