public import PBScenario

/// One problem in a suite file, with where it is: the same type as a scenario file's problem, so
/// both read `<file>:<line>: <field path>: <message>`:
///
/// ```
/// Benchmarks/suites/grid.yaml:9: simulations[0].grid.lamda: unknown key 'lamda' (did you mean 'lambda'?)
/// ```
///
/// Field paths count list items from 0; a YAML syntax error also gives the column and has an empty path.
public typealias SuiteIssue = ScenarioIssue

/// Two databases that hold different results for the same task.
public struct MergeConflict: Sendable, Hashable, CustomStringConvertible {
    /// The task key.
    public var key: String
    /// The task, for people: `<instance> <rule> <parameters> seed <seed>`.
    public var task: String
    /// The database whose result was merged first.
    public var first: String
    /// The database that disagrees with it.
    public var second: String
    /// The first difference found, e.g. `outcome mes-cost: selected ["1","4"] vs ["1","5"]`.
    public var difference: String

    /// Creates a conflict.
    public init(key: String, task: String, first: String, second: String, difference: String) {
        self.key = key
        self.task = task
        self.first = first
        self.second = second
        self.difference = difference
    }

    /// `<key> (<task>): <first> and <second> differ: <difference>`.
    public var description: String {
        "\(key) (\(task)): \(first) and \(second) differ: \(difference)"
    }
}

/// Everything that can go wrong in a batch run, a merge, an export or a status report.
///
/// A task that fails (a bad `.pb` file, a rule or simulator error) is not an error of this type: it is
/// recorded in the database and the batch goes on.
public enum BatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The suite file does not exist.
    case suiteNotFound(path: String)
    /// The suite file could not be read as UTF-8 text.
    case unreadable(path: String, reason: String)
    /// The suite file has problems, every one of them, ordered by line.
    case invalidSuite([SuiteIssue])
    /// `--shard` or the Slurm variables do not name a shard `I/N` with `1 <= I <= N`.
    case invalidShard(String)
    /// SQLite failed (open, schema, write).
    case database(path: String, message: String)
    /// The file is not a pbsim batch database.
    case notABatchDatabase(path: String, reason: String)
    /// A merge found different results for the same keys; nothing was written.
    case mergeConflicts([MergeConflict])
    /// Writing an output file failed.
    case output(path: String, message: String)

    /// The user's message (several lines for an invalid suite or a conflicting merge).
    public var description: String {
        switch self {
        case .suiteNotFound(let path):
            "\(path): no such suite file"
        case .unreadable(let path, let reason):
            "\(path): cannot read the suite file: \(reason)"
        case .invalidSuite(let issues):
            issues.map(\.description).joined(separator: "\n")
        case .invalidShard(let message):
            message
        case .database(let path, let message):
            "\(path): \(message)"
        case .notABatchDatabase(let path, let reason):
            "\(path): not a pbsim batch database (\(reason))"
        case .mergeConflicts(let conflicts):
            ([
                "refusing to merge: \(conflicts.count) task\(conflicts.count == 1 ? " has" : "s have") conflicting results"
            ]
                + conflicts.prefix(20).map { "  \($0)" }
                + (conflicts.count > 20 ? ["  ... and \(conflicts.count - 20) more"] : []))
                .joined(separator: "\n")
        case .output(let path, let message):
            "\(path): \(message)"
        }
    }
}
