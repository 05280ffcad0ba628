import Foundation
import PBBatch
import Testing

/// Merging databases: agreeing results, conflicts, failures superseded by results.
@Suite struct MergeTests {
    static let sadulMESKey = "d3a55553faecbd409ce37fc25e29b989c159ee4555dd807ada888039883e636a"

    /// Runs `elections.yaml` into two databases and records a different outcome for Sadul's mes-cost in the second.
    private func conflictingDatabases(in folder: TemporaryFolder) throws -> (String, String, BatchTask) {
        let a = folder.file("a.sqlite")
        let b = folder.file("b.sqlite")
        try runSuite("elections.yaml", into: a)
        try runSuite("elections.yaml", into: b)
        let tasks = try Suite.load(path: Fixtures.path("elections.yaml")).tasks()
        let task = try #require(tasks.first { $0.key == Self.sadulMESKey })
        let tampered = TaskResult(
            outcomes: [.init(regime: "mes-cost", selected: ["1549"], cost: "35900")],
            metrics: [.init(regime: "mes-cost", metric: "funded", value: 1)])
        try ResultsDatabase.open(path: b, create: false).record(
            task, result: .success(tampered), wallTime: 0.01, version: "test", host: "test")
        return (a, b, task)
    }

    @Test func mergeRefusesConflictingResultsAndNamesTheKey() throws {
        let folder = try TemporaryFolder()
        let (a, b, task) = try conflictingDatabases(in: folder)
        let output = folder.file("all.sqlite")
        let error = #expect(throws: BatchError.self) { try ResultsMerge.merge([a, b], into: output) }
        #expect(
            error?.description == """
                refusing to merge: 1 task has conflicting results
                  \(Self.sadulMESKey) (\(task.instance) mes-cost): \(a) and \(b) differ: \
                outcome mes-cost: ["1549","2290"] 67900 vs ["1549"] 35900
                """)
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                == [
                    "a.sqlite", "a.sqlite-shm", "a.sqlite-wal", "b.sqlite", "b.sqlite-shm", "b.sqlite-wal",
                ].filter { FileManager.default.fileExists(atPath: folder.file($0)) })
    }

    @Test func theMergeCommandExitsWith1AndNamesTheConflictingKey() throws {
        let folder = try TemporaryFolder()
        let (a, b, _) = try conflictingDatabases(in: folder)
        let result = try runPBSim(["batch", "merge", a, b, "-o", folder.file("all.sqlite")], in: folder)
        #expect(result.status == 1)
        #expect(
            result.stderr.hasPrefix(
                "error: refusing to merge: 1 task has conflicting results\nerror:   \(Self.sadulMESKey) ("))
        #expect(!FileManager.default.fileExists(atPath: folder.file("all.sqlite")))
    }

    @Test func agreeingDatabasesMergeIntoOneCopyOfEachTask() throws {
        let folder = try TemporaryFolder()
        let a = folder.file("a.sqlite")
        let b = folder.file("b.sqlite")
        try runSuite("elections.yaml", into: a, jobs: 1)
        try runSuite("elections.yaml", into: b, jobs: 2)
        let output = folder.file("all.sqlite")
        // An existing output is replaced.
        try "not a database".write(toFile: output, atomically: true, encoding: .utf8)
        let summary = try ResultsMerge.merge([a, b], into: output)
        let counts: [Int] = [summary.inputs, summary.tasks, summary.done, summary.failed, summary.agreeing]
        #expect(counts == [2, 34, 34, 0, 34])
        #expect(
            try ResultsDatabase.open(path: output, create: false).snapshot()
                == ResultsDatabase.open(path: a, create: false).snapshot())
    }

    @Test func aResultSupersedesAFailureOfTheSameTask() throws {
        let folder = try TemporaryFolder()
        let failed = folder.file("failed.sqlite")
        let done = folder.file("done.sqlite")
        let tasks = try Suite.load(path: Fixtures.path("elections.yaml")).tasks()
        let task = try #require(tasks.first { $0.key == Self.sadulMESKey })
        let suite = try Suite.load(path: Fixtures.path("elections.yaml"))
        let first = try ResultsDatabase.open(path: failed)
        try first.plan(suite: suite, tasks: [task])
        try first.record(task, result: .failure(TaskFailure("solver gave up")), wallTime: 1, version: "test", host: "a")
        try runSuite("elections.yaml", into: done)
        let output = folder.file("all.sqlite")
        let summary = try ResultsMerge.merge([failed, done], into: output)
        #expect(summary.tasks == 34 && summary.done == 34 && summary.failed == 0)
        let merged = try ResultsDatabase.open(path: output, create: false).snapshot()
        #expect(merged.failures.isEmpty)
        #expect(merged == (try ResultsDatabase.open(path: done, create: false).snapshot()))
    }

    @Test func aFileThatIsNotABatchDatabaseIsRefused() throws {
        let folder = try TemporaryFolder()
        let other = folder.file("other.txt")
        try "hello".write(toFile: other, atomically: true, encoding: .utf8)
        let error = #expect(throws: BatchError.self) {
            try ResultsMerge.merge([other], into: folder.file("all.sqlite"))
        }
        #expect(error?.description.hasPrefix("\(other): not a pbsim batch database (SQLite error 26: ") == true)
    }
}
