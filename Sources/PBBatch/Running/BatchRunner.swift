import Dispatch
public import Foundation
import PBSimulation
import PBSupport
import Synchronization

/// How a batch runs.
public struct BatchOptions: Sendable, Hashable {
    /// Worker threads, at least 1 (each task runs on one thread).
    public var jobs: Int
    /// The slice of the suite to run, or `nil` for all of it.
    public var shard: Shard?
    /// Whether to run again the tasks that failed before (by default they are skipped like done ones).
    public var retryFailed: Bool
    /// The version recorded with each task.
    public var version: String
    /// The machine's name, recorded with each task.
    public var host: String
    /// A file to which `start KEY` is appended before each task runs and `end KEY` once it is written, so
    /// that a supervising process can tell which task a crashed worker was running.
    public var journal: String?
    /// Only these tasks run (the others of the shard are left as they are), or all when `nil`.
    public var only: Set<String>?
    /// Tasks not to run (e.g. those a supervisor recorded as crashed), even with ``retryFailed``.
    public var exclude: Set<String>

    /// Creates options.
    public init(
        jobs: Int, shard: Shard? = nil, retryFailed: Bool = false, version: String = pbsimVersion,
        host: String = ProcessInfo.processInfo.hostName, journal: String? = nil, only: Set<String>? = nil,
        exclude: Set<String> = []
    ) {
        self.jobs = max(1, jobs)
        self.shard = shard
        self.retryFailed = retryFailed
        self.version = version
        self.host = host
        self.journal = journal
        self.only = only
        self.exclude = exclude
    }
}

/// What a batch is about to do.
public struct BatchPlan: Sendable, Hashable {
    /// The suite's name.
    public var suite: String
    /// The shard, if any.
    public var shard: Shard?
    /// The suite's tasks (all shards).
    public var suiteTasks: Int
    /// This shard's tasks (the suite's without a shard).
    public var tasks: Int
    /// Of those, already done in the database.
    public var alreadyDone: Int
    /// Of those, failed before and skipped (0 with ``BatchOptions/retryFailed``).
    public var skippedFailed: Int
    /// The tasks this run computes.
    public var toRun: Int
}

/// Something that happened during a batch, for progress displays.
public enum BatchEvent: Sendable {
    /// The tasks are planned; the run starts.
    case planned(BatchPlan)
    /// A task finished and was written. `done` and `failed` count this run's finished tasks so far.
    case finished(task: BatchTask, failure: TaskFailure?, wallTime: Double, done: Int, failed: Int)
}

/// What a batch did.
public struct BatchSummary: Sendable, Hashable {
    /// The plan.
    public var plan: BatchPlan
    /// Tasks computed in this run with a result.
    public var succeeded: Int
    /// Tasks that failed in this run.
    public var failed: Int
    /// Failed tasks of this suite (or shard) in the database after the run, this run's and earlier ones.
    public var failedInDatabase: Int
    /// The run's wall time, in seconds.
    public var wallTime: Double

    /// Tasks computed per second of wall time.
    public var tasksPerSecond: Double {
        wallTime > 0 ? Double(succeeded + failed) / wallTime : 0
    }
}

/// Runs a suite's tasks that are not yet in the results database, in parallel, each finished task
/// written in its own transaction.
///
/// Rerunning the same suite skips what is done, so a killed run resumes where it stopped:
///
/// ```swift
/// let summary = try BatchRunner.run(
///     suitePath: "Benchmarks/suites/pabulib-dev.yaml", databasePath: "results.sqlite",
///     options: BatchOptions(jobs: 2)) { event in print(event) }
/// print(summary.succeeded, summary.failed)
/// ```
public enum BatchRunner {
    /// Loads a suite, expands it, takes the shard, opens (or creates) the database, runs the tasks and
    /// closes the database (leaving no write-ahead log beside it).
    ///
    /// - Parameters:
    ///   - suitePath: The suite file.
    ///   - databasePath: The results database.
    ///   - options: Jobs, shard, retries and what to record.
    ///   - onEvent: Called once with the plan, then after each finished task, from any thread.
    /// - Returns: What the run did.
    /// - Throws: ``BatchError`` for a bad suite or a database failure (a failing task is not an error).
    public static func run(
        suitePath: String, databasePath: String, options: BatchOptions,
        onEvent: @escaping @Sendable (BatchEvent) -> Void = { _ in }
    ) throws(BatchError) -> BatchSummary {
        let suite = try Suite.load(path: suitePath)
        let tasks = suite.tasks()
        let database = try ResultsDatabase.open(path: databasePath)
        let summary: BatchSummary
        do {
            summary = try run(suite: suite, tasks: tasks, database: database, options: options, onEvent: onEvent)
        } catch {
            try? database.close()
            throw error
        }
        try database.close()
        return summary
    }

