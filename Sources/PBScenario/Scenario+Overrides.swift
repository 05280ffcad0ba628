extension Scenario {
    /// A value that replaces one field of a scenario: a number, or a name for the fields that take one
    /// (a rule, a ballot kind).
    public enum OverrideValue: Sendable, Hashable {
        case number(Double)
        case text(String)
    }

    /// The scenario with some of its fields replaced, each named by a ``ScenarioPath`` (MODEL.md
    /// section 5): `budget.total`, `regimes.co-produced.perception_noise`,
    /// `population[id=carers].participation`, `proposals[id=hall].in_kind`, `population[*].visibility`
    /// (every item), `regimes.split.shares[0]`, `regimes.co-produced.rule` (a name).
    ///
    /// The keys are the file's (`cost_sigma`, `service-led`); the result is checked as a whole, as
    /// ``validate()`` does. Sweeps set the same fields through the same paths.
    ///
    /// ```swift
    /// let cheaper = try scenario.applying(overrides: [("budget.total", .number(900_000))])
    /// ```
    ///
    /// - Parameter overrides: Paths and the values to put there, applied in order.
    /// - Returns: The changed scenario (`seed` and `runs` are not overrides: a request sets them).
    /// - Throws: ``ScenarioError/invalid(_:)`` with one issue naming the path when a path does not name a
    ///   field of this scenario or the value has the wrong type, and the issues of ``validate()`` when the
    ///   changed scenario is invalid.
    public func applying(overrides: [(path: String, value: OverrideValue)]) throws(ScenarioError) -> Scenario {
        guard !overrides.isEmpty else { return self }
        func issue(_ path: String, _ message: String) -> ScenarioError {
            .invalid([ScenarioIssue(file: "", line: nil, path: path, message: message)])
        }
        var changed = self
        for (text, value) in overrides {
            let path: ScenarioPath
            do {
                path = try ScenarioPath(parsing: text)
            } catch {
                throw issue(text, error.message)
            }
            if path.field == "runs" {
                throw issue(text, "not an override: the number of runs is set by the request")
            }
            if let missing = path.problem(in: changed) { throw issue(text, missing) }
            if path.places(in: changed).isEmpty { throw issue(text, "names nothing in this scenario") }
            switch value {
            case .number(let x) where !path.takesName:
                if path.isInteger, !(x.rounded() == x && abs(x) < 0x1p63) {
                    throw issue(text, "expected a whole number, got \(x)")
                }
                path.update(&changed) { _ in x }
            case .text(let name) where path.takesName:
                if let problem = path.set(name: name, in: &changed) { throw issue(text, problem) }
            case .number(let x):
                throw issue(text, "expected a name (\(path.choices.joined(separator: ", "))), got \(x)")
            case .text(let name):
                throw issue(text, "expected a number, got '\(name)'")
            }
        }
        try changed.validate()
        return changed
    }
}
