public import Benchmark

/// The settings shared by pbsim's suites.
public enum SuiteConfiguration {
    /// The metrics every benchmark records.
    public static var metrics: [BenchmarkMetric] { [.wallClock, .cpuTotal, .mallocCountTotal] }

    /// Tolerances for `swift package benchmark thresholds check` against `Thresholds/`, on the p90.
    ///
    /// A metric fails when it exceeds either its relative or its absolute tolerance. Wall-clock time gets
    /// 50 %: the development machines are shared 2-core VMs, where runs vary by 10-30 % and more under
    /// load. CPU time is only a coarse check (300 % and 100 ms), because this VM reports it in 10 ms steps,
    /// so a 10 ms benchmark reads 0, 10 or 20 ms. Allocation counts are deterministic for a given build and
    /// toolchain, so they get 5 %.
    public static var thresholds: [BenchmarkMetric: BenchmarkThresholds] {
        [
            .wallClock: .init(relative: [.p90: 50.0]),
            .cpuTotal: .init(relative: [.p90: 300.0], absolute: [.p90: 100_000_000]),
            .mallocCountTotal: .init(relative: [.p90: 5.0]),
        ]
    }
}
