import Foundation
public import PBScenario

/// How a simulation runs: how many Monte Carlo runs, from which master seed, on how many threads.
///
/// Resolved once, where the values come together: each one given (a command-line flag, a suite's
/// `runs`, a batch task's seed) wins, else the scenario's `runs` and `seed`, else the defaults of
/// ``PBScenario/Scenario``; threads default to every active core.
///
/// ```swift
/// let settings = RunSettings(runs: nil, seed: 7, jobs: nil, scenario: scenario)
/// let result = try Simulator(scenario: scenario).run(settings)
/// ```
public struct RunSettings: Sendable, Hashable {
    /// Monte Carlo runs, at least 1.
    public var runs: Int
    /// The master seed: run `r` draws from stream `r` of it.
    public var seed: UInt64
    /// Worker threads, at least 1 (the result is the same for any number).
    public var jobs: Int

    /// Settings as given.
    ///
    /// - Parameters:
    ///   - runs: Monte Carlo runs (raised to 1 if lower).
    ///   - seed: The master seed.
    ///   - jobs: Worker threads (raised to 1 if lower).
    public init(runs: Int, seed: UInt64, jobs: Int) {
        self.runs = max(runs, 1)
        self.seed = seed
        self.jobs = max(jobs, 1)
    }

    /// Each value given, else the scenario's (else the defaults, when there is no scenario), and every
    /// core for the threads.
    ///
    /// - Parameters:
    ///   - runs: Runs asked for, or `nil`.
    ///   - seed: A seed asked for, or `nil`.
    ///   - jobs: Threads asked for, or `nil`.
    ///   - scenario: The scenario whose `runs` and `seed` fill in, if it could be read.
    public init(runs: Int?, seed: UInt64?, jobs: Int?, scenario: Scenario?) {
        self.init(
            runs: runs ?? scenario?.runs ?? Scenario.defaultRuns, seed: seed ?? scenario?.seed ?? Scenario.defaultSeed,
            jobs: jobs ?? Self.defaultJobs)
    }

    /// The number of worker threads used by default: the number of active processors.
    public static var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }
}
