/// One problem found in a scenario file, with where it is.
///
/// Its description is the message a user reads, in the form `<file>:<line>: <field path>: <message>`:
///
/// ```
/// Scenarios/x.yaml:14: population[2].needs.helth: unknown domain 'helth' (did you mean 'health'?)
/// ```
///
/// Field paths count list items from 0. A YAML syntax error also gives the column
/// (`Scenarios/x.yaml:3:9: ...`) and has an empty path.
public struct ScenarioIssue: Sendable, Hashable, CustomStringConvertible {
    /// The scenario file as it was named to the loader (empty when decoding without a file).
    public var file: String

    /// The 1-based line of the problem, or `nil` when it is not known.
    public var line: Int?

    /// The 1-based column, given for YAML syntax errors only.
    public var column: Int?

    /// The field path, e.g. `population[2].needs.helth` (empty for the whole file).
    public var path: String

    /// What is wrong, e.g. `expected a number, got 'abc'`.
    public var message: String

    /// Creates an issue.
    ///
    /// - Parameters:
    ///   - file: The scenario file.
    ///   - line: The 1-based line, if known.
    ///   - column: The 1-based column, if known.
    ///   - path: The field path.
    ///   - message: What is wrong.
    public init(file: String, line: Int?, column: Int? = nil, path: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    /// The issue as one line: `<file>:<line>[:<column>]: [<path>: ]<message>`.
    public var description: String {
        var location = file
        if let line {
            location += location.isEmpty ? "\(line)" : ":\(line)"
            if let column { location += ":\(column)" }
        }
        var parts: [String] = []
        if !location.isEmpty { parts.append(location) }
        if !path.isEmpty { parts.append(path) }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}

/// Everything that can go wrong when reading a scenario.
///
/// ```swift
/// do {
///     let scenario = try Scenario.load(path: "Scenarios/riverside.yaml")
/// } catch {
///     print(error)  // every problem, one per line
/// }
/// ```
public enum ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The scenario file does not exist.
    case fileNotFound(path: String)

    /// The scenario file exists but could not be read as UTF-8 text.
    case unreadable(path: String, reason: String)

    /// The file was read but has problems: YAML syntax, or schema and validation errors, all of them,
    /// ordered by line.
    case invalid([ScenarioIssue])

    /// The user's message: for ``invalid(_:)`` one issue per line.
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            "\(path): no such scenario file"
        case .unreadable(let path, let reason):
            "\(path): cannot read the scenario file: \(reason)"
        case .invalid(let issues):
            issues.map(\.description).joined(separator: "\n")
        }
    }

    /// The issues of an ``invalid(_:)`` error, or an empty list for the other cases.
    public var issues: [ScenarioIssue] {
        if case .invalid(let issues) = self { return issues }
        return []
    }
}
