/// An identifier written in a scenario file: a domain, a district, a group or a proposal id.
///
/// Each kind of identifier has its own type, so that a group id cannot be passed where a domain is
/// expected. Identifiers compare, hash and encode as their raw string, and can be written as string
/// literals:
///
/// ```swift
/// let health: Scenario.DomainID = "health"
/// ```
public protocol ScenarioIdentifier:
    RawRepresentable, Sendable, Hashable, Comparable, Codable, CodingKeyRepresentable,
    ExpressibleByStringLiteral, CustomStringConvertible
where RawValue == String, StringLiteralType == String {
    /// Creates an identifier from its text.
    ///
    /// - Parameter rawValue: The identifier as written in the scenario file.
    init(rawValue: String)
}

extension ScenarioIdentifier {
    /// Creates an identifier from a string literal.
    ///
    /// - Parameter value: The identifier as written in the scenario file.
    public init(stringLiteral value: String) {
        self.init(rawValue: value)
    }

    /// The identifier as written in the scenario file.
    public var description: String { rawValue }

    /// Orders identifiers by their text.
    ///
    /// - Parameters:
    ///   - lhs: An identifier.
    ///   - rhs: Another identifier of the same kind.
    /// - Returns: Whether `lhs` sorts before `rhs` by raw text.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

extension Scenario {
    /// The id of a service area (domain), e.g. `health`.
    public struct DomainID: ScenarioIdentifier {
        /// The id as written in the scenario file.
        public let rawValue: String

        /// Creates a domain id.
        ///
        /// - Parameter rawValue: The id as written in the scenario file.
        public init(rawValue: String) { self.rawValue = rawValue }
    }

    /// The id of a district, e.g. `north`.
    public struct DistrictID: ScenarioIdentifier {
        /// The id as written in the scenario file.
        public let rawValue: String

        /// Creates a district id.
        ///
        /// - Parameter rawValue: The id as written in the scenario file.
        public init(rawValue: String) { self.rawValue = rawValue }
    }

    /// The id of a population group, e.g. `families-north`.
    public struct GroupID: ScenarioIdentifier {
        /// The id as written in the scenario file.
        public let rawValue: String

        /// Creates a group id.
        ///
        /// - Parameter rawValue: The id as written in the scenario file.
        public init(rawValue: String) { self.rawValue = rawValue }
    }

    /// The id of a proposal, e.g. `youth-hub`.
    public struct ProposalID: ScenarioIdentifier {
        /// The id as written in the scenario file.
        public let rawValue: String

        /// Creates a proposal id.
        ///
        /// - Parameter rawValue: The id as written in the scenario file.
        public init(rawValue: String) { self.rawValue = rawValue }
    }
}
