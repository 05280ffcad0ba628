import Foundation

extension Scenario {
    /// A value that replaces one field of a scenario: a number, or a name for the fields that take one
    /// (a rule, a ballot kind).
    public enum OverrideValue: Sendable, Hashable {
        case number(Double)
        case text(String)
    }

    /// The scenario with some of its fields replaced, each named by a path of MODEL.md section 5:
    /// `budget.total`, `regimes.co-produced.perception_noise`, `population[id=carers].participation`,
    /// `proposals[id=hall].in_kind`, `population[*].visibility` (every item), `regimes.blend.lambdas[0]`.
    ///
    /// The keys are the file's (`cost_sigma`, `service-led`); the result is checked as a whole, as
    /// ``validate()`` does.
    ///
    /// ```swift
    /// let cheaper = try scenario.applying(overrides: [("budget.total", .number(900_000))])
    /// ```
    ///
    /// - Parameter overrides: Paths and the values to put there, applied in order.
    /// - Returns: The changed scenario (`seed`, `runs` and the election's resolved path are kept).
    /// - Throws: ``ScenarioError/invalid(_:)`` with one issue naming the path when a path does not name a
    ///   field of this scenario or the value has the wrong type, and the issues of ``validate()`` when the
    ///   changed scenario is invalid.
    public func applying(overrides: [(path: String, value: OverrideValue)]) throws(ScenarioError) -> Scenario {
        guard !overrides.isEmpty else { return self }
        func issue(_ path: String, _ message: String) -> ScenarioError {
            .invalid([ScenarioIssue(file: "", line: nil, path: path, message: message)])
        }
        var tree: Any
        do {
            tree = try JSONSerialization.jsonObject(with: JSONEncoder().encode(self))
        } catch {
            throw issue("", "cannot encode the scenario: \(error)")
        }
        for (path, value) in overrides {
            guard let steps = OverridePath.parse(path) else {
                throw issue(path, "not a field path (e.g. budget.total or population[id=carers].participation)")
            }
            let leaf: Any =
                switch value {
                case .number(let x): x
                case .text(let s): s
                }
            guard OverridePath.set(leaf, at: steps[...], in: &tree) else {
                throw issue(path, "no such field in this scenario")
            }
        }
        var changed: Scenario
        do {
            let data = try JSONSerialization.data(withJSONObject: tree)
            changed = try JSONDecoder().decode(Scenario.self, from: data)
        } catch let error as ScenarioError {
            throw error
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context),
            let DecodingError.valueNotFound(_, context), let DecodingError.keyNotFound(_, context)
        {
            throw issue(OverridePath.describe(context.codingPath), context.debugDescription)
        } catch {
            throw issue("", "\(error)")
        }
        changed.seed = seed
        changed.runs = runs
        // A path the decoder ignored (an unknown key) leaves the scenario as it was encoded.
        for (path, value) in overrides {
            guard let steps = OverridePath.parse(path),
                let encoded = try? JSONSerialization.jsonObject(with: JSONEncoder().encode(changed)),
                OverridePath.matches(value, at: steps[...], in: encoded)
            else {
                throw issue(path, "no such field in this scenario (or the value does not fit it)")
            }
        }
        return changed
    }
}

/// The steps of an override path and their application to a JSON tree.
enum OverridePath {
    enum Step: Equatable {
        case key(String)
        case index(Int)
        case id(String)
        case every
    }

    /// `a.b[id=x].c[2]` as steps, or `nil` when the text is not a path.
    static func parse(_ path: String) -> [Step]? {
        var steps: [Step] = []
        var rest = Substring(path)
        while !rest.isEmpty {
            if rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]") else { return nil }
                let inside = rest[rest.index(after: rest.startIndex)..<close]
                if inside == "*" {
                    steps.append(.every)
                } else if inside.hasPrefix("id=") {
                    steps.append(.id(String(inside.dropFirst(3))))
                } else if let n = Int(inside), n >= 0 {
                    steps.append(.index(n))
                } else {
                    return nil
                }
                rest = rest[rest.index(after: close)...]
            } else {
                if rest.hasPrefix(".") {
                    guard !steps.isEmpty else { return nil }
                    rest = rest.dropFirst()
                }
                let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
                let key = rest[..<end]
                guard !key.isEmpty else { return nil }
                steps.append(.key(String(key)))
                rest = rest[end...]
            }
        }
        return steps.isEmpty ? nil : steps
    }

    /// Sets `value` at `steps` in `tree`; `false` when a step finds nothing (the last key may be new).
    static func set(_ value: Any, at steps: ArraySlice<Step>, in tree: inout Any) -> Bool {
        guard let step = steps.first else {
            tree = value
            return true
        }
        let rest = steps.dropFirst()
        switch step {
        case .key(let key):
            guard var object = tree as? [String: Any] else { return false }
            var child: Any = object[key] ?? [String: Any]()
            guard object[key] != nil || rest.isEmpty else { return false }
            guard set(value, at: rest, in: &child) else { return false }
            object[key] = child
            tree = object
        case .index(let n):
            guard var array = tree as? [Any], n < array.count else { return false }
            guard set(value, at: rest, in: &array[n]) else { return false }
            tree = array
        case .id(let id):
            guard var array = tree as? [Any],
                let n = array.firstIndex(where: { ($0 as? [String: Any])?["id"] as? String == id })
            else { return false }
            guard set(value, at: rest, in: &array[n]) else { return false }
            tree = array
        case .every:
            guard var array = tree as? [Any], !array.isEmpty else { return false }
            for n in array.indices {
                guard set(value, at: rest, in: &array[n]) else { return false }
            }
            tree = array
        }
        return true
    }

    /// Whether every place `steps` names in `tree` holds `value`.
    static func matches(_ value: Scenario.OverrideValue, at steps: ArraySlice<Step>, in tree: Any) -> Bool {
        guard let step = steps.first else {
            switch value {
            case .number(let x): return (tree as? NSNumber)?.doubleValue == x
            case .text(let s): return tree as? String == s
            }
        }
        let rest = steps.dropFirst()
        switch step {
        case .key(let key):
            guard let child = (tree as? [String: Any])?[key] else { return false }
            return matches(value, at: rest, in: child)
        case .index(let n):
            guard let array = tree as? [Any], n < array.count else { return false }
            return matches(value, at: rest, in: array[n])
        case .id(let id):
            guard let child = (tree as? [Any])?.first(where: { ($0 as? [String: Any])?["id"] as? String == id })
            else { return false }
            return matches(value, at: rest, in: child)
        case .every:
            guard let array = tree as? [Any] else { return false }
            return array.allSatisfy { matches(value, at: rest, in: $0) }
        }
    }

    /// A coding path as a field path: `proposals[3].cost`.
    static func describe(_ path: [any CodingKey]) -> String {
        var out = ""
        for key in path {
            if let n = key.intValue {
                out += "[\(n)]"
            } else {
                out += out.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return out
    }
}
