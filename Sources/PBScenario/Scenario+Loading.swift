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
        let root: Node?
        do {
            try YAMLText.checkKeys(yaml)
            root = try Yams.compose(yaml: yaml)
            if let root { try YAMLText.checkExpansion(root) }
        } catch let refusal as YAMLText.Refusal {
            throw .invalid([ScenarioIssue(file: file, line: refusal.line, path: "", message: refusal.message)])
        } catch let error as YamlError {
            throw .invalid([syntaxIssue(error, yaml: yaml, file: file)])
        } catch {
            throw .invalid([ScenarioIssue(file: file, line: nil, path: "", message: "\(error)")])
        }
        guard let root else {
            throw .invalid([ScenarioIssue(file: file, line: nil, path: "", message: "the file is empty")])
        }
        let reader = ScenarioReader(file: file)
        let scenario = reader.read(root)
        var validator = ScenarioValidator(scenario: scenario, file: file, map: reader.map)
        let issues = reader.issues + validator.validate()
        guard issues.isEmpty else { throw .invalid(ScenarioIssue.capped(ordered(issues))) }
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
        guard issues.isEmpty else { throw .invalid(Self.ordered(issues)) }
    }

    /// Issues by line (those without one last), then in the order found.
    private static func ordered(_ issues: [ScenarioIssue]) -> [ScenarioIssue] {
        issues.enumerated()
            .sorted { a, b in
                let lineA = a.element.line ?? .max
                let lineB = b.element.line ?? .max
                return lineA != lineB ? lineA < lineB : a.offset < b.offset
            }
            .map(\.element)
    }

    /// Turns a Yams error into one issue with the line and column of the problem.
    private static func syntaxIssue(_ error: YamlError, yaml: String, file: String) -> ScenarioIssue {
        func issue(_ mark: (line: Int, column: Int)?, _ message: String) -> ScenarioIssue {
            ScenarioIssue(file: file, line: mark?.line, column: mark?.column, path: "", message: message)
        }
        func context(_ context: YamlError.Context?) -> String {
            guard let context else { return "" }
            return " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
        }
        switch error {
        case .scanner(let ctx, let problem, let mark, _),
            .parser(let ctx, let problem, let mark, _),
            .composer(let ctx, let problem, let mark, _):
            return issue((mark.line, mark.column), "YAML syntax error: \(problem)" + context(ctx))
        case .reader(let problem, let offset, _, _):
            return issue(offset.flatMap { position(ofCharacter: $0, in: yaml) }, "YAML syntax error: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let ctx):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return issue((ctx.mark.line, ctx.mark.column), "duplicate key \(keys) in the same mapping")
        default:
            return issue(nil, "YAML error: \(error)")
        }
    }

    /// The 1-based line and column of the character at `offset`.
    private static func position(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int)? {
        guard offset >= 0, offset <= text.count else { return nil }
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
