import Foundation
internal import GRDB

/// The SQLite file a batch writes its results to (WAL mode, one transaction per finished task).
///
/// Tables (schema 1):
///
/// | table         | one row per                          | columns |
/// |---------------|--------------------------------------|---------|
/// | `meta`        | setting                              | `name`, `value` (`schema` = `1`) |
/// | `suites`      | suite ever run into the file         | `name`, `file` |
/// | `suite_tasks` | task of a suite (of the shards run)  | `suite`, `key` |
/// | `tasks`       | task                                 | `key`, `kind`, `instance`, `instance_sha256`, `rule`, `parameters` (JSON), `seed`, `status` (`pending`, `done`, `failed`), `wall_time` (s), `pbsim_version`, `host`, `finished_at` |
/// | `outcomes`    | selection of a done task             | `key`, `regime`, `selected` (JSON ids), `cost` |
/// | `metrics`     | value of a done task                 | `key`, `regime`, `metric`, `value`, `low`, `high` |
/// | `failures`    | failed task                          | `key`, `error`, `pbsim_version`, `wall_time`, `finished_at` |
///
/// ```swift
/// let database = try ResultsDatabase.open(path: "results.sqlite")
/// print(try database.status().suites)
/// ```
public final class ResultsDatabase: Sendable {
    /// The database file.
    public let path: String
    private let queue: DatabaseQueue

    /// The state of a task in the database.
    public enum TaskState: String, Sendable, Hashable {
        /// Planned, not finished.
        case pending
        /// Finished with a result.
        case done
        /// Finished with an error.
        case failed
    }

    /// The schema version this build reads and writes.
    public static let schemaVersion = 1

    private init(path: String, queue: DatabaseQueue) {
        self.path = path
        self.queue = queue
    }

    /// Opens (and with `create`, creates) a results database.
    ///
    /// - Parameters:
    ///   - path: The SQLite file.
    ///   - create: Whether to create the file and its tables if missing; otherwise the file must exist
    ///     and be a pbsim batch database.
    ///   - wal: Whether to switch the file to WAL mode (batch runs do; a merge output does not, so that it
    ///     is a single file when renamed into place).
    /// - Throws: ``BatchError/database(path:message:)`` or ``BatchError/notABatchDatabase(path:reason:)``.
    public static func open(path: String, create: Bool = true, wal: Bool = true) throws(BatchError) -> ResultsDatabase {
        if !create && !FileManager.default.fileExists(atPath: path) {
            throw .database(path: path, message: "no such database")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(60)
        configuration.label = "pbsim-batch"
        if wal { configuration.journalMode = .wal }
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw .database(path: path, message: Self.message(error))
        }
        let database = ResultsDatabase(path: path, queue: queue)
        try database.prepareSchema(create: create)
        return database
    }

    /// Closes the file: SQLite checkpoints the write-ahead log into the database and removes it, so the
    /// results are in one file that can be copied on its own. Later calls fail.
    ///
    /// - Throws: ``BatchError/database(path:message:)`` when SQLite cannot close it.
    public func close() throws(BatchError) {
        do {
            try queue.close()
        } catch {
            throw .database(path: path, message: Self.message(error))
        }
    }

