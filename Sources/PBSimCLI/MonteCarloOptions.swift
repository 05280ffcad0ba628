import ArgumentParser
import PBScenario

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
}

/// Loads a scenario, turning its validation errors into `error: …` lines and exit status 1.
func loadScenario(_ path: String) throws -> Scenario {
    do {
        return try Scenario.load(path: path)
    } catch {
        throw failure(error.description)
    }
}
