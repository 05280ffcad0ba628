/// One problem `pbsim check` found in a file.
public struct CheckFinding: Sendable, Hashable, Codable {
    /// The pabulib-checker 1.0.8 identifier (`different number of votes`), or a pbsim one for
    /// problems the checker misses (see ``CheckCatalog``).
    public var check: String
    /// The 1-based line of the file, where the problem belongs to one row.
    public var line: Int?
    /// What is wrong, in the checker's words where it has some.
    public var message: String

    public init(check: String, line: Int?, message: String) {
        self.check = check
        self.line = line
        self.message = message
    }
}

/// Everything `pbsim check` found in one file.
public struct CheckReport: Sendable, Codable {
    /// The file as given.
    public var file: String
    /// Problems that make the file invalid.
    public var errors: [CheckFinding]
    /// Problems worth a look that do not make the file invalid.
    public var warnings: [CheckFinding]

    public init(file: String, errors: [CheckFinding] = [], warnings: [CheckFinding] = []) {
        self.file = file
        self.errors = errors
        self.warnings = warnings
    }

    /// Whether the file passes (warnings allowed).
    public var isValid: Bool { errors.isEmpty }
}