    /// Runs the given tasks of a suite into a database.
    ///
    /// - Parameters:
    ///   - suite: The suite.
    ///   - tasks: Its tasks (``Suite/tasks()``); the shard of ``BatchOptions/shard`` is taken here.
    ///   - database: The results database.
    ///   - options: How to run.
    ///   - onEvent: Progress events, from any thread.
    /// - Returns: What the run did.
    /// - Throws: ``BatchError/database(path:message:)`` when a result cannot be written; the tasks written
    ///   before stay.
    public static func run(
        suite: Suite, tasks: [BatchTask], database: ResultsDatabase, options: BatchOptions,
        onEvent: @escaping @Sendable (BatchEvent) -> Void = { _ in }
    ) throws(BatchError) -> BatchSummary {
        let start = DispatchTime.now().uptimeNanoseconds
        let mine = options.shard?.select(tasks) ?? tasks
        let states = try database.plan(suite: suite, tasks: mine, suiteKeys: Set(tasks.map(\.key)))
        let pending = mine.filter { task in
            if let only = options.only, !only.contains(task.key) { return false }
            if options.exclude.contains(task.key) { return false }
            switch states[task.key] ?? .pending {
            case .pending: return true
            case .failed: return options.retryFailed
            case .done: return false
            }
        }
        let done = mine.count { states[$0.key] == .done }
        let skipped = options.retryFailed ? 0 : mine.count { states[$0.key] == .failed }
        let plan = BatchPlan(
            suite: suite.name, shard: options.shard, suiteTasks: tasks.count, tasks: mine.count, alreadyDone: done,
            skippedFailed: skipped, toRun: pending.count)
        onEvent(.planned(plan))

        let counts = try execute(pending, database: database, options: options, onEvent: onEvent)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return BatchSummary(
            plan: plan, succeeded: counts.succeeded, failed: counts.failed, failedInDatabase: skipped + counts.failed,
            wallTime: elapsed)
    }

    /// What the worker threads count together.
    private struct Counts {
        var succeeded = 0
        var failed = 0
        var error: BatchError?
    }

    /// Runs tasks on `options.jobs` threads (the calling thread is one of them).
    ///
    /// NB: threads are started explicitly rather than with `concurrentPerform`, which on Linux may keep
    /// all the work on the calling thread on a busy machine (see the simulator).
    private static func execute(
        _ tasks: [BatchTask], database: ResultsDatabase, options: BatchOptions,
        onEvent: @escaping @Sendable (BatchEvent) -> Void
    ) throws(BatchError) -> (succeeded: Int, failed: Int) {
        guard !tasks.isEmpty else { return (0, 0) }
        let shared = Mutex(Counts())
        let executor = TaskExecutor(capacity: 2 * options.jobs + 2)
        let journal = options.journal.flatMap(TaskJournal.init(path:))
        Threads.forEach(count: tasks.count, jobs: options.jobs) {
            { index in
                let task = tasks[index]
                journal?.note("start", task.key)
                let start = DispatchTime.now().uptimeNanoseconds
                let result = executor.execute(task)
                let wallTime = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                do throws(BatchError) {
                    try database.record(
                        task, result: result, wallTime: wallTime, version: options.version, host: options.host)
                } catch {
                    shared.withLock { counts in
                        if counts.error == nil { counts.error = error }
                    }
                    return false
                }
                journal?.note("end", task.key)
                let failure: TaskFailure?
                if case .failure(let error) = result { failure = error } else { failure = nil }
                let (succeeded, failed) = shared.withLock { counts in
                    if failure == nil { counts.succeeded += 1 } else { counts.failed += 1 }
                    return (counts.succeeded, counts.failed)
                }
                onEvent(
                    .finished(
                        task: task, failure: failure, wallTime: wallTime, done: succeeded + failed, failed: failed))
                return true
            }
        }
        let counts = shared.withLock { $0 }
        if let error = counts.error { throw error }
        return (counts.succeeded, counts.failed)
    }
}
