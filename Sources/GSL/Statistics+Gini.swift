extension Statistics {
    /// Returns the population-weighted Gini coefficient of the values.
    ///
    /// With weights *wᵢ* (e.g. group sizes) and values *xᵢ ≥ 0* (e.g. need coverage), the
    /// Gini coefficient is the weighted mean absolute difference over twice the weighted mean
    /// (Gini 1912; the population form, without the small-sample factor *n / (n − 1)*):
    ///
    /// *G = Σᵢ Σⱼ wᵢ wⱼ |xᵢ − xⱼ| / (2 W² μ)*, with *W = Σ wᵢ* and *μ = Σ wᵢ xᵢ / W*.
    ///
    /// 0 means everyone has the same value; it approaches 1 as one person holds everything.
    /// A weight of *k* counts like *k* people with that value:
    ///
    /// ```swift
    /// Statistics.weightedGini(values: [0, 0, 0, 1], weights: [1, 1, 1, 1])  // 0.75
    /// Statistics.weightedGini(values: [1, 2], weights: [3, 1])              // 0.15, as [1, 1, 1, 2]
    /// ```
    ///
    /// It is computed in one pass over the values sorted ascending, as
    /// *G = Σᵢ wᵢ xᵢ (Cᵢ₋₁ + Cᵢ − W) / (W Σᵢ wᵢ xᵢ)*, where *Cᵢ* is the cumulative weight up
    /// to and including *i*; rounding is clamped to `[0, 1]`.
    ///
    /// - Parameters:
    ///   - values: The values, finite and `>= 0` (a precondition).
    ///   - weights: One weight per value, finite and `>= 0` (a precondition).
    /// - Returns: The coefficient in `[0, 1]`; 0 when all values are equal, including all zero;
    ///   NaN when there are no values or the weights sum to 0.
    /// - Complexity: O(*n* log *n*).
    public static func weightedGini(values: [Double], weights: [Double]) -> Double {
        precondition(
            values.count == weights.count,
            "weightedGini(values:weights:): \(values.count) values but \(weights.count) weights")
        precondition(
            values.allSatisfy { $0.isFinite && $0 >= 0 },
            "weightedGini(values:weights:): values must be finite and >= 0")
        precondition(
            weights.allSatisfy { $0.isFinite && $0 >= 0 },
            "weightedGini(values:weights:): weights must be finite and >= 0")
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0 else { return .nan }
        let pairs = zip(values, weights).sorted { $0.0 < $1.0 }
        let totalMass = pairs.reduce(0) { $0 + $1.0 * $1.1 }
        // NB: equal values (everyone at zero included, which would otherwise be 0/0) are
        // perfect equality; answer exactly rather than through rounded sums.
        let positive = pairs.filter { $0.1 > 0 }
        guard totalMass > 0, positive.first?.0 != positive.last?.0 else { return 0 }
        var cumulative = 0.0
        var sum = 0.0
        for (value, weight) in pairs {
            let before = cumulative
            cumulative += weight
            sum += weight * value * (before + cumulative - totalWeight)
        }
        let gini = sum / (totalWeight * totalMass)
        return min(max(gini, 0), 1)
    }
}
