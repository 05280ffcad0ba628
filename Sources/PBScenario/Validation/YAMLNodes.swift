package import Yams

/// How YAML nodes read in error messages, shared by the scenario reader and PBBatch's suite reader.
package enum YAMLNodes {
    /// How a node reads in a message: `'abc'`, `nothing`, `a mapping`, `a list` or `an alias`.
    package static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): isNull(scalar) ? "nothing" : "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// Whether a plain scalar spells YAML's null (empty, `~` or `null`).
    package static func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}
