internal import CGSL

/// Descriptive statistics of samples of doubles: means, spreads, quantiles and inequality.
///
/// Each function takes a plain array and handles the edge cases without trapping: an empty
/// sample gives NaN, and so does a sample variance of a single value.
///
/// ```swift
/// Statistics.mean([1, 2, 3, 4])                         // 2.5
/// Statistics.variance([1, 2, 3, 4])                     // 5/3 (sample variance, n − 1)
/// Statistics.quantile(sorted: [1, 2, 3, 4], 0.25)       // 1.75
/// Statistics.weightedGini(values: [0, 0, 0, 1], weights: [1, 1, 1, 1])  // 0.75
/// ```
public enum Statistics {
    /// Returns the arithmetic mean of the values.
    ///
    /// GSL computes it as a running mean, which does not overflow for large values.
    ///
    /// - Parameter values: The sample.
    /// - Returns: The mean, or NaN for an empty sample.
    /// - Complexity: O(*n*).
    ///
    /// The corresponding GSL function is `gsl_stats_mean`.
    public static func mean(_ values: [Double]) -> Double {
        withSample(values) { data, stride, n in gsl_stats_mean(data, stride, n) } ?? .nan
    }

    /// Returns the sample variance of the values, with the unbiased divisor *n − 1*.
    ///
    /// ```swift
    /// Statistics.variance([1, 2, 3, 4])  // 5/3: squared deviations 2.25 + 0.25 + 0.25 + 2.25, over 3
    /// ```
    ///
    /// - Parameter values: The sample.
    /// - Returns: The sample variance, or NaN for fewer than two values.
    /// - Complexity: O(*n*).
    ///
    /// The corresponding GSL function is `gsl_stats_variance`.
    public static func variance(_ values: [Double]) -> Double {
        guard values.count >= 2 else { return .nan }
        return withSample(values) { data, stride, n in gsl_stats_variance(data, stride, n) } ?? .nan
    }

    /// Returns the sample standard deviation of the values: the square root of ``variance(_:)``.
    ///
    /// - Parameter values: The sample.
    /// - Returns: The sample standard deviation, or NaN for fewer than two values.
    /// - Complexity: O(*n*).
    ///
    /// The corresponding GSL function is `gsl_stats_sd`.
    public static func standardDeviation(_ values: [Double]) -> Double {
        guard values.count >= 2 else { return .nan }
        return withSample(values) { data, stride, n in gsl_stats_sd(data, stride, n) } ?? .nan
    }

    /// Returns the quantile of already-sorted values, interpolating linearly between order statistics.
    ///
    /// GSL's definition: with *n* sorted values *x₀ ≤ … ≤ xₙ₋₁*, let *δ = (n − 1) p*,
    /// *i = ⌊δ⌋*; the quantile is *(1 − (δ − i)) xᵢ + (δ − i) xᵢ₊₁*. So `p = 0` gives the
    /// minimum, `p = 1` the maximum, and `p = 0.5` the median:
    ///
    /// ```swift
    /// Statistics.quantile(sorted: [1, 2, 3, 4], 0.25)  // δ = 0.75: 1 + 0.75 × (2 − 1) = 1.75
    /// ```
    ///
    /// - Parameters:
    ///   - sorted: The sample, in ascending order (checked in debug builds only).
    ///   - p: The probability, in `[0, 1]` (a precondition).
    /// - Returns: The quantile, or NaN for an empty sample.
    /// - Complexity: O(1) (O(*n*) in debug builds, for the order check).
    ///
    /// The corresponding GSL function is `gsl_stats_quantile_from_sorted_data`.
    public static func quantile(sorted: [Double], _ p: Double) -> Double {
        precondition(p >= 0 && p <= 1, "quantile(sorted:_:): p must be in [0, 1], got \(p)")
        assert(zip(sorted, sorted.dropFirst()).allSatisfy { $0 <= $1 }, "quantile(sorted:_:): values are not sorted")
        return withSample(sorted) { data, stride, n in gsl_stats_quantile_from_sorted_data(data, stride, n, p) } ?? .nan
    }

    /// Returns the median of the values, in any order.
    ///
    /// For an even count it is the mean of the two middle values:
    ///
    /// ```swift
    /// Statistics.median([4, 1, 3, 2])  // 2.5
    /// ```
    ///
    /// - Parameter values: The sample; need not be sorted.
    /// - Returns: The median, or NaN for an empty sample or one that contains NaN.
    /// - Complexity: O(*n* log *n*), to sort a copy.
    ///
    /// The corresponding GSL function is `gsl_stats_median_from_sorted_data`.
    public static func median(_ values: [Double]) -> Double {
        guard !values.contains(where: \.isNaN) else { return .nan }
        let sorted = values.sorted()
        return withSample(sorted) { data, stride, n in gsl_stats_median_from_sorted_data(data, stride, n) } ?? .nan
    }

    /// Returns the confidence interval for the *mean* of the values, from Student's t distribution.
    ///
    /// The interval is `mean ± t × s / √n`, where `s` is the sample standard deviation and `t`
    /// the `(1 + level) / 2` quantile of Student's t with *n − 1* degrees of freedom. It
    /// narrows as runs are added. It is not the spread of the outcomes themselves: for that,
    /// see ``summarize(_:level:)``.
    ///
    /// ```swift
    /// let ci = Statistics.meanConfidenceInterval([1, 2, 3, 4])
    /// // 2.5 ± 3.1824 × 0.6455: (lo: 0.4457, hi: 4.5543)
    /// ```
    ///
    /// - Parameters:
    ///   - values: The sample, assumed independent and roughly normal (or large).
    ///   - level: The confidence level, in `(0, 1)` (a precondition); 0.95 by default.
    /// - Returns: The lower and upper bounds, or NaN bounds for fewer than two values.
    /// - Complexity: O(*n*).
    ///
    /// The corresponding GSL function is `gsl_cdf_tdist_Pinv`.
    public static func meanConfidenceInterval(_ values: [Double], level: Double = 0.95) -> (lo: Double, hi: Double) {
        precondition(level > 0 && level < 1, "meanConfidenceInterval(_:level:): level must be in (0, 1), got \(level)")
        guard values.count >= 2 else { return (.nan, .nan) }
        _ = gslErrorHandlerDisabled
        let n = Double(values.count)
        let t = gsl_cdf_tdist_Pinv((1 + level) / 2, n - 1)
        let mean = mean(values)
        let halfWidth = t * standardDeviation(values) / n.squareRoot()
        return (mean - halfWidth, mean + halfWidth)
    }

    // MARK: - Passing arrays to GSL

    /// Calls a GSL statistics function on the array's storage, or returns nil for an empty array.
    ///
    /// NB: this is the one place that derives the `stride` and `n` GSL takes, so no caller can
    /// pass a count that does not match the buffer (stride is 1: the doubles are contiguous).
    private static func withSample(
        _ values: [Double],
        _ body: (_ data: UnsafePointer<Double>, _ stride: Int, _ n: Int) -> Double
    ) -> Double? {
        _ = gslErrorHandlerDisabled
        return values.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return nil }
            return body(base, 1, buffer.count)
        }
    }
}
