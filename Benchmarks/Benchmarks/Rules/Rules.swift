import Benchmark
import BenchmarkSupport
import PBModel
import PBRules

/// Stable display names: baselines and thresholds are keyed on them.
let ruleTitles: [RuleName: String] = [
    .greedyCost: "Greedy cost",
    .greedyCard: "Greedy card",
    .maxWelfareCost: "Max welfare cost",
    .mesCost: "MES cost",
    .mesCard: "MES card",
    .mesCostAdd1: "MES cost Add1",
    .mesCostAdd1Greedy: "MES cost Add1 greedy",
    .phragmen: "Phragmen",
]

// Every rule variant alone on a small, a medium and the largest election: parsing and the
// RuleInstance are done in setup, outside the measurement. Names are "<rule> <instance> (<voters>
// voters x <projects> projects)", so that each time reads against the instance's size.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: SuiteConfiguration.metrics,
        warmupIterations: 1,
        maxDuration: .seconds(2),
        maxIterations: 100,
        thresholds: SuiteConfiguration.thresholds
    )
    for instance in BenchmarkInstance.all {
        guard let election = PabulibFiles.election(instance.name) else {
            print("Rules: \(instance.name) not found; skipped.\n\(PabulibFiles.report())")
            continue
        }
        let size = BenchmarkInstance.size(of: election)
        for rule in RuleName.allCases where Rules.applies(rule, to: election.voteType) {
            Benchmark("\(ruleTitles[rule]!) \(instance.name) (\(size))") { benchmark, prepared in
                for _ in benchmark.scaledIterations {
                    blackHole(try! Rules.run(rule, on: prepared))
                }
            } setup: {
                PabulibFiles.prepared(instance.name)!.instance
            }
        }
    }
}
