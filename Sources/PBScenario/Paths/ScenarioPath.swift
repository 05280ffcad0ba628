import Foundation
import PBSupport

/// A number or a name of a scenario, named by its path (MODEL.md section 5): `budget.total`,
/// `regimes.co-produced.threshold`, `population[id=carers].participation`, `population[*].visibility`,
/// `proposals[id=hall].effects.health`, `regimes.split.shares[0]`, `regimes.co-produced.rule`.
///
/// The paths come from one table (``fields``): for each settable field, how it is read and written,
/// whether it is a whole number, its range (the validator's), the companion keys of the co-produced
/// ballot (`threshold`, `top` and `points` exist only with their ballot kind) and the default a value
/// has when the file leaves it out (a proposal's reach, a group's need). Overrides
/// (``Scenario/applying(overrides:)``) and sweeps (`SweepParameter`) both set values through it;
/// each caller validates the result when it needs to.
///
/// ```swift
/// let path = try ScenarioPath(parsing: "population[*].participation")
/// var scenario = base
/// path.update(&scenario) { min(1, $0 * 2) }
/// ```
///
/// `[*]` names every item of a list, `[id=X]` the item with that id, `[N]` the item at that position.
public struct ScenarioPath: Sendable, Hashable, CustomStringConvertible {
    /// The path as written.
    public let text: String
    let row: Row
    let selector: Step?
    let key: String

    /// The field the path names, as the README's Ranges table names it: `population[].participation`,
    /// `proposals[].reach.<group>`, `budget.total`.
    public var field: String { row.pattern }

    /// Whether the field holds a whole number (`runs`, `population[].size`, `regimes.panel.size`,
    /// `regimes.co-produced.top`, `points`, `electorate`).
    public var isInteger: Bool { row.isInteger }

    /// Whether the field takes a name (a rule, a ballot kind) rather than a number.
    public var takesName: Bool { row.choices != nil }

    /// The names the field takes (empty for a number).
    public var choices: [String] { row.choices ?? [] }

    /// The field's allowed range (the validator's), or `nil` for a name.
    package var range: FieldRange? { row.choices == nil ? FieldRange.of(row.pattern) : nil }

    /// The path as written.
    public var description: String { text }

    /// Parses a path.
    ///
    /// - Parameter text: The path, e.g. `population[id=carers].participation`.
    /// - Throws: ``ScenarioPathError`` naming the path (with the closest field when it looks misspelt).
    public init(parsing text: String) throws(ScenarioPathError) {
        guard let steps = Step.parse(text) else {
            throw ScenarioPathError(
                path: text, message: "not a field path (e.g. budget.total or population[id=carers].participation)")
        }
        for row in Self.table {
            guard let (selector, key) = row.match(steps) else { continue }
            self.text = text
            self.row = row
            self.selector = selector
            self.key = key
            return
        }
        throw ScenarioPathError(
            path: text,
            message: "no such field in this scenario" + Suggestion.hint(for: text, in: Self.candidates(for: text)))
    }

    /// A path of the table, known to parse.
    package init(known text: String) {
        do {
            self = try ScenarioPath(parsing: text)
        } catch {
            preconditionFailure("\(error)")
        }
    }

    /// Paths are equal when they are written the same.
    public static func == (a: ScenarioPath, b: ScenarioPath) -> Bool { a.text == b.text }

    /// Hashes the path as written.
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    // MARK: - Reading and writing

    /// Checks that the path names things `scenario` has: the item its selector names, the domain or
    /// group of its key, and the part of the scenario the field belongs to (a panel, the ballot kind
    /// whose companion key it is, an outreach programme, a split, a blend, an election).
    ///
    /// - Parameter scenario: The scenario to set the field in.
    /// - Returns: What is missing, or `nil`.
    public func problem(in scenario: Scenario) -> String? {
        if let missing = row.requires?(scenario) { return missing }
        if let list = row.list, let selector, let missing = list.items(selector, in: scenario).problem {
            return missing
        }
        switch row.key {
        case .domain where !scenario.domains.contains(where: { $0.rawValue == key }):
            return "no domain '\(key)'"
        case .group where !scenario.population.contains(where: { $0.id.rawValue == key }):
            return "no group '\(key)'"
        default:
            return nil
        }
    }

