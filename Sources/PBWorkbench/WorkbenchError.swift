public import PBScenario

/// Why the workbench could not load an input or run it: one message for the user, naming the file
/// (and, where known, the line and the field) of each problem, one problem per line.
///
/// Front ends show ``description`` as it is: the command line prefixes each line with `error: ` and
/// exits with status 1; the server answers 422 with it, naming the first issue's field and line.
public struct WorkbenchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message, one problem per line.
    public var description: String

    /// A scenario's problems one by one, with their lines and field paths (empty for other errors).
    public var issues: [ScenarioIssue]

    /// An error with this message.
    ///
    /// - Parameters:
    ///   - description: The message, one problem per line.
    ///   - issues: The scenario issues behind it, if any.
    public init(_ description: String, issues: [ScenarioIssue] = []) {
        self.description = description
        self.issues = issues
    }
}
