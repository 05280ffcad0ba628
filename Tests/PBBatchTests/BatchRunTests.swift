import ArgumentParser
import Foundation
import PBBatch
import PBSimCLI
import Testing

/// Running suites: results, determinism, resuming, failures and the kill test.
@Suite struct BatchRunTests {
    @Test func jobs1AndJobs2GiveIdenticalDatabases() throws {
        let folder = try TemporaryFolder()
        let one = folder.file("one.sqlite")
        let two = folder.file("two.sqlite")
        try runSuite("mixed.yaml", into: one, jobs: 1)
        try runSuite("mixed.yaml", into: two, jobs: 2)
        let a = try ResultsDatabase.open(path: one, create: false).snapshot()
        let b = try ResultsDatabase.open(path: two, create: false).snapshot()
        #expect(a == b)
        #expect(a.tasks.count == 15 && a.tasks.allSatisfy { $0.hasSuffix("|done") })
        #expect(!a.metrics.isEmpty)
    }

    @Test func storedOutcomesAreTheOracleOutcomes() throws {
        let folder = try TemporaryFolder()
        let database = folder.file("elections.sqlite")
        let summary = try runSuite("elections.yaml", into: database)
        #expect(summary.succeeded == 34 && summary.failed == 0)
        let json = try ResultsExport.render(
            try ResultsDatabase.open(path: database, create: false), table: .outcomes, format: .json)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(rows.count == 34)
        var compared = 0
        for row in rows {
            let instance = try #require(row["instance"] as? String)
            let rule = try #require(row["rule"] as? String)
            let name = (instance as NSString).lastPathComponent.replacingOccurrences(of: ".pb", with: ".json")
            var rules: [String: [String: Any]] = [:]
            for folder in ["oracle", "oracle-rules2"] {
                let oracleData = try Data(
                    contentsOf: URL(fileURLWithPath: Fixtures.root + "/Tests/PBRulesTests/Fixtures/\(folder)/" + name))
                let oracle = try #require(try JSONSerialization.jsonObject(with: oracleData) as? [String: Any])
                rules.merge(try #require(oracle["rules"] as? [String: [String: Any]])) { a, _ in a }
            }
            let expected = try #require(rules[rule], "\(name) \(rule)")
            // pabutools raises on every pabulib file for CSTV: no reference outcome to compare.
            guard expected["selected"] != nil else {
                #expect(rule.hasPrefix("cstv-"), "\(name) \(rule)")
                continue
            }
            compared += 1
            let selected = try #require(row["selected"] as? [String])
            #expect(Set(selected) == Set(try #require(expected["selected"] as? [String])), "\(name) \(rule)")
            #expect(row["cost"] as? String == expected["total_cost"] as? String, "\(name) \(rule)")
        }
        #expect(compared == 34 - 8)
    }

    @Test func aRerunSkipsWhatIsDone() throws {
        let folder = try TemporaryFolder()
        let database = folder.file("r.sqlite")
        let first = try runSuite("elections.yaml", into: database)
        let before = try ResultsDatabase.open(path: database, create: false).snapshot()
        let second = try runSuite("elections.yaml", into: database)
        #expect(first.plan.toRun == 34)
        #expect(second.plan.alreadyDone == 34 && second.plan.toRun == 0 && second.succeeded == 0)
        #expect(try ResultsDatabase.open(path: database, create: false).snapshot() == before)
    }

    @Test func tasksDroppedFromASuiteStopCountingAsItsOwn() throws {
        let folder = try TemporaryFolder()
        let database = folder.file("r.sqlite")
        try runSuite("elections.yaml", into: database)
        let smaller = folder.file("smaller.yaml")
        try """
        name: test-elections
        elections:
          - files: [\(Fixtures.pabulib("poland_warszawa_2017_sadul.pb"))]
            rules: [mes-cost]

        """.write(toFile: smaller, atomically: true, encoding: .utf8)
        let summary = try BatchRunner.run(
            suitePath: smaller, databasePath: database, options: BatchOptions(jobs: 1))
        #expect(summary.plan.alreadyDone == 1 && summary.plan.toRun == 0)
        let status = try ResultsDatabase.open(path: database, create: false).status()
        #expect(status.suites.map(\.total) == [1])
        #expect(try ResultsDatabase.open(path: database, create: false).snapshot().tasks.count == 34)
    }

    @Test func aFailingTaskIsRecordedAndTheExitStatusSaysSo() throws {
        let folder = try TemporaryFolder()
        let database = folder.file("bad.sqlite")
        let suite = Fixtures.path("with-bad-file.yaml")
        let bad = Fixtures.path("bad.pb")
        let result = try runPBSim(
            ["batch", suite, "--db", database], in: folder, environment: environmentWithoutSlurm())
        #expect(result.status == 2)
        #expect(result.stdout.hasPrefix("test-bad-file: 4 tasks, 0 already done, ran 4 in "))
        #expect(result.stdout.hasSuffix(", 2 failed -> \(database)\n"))
        #expect(result.stderr.contains("failed: \(bad) greedy-cost: \(bad):15: votes[v2].vote: unknown project '3'\n"))
        #expect(result.stderr.hasSuffix("error: 2 tasks failed; `pbsim batch status \(database)` lists them\n"))

        let status = try ResultsDatabase.open(path: database, create: false).status()
        #expect(status.suites.map(\.done) == [2])
        #expect(status.suites.map(\.failed) == [2])
        #expect(status.failures.map(\.task) == ["\(bad) greedy-cost", "\(bad) mes-cost"])
        #expect(status.failures.allSatisfy { $0.error == "\(bad):15: votes[v2].vote: unknown project '3'" })

        // Failed tasks are skipped on a rerun (and still reported), or run again on request.
        let rerun = try runPBSim(
            ["batch", suite, "--db", database], in: folder, environment: environmentWithoutSlurm())
        #expect(rerun.status == 2)
        #expect(rerun.stdout.hasPrefix("test-bad-file: 4 tasks, 2 already done, 2 failed before (skipped), ran 0 in "))
        let retry = try runPBSim(
            ["batch", suite, "--db", database, "--retry-failed"], in: folder, environment: environmentWithoutSlurm())
        #expect(retry.status == 2)
        #expect(retry.stdout.hasPrefix("test-bad-file: 4 tasks, 2 already done, ran 2 in "))

        let shown = try runPBSim(["batch", "status", database], in: folder)
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("  test-bad-file     2      4       2        0\n"))
        #expect(shown.stdout.contains("Failed tasks (2):\n"))
        #expect(shown.stdout.contains("      \(bad):15: votes[v2].vote: unknown project '3'\n"))
    }