    static func message(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return "SQLite error \(error.resultCode.rawValue): \(error.message ?? "\(error)")"
        }
        return "\(error)"
    }

    /// Runs `body` in a write transaction, translating SQLite errors.
    func write<T>(_ body: (Database) throws -> T) throws(BatchError) -> T {
        do {
            return try queue.write(body)
        } catch let error as BatchError {
            throw error
        } catch {
            throw .database(path: path, message: Self.message(error))
        }
    }

    /// Runs `body` with read access, translating SQLite errors.
    func read<T>(_ body: (Database) throws -> T) throws(BatchError) -> T {
        do {
            return try queue.read(body)
        } catch let error as BatchError {
            throw error
        } catch {
            throw .database(path: path, message: Self.message(error))
        }
    }

    // MARK: - Schema

    private func prepareSchema(create: Bool) throws(BatchError) {
        let existing: [String] = try read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if existing.contains("meta") {
            let schema: String? = try read { db in
                try String.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'schema'")
            }
            guard schema == String(Self.schemaVersion) else {
                throw .notABatchDatabase(
                    path: path, reason: "schema \(schema ?? "unknown"), this pbsim reads schema \(Self.schemaVersion)")
            }
            return
        }
        guard create, existing.isEmpty else {
            throw .notABatchDatabase(
                path: path, reason: existing.isEmpty ? "it has no tables" : "it has no 'meta' table")
        }
        try write { db in
            try db.execute(sql: Self.schema)
            try db.execute(
                sql: "INSERT INTO meta (name, value) VALUES ('schema', ?), ('application', 'pbsim batch')",
                arguments: [String(Self.schemaVersion)])
        }
    }

    private static let schema = """
        CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE suites (name TEXT PRIMARY KEY, file TEXT NOT NULL);
        CREATE TABLE tasks (
            key TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            instance TEXT NOT NULL,
            instance_sha256 TEXT NOT NULL,
            rule TEXT NOT NULL,
            parameters TEXT NOT NULL,
            seed INTEGER,
            status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
            wall_time REAL,
            pbsim_version TEXT,
            host TEXT,
            finished_at TEXT
        );
        CREATE TABLE suite_tasks (
            suite TEXT NOT NULL REFERENCES suites(name),
            key TEXT NOT NULL REFERENCES tasks(key),
            PRIMARY KEY (suite, key)
        ) WITHOUT ROWID;
        CREATE TABLE outcomes (
            key TEXT NOT NULL REFERENCES tasks(key),
            regime TEXT NOT NULL,
            selected TEXT NOT NULL,
            cost TEXT NOT NULL,
            PRIMARY KEY (key, regime)
        ) WITHOUT ROWID;
        CREATE TABLE metrics (
            key TEXT NOT NULL REFERENCES tasks(key),
            regime TEXT NOT NULL,
            metric TEXT NOT NULL,
            value REAL,
            low REAL,
            high REAL,
            PRIMARY KEY (key, regime, metric)
        ) WITHOUT ROWID;
        CREATE TABLE failures (
            key TEXT PRIMARY KEY REFERENCES tasks(key),
            error TEXT NOT NULL,
            pbsim_version TEXT NOT NULL,
            wall_time REAL NOT NULL,
            finished_at TEXT NOT NULL
        );
        """

    // MARK: - Planning and recording

    /// Records a suite and its tasks (this shard's) as planned, in one transaction; tasks already in the
    /// file keep their state.
    ///
    /// Tasks of the suite that are no longer in it (an instance edited, a rule removed) stop counting as
    /// the suite's; their results stay in the file.
    ///
    /// - Parameters:
    ///   - suite: The suite.
    ///   - tasks: The tasks to run now (a shard's, or all of them).
    ///   - suiteKeys: The keys of all the suite's tasks, every shard's (`nil`: those of `tasks`).
    /// - Returns: The state of every given task after planning, by key.
    @discardableResult
    public func plan(suite: Suite, tasks: [BatchTask], suiteKeys: Set<String>? = nil) throws(BatchError)
        -> [String: TaskState]
    {
        let current = suiteKeys ?? Set(tasks.map(\.key))
        return try write { db in
            let members = try String.fetchAll(
                db, sql: "SELECT key FROM suite_tasks WHERE suite = ?", arguments: [suite.name])
            let drop = try db.cachedStatement(sql: "DELETE FROM suite_tasks WHERE suite = ? AND key = ?")
            for key in members where !current.contains(key) { try drop.execute(arguments: [suite.name, key]) }
            try db.execute(
                sql:
                    "INSERT INTO suites (name, file) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET file = excluded.file",
                arguments: [suite.name, suite.file])
            let insertTask = try db.cachedStatement(
                sql: """
                    INSERT OR IGNORE INTO tasks (key, kind, instance, instance_sha256, rule, parameters, seed, status)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'pending')
                    """)
            let insertMember = try db.cachedStatement(
                sql: "INSERT OR IGNORE INTO suite_tasks (suite, key) VALUES (?, ?)")
            for task in tasks {
                try insertTask.execute(arguments: [
                    task.key, task.kind.rawValue, task.instance, task.instanceSHA256, task.rule, task.parametersJSON,
                    task.seed.map { Int64(bitPattern: $0) },
                ])
                try insertMember.execute(arguments: [suite.name, task.key])
            }
            var states: [String: TaskState] = [:]
            let wanted = Set(tasks.map(\.key))
            let rows = try Row.fetchAll(
                db, sql: "SELECT t.key, t.status FROM suite_tasks s JOIN tasks t ON t.key = s.key WHERE s.suite = ?",
                arguments: [suite.name])
            for row in rows {
                let key: String = row[0]
                if wanted.contains(key) { states[key] = TaskState(rawValue: row[1]) ?? .pending }
            }
            return states
        }
    }

    /// Writes a finished task in its own transaction, replacing whatever the file held for it.
    ///
    /// - Parameters:
    ///   - task: The task.
    ///   - result: Its result, or the error it failed with.
    ///   - wallTime: How long it took, in seconds.
    ///   - version: The pbsim version.
    ///   - host: The machine's name.
    public func record(
        _ task: BatchTask, result: Result<TaskResult, TaskFailure>, wallTime: Double, version: String, host: String
    ) throws(BatchError) {
        let finishedAt = Date().ISO8601Format()
        let status: TaskState
        if case .success = result { status = .done } else { status = .failed }
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO tasks (key, kind, instance, instance_sha256, rule, parameters, seed, status,
                                       wall_time, pbsim_version, host, finished_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(key) DO UPDATE SET status = excluded.status, wall_time = excluded.wall_time,
                        pbsim_version = excluded.pbsim_version, host = excluded.host, finished_at = excluded.finished_at
                    """,
                arguments: [
                    task.key, task.kind.rawValue, task.instance, task.instanceSHA256, task.rule, task.parametersJSON,
                    task.seed.map { Int64(bitPattern: $0) }, status.rawValue, wallTime, version, host, finishedAt,
                ])
            for table in ["outcomes", "metrics", "failures"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE key = ?", arguments: [task.key])
            }
            switch result {
            case .success(let result):
                try Self.insert(result, key: task.key, db)
            case .failure(let failure):
                try db.execute(
                    sql:
                        "INSERT INTO failures (key, error, pbsim_version, wall_time, finished_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [task.key, failure.message, version, wallTime, finishedAt])
            }
        }
    }

    static func insert(_ result: TaskResult, key: String, _ db: Database) throws {
        let outcome = try db.cachedStatement(
            sql: "INSERT INTO outcomes (key, regime, selected, cost) VALUES (?, ?, ?, ?)")
        for record in result.outcomes {
            try outcome.execute(arguments: [key, record.regime, JSONText.array(record.selected), record.cost])
        }
        let metric = try db.cachedStatement(
            sql: "INSERT INTO metrics (key, regime, metric, value, low, high) VALUES (?, ?, ?, ?, ?, ?)")
        for record in result.metrics {
            try metric.execute(arguments: [key, record.regime, record.metric, record.value, record.low, record.high])
        }
    }
}

/// Why a task failed: the error's message, as recorded in the `failures` table.
public struct TaskFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message.
    public var message: String

    /// Creates a failure.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
