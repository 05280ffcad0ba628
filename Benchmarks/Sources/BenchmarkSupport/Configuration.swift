public import Benchmark

/// The settings shared by pbsim's suites.
public enum SuiteConfiguration {
    /// The metrics every benchmark records.
    public static var metrics: [BenchmarkMetric] { [.wallClock, .cpuTotal, .mallocCountTotal] }

    /// Tolerances for `swift package benchmark thresholds check` against `Thresholds/`, on the p90.
    ///
    /// Times get 50 % (the development machines are shared 2-core VMs, where runs vary by 10-30 %), and
    /// CPU time also 20 ms, because this VM reports it in 10 ms steps. Allocation counts are
    /// deterministic for a given build, so they get 5 %.
    public static var thresholds: [BenchmarkMetric: BenchmarkThresholds] {
        [
            .wallClock: .init(relative: [.p90: 50.0]),
            .cpuTotal: .init(relative: [.p90: 50.0], absolute: [.p90: 20_000_000]),
            .mallocCountTotal: .init(relative: [.p90: 5.0]),
        ]
    }
}
