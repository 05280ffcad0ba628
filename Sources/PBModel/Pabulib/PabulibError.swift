/// One problem found in a pabulib file, with where it is.
public struct PabulibIssue: Sendable, Hashable, CustomStringConvertible {
    /// The file as given by the caller.
    public var file: String
    /// The 1-based line, or 0 when the problem concerns the whole file.
    public var line: Int
    /// The field, written as a path (`budget`, `projects[12].cost`, `votes[v7].vote`), or "" for none.
    public var field: String
    /// What is wrong.
    public var message: String

    public init(file: String, line: Int, field: String, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// `FILE:LINE: FIELD: MESSAGE`.
    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        return field.isEmpty ? "\(place): \(message)" : "\(place): \(field): \(message)"
    }
}

/// Why a pabulib file could not be read.
public enum PabulibError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(file: String, reason: String)
    /// The file is not a valid pabulib file; every problem found (up to a limit) is listed.
    case invalid([PabulibIssue])

    /// The problems, one per line.
    public var description: String {
        switch self {
        case .unreadable(let file, let reason): return "\(file): cannot read: \(reason)"
        case .invalid(let issues): return issues.map(\.description).joined(separator: "\n")
        }
    }

    /// The issues listed (one for `unreadable`).
    public var issues: [PabulibIssue] {
        switch self {
        case .unreadable(let file, let reason):
            return [PabulibIssue(file: file, line: 0, field: "", message: "cannot read: \(reason)")]
        case .invalid(let issues): return issues
        }
    }
}
