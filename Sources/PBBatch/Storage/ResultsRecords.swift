import Foundation
internal import GRDB

/// The rows of a results database as GRDB record types: one Codable type per table, its columns
/// named by the coding keys (snake case), so that reads and writes name columns instead of
/// positions. See ``ResultsDatabase`` for the schema.
enum ResultsRecords {
    /// A row of `tasks`.
    struct TaskRow: Codable, FetchableRecord, PersistableRecord, Hashable {
        static let databaseTableName = "tasks"
        var key: String
        var kind: String
        var instance: String
        var instanceSha256: String
        var rule: String
        var parameters: String
        var seed: Int64?
        var status: String
        var wallTime: Double?
        var pbsimVersion: String?
        var host: String?
        var finishedAt: String?

        enum CodingKeys: String, CodingKey {
            case key, kind, instance, rule, parameters, seed, status, host
            case instanceSha256 = "instance_sha256"
            case wallTime = "wall_time"
            case pbsimVersion = "pbsim_version"
            case finishedAt = "finished_at"
        }

        /// The row of a planned task (pending, nothing measured yet).
        init(_ task: BatchTask, status: ResultsDatabase.TaskState) {
            key = task.key
            kind = task.kind.rawValue
            instance = task.instance
            instanceSha256 = task.instanceSHA256
            rule = task.rule
            parameters = task.parametersJSON
            seed = task.seed.map { Int64(bitPattern: $0) }
            self.status = status.rawValue
        }
    }

    /// A row of `outcomes`.
    struct OutcomeRow: Codable, FetchableRecord, PersistableRecord, Hashable {
        static let databaseTableName = "outcomes"
        var key: String
        var regime: String
        var selected: String
        var cost: String
    }

    /// A row of `metrics`.
    struct MetricRow: Codable, FetchableRecord, PersistableRecord, Hashable {
        static let databaseTableName = "metrics"
        var key: String
        var regime: String
        var metric: String
        var value: Double?
        var low: Double?
        var high: Double?
    }

    /// A row of `failures`.
    struct FailureRow: Codable, FetchableRecord, PersistableRecord, Hashable {
        static let databaseTableName = "failures"
        var key: String
        var error: String
        var pbsimVersion: String
        var wallTime: Double
        var finishedAt: String

        enum CodingKeys: String, CodingKey {
            case key, error
            case pbsimVersion = "pbsim_version"
            case wallTime = "wall_time"
            case finishedAt = "finished_at"
        }
    }

    /// A row of `suites`.
    struct SuiteRow: Codable, FetchableRecord, PersistableRecord, Hashable {
        static let databaseTableName = "suites"
        var name: String
        var file: String
    }

    /// A row of `suite_tasks`.
    struct SuiteTaskRow: Codable, FetchableRecord, PersistableRecord, Hashable {
        static let databaseTableName = "suite_tasks"
        var suite: String
        var key: String
    }
}
