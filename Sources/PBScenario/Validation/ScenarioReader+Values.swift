import Foundation
import PBSupport
internal import Yams

/// The YAML values a scenario is made of (mappings of fields, lists, maps of numbers, text, numbers,
/// whole numbers, booleans and choices), each read with its line recorded and a wrong type reported.
extension ScenarioReader {
    // MARK: - Mappings and lists

    /// Reads a mapping whose keys must be among `allowed`, reporting every other key, and records the
    /// line of each field read.
    func fields(
        _ node: Node, _ path: String, allowed: [String], what: String = "a mapping"
    ) -> YAMLFields? {
        let fields = YAMLFields(
            node, path: path, accepts: allowed.contains,
            hint: { name in
                let hint = Suggestion.hint(for: name, in: allowed)
                return hint.isEmpty ? " (known keys: \(allowed.joined(separator: ", ")))" : hint
            },
            report: { path, node, message in report(path, node, message) })
        guard let fields else { return mismatch(node, path, expected: what) }
        for (name, key, _) in fields.ordered { map.lines[FieldPath.child(path, name)] = key.mark?.line }
        return fields
    }

    /// Reads field `key` of a mapping with `parse`; reports it if it is required and missing.
    ///
    /// When the mapping itself could not be read (`fields` is `nil`) nothing more is reported.
    func field<T>(
        _ fields: YAMLFields?, _ key: String, required: Bool = true, _ parse: (Node, String) -> T?
    ) -> T? {
        guard let fields else { return nil }
        let path = FieldPath.child(fields.path, key)
        guard let value = fields[key] else {
            if required {
                report(fields.path, fields.node, "missing field '\(key)'")
                map.unreadable.insert(path)
            }
            return nil
        }
        return parse(value, path)
    }

    /// Reads a list, each item with `parse`; an unreadable item is kept as a gap so indices stay true.
    func list<T>(_ node: Node, _ path: String, _ parse: (Node, String) -> T?) -> [T]? {
        guard case .sequence(let sequence) = node else { return mismatch(node, path, expected: "a list") }
        var items: [T] = []
        for (index, item) in sequence.enumerated() {
            let itemPath = FieldPath.element(path, index)
            map.lines[itemPath] = item.mark?.line
            if let value = parse(item, itemPath) {
                items.append(value)
            } else {
                // NB: placeholders keep later items at their file index; the path is unreadable, so the
                // validator says nothing about it.
                map.unreadable.insert(itemPath)
                if let placeholder = Self.placeholder(T.self) { items.append(placeholder) }
            }
        }
        return items
    }

    static func placeholder<T>(_ type: T.Type) -> T? {
        switch type {
        case is Scenario.Group.Type:
            Scenario.Group(id: "", size: 0, needs: [:], participation: 0, visibility: 1) as? T
        case is Scenario.Proposal.Type:
            Scenario.Proposal(id: "", title: "", cost: 0, effects: [:], origin: .service, delivery: .service) as? T
        case is Scenario.Envelope.Type:
            Scenario.Envelope(target: .district("")) as? T
        case is Scenario.DomainID.Type:
            Scenario.DomainID(rawValue: "") as? T
        case is Scenario.DistrictID.Type:
            Scenario.DistrictID(rawValue: "") as? T
        case is Double.Type:
            0.0 as? T
        default:
            nil
        }
    }

    /// Reads a mapping from names to numbers (needs, effects, reach, saturation), in file order.
    ///
    /// The names are checked by the validator, which knows the domains, districts and groups.
    func numberMap(_ node: Node, _ path: String) -> [(key: String, value: Double)]? {
        guard case .mapping(let mapping) = node else { return mismatch(node, path, expected: "a mapping") }
        var entries: [(key: String, value: Double)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key, !YAMLNodes.isNull(scalar) else {
                report(path, key, "expected a name, got \(YAMLNodes.describe(key))")
                continue
            }
            let entryPath = FieldPath.child(path, scalar.string)
            map.lines[entryPath] = key.mark?.line
            if let number = number(value, entryPath) { entries.append((scalar.string, number)) }
        }
        return entries
    }

    // MARK: - Scalars

    func scalarText(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node, !YAMLNodes.isNull(scalar) else { return nil }
        return scalar.string
    }

    func text(_ node: Node, _ path: String) -> String? {
        guard let text = scalarText(node) else { return mismatch(node, path, expected: "text") }
        return text
    }

    /// A finite number; YAML's `_` digit separators are allowed.
    func number(_ node: Node, _ path: String) -> Double? {
        guard let text = scalarText(node),
            let value = Double(text.replacingOccurrences(of: "_", with: "")), value.isFinite
        else { return mismatch(node, path, expected: "a number") }
        return value
    }

    /// `true` or `false` (YAML 1.1's `yes`/`no` are not accepted, to avoid surprises).
    func boolean(_ node: Node, _ path: String) -> Bool? {
        switch scalarText(node) {
        case "true": return true
        case "false": return false
        default: return mismatch(node, path, expected: "true or false")
        }
    }

    /// A whole number (`5200` or `5200.0`).
    func integer(_ node: Node, _ path: String) -> Int? {
        guard let text = scalarText(node)?.replacingOccurrences(of: "_", with: "") else {
            return mismatch(node, path, expected: "a whole number")
        }
        if let value = Int(text) { return value }
        if let value = Double(text), value.isFinite, value.rounded() == value, abs(value) < 1e15 {
            return Int(value)
        }
        return mismatch(node, path, expected: "a whole number")
    }

    /// A whole number from 0 to 2^64 - 1 (seeds).
    func unsignedInteger(_ node: Node, _ path: String) -> UInt64? {
        guard let text = scalarText(node), let value = UInt64(text.replacingOccurrences(of: "_", with: "")) else {
            return mismatch(node, path, expected: "a whole number from 0 to 18446744073709551615")
        }
        return value
    }

    /// One of the cases of `E`, by raw value.
    func choice<E: RawRepresentable & CaseIterable>(_ node: Node, _ path: String) -> E?
    where E.RawValue == String {
        oneOf(E.allCases.map(\.rawValue), node, path).flatMap(E.init(rawValue:))
    }

    /// One of `options`, with a "did you mean" hint when the value is close to one of them.
    func oneOf(_ options: [String], _ node: Node, _ path: String) -> String? {
        let expected = Self.alternatives(options)
        guard let text = scalarText(node) else { return mismatch(node, path, expected: expected) }
        guard options.contains(text) else {
            report(path, node, "expected \(expected), got '\(text)'" + Suggestion.hint(for: text, in: options))
            map.unreadable.insert(path)
            return nil
        }
        return text
    }

    /// `a`, `a or b`, `a, b or c`.
    static func alternatives(_ options: [String]) -> String {
        guard options.count > 1 else { return options.first ?? "" }
        return options.dropLast().joined(separator: ", ") + " or " + options.last!
    }
}
