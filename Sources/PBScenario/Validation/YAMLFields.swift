package import Yams

/// The fields of one YAML mapping, read the same way by the scenario reader and PBBatch's suite reader:
/// every key that is a field name the reader accepts, by name and in file order, and a report for each
/// other key at the line where it stands.
package struct YAMLFields {
    /// The field path of the mapping (`simulations[0].grid`); missing fields are reported at it.
    package let path: String
    /// The mapping itself (its line is where a missing field is reported).
    package let node: Node
    /// The accepted entries by name (the last one when a name repeats).
    package private(set) var entries: [String: (key: Node, value: Node)] = [:]
    /// The accepted entries in file order.
    package private(set) var ordered: [(name: String, key: Node, value: Node)] = []

    /// The value of field `key`, if the mapping has it.
    package subscript(key: String) -> Node? { entries[key]?.value }

    /// Reads the mapping `node` at `path`, or returns `nil` (reporting nothing) when `node` is not a
    /// mapping, for the reader to report the type it expected.
    ///
    /// A key that is not a field name (not a scalar, or null) is reported at `path` as
    /// `expected a field name, got …`; a name `accepts` refuses is reported at its own path as
    /// `unknown key 'name'` followed by `hint(name)`.
    ///
    /// - Parameter report: receives the field path, the node at fault and the message.
    package init?(
        _ node: Node, path: String, accepts: (String) -> Bool, hint: (String) -> String,
        report: (_ path: String, _ node: Node, _ message: String) -> Void
    ) {
        guard case .mapping(let mapping) = node else { return nil }
        self.path = path
        self.node = node
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key, !YAMLNodes.isNull(scalar) else {
                report(path, key, "expected a field name, got \(YAMLNodes.describe(key))")
                continue
            }
            let name = scalar.string
            guard accepts(name) else {
                report(FieldPath.child(path, name), key, "unknown key '\(name)'" + hint(name))
                continue
            }
            entries[name] = (key, value)
            ordered.append((name, key, value))
        }
    }
}

/// Field paths in the form users read them: `population[2].needs.health`.
///
/// List items count from 0; mapping keys are appended with a dot.
package enum FieldPath {
    /// The path of `key` inside the mapping at `path`.
    package static func child(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// The path of item `index` of the list at `path`.
    package static func element(_ path: String, _ index: Int) -> String {
        "\(path)[\(index)]"
    }

    /// The enclosing path, or `nil` for the root.
    package static func parent(_ path: String) -> String? {
        guard !path.isEmpty else { return nil }
        if path.hasSuffix("]"), let open = path.lastIndex(of: "[") {
            return String(path[..<open])
        }
        guard let dot = path.lastIndex(of: ".") else { return "" }
        return String(path[..<dot])
    }
}
