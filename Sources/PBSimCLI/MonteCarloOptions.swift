import ArgumentParser
import PBSimulation
import PBWorkbench

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

    /// What to run `input` with: each option as given, else the scenario's runs and seed, and every core.
    func settings(for input: ScenarioInput) -> RunSettings {
        input.settings(runs: runs, seed: seed, jobs: jobs)
    }
}

/// Loads a scenario (and its election, if it has real ballots), turning its errors into `error: …`
/// lines and exit status 1.
func loadScenario(_ path: String) throws -> ScenarioInput {
    do {
        return try ScenarioInput.load(path: path)
    } catch {
        throw failure(error.description)
    }
}
