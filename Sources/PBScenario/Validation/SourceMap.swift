/// Where each field of a scenario file is, and which fields could not be read.
///
/// The reader fills it while it walks the YAML tree; the validator uses it to put a line on each
/// problem it finds in the decoded values, and to stay silent about fields whose value was already
/// reported as unreadable (so that one typo gives one message). ``Scenario/loadWithSourceMap(path:)``
/// hands it on, so that later messages (the simulator's, about a real election's needs) name the line
/// too, without reading the file again.
///
/// ```swift
/// let (scenario, map) = try Scenario.loadWithSourceMap(path: "Scenarios/real-ballots.yaml")
/// map.line(for: "election.needs.seniors")   // 12
/// ```
public struct SourceMap: Sendable {
    /// The line of each field path (of the key for mapping entries, of the item for list items).
    var lines: [String: Int] = [:]

    /// Paths whose value is missing or of the wrong type; the model holds a placeholder there.
    var unreadable: Set<String> = []

    /// An empty map (no line is known): for scenarios built in code or decoded from JSON.
    public init() {}

    /// The line of `path`, or of its nearest enclosing field with a known line.
    ///
    /// - Parameter path: A field path as messages spell it, e.g. `population[2].needs.health`.
    /// - Returns: The 1-based line, or `nil` when neither the field nor an enclosing one is known.
    public func line(for path: String) -> Int? {
        var current: String? = path
        while let path = current {
            if let line = lines[path] { return line }
            current = FieldPath.parent(path)
        }
        return nil
    }

    /// Whether `path` or a field enclosing it could not be read.
    func isUnreadable(_ path: String) -> Bool {
        guard !unreadable.isEmpty else { return false }
        var current: String? = path
        while let path = current {
            if unreadable.contains(path) { return true }
            current = FieldPath.parent(path)
        }
        return false
    }

    /// Whether any path under `prefix` (or `prefix` itself) could not be read, e.g. any group id.
    func anyUnreadable(where predicate: (String) -> Bool) -> Bool {
        unreadable.contains(where: predicate)
    }
}
