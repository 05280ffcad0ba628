import Foundation
import PBModel
internal import Yams

extension Scenario {
    /// Reads and checks the scenario file at `path`.
    ///
    /// Every problem in the file is reported at once, ordered by line, each with the file, the line and
    /// the field path:
    ///
    /// ```swift
    /// do {
    ///     let scenario = try Scenario.load(path: "Scenarios/riverside.yaml")
    ///     print(scenario.name, scenario.proposals.count)
    /// } catch {
    ///     print(error)
    ///     // Scenarios/riverside.yaml:14: population[2].needs.helth: unknown domain 'helth' (did you mean 'health'?)
    /// }
    /// ```
    ///
    /// An `election.file` is resolved against the folder of `path`.
    ///
    /// - Parameter path: The scenario file, absolute or relative to the working directory.
    /// - Returns: The checked scenario.
    /// - Throws: ``ScenarioError/fileNotFound(path:)`` when there is no file at `path`,
    ///   ``ScenarioError/unreadable(path:reason:)`` when it is not UTF-8 text, and
    ///   ``ScenarioError/invalid(_:)`` with every problem found in it.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        try loadWithSourceMap(path: path).scenario
    }

    /// Reads and checks the scenario file at `path`, as ``load(path:)`` does, and keeps where each field
    /// is, for messages about the scenario that come later (the simulator's).
    ///
    /// ```swift
    /// let (scenario, map) = try Scenario.loadWithSourceMap(path: "Scenarios/real-ballots.yaml")
    /// ```
    ///
    /// - Parameter path: The scenario file, absolute or relative to the working directory.
    /// - Returns: The checked scenario and its source map.
    /// - Throws: The errors of ``load(path:)``.
    public static func loadWithSourceMap(path: String) throws(ScenarioError) -> (
        scenario: Scenario, sourceMap: SourceMap
    ) {
        let yaml: String
        do {
            yaml = try YAMLText.read(path: path)
        } catch {
            if FileIdentity(path: path) == nil { throw .fileNotFound(path: path) }
            throw .unreadable(path: path, reason: error.message)
        }
        return try parseWithSourceMap(yaml: yaml, file: path)
    }

    /// Parses and checks a scenario from YAML text.
    ///
    /// ```swift
    /// let scenario = try Scenario.parse(yaml: text, file: "Scenarios/riverside.yaml")
    /// ```
    ///
    /// - Parameters:
    ///   - yaml: The YAML text of a schema v1 scenario.
    ///   - file: The name to put in messages; an `election.file` is resolved against its folder.
    /// - Returns: The checked scenario, in file order (the simulator works on ``canonicalized()``).
    /// - Throws: ``ScenarioError/invalid(_:)`` with every problem found, ordered by line: a YAML syntax
    ///   error (with its line and column) on its own, otherwise every schema and validation error.
    public static func parse(yaml: String, file: String) throws(ScenarioError) -> Scenario {
        try parseWithSourceMap(yaml: yaml, file: file).scenario
    }

    /// Parses and checks a scenario from YAML text, as ``parse(yaml:file:)`` does, and keeps where each
    /// field is.
    ///
    /// - Parameters:
    ///   - yaml: The YAML text of a schema v1 scenario.
    ///   - file: The name to put in messages; an `election.file` is resolved against its folder.
    /// - Returns: The checked scenario and its source map.
    /// - Throws: The errors of ``parse(yaml:file:)``.
    public static func parseWithSourceMap(yaml: String, file: String) throws(ScenarioError) -> (
        scenario: Scenario, sourceMap: SourceMap
    ) {
        let root: Node
        do {
            root = try YAMLText.document(yaml, file: file)
        } catch {
            throw .invalid([error.issue])
        }
        let reader = ScenarioReader(file: file)
        let scenario = reader.read(root)
        var validator = ScenarioValidator(scenario: scenario, file: file, map: reader.map)
        let issues = reader.issues + validator.validate()
        guard issues.isEmpty else { throw .invalid(ScenarioIssue.capped(ScenarioIssue.ordered(issues))) }
        return (scenario, reader.map)
    }

    /// Checks a scenario built in code or decoded from JSON, where no lines are known.
    ///
    /// It runs the checks of ``parse(yaml:file:)`` that concern values: ranges, references, unique ids,
    /// envelopes, funding, and that an `election.path` exists.
    ///
    /// ```swift
    /// var scenario = try Scenario.load(path: "Scenarios/riverside.yaml")
    /// scenario.regimes.serviceLed.informationNoise = 0
    /// try scenario.validate()
    /// ```
    ///
    /// - Throws: ``ScenarioError/invalid(_:)`` with every problem found, each with its field path.
    public func validate() throws(ScenarioError) {
        var validator = ScenarioValidator(scenario: self, file: "")
        let issues = validator.validate()
        guard issues.isEmpty else { throw .invalid(ScenarioIssue.ordered(issues)) }
    }

}
