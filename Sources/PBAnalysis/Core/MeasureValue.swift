public import PBRules

/// The value of one measure, typed as pabutools returns it: an exact rational (gmpy2 `mpq`), a
/// Python int, a float, a boolean, `None`, a list or a dict.
public indirect enum MeasureValue: Sendable, Equatable {
    /// An exact rational, written as `str(mpq)` (`"7/8"`, `"3"`).
    case rational(Rational)
    /// An integer.
    case integer(Int)
    /// A floating-point number.
    case real(Double)
    /// A boolean.
    case bool(Bool)
    /// A text (a project id).
    case string(String)
    /// No value (pabutools returned `None`).
    case null
    /// A list.
    case list([MeasureValue])
    /// A dict, keys in order (project ids where pabutools keys by project).
    case object([MeasureEntry])

    /// The value as a `Double`, when it is a number.
    public var doubleValue: Double? {
        switch self {
        case .rational(let r): return r.doubleValue
        case .integer(let i): return Double(i)
        case .real(let x): return x
        default: return nil
        }
    }
}

/// A named value: a measure or a dict entry.
public struct MeasureEntry: Sendable, Equatable {
    public var key: String
    public var value: MeasureValue
    public init(_ key: String, _ value: MeasureValue) {
        self.key = key
        self.value = value
    }
}

/// Why a measure has no value.
public struct MeasureGap: Sendable, Equatable {
    /// The kind of gap.
    public enum Status: String, Sendable, Equatable {
        /// The measure is not defined for this election (e.g. ordinal ballots for EJR).
        case undefined
        /// The check could not finish within the time limit; ``MeasureGap/reason`` says what was established.
        case undetermined
    }
    public var key: String
    public var status: Status
    /// One line for people: why, and for an undetermined check what it established.
    public var reason: String
    public init(_ key: String, _ status: Status, _ reason: String) {
        self.key = key
        self.status = status
        self.reason = reason
    }
}

/// The measures of one outcome (or of the instance): values in computation order, and the
/// measures that have no value with the reason.
public struct MeasureSet: Sendable, Equatable {
    public var values: [MeasureEntry] = []
    public var gaps: [MeasureGap] = []
    public init() {}

    /// The value of a key.
    public subscript(_ key: String) -> MeasureValue? { values.first { $0.key == key }?.value }

    mutating func set(_ key: String, _ value: MeasureValue) { values.append(MeasureEntry(key, value)) }
    mutating func gap(_ key: String, _ status: MeasureGap.Status, _ reason: String) {
        gaps.append(MeasureGap(key, status, reason))
    }
}