    @Test(.timeLimit(.minutes(2)))
    func aKilledBatchResumesToTheDatabaseOfAnUninterruptedRun() throws {
        let folder = try TemporaryFolder()
        let killed = folder.file("killed.sqlite")
        let arguments = ["batch", Fixtures.path("grid.yaml"), "--db", killed, "--jobs", "1"]
        let (process, _, _) = try startPBSim(arguments, in: folder, environment: environmentWithoutSlurm())
        // Kill it as soon as two tasks are written: 22 of 24 are left (tens of milliseconds each).
        var database: ResultsDatabase?
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && process.isRunning {
            if database == nil { database = try? ResultsDatabase.open(path: killed, create: false) }
            if let done = try? database?.status().suites.first?.done, done >= 2 { break }
            usleep(2_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
        database = nil
        // The worker process ends when its supervisor does (its standard input closes); let it.
        usleep(300_000)

        let partial = try #require(try ResultsDatabase.open(path: killed, create: false).status().suites.first)
        #expect(partial.done >= 2 && partial.done < 24, "killed part way: \(partial.done) of 24 done")

        let rerun = try runPBSim(arguments, in: folder, environment: environmentWithoutSlurm())
        #expect(rerun.status == 0)
        #expect(
            rerun.stdout.hasPrefix("test-grid: 24 tasks, \(partial.done) already done, ran \(24 - partial.done) in "))

        let reference = folder.file("reference.sqlite")
        try runSuite("grid.yaml", into: reference, jobs: 2)
        let resumed = try ResultsDatabase.open(path: killed, create: false).snapshot()
        let expected = try ResultsDatabase.open(path: reference, create: false).snapshot()
        #expect(resumed == expected)
        // No duplicate rows: every line (a whole row) appears once, every task key once.
        for rows in [resumed.tasks, resumed.outcomes, resumed.metrics, resumed.suiteTasks] {
            #expect(Set(rows).count == rows.count)
        }
        #expect(Set(resumed.tasks.map { $0.prefix(64) }).count == 24)
        #expect(resumed.outcomes.count == 24 * 5)  // service-led, co-produced, panel, one blend, optimum
    }

    @Test func batchSuiteParsesAsTheRunSubcommand() throws {
        let command = try PBSim.parseAsRoot([
            "batch", "suite.yaml", "--db", "r.sqlite", "--jobs", "2", "--shard", "1/4",
        ])
        #expect(String(describing: type(of: command)) == "BatchRun")
        #expect(throws: (any Error).self) {
            try PBSim.parseAsRoot(["batch", "suite.yaml", "--db", "r.sqlite", "--shard", "5/4"])
        }
        let merge = try PBSim.parseAsRoot(["batch", "merge", "a.sqlite", "b.sqlite", "-o", "all.sqlite"])
        #expect(String(describing: type(of: merge)) == "BatchMerge")
    }
}

