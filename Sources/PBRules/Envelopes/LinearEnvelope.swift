/// A minimum and/or maximum on a weighted sum of funded projects: `min <= Σ_j coefficients[j]·x_j <= max`.
///
/// An envelope of a participatory budget bounds the spend on part of the projects. A district
/// envelope counts each project located in the district with its cost and every other project
/// with 0; a domain envelope counts each project with its cost times its share in the domain.
/// Both are linear in the 0/1 choice `x_j` of funding project `j`, so one type covers them:
///
/// ```swift
/// // Projects 0 and 2 are in the north district; at most 600,000 may go there.
/// let north = LinearEnvelope(coefficients: [250_000, 0, 400_000], max: 600_000, label: "district north")
/// // Project 1 spends 75 % of its 100,000 on green space; at least 50,000 must.
/// let green = LinearEnvelope(coefficients: [0, 75_000, 0], min: 50_000, label: "domain green-space")
/// ```
///
/// The amounts are in the same unit as the costs and budget they are used with, so that
/// ``EnvelopeKnapsack`` can apply one tolerance (relative to the budget) to all of them.
public struct LinearEnvelope: Sendable, Hashable {
    /// One coefficient per project, `>= 0` and finite: how much funding project `j` adds to the sum.
    public var coefficients: [Double]

    /// The least value of the sum, or `nil` for no minimum.
    public var min: Double?

    /// The most value of the sum, or `nil` for no maximum.
    public var max: Double?

    /// A name for messages and reports, e.g. `district north` or `domain green-space`.
    public var label: String

    /// Creates an envelope.
    ///
    /// - Parameters:
    ///   - coefficients: One coefficient `>= 0` per project.
    ///   - min: The least value of the weighted sum, or `nil`.
    ///   - max: The most value of the weighted sum, or `nil`.
    ///   - label: A name for messages and reports.
    public init(coefficients: [Double], min: Double? = nil, max: Double? = nil, label: String = "") {
        self.coefficients = coefficients
        self.min = min
        self.max = max
        self.label = label
    }

    /// The weighted sum `Σ_{j in selection} coefficients[j]` of a selection, added in the selection's order.
    ///
    /// - Parameter selection: Project indices, each at most once.
    /// - Returns: The envelope's sum for the selection.
    /// - Complexity: O(*s*) for *s* selected projects.
    public func total(of selection: [Int]) -> Double {
        var sum = 0.0
        for project in selection { sum += coefficients[project] }
        return sum
    }
}
