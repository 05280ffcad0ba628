public import PBModel
import PBRules
import PBSupport

/// One unit of batch work: a rule variant on an election, or a scenario at one grid point and seed.
///
/// Its ``key`` is stable: the SHA-256 of the instance's content (not its path), the rule or regime, the
/// parameters and the seed. Moving or renaming a file keeps its tasks' keys; editing it gives new ones.
public struct BatchTask: Sendable, Hashable {
    /// What a task computes.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A rule variant on a pabulib election.
        case election
        /// A simulated scenario (every regime, over the task's Monte Carlo runs).
        case simulation
    }

    /// A task parameter: a name and a number or a word.
    public struct Parameter: Sendable, Hashable {
        /// The name, e.g. `lambda` or `arithmetic`.
        public var name: String
        /// The value as written in the key and the database: a number in its shortest form (`0.3`,
        /// `1.0`, `40`) or a word (`certified`).
        public var value: String
        /// Whether ``value`` is a number (a JSON number rather than a string).
        public var isNumber: Bool

        /// A numeric parameter.
        public init(_ name: String, number: Double) {
            self.name = name
            value = "\(number)"
            isNumber = true
        }

        /// A whole-number parameter.
        public init(_ name: String, integer: Int) {
            self.name = name
            value = String(integer)
            isNumber = true
        }

        /// A word parameter.
        public init(_ name: String, word: String) {
            self.name = name
            value = word
            isNumber = false
        }
    }

    /// The stable key: 64 hexadecimal digits.
    public var key: String
    /// The kind of task.
    public var kind: Kind
    /// The instance file (a `.pb` election or a scenario), as resolved from the suite.
    public var instance: String
    /// The SHA-256 of the instance's content (with a scenario's election file, of both), or of the
    /// text `unreadable: <reason>` when the file could not be read.
    public var instanceSHA256: String
    /// The rule variant (`mes-cost`, ...) or, for a simulation, `regimes` (every regime of the scenario).
    public var rule: String
    /// The parameters, sorted by name.
    public var parameters: [Parameter]
    /// The master seed of a simulation (`nil` for an election).
    public var seed: UInt64?
    /// How an election's voters are weighted (`nil`: every voter once). The key holds it through the
    /// `weighting` parameter (the weights file's content hash, or the census column and targets).
    public var weighting: VoterWeighting?

    /// Creates a task and computes its key.
    ///
    /// - Parameters:
    ///   - kind: The kind.
    ///   - instance: The instance's path.
    ///   - instanceSHA256: The hash of its content.
    ///   - rule: The rule or regime.
    ///   - parameters: The parameters (any order).
    ///   - seed: The seed, if any.
    ///   - weighting: How an election's voters are weighted (name it in `parameters` too).
    public init(
        kind: Kind, instance: String, instanceSHA256: String, rule: String, parameters: [Parameter], seed: UInt64?,
        weighting: VoterWeighting? = nil
    ) {
        self.weighting = weighting
        self.kind = kind
        self.instance = instance
        self.instanceSHA256 = instanceSHA256
        self.rule = rule
        self.parameters = parameters.sorted { $0.name < $1.name }
        self.seed = seed
        key = Self.key(
            kind: kind, instanceSHA256: instanceSHA256, rule: rule, parametersJSON: Self.json(self.parameters),
            seed: seed)
    }

    /// The parameters as one JSON object with sorted keys, e.g. `{"lambda":0.5,"runs":40}`.
    public var parametersJSON: String { Self.json(parameters) }

    /// A parameter's value, if the task has it.
    public func parameter(_ name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }

    /// The task for people: `<instance> <rule> <parameters>[ seed <seed>]`.
    public var summary: String {
        var text = "\(instance) \(rule)"
        let shown = parameters.filter { !($0.name == "arithmetic" && $0.value == Arithmetic.certified.rawValue) }
        if !shown.isEmpty { text += " " + shown.map { "\($0.name)=\($0.value)" }.joined(separator: ",") }
        if let seed { text += " seed \(seed)" }
        return text
    }

    /// The key of a task: the SHA-256 of a versioned, line-per-field text.
    ///
    /// ```
    /// pbsim batch task v1
    /// kind: election
    /// instance: <sha-256 of the content>
    /// rule: mes-cost
    /// parameters: {"arithmetic":"certified"}
    /// seed: -
    /// ```
    static func key(kind: Kind, instanceSHA256: String, rule: String, parametersJSON: String, seed: UInt64?) -> String {
        let text = """
            pbsim batch task v1
            kind: \(kind.rawValue)
            instance: \(instanceSHA256)
            rule: \(rule)
            parameters: \(parametersJSON)
            seed: \(seed.map(String.init) ?? "-")

            """
        return ContentHash.hex(of: text)
    }

    static func json(_ parameters: [Parameter]) -> String {
        "{"
            + parameters.map { "\(JSONText.string($0.name)):\($0.isNumber ? $0.value : JSONText.string($0.value))" }
            .joined(separator: ",") + "}"
    }
}
