import Foundation
internal import GRDB
import PBModel

/// What a merge wrote.
public struct MergeSummary: Sendable, Hashable {
    /// The input databases.
    public var inputs: Int
    /// Distinct tasks in the output.
    public var tasks: Int
    /// Of those, done.
    public var done: Int
    /// Of those, failed.
    public var failed: Int
    /// Tasks found done in more than one input, with the same results.
    public var agreeing: Int
}

/// Merges results databases (e.g. the shards of a Slurm job array) into one.
///
/// A task done in several inputs must have the same outcomes and metrics in each (wall times, versions
/// and hosts may differ); otherwise nothing is written and the conflicting keys are named. A task done
/// in one input and failed or pending in another is taken as done.
///
/// ```swift
/// try ResultsMerge.merge(["shard-1.sqlite", "shard-2.sqlite"], into: "all.sqlite")
/// ```
public enum ResultsMerge {
    private struct TaskRows {
        var source: String
        var task: [DatabaseValue]
        var status: String
        var outcomes: [[DatabaseValue]] = []
        var metrics: [[DatabaseValue]] = []
        var failure: [DatabaseValue]?

        func describe() -> String {
            func text(_ i: Int) -> String { ResultsDatabase.text(task[i]) }
            let seed = task[6].storage
            var s: Int64?
            if case .int64(let v) = seed { s = v }
            return ResultsDatabase.describe(instance: text(2), rule: text(4), parameters: text(5), seed: s)
        }
    }

    private static let taskColumns =
        "key, kind, instance, instance_sha256, rule, parameters, seed, status, wall_time, pbsim_version, host, finished_at"

    /// Merges `inputs` into `output`, written to a temporary file in the same folder and renamed into
    /// place, so `output` is never left half-written.
    ///
    /// - Parameters:
    ///   - inputs: Results databases; the first input's row wins where they agree.
    ///   - output: The merged database (replaced if it exists).
    /// - Returns: What was merged.
    /// - Throws: ``BatchError/mergeConflicts(_:)`` naming every conflicting key (nothing is written),
    ///   ``BatchError/notABatchDatabase(path:reason:)`` for an input that is not one, or a database error.
    @discardableResult
    public static func merge(_ inputs: [String], into output: String) throws(BatchError) -> MergeSummary {
        var tasks: [String: TaskRows] = [:]
        var order: [String] = []
        var suites: [String: String] = [:]
        var members = Set<[String]>()
        var conflicts: [MergeConflict] = []
        var agreeing = 0
        do {
            try OutputFile.refuseInputs(output, target: try? OutputFile.resolve(output).target, inputs: inputs)
        } catch {
            throw .output(path: output, message: error.message)
        }
        for input in inputs {
            let database = try ResultsDatabase.open(path: input, access: .read)
            let rows = try database.read { db in try read(db, source: input) }
            for (name, file) in rows.suites where suites[name] == nil { suites[name] = file }
            members.formUnion(rows.members)
            for key in rows.order {
                let incoming = rows.tasks[key]!
                guard let existing = tasks[key] else {
                    tasks[key] = incoming
                    order.append(key)
                    continue
                }
                switch (existing.status, incoming.status) {
                case ("done", "done"):
                    if let difference = difference(existing, incoming) {
                        conflicts.append(
                            MergeConflict(
                                key: key, task: existing.describe(), first: existing.source, second: input,
                                difference: difference))
                    } else {
                        agreeing += 1
                    }
                case ("done", _), ("failed", "failed"), ("failed", "pending"), ("pending", "pending"):
                    break
                default:
                    tasks[key] = incoming
                }
            }
        }
        guard conflicts.isEmpty else { throw .mergeConflicts(conflicts) }
        try write(tasks: order.map { tasks[$0]! }, suites: suites, members: members, to: output)
        return MergeSummary(
            inputs: inputs.count, tasks: order.count, done: tasks.values.count { $0.status == "done" },
            failed: tasks.values.count { $0.status == "failed" }, agreeing: agreeing)
    }

    private struct InputRows {
        var tasks: [String: TaskRows] = [:]
        var order: [String] = []
        var suites: [(String, String)] = []
        var members: [[String]] = []
    }

