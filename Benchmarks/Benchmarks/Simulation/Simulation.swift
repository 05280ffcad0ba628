import Benchmark
import BenchmarkSupport
import PBScenario
import PBSimulation

// The co-production simulator on two shipped scenarios (MODEL.md v2, issue 14's speed goals):
// `riverside` (9 groups, 18 proposals, ~1,900 voters per run) on one thread, to read runs per
// CPU-second (goal: at least 700), and `city-scale` (100 groups, 300 proposals, ~50,000 voters per
// run) on two threads, to read runs per second (goal: at least 8). Each iteration is a batch of runs
// (riverside 100, city-scale 8), with rule sensitivity on (the default) and, for riverside, off.
// Loading and the simulator's set-up (world arrays, the optimum) are in setup, outside the measurement.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal],
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 20,
        thresholds: SuiteConfiguration.thresholds
    )
    func simulator(_ name: String, ruleSensitivity: Bool = true) -> Simulator {
        let path = PabulibFiles.checkout.appendingPathComponent("Scenarios/\(name).yaml").path
        return try! Simulator(scenario: try! Scenario.load(path: path), file: path, ruleSensitivity: ruleSensitivity)
    }
    Benchmark("simulate@riverside(100 runs,1 job)") { benchmark, simulator in
        for _ in benchmark.scaledIterations {
            blackHole(simulator.run(runs: 100, seed: 42, jobs: 1))
        }
    } setup: {
        simulator("riverside")
    }
    Benchmark("simulate@riverside(100 runs,1 job,no rule sensitivity)") { benchmark, simulator in
        for _ in benchmark.scaledIterations {
            blackHole(simulator.run(runs: 100, seed: 42, jobs: 1))
        }
    } setup: {
        simulator("riverside", ruleSensitivity: false)
    }
    Benchmark("simulate@city-scale(8 runs,2 jobs)") { benchmark, simulator in
        for _ in benchmark.scaledIterations {
            blackHole(simulator.run(runs: 8, seed: 7, jobs: 2))
        }
    } setup: {
        simulator("city-scale")
    }
    Benchmark("simulate@city-scale(8 runs,2 jobs,no rule sensitivity)") { benchmark, simulator in
        for _ in benchmark.scaledIterations {
            blackHole(simulator.run(runs: 8, seed: 7, jobs: 2))
        }
    } setup: {
        simulator("city-scale", ruleSensitivity: false)
    }
}
