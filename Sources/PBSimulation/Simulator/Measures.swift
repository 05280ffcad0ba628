import GSL

/// The pure computations behind the metrics of MODEL.md section 3, on plain arrays.
///
/// Each function is small enough to check by hand; the simulator calls them once per regime and run.
///
/// ```swift
/// let coverage = Measures.coverage(benefit: [0.3, 0], need: [0.6, 1])     // [0.5, 0]
/// Measures.exclusion(benefit: [0.3, 0], weights: [100, 50])              // 1/3
/// Measures.totalVariationDistance([3, 1], [1, 1])                        // 0.25
/// ```
public enum Measures {
    /// Need coverage per group, `benefit_g / need_g` (0 for a group without need).
    ///
    /// - Parameters:
    ///   - benefit: The true per-person benefit of the selection to each group.
    ///   - need: Each group's total need, `>= 0`.
    /// - Returns: One coverage per group, `>= 0` (uncapped).
    public static func coverage(benefit: [Double], need: [Double]) -> [Double] {
        precondition(benefit.count == need.count, "coverage(benefit:need:): lengths differ")
        return zip(benefit, need).map { $1 > 0 ? $0 / $1 : 0 }
    }

    /// The weighted mean `sum_i w_i x_i / sum_i w_i` (NaN when the weights sum to 0).
    ///
    /// - Parameters:
    ///   - values: The values.
    ///   - weights: One weight `>= 0` per value.
    /// - Returns: The weighted mean.
    public static func weightedMean(_ values: [Double], weights: [Double]) -> Double {
        precondition(values.count == weights.count, "weightedMean(_:weights:): lengths differ")
        var sum = 0.0
        var total = 0.0
        for i in values.indices {
            sum += weights[i] * values[i]
            total += weights[i]
        }
        return total > 0 ? sum / total : .nan
    }

    /// The population-weighted Gini coefficient of coverage (GSL layer's ``Statistics/weightedGini(values:weights:)``).
    ///
    /// - Parameters:
    ///   - coverage: Coverage per group, `>= 0`.
    ///   - weights: Group sizes.
    /// - Returns: The coefficient in `[0, 1]`.
    public static func gini(coverage: [Double], weights: [Double]) -> Double {
        Statistics.weightedGini(values: coverage, weights: weights)
    }

    /// The share of people in groups that get exactly zero benefit.
    ///
    /// - Parameters:
    ///   - benefit: The per-person benefit of each group.
    ///   - weights: Group sizes.
    /// - Returns: `sum_{g: benefit_g = 0} n_g / sum_g n_g` (NaN for an empty population).
    public static func exclusion(benefit: [Double], weights: [Double]) -> Double {
        precondition(benefit.count == weights.count, "exclusion(benefit:weights:): lengths differ")
        var excluded = 0.0
        var total = 0.0
        for g in benefit.indices {
            total += weights[g]
            if benefit[g] == 0 { excluded += weights[g] }
        }
        return total > 0 ? excluded / total : .nan
    }

    /// The share of people in groups whose need met is below `threshold` (10% by default).
    ///
    /// - Parameters:
    ///   - needMet: Each group's need met, in `[0, 1]`.
    ///   - weights: Group sizes.
    ///   - threshold: The need met below which a group is left behind.
    /// - Returns: `sum_{g: needMet_g < threshold} n_g / sum_g n_g` (NaN for an empty population).
    public static func leftBehind(needMet: [Double], weights: [Double], threshold: Double = 0.1) -> Double {
        precondition(needMet.count == weights.count, "leftBehind(needMet:weights:): lengths differ")
        var behind = 0.0
        var total = 0.0
        for g in needMet.indices {
            total += weights[g]
            if needMet[g] < threshold { behind += weights[g] }
        }
        return total > 0 ? behind / total : .nan
    }

    /// The total variation distance `1/2 * sum_i |p_i - q_i|` between two distributions, each
    /// normalised to sum 1 first.
    ///
    /// It is the share of one distribution that would have to move to match the other: 0 when
    /// spend follows need exactly, 1 when they share no category.
    ///
    /// - Parameters:
    ///   - p: Non-negative masses (e.g. spend per district).
    ///   - q: Non-negative masses of the same categories (e.g. need per district).
    /// - Returns: The distance in `[0, 1]`, or NaN when either sums to 0.
    public static func totalVariationDistance(_ p: [Double], _ q: [Double]) -> Double {
        precondition(p.count == q.count, "totalVariationDistance: lengths differ")
        let sp = p.reduce(0, +)
        let sq = q.reduce(0, +)
        guard sp > 0, sq > 0 else { return .nan }
        var sum = 0.0
        for i in p.indices { sum += abs(p[i] / sp - q[i] / sq) }
        return min(max(sum / 2, 0), 1)
    }

    /// Summarises a metric over runs, leaving out runs where it is undefined (NaN).
    ///
    /// - Parameter values: One value per run, NaN where undefined.
    /// - Returns: The summary of the defined values (its `count` says how many).
    static func summarizeDefined(_ values: [Double]) -> MetricSummary {
        MetricSummary(summarizing: values.filter { !$0.isNaN })
    }
}
