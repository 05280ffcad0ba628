import ArgumentParser
import Foundation
import PBBatch
import PBSimulation

/// `pbsim batch [run] SUITE.yaml --db results.sqlite`: runs the suite's tasks not yet in the database.
struct BatchRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the tasks of a suite that are not yet in the database (the default subcommand).",
        discussion: """
            Each task has a stable key (a SHA-256 of the instance's content, the rule or regime, the \
            parameters and the seed); each finished task is written in its own transaction, so a killed \
            run loses at most the tasks in progress. A failed task (bad file, rule or simulator error) is \
            recorded with its error and the batch goes on. The tasks run in a worker process: if a task \
            crashes it (a bug in a rule or the simulator), the task is recorded as failed with the signal \
            and a new worker goes on with the rest.

            With --shard I/N only the I-th of N disjoint slices of the tasks runs. Without --shard, inside \
            a Slurm job array (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT) the array task's slice runs.

            Exit status: 0 when every task of the suite (or shard) is done, 2 when some failed (now or \
            in an earlier run), 1 for a bad suite or a database error.
            """
    )

    @Argument(help: "A suite file (YAML).")
    var suite: String

    @Option(help: "The results database (SQLite, created if missing).")
    var db: String

    @Option(parsing: .unconditional, help: "Worker threads, at most the number of cores (default: every core).")
    var jobs: Int?

    @Option(help: "Run only slice I of N, e.g. 2/4 (default: the Slurm array task's slice, else everything).")
    var shard: String?

    @Flag(help: "Run again the tasks that failed in an earlier run (by default they are skipped).")
    var retryFailed = false

    @Option(help: .hidden) var workerJournal: String?
    @Option(help: .hidden) var workerOnly: String?
    @Option(help: .hidden) var workerExclude: String?

    func validate() throws {
        try validateJobs(jobs)
        if let shard {
            do { _ = try Shard(parsing: shard) } catch { throw ValidationError(error.description) }
        }
    }

    func run() throws {
        if workerJournal == nil {
            try BatchSupervisor(arguments: Array(CommandLine.arguments.dropFirst()), suite: suite, database: db).run()
            return
        }
        BatchSupervisor.exitWithSupervisor()
        let slice: Shard?
        do throws(BatchError) {
            if let shard {
                slice = try Shard(parsing: shard)
            } else {
                slice = try Shard.fromSlurm(ProcessInfo.processInfo.environment)
            }
        } catch {
            throw failure(error.description)
        }
        let workers = threads(jobs)
        let progress = BatchProgress(threads: workers)
        let summary: BatchSummary
        do {
            summary = try BatchRunner.run(
                suitePath: suite, databasePath: db,
                options: BatchOptions(
                    jobs: workers, shard: slice, retryFailed: retryFailed, journal: workerJournal,
                    only: workerOnly.map { [$0] },
                    exclude: Set((workerExclude ?? "").split(separator: ",").map(String.init))),
                onEvent: progress.handle)
        } catch {
            progress.finish()
            throw failure(error.description)
        }
        progress.finish()
        emit(Self.report(summary, database: db))
        if summary.failedInDatabase > 0 {
            var stderr = StandardError()
            print(
                "error: \(summary.failedInDatabase) task\(summary.failedInDatabase == 1 ? "" : "s") failed; "
                    + "`pbsim batch status \(db)` lists them", to: &stderr)
            throw ExitCode(2)
        }
    }

    /// `pabulib-dev: 184 tasks, 0 already done, ran 184 in 12.3 s (15.0 tasks/s), 0 failed -> results.sqlite`.
    static func report(_ summary: BatchSummary, database: String) -> String {
        let plan = summary.plan
        var text = "\(plan.suite): "
        if let shard = plan.shard {
            text += "shard \(shard) has \(plan.tasks) of \(plan.suiteTasks) tasks"
        } else {
            text += "\(plan.tasks) task\(plan.tasks == 1 ? "" : "s")"
        }
        text += ", \(plan.alreadyDone) already done"
        if plan.skippedFailed > 0 { text += ", \(plan.skippedFailed) failed before (skipped)" }
        let ran = summary.succeeded + summary.failed
        text += ", ran \(ran) in \(ProgressBar.seconds(summary.wallTime))"
        if ran > 0 { text += " (\(ProgressBar.rate(summary.tasksPerSecond)) tasks/s)" }
        text += ", \(summary.failed) failed -> \(database)\n"
        return text
    }
}
