import Foundation
internal import GRDB
import PBModel
import PBSupport

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

    /// How a command uses the database.
    public enum Access: Sendable, Hashable {
        /// Read only (`batch status`, `batch export`, a merge's inputs): the file is opened read-only and
        /// never written, so a read-only file or folder works.
        case read
        /// Read and write an existing batch database.
        case write
        /// Read and write, creating the file and its tables when there is none (an empty file counts as
        /// none).
        case create
    }

    private init(path: String, queue: DatabaseQueue) {
        self.path = path
        self.queue = queue
    }

    /// Opens (and with `create`, creates) a results database; the same as
    /// ``open(path:access:wal:)`` with `.create` or `.write`.
    public static func open(path: String, create: Bool = true, wal: Bool = true) throws(BatchError) -> ResultsDatabase {
        try open(path: path, access: create ? .create : .write, wal: wal)
    }

    /// Opens a results database.
    ///
    /// Before anything is written the file is inspected read-only: a file that is not a database
    /// (corrupt, or not SQLite), a database of another program, or one of another schema is refused
    /// untouched. Only then is it opened for writing (switched to WAL mode, its tables created or
    /// migrated by GRDB's `DatabaseMigrator`).
    ///
    /// - Parameters:
    ///   - path: The SQLite file.
    ///   - access: Read only, read and write, or create.
    ///   - wal: Whether to switch the file to WAL mode when writing (batch runs do; a merge output does
    ///     not, so that it is a single file when renamed into place).
    /// - Throws: ``BatchError/database(path:message:)`` or ``BatchError/notABatchDatabase(path:reason:)``.
    public static func open(path: String, access: Access, wal: Bool = true) throws(BatchError) -> ResultsDatabase {
        let identity = FileIdentity(path: path)
        if let identity, identity.kind != .regular {
            throw .database(path: path, message: "is \(identity.kind.phrase), not a database file")
        }
        if identity == nil && access != .create {
            throw .database(path: path, message: "no such database")
        }
        let isNew = identity == nil || identity?.size == 0
        if !isNew {
            // A read-only look first: nothing is written to a file that is not ours.
            let inspection = try inspect(path: path)
            if access == .read { return ResultsDatabase(path: path, queue: inspection) }
            do {
                try inspection.close()
            } catch {
                throw .database(path: path, message: Self.message(error))
            }
        } else if access != .create {
            throw .notABatchDatabase(path: path, reason: "the file is empty")
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
            try migrator.migrate(queue)
        } catch {
            throw .database(path: path, message: Self.message(error))
        }
        return ResultsDatabase(path: path, queue: queue)
    }

    /// Opens `path` read-only and checks that it is a pbsim batch database of this schema.
    private static func inspect(path: String) throws(BatchError) -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(60)
        configuration.label = "pbsim-batch-read"
        let queue: DatabaseQueue
        let tables: [String]
        let schema: String?
        do {
            queue = try DatabaseQueue(path: readOnlyLocation(path), configuration: configuration)
            (tables, schema) = try queue.read { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                let schema =
                    tables.contains("meta")
                    ? try String.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'schema'") : nil
                return (tables, schema)
            }
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
            throw .notABatchDatabase(path: path, reason: Self.message(error))
        } catch {
            throw .database(path: path, message: Self.message(error))
        }
        guard tables.contains("meta") else {
            try? queue.close()
            throw .notABatchDatabase(
                path: path, reason: tables.isEmpty ? "it has no tables" : "it has no 'meta' table; nothing was written")
        }
        guard schema == String(schemaVersion) else {
            try? queue.close()
            throw .notABatchDatabase(
                path: path, reason: "schema \(schema ?? "unknown"), this pbsim reads schema \(schemaVersion)")
        }
        return queue
    }

    /// Where to open `path` read-only. With no write-ahead log beside it (no batch writing, the last
    /// one closed cleanly) the file is opened as immutable (a `file:` URI), so SQLite creates no
    /// `-wal` or `-shm` file and a read-only folder works; with one, it is opened normally to see the
    /// log's transactions.
    private static func readOnlyLocation(_ path: String) -> String {
        guard FileIdentity(path: path + "-wal") == nil else { return path }
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        return "file:" + encoded + "?immutable=1"
    }

    /// The schema's migrations. `schema-1` is the first schema; files written before pbsim used a
    /// migrator already have its tables, and the migration then only records itself.
    private static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("schema-1") { db in
            if try db.tableExists("meta") { return }
            try db.execute(sql: schema)
            try db.execute(
                sql: "INSERT INTO meta (name, value) VALUES ('schema', ?), ('application', 'pbsim batch')",
                arguments: [String(schemaVersion)])
        }
        return migrator
    }()

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

    /// `SQLite error <code> (<name>): <message>`, with the statement when GRDB knows it.
    static func message(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            let sql = error.sql.map { " (in `\($0)`)" } ?? ""
            return "SQLite error \(error.extendedResultCode.rawValue): \(error.message ?? "\(error)")\(sql)"
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
            try ResultsRecords.SuiteRow(name: suite.name, file: suite.file).upsert(db)
            for task in tasks {
                try ResultsRecords.TaskRow(task, status: .pending).insert(db, onConflict: .ignore)
                try ResultsRecords.SuiteTaskRow(suite: suite.name, key: task.key).insert(db, onConflict: .ignore)
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
        var row = ResultsRecords.TaskRow(task, status: status)
        row.wallTime = wallTime
        row.pbsimVersion = version
        row.host = host
        row.finishedAt = finishedAt
        try write { db in
            try row.upsert(db)
            for table in ["outcomes", "metrics", "failures"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE key = ?", arguments: [task.key])
            }
            switch result {
            case .success(let result):
                try Self.insert(result, key: task.key, db)
            case .failure(let failure):
                try ResultsRecords.FailureRow(
                    key: task.key, error: failure.message, pbsimVersion: version, wallTime: wallTime,
                    finishedAt: finishedAt
                ).insert(db)
            }
        }
    }

    static func insert(_ result: TaskResult, key: String, _ db: Database) throws {
        for record in result.outcomes {
            try ResultsRecords.OutcomeRow(
                key: key, regime: record.regime, selected: JSONText.array(record.selected), cost: record.cost
            ).insert(db)
        }
        for record in result.metrics {
            try ResultsRecords.MetricRow(
                key: key, regime: record.regime, metric: record.metric, value: record.value, low: record.low,
                high: record.high
            ).insert(db)
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
