import Foundation
internal import GRDB

/// What a results database holds: per suite, how many tasks are done, failed and pending, and the failures.
public struct ResultsStatus: Sendable, Hashable {
    /// One suite's counts.
    public struct SuiteCounts: Sendable, Hashable {
        /// The suite's name.
        public var name: String
        /// The suite file it was last run from.
        public var file: String
        /// The tasks planned in this file (a shard's database plans only that shard's tasks).
        public var total: Int
        /// Finished with a result.
        public var done: Int
        /// Finished with an error.
        public var failed: Int
        /// Not finished yet.
        public var pending: Int { total - done - failed }
    }

    /// A failed task and its error.
    public struct FailedTask: Sendable, Hashable {
        /// The task key.
        public var key: String
        /// The task for people: instance, rule, parameters and seed.
        public var task: String
        /// The error.
        public var error: String
    }

    /// The suites, by name.
    public var suites: [SuiteCounts]
    /// Every failed task, by instance and rule.
    public var failures: [FailedTask]
    /// The pbsim versions that computed the finished tasks.
    public var versions: [String]
    /// The total wall time of the finished tasks, in seconds.
    public var wallTime: Double
    /// Tasks that no suite defines any more (a suite file changed after they ran): kept in the file,
    /// left out of ``failures`` and of exports unless asked for.
    public var stale: Int = 0
}

/// The content of a results database without the incidental columns (wall times, versions, hosts and
/// dates), one text line per row, sorted: two databases with equal snapshots hold the same results.
public struct ResultsSnapshot: Sendable, Hashable {
    /// `key|kind|instance|instance_sha256|rule|parameters|seed|status` per task.
    public var tasks: [String]
    /// `key|regime|selected|cost` per outcome.
    public var outcomes: [String]
    /// `key|regime|metric|value|low|high` per metric (values in their shortest exact form).
    public var metrics: [String]
    /// `key|error` per failure.
    public var failures: [String]
    /// `suite|key` per planned task.
    public var suiteTasks: [String]
}

extension ResultsDatabase {
    /// The SQL condition that task `t` is one of a suite's current tasks (not stale).
    static let isCurrent = "EXISTS (SELECT 1 FROM suite_tasks s WHERE s.key = t.key)"

    /// Counts done, failed and pending tasks per suite, and lists the failures.
    public func status() throws(BatchError) -> ResultsStatus {
        try read { db in
            let suites = try Row.fetchAll(
                db,
                sql: """
                    SELECT s.name, s.file, COUNT(t.key),
                           COALESCE(SUM(t.status = 'done'), 0), COALESCE(SUM(t.status = 'failed'), 0)
                    FROM suites s
                    LEFT JOIN suite_tasks m ON m.suite = s.name
                    LEFT JOIN tasks t ON t.key = m.key
                    GROUP BY s.name ORDER BY s.name
                    """
            ).map { row in
                ResultsStatus.SuiteCounts(name: row[0], file: row[1], total: row[2], done: row[3], failed: row[4])
            }
            let failures = try Row.fetchAll(
                db,
                sql: """
                    SELECT t.key, t.instance, t.rule, t.parameters, t.seed, f.error
                    FROM tasks t JOIN failures f ON f.key = t.key
                    WHERE \(Self.isCurrent)
                    ORDER BY t.instance, t.rule, t.parameters, t.seed, t.key
                    """
            ).map { row in
                ResultsStatus.FailedTask(
                    key: row[0],
                    task: Self.describe(instance: row[1], rule: row[2], parameters: row[3], seed: row[4]),
                    error: row[5])
            }
            let versions = try String.fetchAll(
                db,
                sql: "SELECT DISTINCT pbsim_version FROM tasks WHERE pbsim_version IS NOT NULL ORDER BY 1")
            let wallTime = try Double.fetchOne(db, sql: "SELECT COALESCE(SUM(wall_time), 0) FROM tasks") ?? 0
            let stale = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tasks t WHERE NOT \(Self.isCurrent)") ?? 0
            return ResultsStatus(
                suites: suites, failures: failures, versions: versions, wallTime: wallTime, stale: stale)
        }
    }

    /// The database's results without incidental columns, for comparing two databases.
    public func snapshot() throws(BatchError) -> ResultsSnapshot {
        try read { db in
            func lines(_ sql: String) throws -> [String] {
                try Row.fetchAll(db, sql: sql).map { row in
                    (0..<row.count).map { Self.text(row[$0]) }.joined(separator: "|")
                }.sorted()
            }
            return ResultsSnapshot(
                tasks: try lines(
                    "SELECT key, kind, instance, instance_sha256, rule, parameters, seed, status FROM tasks"),
                outcomes: try lines("SELECT key, regime, selected, cost FROM outcomes"),
                metrics: try lines("SELECT key, regime, metric, value, low, high FROM metrics"),
                failures: try lines("SELECT key, error FROM failures"),
                suiteTasks: try lines("SELECT suite, key FROM suite_tasks"))
        }
    }

    /// A stored value as exact text: `null`, integers as they are, reals in their shortest round-trip form.
    static func text(_ value: (any DatabaseValueConvertible)?) -> String {
        let stored = value?.databaseValue ?? .null
        switch stored.storage {
        case .null: return "null"
        case .int64(let v): return String(v)
        case .double(let v): return "\(v)"
        case .string(let v): return v
        case .blob(let v): return v.base64EncodedString()
        }
    }

    /// `<instance> <rule> <parameters> seed <seed>`, leaving out the default arithmetic.
    static func describe(instance: String, rule: String, parameters: String, seed: Int64?) -> String {
        var text = "\(instance) \(rule)"
        let shown = parameters == "{\"arithmetic\":\"certified\"}" ? "" : parameters
        if !shown.isEmpty && shown != "{}" { text += " \(shown)" }
        if let seed { text += " seed \(UInt64(bitPattern: seed))" }
        return text
    }
}
