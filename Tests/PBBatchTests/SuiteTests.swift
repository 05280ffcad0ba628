import Foundation
import PBBatch
import PBRules
import Testing

/// Reading suite files: expansion into tasks, stable keys, and validation messages.
@Suite struct SuiteTests {
    @Test func theTestSuiteExpandsToEveryVariantDefinedForEachElection() throws {
        let tasks = try Suite.load(path: Fixtures.path("elections.yaml")).tasks()
        // Sadul and Żerzeń are approval elections (9 variants each); the two Gdańsk ones are cumulative
        // (greedy-cost, mes-cost, the two Add1 variants and the four CSTV combinations).
        #expect(tasks.count == 34)
        #expect(
            tasks.filter { $0.instance.hasSuffix("sadul.pb") }.map(\.rule) == [
                "greedy-cost", "greedy-card", "max-welfare-cost", "mes-cost", "mes-card", "mes-cost-add1",
                "mes-cost-add1-greedy", "phragmen", "maximin-support",
            ])
        #expect(
            tasks.filter { $0.instance.hasSuffix("matarnia.pb") }.map(\.rule) == [
                "greedy-cost", "mes-cost", "mes-cost-add1", "mes-cost-add1-greedy", "cstv-ewt", "cstv-ewtc", "cstv-mt",
                "cstv-mtc",
            ])
        #expect(Set(tasks.map(\.key)).count == 34)
    }

    @Test func anEmptyListOfFilesIsAnError() throws {
        let error = #expect(throws: BatchError.self) {
            try Suite.parse(yaml: "name: empty\nelections:\n  - files: []\n    rules: all\n", file: "s.yaml")
        }
        #expect(error?.description == "s.yaml:3: elections[0].files: must list at least one file")
    }

    @Test func aHundredThousandUnknownKeysListFiftyProblems() throws {
        var yaml = "name: keys\nelections:\n  - files: []\n"
        for i in 0..<100_000 { yaml += "    k\(i): 1\n" }
        let error = #expect(throws: BatchError.self) { try Suite.parse(yaml: yaml, file: "s.yaml") }
        let lines = error?.description.split(separator: "\n") ?? []
        #expect(lines.count == 51)
        #expect(lines.last?.hasSuffix("more problems not listed (only the first 50 are)") == true)
    }

    @Test func aGridOfMoreTasksThanTheLimitIsRefusedBeforeItIsPlanned() throws {
        let values = (0..<1000).map { "\(Double($0) / 1000)" }.joined(separator: ", ")
        let yaml = """
            name: huge
            simulations:
              - scenario: \(Fixtures.root)/Scenarios/riverside.yaml
                runs: 1000000000000
                seeds: 1000
                grid:
                  lambda: [\(values)]

            """
        let error = #expect(throws: BatchError.self) { try Suite.parse(yaml: yaml, file: "s.yaml") }
        #expect(error?.description.contains("s.yaml:4: simulations[0].runs: must be between 1 and 100000") == true)
        #expect(
            error?.description.contains("the grid and seeds make 10^6 tasks, more than the limit of 100000") == true,
            "\(String(describing: error))")
    }

    @Test func theShippedSuitesHaveTheDocumentedSizes() throws {
        let dev = try Suite.load(path: Fixtures.root + "/Benchmarks/suites/pabulib-dev.yaml").tasks()
        // 19 approval x 9 + 11 cumulative x 8 + 10 ordinal x 3 (the fixture README's vote types).
        #expect(dev.count == 289)
        let grid = try Suite.load(path: Fixtures.root + "/Benchmarks/suites/coproduction-grid.yaml").tasks()
        #expect(grid.count == 3 * 3 * 3 * 4)
        #expect(Set(grid.map(\.key)).count == grid.count)
    }

    @Test func aTaskKeyIsTheHashOfContentRuleParametersAndSeed() throws {
        let tasks = try Suite.load(path: Fixtures.path("elections.yaml")).tasks()
        let task = try #require(tasks.first { $0.instance.hasSuffix("sadul.pb") && $0.rule == "mes-cost" })
        // Both digests computed with Python's hashlib from the file and the key text of BatchTask.key.
        #expect(task.instanceSHA256 == "2169a1146800a71432edc68dbac21a6405fa9f508f9195b9aac7d85b696dea83")
        #expect(task.key == "d3a55553faecbd409ce37fc25e29b989c159ee4555dd807ada888039883e636a")
        #expect(task.parametersJSON == #"{"arithmetic":"certified"}"#)
    }

    @Test func everyRuleIsAcceptedAndOnlyTheOnesForTheBallotsBecomeTasks() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(
            atPath: Fixtures.pabulib("poland_warszawa_2017_sadul.pb"), toPath: folder.file("approval.pb"))
        let suite = folder.file("suite.yaml")
        let names = RuleName.allCases.map(\.rawValue).joined(separator: ", ")
        try "elections:\n  - files: [approval.pb]\n    rules: [\(names)]\n".write(
            toFile: suite, atomically: true, encoding: .utf8)
        let rules = try Suite.load(path: suite).tasks().map(\.rule)
        #expect(rules == RuleName.allCases.filter { $0.voteTypes.contains(.approval) }.map(\.rawValue))
        #expect(rules.contains("maximin-support"))
    }

    @Test func aKeyDoesNotDependOnWhereTheFileIs() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(
            atPath: Fixtures.pabulib("poland_warszawa_2017_sadul.pb"), toPath: folder.file("renamed.pb"))
        let suite = folder.file("suite.yaml")
        try "elections:\n  - files: [renamed.pb]\n    rules: [mes-cost]\n".write(
            toFile: suite, atomically: true, encoding: .utf8)
        let task = try #require(try Suite.load(path: suite).tasks().first)
        #expect(task.key == "d3a55553faecbd409ce37fc25e29b989c159ee4555dd807ada888039883e636a")
        #expect(task.instance == folder.file("renamed.pb"))
    }

    @Test func gridTasksCoverEveryPointAndSeedWithTheirParameters() throws {
        let tasks = try Suite.load(path: Fixtures.path("grid.yaml")).tasks()
        #expect(tasks.count == 3 * 2 * 4)
        #expect(tasks.first?.parametersJSON == #"{"information_noise":0.0,"lambda":0.0,"runs":10}"#)
        #expect(tasks.map(\.seed).prefix(5) == [1, 2, 3, 4, 1])
        #expect(tasks.last?.parametersJSON == #"{"information_noise":0.6,"lambda":1.0,"runs":10}"#)
        #expect(tasks.allSatisfy { $0.kind == .simulation && $0.rule == "regimes" })
    }

    @Test func gridsTakeAnyNumberOfTheScenarioByPath() throws {
        let yaml = """
            simulations:
              - scenario: ../../../Scenarios/riverside.yaml
                seeds: 1
                grid:
                  population[id=new-arrivals-east].participation: [0.02, 0.2]
                  budget.total: 1000000

            """
        let tasks = try Suite.parse(yaml: yaml, file: Fixtures.path("paths.yaml")).tasks()
        #expect(tasks.count == 2)
        #expect(tasks.allSatisfy { $0.parametersJSON.contains(#""population[id=new-arrivals-east].participation":"#) })
        #expect(tasks.allSatisfy { $0.parametersJSON.contains(#""budget.total":1000000"#) })
    }

    @Test func everyProblemInASuiteIsNamedWithItsFileLineAndField() {
        let file = Fixtures.path("broken.yaml")
        let yaml = """
            name: broken
            elections:
              - files: [nothere/*.pb]
                rules: [mes-cost, mes]
                arithmetc: exact
            simulations:
              - scenario: ../../../Scenarios/riverside.yaml
                seeds: 0
                grid:
                  lamda: [0, 1]
                  information_noise: [-1]

            """
        let error = #expect(throws: BatchError.self) { try Suite.parse(yaml: yaml, file: file) }
        #expect(
            error?.description == """
                \(file):3: elections[0].files[0]: no file matches 'nothere/*.pb'
                \(file):4: elections[0].rules[1]: unknown value 'mes' (expected one of greedy-cost, greedy-card, \
                max-welfare-cost, mes-cost, mes-card, mes-borda, mes-cost-add1, mes-cost-add1-greedy, phragmen, \
                maximin-support, cstv-ewt, cstv-ewtc, cstv-mt, cstv-mtc, pb-ear)
                \(file):5: elections[0].arithmetc: unknown key 'arithmetc' (did you mean 'arithmetic'?)
                \(file):8: simulations[0].seeds: expected a number of seeds from 1 to 100000 or a list of seeds, got '0'
                \(file):10: simulations[0].grid.lamda: unknown key 'lamda' (did you mean 'lambda'?)
                \(file):11: simulations[0].grid.information_noise[0]: expected a value >= 0, got '-1'
                """)
    }

    @Test func missingFieldsAndFilesAreReportedAtTheirBlock() {
        let file = Fixtures.path("broken.yaml")
        let yaml = """
            simulations:
              - runs: 10
                seeds: [1, 2]
              - scenario: no-such-scenario.yaml
                seeds: 2
                grid: {participation: [1], participation_rate: [0.5]}

            """
        let error = #expect(throws: BatchError.self) { try Suite.parse(yaml: yaml, file: file) }
        #expect(
            error?.description == """
                \(file):2: simulations[0]: missing field 'scenario'
                \(file):4: simulations[1].scenario: no such file 'no-such-scenario.yaml'
                \(file):6: simulations[1].grid.participation_rate: give 'participation' (a multiplier) or \
                'participation_rate' (an override), not both
                """)
    }

    @Test func aYAMLSyntaxErrorGivesTheLineAndColumn() {
        let file = Fixtures.path("broken.yaml")
        let error = #expect(throws: BatchError.self) {
            try Suite.parse(yaml: "name: x\nelections: [\n", file: file)
        }
        let text = error?.description ?? ""
        #expect(text.hasPrefix("\(file):3:1: YAML syntax error: "))
    }

    @Test func aSuiteWithNoWorkIsRefused() {
        let file = Fixtures.path("empty-work.yaml")
        let error = #expect(throws: BatchError.self) { try Suite.parse(yaml: "name: nothing\n", file: file) }
        #expect(error?.description == "\(file):1: a suite needs 'elections' or 'simulations' (or both)")
    }

    @Test func theCommandLineReportsSuiteErrorsWithExitStatus1() throws {
        let folder = try TemporaryFolder()
        let suite = folder.file("bad-suite.yaml")
        try "elections:\n  - files: [x.pb]\n    rules: all\n".write(toFile: suite, atomically: true, encoding: .utf8)
        let result = try runPBSim(
            ["batch", suite, "--db", folder.file("r.sqlite")], in: folder, environment: environmentWithoutSlurm())
        #expect(result.status == 1)
        #expect(result.stderr == "error: \(suite):2: elections[0].files[0]: no such file 'x.pb'\n")
        #expect(!FileManager.default.fileExists(atPath: folder.file("r.sqlite")))
    }
}
