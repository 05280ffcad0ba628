public import PBModel

/// A weight per voter, for the weighted rules (MODEL.md section 2.3).
///
/// Weights are non-negative integers in units of 10^-``scale``, so every rule keeps its exact
/// arithmetic: voter `i` weighs `units[i] / 10^scale`. A voter of weight `w` counts as `w` voters:
/// greedy and max welfare sum weighted satisfaction, Phragmén charges loads in proportion to weight,
/// and in the Method of Equal Shares voter `i` starts with `B * w_i / sum w` (Peters, Pierczyński and
/// Skowron's MES with weighted voters). With integer weights (`scale` 0) every rule gives the outcome
/// it gives on the profile in which voter `i` is repeated `w_i` times.
///
/// ```swift
/// let weights = try VoterWeights(real: [1, 2.5, 0.75])   // units [1000000, 2500000, 750000], scale 6
/// let outcome = try Rules.run(.mesCost, on: instance.weighted(by: weights))
/// ```
public struct VoterWeights: Sendable, Hashable {
    /// Each voter's weight in units of 10^-``scale``.
    public let units: [Int64]
    /// The decimal scale of ``units``.
    public let scale: Int
    /// The sum of ``units``.
    public let total: Int64

    /// The decimal scale real weights are rounded to: 10^-6 of a voter.
    public static let realScale = 6

    /// Weights in integer units.
    ///
    /// - Parameters:
    ///   - units: One weight per voter, each `>= 0`, in units of 10^-`scale`.
    ///   - scale: The decimal scale, 0 to 9.
    /// - Throws: ``RuleError/badWeights(_:)`` for a negative weight, a scale out of range or a sum
    ///   beyond 64 bits.
    public init(units: [Int64], scale: Int = 0) throws(RuleError) {
        guard (0...9).contains(scale) else { throw .badWeights("scale \(scale) is not between 0 and 9") }
        var total: Int64 = 0
        for (i, w) in units.enumerated() {
            guard w >= 0 else { throw .badWeights("voter \(i + 1) has a negative weight") }
            let (sum, overflow) = total.addingReportingOverflow(w)
            guard !overflow else { throw .badWeights("the weights' sum is out of range") }
            total = sum
        }
        self.units = units
        self.scale = scale
        self.total = total
    }

    /// Real weights, rounded to the nearest 10^-``realScale``.
    ///
    /// - Throws: ``RuleError/badWeights(_:)`` for a weight that is negative, not finite or above 10^9.
    public init(real weights: [Double]) throws(RuleError) {
        let factor = 1_000_000.0  // NB: 10^realScale
        var units: [Int64] = []
        units.reserveCapacity(weights.count)
        for (i, w) in weights.enumerated() {
            guard w.isFinite, w >= 0, w <= 1e9 else {
                throw .badWeights("voter \(i + 1) has weight \(w) (weights must be between 0 and 10^9)")
            }
            units.append(Int64((w * factor).rounded()))
        }
        try self.init(units: units, scale: Self.realScale)
    }

    /// One voter of weight 1 in ``units``: 10^``scale``.
    public var unit: Int64 {
        var u: Int64 = 1
        for _ in 0..<scale { u *= 10 }
        return u
    }

    /// Whether every voter weighs exactly 1 (the weights change nothing).
    public var allOne: Bool {
        let one = unit
        return units.allSatisfy { $0 == one }
    }

    /// The weights as doubles (in voters).
    public var real: [Double] {
        let u = Double(unit)
        return units.map { Double($0) / u }
    }
}

extension RuleInstance {
    /// The same election with a weight per voter (MODEL.md section 2.3).
    ///
    /// Weights that are all exactly 1 are dropped: the instance is the unweighted one, so its outcomes
    /// are byte-identical to the unweighted rules'.
    ///
    /// - Parameter weights: One weight per voter, in voter order.
    /// - Throws: ``RuleError/badWeights(_:)`` when the number of weights is not the number of voters.
    public func weighted(by weights: VoterWeights) throws(RuleError) -> RuleInstance {
        guard weights.units.count == voterCount else {
            throw .badWeights("\(weights.units.count) weights for \(voterCount) voters")
        }
        var copy = self
        copy.voterWeights = weights.allOne ? nil : weights
        return copy
    }

    /// The same election with its voters weighted as `weighting` says (a weights file or census
    /// reweighting of a voter column; MODEL.md sections 2.3 and 6), to 10^-6 of a voter.
    ///
    /// - Parameters:
    ///   - weighting: How the voters are weighted.
    ///   - election: The election this instance lays out (its voter ids and columns).
    ///   - file: The election's file, for messages.
    /// - Returns: The weighted instance and the warnings to show (voters weighing 1 for want of a value).
    /// - Throws: ``PBModel/PabulibError`` naming the file, line and field of each problem.
    public func weighted(by weighting: VoterWeighting, of election: Election, file: String) throws(PabulibError)
        -> (instance: RuleInstance, warnings: [String])
    {
        let applied = try weighting.weights(for: election, file: file)
        do throws(RuleError) {
            let weights = try VoterWeights(real: applied.weights)
            guard weights.total > 0 else {
                throw RuleError.badWeights("every voter weighs 0")
            }
            return (try self.weighted(by: weights), applied.warnings)
        } catch {
            let source: String
            switch weighting {
            case .file(let path): source = path
            case .census: source = file
            }
            throw .invalid([PabulibIssue(file: source, line: 0, field: "weight", message: error.description)])
        }
    }

    /// The same election with `weights` kept even when they are all 1 (tests use it to run the
    /// weighted code paths on unweighted profiles).
    func forcingWeights(_ weights: VoterWeights) -> RuleInstance {
        precondition(weights.units.count == voterCount, "one weight per voter")
        var copy = self
        copy.voterWeights = weights
        return copy
    }

    /// The same ballots with another budget (weights and tie-breaking kept).
    public func withBudget(_ budget: Int64) -> RuleInstance {
        var copy = RuleInstance(
            costs: costs, budget: budget, scale: scale, kind: kind, offsets: offsets, items: items, points: points,
            pointScale: pointScale, tieRank: tieRank)
        copy.voterWeights = voterWeights
        return copy
    }

    /// Voter `v`'s weight in units of 10^-``VoterWeights/scale`` (1 when unweighted).
    @inline(__always)
    func weightUnits(_ v: Int) -> Int64 { voterWeights?.units[v] ?? 1 }

    /// The total weight of the voters in weight units (the number of voters when unweighted).
    var totalWeightUnits: Int64 { voterWeights?.total ?? Int64(voterCount) }

    /// One voter of weight 1 in weight units (1 when unweighted).
    var weightUnit: Int64 { voterWeights?.unit ?? 1 }
}
