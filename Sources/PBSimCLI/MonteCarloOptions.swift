import ArgumentParser
import PBScenario
import PBSimulation

/// The Monte Carlo options shared by `simulate`, `sweep` and `report` (for scenarios).
struct MonteCarloOptions: ParsableArguments {
    @Option(help: "Monte Carlo runs, per value in a sweep (default: the scenario's `runs`).")
    var runs: Int?

    @Option(help: "Master seed (default: the scenario's `seed`).")
    var seed: UInt64?

    @Option(help: "Worker threads (default: every core).")
    var jobs: Int?

    func validate() throws {
        if let runs, runs < 1 { throw ValidationError("--runs must be at least 1") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    /// Whether any of the options was given.
    var isGiven: Bool { runs != nil || seed != nil || jobs != nil }

    /// What to run `scenario` with: each option as given, else the scenario's runs and seed, and
    /// every core.
    func resolved(for scenario: Scenario) -> (runs: Int, seed: UInt64, jobs: Int) {
        (runs ?? scenario.runs, seed ?? scenario.seed, jobs ?? Simulator.defaultJobs)
    }
}

/// Loads a scenario, turning its validation errors into `error: …` lines and exit status 1.
func loadScenario(_ path: String) throws -> Scenario {
    do {
        return try Scenario.load(path: path)
    } catch {
        throw failure(error.description)
    }
}