@Suite("A task that crashes pbsim is recorded as failed and the batch goes on")
struct PoisonedTaskTests {
    @Test("a crashing task is failed with its signal, every other task is done, at every resume", arguments: [1, 2])
    func poisonedTask(jobs: Int) throws {
        let folder = try TemporaryFolder()
        let database = folder.file("r.sqlite")
        let arguments = ["batch", Fixtures.path("elections.yaml"), "--db", database, "--jobs", String(jobs)]
        let environment = environmentWithoutSlurm(["PBSIM_TEST_CRASH_INSTANCE": "zerzen"])
        let first = try runPBSim(arguments, in: folder, environment: environment)
        #expect(first.status == 2, "\(first.stderr)")
        #expect(first.stderr.contains("crashed pbsim (signal \(SIGILL)"), "\(first.stderr)")
        let status = try ResultsDatabase.open(path: database, access: .read).status()
        let suite = try #require(status.suites.first)
        // Every rule on the crashing election fails; every other task is done.
        #expect(suite.failed > 0 && suite.pending == 0 && suite.done + suite.failed == suite.total)
        #expect(status.failures.allSatisfy { $0.task.contains("zerzen") && $0.error.contains("crashed pbsim") })

        // The reference: the same suite without the crash, the crashing election's tasks aside.
        let reference = folder.file("reference.sqlite")
        try runSuite("elections.yaml", into: reference)
        let expected = try ResultsDatabase.open(path: reference, access: .read).status().suites.first
        #expect(suite.done == (expected?.done ?? 0) - suite.failed)

        let again = try runPBSim(arguments, in: folder, environment: environment)
        #expect(again.status == 2)
        #expect(
            again.stdout.contains("already done, \(suite.failed) failed before (skipped), ran 0"), "\(again.stdout)")
        let retry = try runPBSim(arguments + ["--retry-failed"], in: folder, environment: environment)
        #expect(retry.status == 2, "\(retry.stderr)")
        #expect(try ResultsDatabase.open(path: database, access: .read).status().suites.first == suite)
    }
}

@Suite("Tasks a changed suite no longer defines are stale: counted, left out of exports")
struct StaleTaskTests {
    @Test("after the suite drops rules, export holds the current tasks only and status counts the stale ones")
    func staleTasks() throws {
        let folder = try TemporaryFolder()
        let suite = folder.file("suite.yaml")
        let database = folder.file("r.sqlite")
        func writeSuite(_ rules: String) {
            let yaml =
                "name: changing\nelections:\n  - files: [\(Fixtures.pabulib("poland_warszawa_2017_sadul.pb"))]\n"
                + "    rules: \(rules)\n"
            #expect(FileManager.default.createFile(atPath: suite, contents: Data(yaml.utf8)))
        }
        writeSuite("all")
        _ = try BatchRunner.run(suitePath: suite, databasePath: database, options: BatchOptions(jobs: 2))
        // Every applicable rule ran once; two of them stay in the suite.
        let before = try Suite.load(path: suite).tasks().count
        let stale = before - 2
        writeSuite("[greedy-cost, phragmen]")
        _ = try BatchRunner.run(suitePath: suite, databasePath: database, options: BatchOptions(jobs: 2))
        let opened = try ResultsDatabase.open(path: database, access: .read)
        let status = try opened.status()
        #expect(status.stale == stale)
        #expect(status.suites.first?.total == 2)
        let current = try ResultsExport.render(opened, table: .outcomes, format: .csv)
        #expect(current.split(separator: "\n").count == 1 + 2)
        #expect(!current.contains("mes-cost"))
        let all = try ResultsExport.render(opened, table: .outcomes, format: .csv, includeStale: true)
        #expect(all.split(separator: "\n").count == 1 + before)
        let shown = try runPBSim(["batch", "status", database], in: folder)
        #expect(shown.stdout.contains("\(stale) stale tasks"), "\(shown.stdout)")
    }
}
