extension Statistics {
    /// The mean and spread of one metric across Monte Carlo runs.
    ///
    /// ``lo`` and ``hi`` bound the central interval of the *outcomes*: with the default level
    /// 0.95 they are the 2.5 % and 97.5 % empirical quantiles of the values, so about 95 % of
    /// runs fall between them. This describes how much the outcome varies from run to run;
    /// it is not a confidence interval of the mean and does not shrink as runs are added (for
    /// that, see ``Statistics/meanConfidenceInterval(_:level:)``).
    ///
    /// ```swift
    /// let efficiency = Statistics.summarize(runs.map(\.efficiency))
    /// print("\(efficiency.mean) [\(efficiency.lo), \(efficiency.hi)] over \(efficiency.count) runs")
    /// ```
    public struct Summary: Sendable, Hashable, Codable {
        /// The mean of the values; NaN when there are none.
        public var mean: Double
        /// The lower empirical quantile, `(1 − level) / 2` (2.5 % by default); NaN when there are no values.
        public var lo: Double
        /// The upper empirical quantile, `(1 + level) / 2` (97.5 % by default); NaN when there are no values.
        public var hi: Double
        /// The sample standard deviation (divisor *n − 1*); NaN for fewer than two values.
        public var sd: Double
        /// The number of values summarised.
        public var count: Int

        /// The standard error of the mean, `sd / sqrt(count)`; NaN for fewer than two values.
        public var se: Double { count >= 2 ? sd / Double(count).squareRoot() : .nan }

        /// Creates a summary from its fields.
        ///
        /// - Parameters:
        ///   - mean: The mean.
        ///   - lo: The lower quantile.
        ///   - hi: The upper quantile.
        ///   - sd: The sample standard deviation.
        ///   - count: The number of values.
        public init(mean: Double, lo: Double, hi: Double, sd: Double, count: Int) {
            self.mean = mean
            self.lo = lo
            self.hi = hi
            self.sd = sd
            self.count = count
        }
    }

    /// Summarises one metric across Monte Carlo runs: its mean and the central interval of its outcomes.
    ///
    /// The interval is the spread of outcomes across runs (empirical quantiles, as defined in
    /// ``quantile(sorted:_:)``), not a confidence interval of the mean. For the 101 values
    /// 0, 1, …, 100:
    ///
    /// ```swift
    /// let s = Statistics.summarize((0...100).map(Double.init))
    /// // mean 50, lo 2.5, hi 97.5, sd √858.5, count 101
    /// ```
    ///
    /// An empty sample gives NaN fields and count 0; a single value `v` gives mean, lo and hi
    /// equal to `v` and a NaN sd. A sample containing NaN gives NaN fields (with its count),
    /// since its order is undefined.
    ///
    /// - Parameters:
    ///   - values: One value per run, in any order.
    ///   - level: The share of outcomes inside `[lo, hi]`, in `(0, 1)` (a precondition); 0.95 by default.
    /// - Returns: The summary.
    /// - Complexity: O(*n* log *n*), to sort a copy.
    public static func summarize(_ values: [Double], level: Double = 0.95) -> Summary {
        precondition(level > 0 && level < 1, "summarize(_:level:): level must be in (0, 1), got \(level)")
        guard !values.isEmpty, !values.contains(where: \.isNaN) else {
            return Summary(mean: .nan, lo: .nan, hi: .nan, sd: .nan, count: values.count)
        }
        let sorted = values.sorted()
        let tail = (1 - level) / 2
        return Summary(
            mean: mean(values),
            lo: quantile(sorted: sorted, tail),
            hi: quantile(sorted: sorted, 1 - tail),
            sd: standardDeviation(values),
            count: values.count
        )
    }
}