    /// The places the path names in `scenario`: one for a scenario-wide field, one per selected item
    /// otherwise (none when `[*]` meets an empty list or ``problem(in:)`` finds something missing).
    func places(in scenario: Scenario) -> [Place] {
        guard problem(in: scenario) == nil else { return [] }
        guard let list = row.list, let selector else { return [Place(item: 0, key: key)] }
        return list.items(selector, in: scenario).positions.map { Place(item: $0, key: key) }
    }

    /// The number at each place the path names (a value the file leaves out reads as its default:
    /// a proposal's reach from ``Scenario/reach(of:for:)``, a need or effect as 0).
    ///
    /// - Parameter scenario: The scenario to read.
    /// - Returns: One number per place, in list order (empty for a name field).
    public func values(in scenario: Scenario) -> [Double] {
        guard case .number(let read, _) = row.access else { return [] }
        return places(in: scenario).map { read(scenario, $0) }
    }

    /// Sets the number at each place the path names to `transform` of its current value; a whole-number
    /// field takes the result rounded to the nearest whole number. Nothing changes when
    /// ``problem(in:)`` finds something missing or the field takes a name.
    ///
    /// - Parameters:
    ///   - scenario: The scenario to change (not validated).
    ///   - transform: The new value from the current one (see ``values(in:)``).
    public func update(_ scenario: inout Scenario, _ transform: (_ current: Double) -> Double) {
        guard case .number(let read, let write) = row.access else { return }
        for place in places(in: scenario) {
            let value = transform(read(scenario, place))
            write(&scenario, place, row.isInteger ? value.rounded() : value)
        }
    }

    /// Sets a name field (a rule, a ballot kind) at each place the path names.
    ///
    /// - Parameters:
    ///   - name: The name, one of ``choices``.
    ///   - scenario: The scenario to change (not validated).
    /// - Returns: Why the name cannot be set, or `nil` when it was.
    public func set(name: String, in scenario: inout Scenario) -> String? {
        guard case .name(let write) = row.access, let choices = row.choices else {
            return "takes a number, not '\(name)'"
        }
        guard choices.contains(name) else {
            return "'\(name)' is not one of \(choices.joined(separator: ", "))"
                + Suggestion.hint(for: name, in: choices)
        }
        for place in places(in: scenario) {
            if let problem = write(&scenario, place, name) { return problem }
        }
        return nil
    }

    // MARK: - The table's names

    /// The fields that take a number, as the README names them (`population[].size`, `budget.total`).
    public static var numberFields: [String] { table.filter { $0.choices == nil }.map(\.pattern) }

    /// The fields that take a name (`regimes.co-produced.rule`, `proposals[].delivery`).
    public static var nameFields: [String] { table.filter { $0.choices != nil }.map(\.pattern) }

    /// The table's fields (only those that take a number with `numbers`) written as `text` would write
    /// them (its selector in place of `[]`, its last key in place of `<domain>`), for "did you mean".
    package static func candidates(for text: String, numbers: Bool = false) -> [String] {
        let selector = text.firstIndex(of: "[").flatMap { open in
            text[open...].firstIndex(of: "]").map { String(text[open...$0]) }
        }
        let last = text.split(separator: ".").last.map(String.init) ?? ""
        return table.filter { !numbers || $0.choices == nil }.map { row in
            var written = row.pattern
            if let selector { written = written.replacingFirst("[]", with: selector) }
            if let open = written.firstIndex(of: "<") { written = String(written[..<open]) + last }
            return written
        }
    }
}

/// A path that names no field of a scenario.
public struct ScenarioPathError: Error, Sendable, CustomStringConvertible {
    /// The path as written.
    public let path: String
    /// What is wrong with it (and the closest field, when it looks misspelt).
    public let message: String

    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}

extension String {
    /// The string with its first `target` replaced.
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
