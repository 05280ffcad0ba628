/// Why the workbench could not load an input or run it: one message for the user, naming the file
/// (and, where known, the line and the field) of each problem, one problem per line.
///
/// Front ends show ``description`` as it is: the command line prefixes each line with `error: ` and
/// exits with status 1; the server answers 422 with it.
public struct WorkbenchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message, one problem per line.
    public var description: String

    /// An error with this message.
    ///
    /// - Parameter description: The message, one problem per line.
    public init(_ description: String) {
        self.description = description
    }
}
