import GSL

/// One measure summarised over the Monte Carlo runs: its mean and the central 95% interval of the
/// outcomes.
///
/// ``lo`` and ``hi`` are the 2.5% and 97.5% empirical quantiles of the run outcomes: about 95% of runs
/// fall between them. They describe how much the outcome varies from run to run; they are not a
/// confidence interval of the mean and do not shrink as runs are added.
///
/// ```swift
/// let coverage = result.summary(of: .coProduced)!.metrics[.coverage]!
/// print("\(coverage.mean) [\(coverage.lo), \(coverage.hi)] over \(coverage.count) runs")
/// ```
public struct MetricSummary: Sendable, Hashable, Codable {
    /// The mean of the values; NaN when there are none.
    public var mean: Double
    /// The 2.5% quantile; NaN when there are no values.
    public var lo: Double
    /// The 97.5% quantile; NaN when there are no values.
    public var hi: Double
    /// The sample standard deviation (divisor *n − 1*); NaN for fewer than two values.
    public var sd: Double
    /// The number of values summarised.
    public var count: Int

    /// The standard error of the mean (`sd / √count`); NaN for fewer than two values.
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

    /// Summarises one value per run (in any order): an empty sample gives NaN fields and count 0.
    ///
    /// - Parameter values: The values.
    public init(summarizing values: [Double]) {
        let s = Statistics.summarize(values)
        self.init(mean: s.mean, lo: s.lo, hi: s.hi, sd: s.sd, count: s.count)
    }
}
