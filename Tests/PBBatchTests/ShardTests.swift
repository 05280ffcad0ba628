import Foundation
import PBBatch
import Testing

/// Shards: disjoint slices whose union is the suite, from --shard or a Slurm job array.
@Suite struct ShardTests {
    @Test func theThreeShardsAreDisjointAndTogetherTheWholeSuite() throws {
        let tasks = try Suite.load(path: Fixtures.path("mixed.yaml")).tasks()
        #expect(tasks.count == 15)
        let shards = try (1...3).map { try Shard(index: $0, count: 3).select(tasks) }
        let keys = shards.map { Set($0.map(\.key)) }
        #expect(
            keys[0].isDisjoint(with: keys[1]) && keys[0].isDisjoint(with: keys[2]) && keys[1].isDisjoint(with: keys[2]))
        #expect(keys[0].union(keys[1]).union(keys[2]) == Set(tasks.map(\.key)))
        // Dealt in turn: 15 tasks give 5 each.
        #expect(shards.map(\.count) == [5, 5, 5])
    }

    @Test func mergingTheShardsEqualsTheUnshardedDatabase() throws {
        let folder = try TemporaryFolder()
        let whole = folder.file("whole.sqlite")
        try runSuite("mixed.yaml", into: whole)
        var parts: [String] = []
        for index in 1...3 {
            let part = folder.file("shard-\(index).sqlite")
            let summary = try runSuite("mixed.yaml", into: part, shard: try Shard(index: index, count: 3))
            #expect(summary.plan.suiteTasks == 15)
            #expect(summary.plan.tasks == 5)
            parts.append(part)
        }
        let merged = folder.file("merged.sqlite")
        let summary = try ResultsMerge.merge(parts, into: merged)
        #expect(summary.tasks == 15 && summary.done == 15 && summary.agreeing == 0)
        let expected = try ResultsDatabase.open(path: whole, create: false).snapshot()
        let actual = try ResultsDatabase.open(path: merged, create: false).snapshot()
        #expect(actual == expected)
        #expect(!FileManager.default.fileExists(atPath: merged + "-wal"))
        let status = try ResultsDatabase.open(path: merged, create: false).status()
        #expect(status.suites.map(\.total) == [15])
        #expect(status.suites.map(\.done) == [15])
    }

    @Test(arguments: [
        ("0/3", "shard 0/3: expected I/N with 1 <= I <= N"),
        ("4/3", "shard 4/3: expected I/N with 1 <= I <= N"),
        ("2", "--shard: expected I/N (e.g. 2/4), got '2'"),
        ("a/b", "--shard: expected I/N (e.g. 2/4), got 'a/b'"),
    ])
    func aBadShardIsRefusedWithItsReason(text: String, message: String) {
        let error = #expect(throws: BatchError.self) { try Shard(parsing: text) }
        #expect(error?.description == message)
    }

    @Test func aSlurmArrayTaskTakesItsShard() throws {
        #expect(try Shard.fromSlurm([:]) == nil)
        #expect(
            try Shard.fromSlurm(["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "4"])
                == Shard(index: 1, count: 4))
        #expect(
            try Shard.fromSlurm(["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "4"])
                == Shard(index: 4, count: 4))
        #expect(
            try Shard.fromSlurm([
                "SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "1",
            ]) == Shard(index: 1, count: 4))
        let error = #expect(throws: BatchError.self) {
            try Shard.fromSlurm(["SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_COUNT": "4"])
        }
        #expect(
            error?.description
                == "SLURM_ARRAY_TASK_ID=7 (first 0), SLURM_ARRAY_TASK_COUNT=4: not a shard of 4; use a contiguous --array such as 0-3"
        )
    }

    @Test func theCommandLineTakesTheShardFromSlurmWhenNoneIsGiven() throws {
        let folder = try TemporaryFolder()
        let database = folder.file("slurm.sqlite")
        let result = try runPBSim(
            ["batch", Fixtures.path("mixed.yaml"), "--db", database, "--jobs", "2"], in: folder,
            environment: environmentWithoutSlurm(["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "3"]))
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("test-mixed: shard 2/3 has 5 of 15 tasks, 0 already done, ran 5 in "))
        let tasks = try Suite.load(path: Fixtures.path("mixed.yaml")).tasks()
        let expected = try Shard(index: 2, count: 3).select(tasks).map(\.key).sorted()
        let stored = try ResultsDatabase.open(path: database, create: false).snapshot().tasks.map {
            String($0.prefix(64))
        }
        #expect(stored == expected)
    }
}
