import ArgumentParser
import PBScenario
import PBSimulation
import PBWorkbench

/// The Monte Carlo options shared by `simulate`, `sweep` and `report` (for scenarios).
struct MonteCarloOptions: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: "Monte Carlo runs, per value in a sweep, 1 to 100000 (default: the scenario's `runs`).")
    var runs: Int?

    @Option(parsing: .unconditional, help: "Master seed (default: the scenario's `seed`).")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Worker threads, at most the number of cores (default: every core).")
    var jobs: Int?

    func validate() throws {
        try validateRuns(runs)
        try validateJobs(jobs)
    }

    /// Whether any of the options was given.
    var isGiven: Bool { runs != nil || seed != nil || jobs != nil }

    /// What to run `input` with: each option as given, else the scenario's runs and seed, and every core
    /// (a `--jobs` above the cores is capped at them).
    func settings(for input: ScenarioInput) -> RunSettings {
        input.settings(runs: runs, seed: seed, jobs: threads(jobs))
    }
}

/// Refuses a `--runs` outside the range of a scenario's `runs` (the same table, ``FieldRange``).
func validateRuns(_ runs: Int?) throws {
    guard let runs else { return }
    let range = FieldRange.of("runs")
    if !range.contains(Double(runs)) { throw ValidationError("--runs must be \(range.phrase), got \(runs)") }
}

/// Refuses a `--jobs` below 1.
func validateJobs(_ jobs: Int?) throws {
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
}

/// The worker threads for `--jobs`: every core by default; more than the cores only costs memory (each
/// thread holds its own buffers), so a larger value is capped at the cores, with a warning.
func threads(_ jobs: Int?) -> Int {
    let cores = RunSettings.defaultJobs
    guard let jobs else { return cores }
    if jobs > cores {
        warning("--jobs \(jobs): using \(cores) threads, the number of cores (more threads only cost memory)")
        return cores
    }
    return jobs
}

/// Loads a scenario (and its election, if it has real ballots), turning its errors into `error: …`
/// lines and exit status 1.
func loadScenario(_ path: String) throws -> ScenarioInput {
    let input: ScenarioInput
    do {
        input = try ScenarioInput.load(path: path)
    } catch {
        throw failure(error.description)
    }
    for w in input.weightingWarnings { warning(w) }
    return input
}