    private static func read(_ db: Database, source: String) throws -> InputRows {
        var rows = InputRows()
        for row in try Row.fetchAll(db, sql: "SELECT \(taskColumns) FROM tasks ORDER BY key") {
            let values = (0..<row.count).map { row[$0] as DatabaseValue }
            let key: String = row[0]
            rows.tasks[key] = TaskRows(source: source, task: values, status: row[7])
            rows.order.append(key)
        }
        for row in try Row.fetchAll(db, sql: "SELECT key, regime, selected, cost FROM outcomes ORDER BY key, regime") {
            let key: String = row[0]
            rows.tasks[key]?.outcomes.append((0..<row.count).map { row[$0] as DatabaseValue })
        }
        for row in try Row.fetchAll(
            db, sql: "SELECT key, regime, metric, value, low, high FROM metrics ORDER BY key, regime, metric")
        {
            let key: String = row[0]
            rows.tasks[key]?.metrics.append((0..<row.count).map { row[$0] as DatabaseValue })
        }
        for row in try Row.fetchAll(
            db, sql: "SELECT key, error, pbsim_version, wall_time, finished_at FROM failures ORDER BY key")
        {
            let key: String = row[0]
            rows.tasks[key]?.failure = (0..<row.count).map { row[$0] as DatabaseValue }
        }
        rows.suites = try Row.fetchAll(db, sql: "SELECT name, file FROM suites ORDER BY name").map { ($0[0], $0[1]) }
        rows.members = try Row.fetchAll(db, sql: "SELECT suite, key FROM suite_tasks").map { [$0[0], $0[1]] }
        return rows
    }

    /// The first difference between two done tasks' results, or `nil` when they agree.
    private static func difference(_ a: TaskRows, _ b: TaskRows) -> String? {
        func lines(_ rows: [[DatabaseValue]]) -> [String: String] {
            var map: [String: String] = [:]
            for row in rows {
                let texts = row.map { ResultsDatabase.text($0) }
                // Index by everything but the key and the values: regime (and metric).
                let split = rows.first?.count == 4 ? 2 : 3
                map[texts[1..<split].joined(separator: " ")] = texts[split...].joined(separator: " ")
            }
            return map
        }
        for (what, left, right) in [
            ("outcome", lines(a.outcomes), lines(b.outcomes)), ("metric", lines(a.metrics), lines(b.metrics)),
        ] {
            for name in Set(left.keys).union(right.keys).sorted() where left[name] != right[name] {
                return "\(what) \(name): \(left[name] ?? "missing") vs \(right[name] ?? "missing")"
            }
        }
        return nil
    }

    private static func write(
        tasks: [TaskRows], suites: [String: String], members: Set<[String]>, to output: String
    ) throws(BatchError) {
        // The merged file is built in an exclusively created partial file beside the output (see
        // `OutputFile`), then renamed into place with the old output's permissions.
        let target: String
        do {
            target = try OutputFile.resolve(output).target
        } catch {
            throw .output(path: output, message: error.message)
        }
        let existing = FileIdentity(path: target)
        if let existing, existing.kind != .regular {
            throw .output(path: output, message: "is \(existing.kind.phrase); a merged database must be a regular file")
        }
        OutputFile.removeStalePartials(beside: target)
        let temporary: String
        do {
            let created = try OutputFile.createTemporary(beside: target, shownAs: output)
            close(created.fd)
            temporary = created.path
        } catch {
            throw .output(path: output, message: error.message)
        }
        do {
            let database = try ResultsDatabase.open(path: temporary, access: .create, wal: false)
            try database.write { db in
                for (name, file) in suites.sorted(by: { $0.key < $1.key }) {
                    try db.execute(sql: "INSERT INTO suites (name, file) VALUES (?, ?)", arguments: [name, file])
                }
                let insertTask = try db.cachedStatement(
                    sql: "INSERT INTO tasks (\(taskColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                let outcome = try db.cachedStatement(
                    sql: "INSERT INTO outcomes (key, regime, selected, cost) VALUES (?, ?, ?, ?)")
                let metric = try db.cachedStatement(
                    sql: "INSERT INTO metrics (key, regime, metric, value, low, high) VALUES (?, ?, ?, ?, ?, ?)")
                let failure = try db.cachedStatement(
                    sql:
                        "INSERT INTO failures (key, error, pbsim_version, wall_time, finished_at) VALUES (?, ?, ?, ?, ?)"
                )
                for task in tasks {
                    try insertTask.execute(arguments: StatementArguments(task.task))
                    for row in task.outcomes { try outcome.execute(arguments: StatementArguments(row)) }
                    for row in task.metrics { try metric.execute(arguments: StatementArguments(row)) }
                    if let row = task.failure { try failure.execute(arguments: StatementArguments(row)) }
                }
                let member = try db.cachedStatement(sql: "INSERT INTO suite_tasks (suite, key) VALUES (?, ?)")
                for pair in members.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                    try member.execute(arguments: [pair[0], pair[1]])
                }
            }
            try database.close()
        } catch {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                try? FileManager.default.removeItem(atPath: temporary + suffix)
            }
            throw error
        }
        // NB: a stale WAL next to the old output would be replayed into the new file: remove it first.
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target + suffix) }
        do {
            try OutputFile.install(temporary, as: target, existing: existing, shownAs: output)
        } catch {
            throw .output(path: output, message: error.message)
        }
    }
}
