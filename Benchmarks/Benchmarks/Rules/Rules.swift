import Benchmark
import BenchmarkSupport
import PBModel
import PBRules

// Every rule variant alone on a small, a medium and the largest election: parsing and the
// RuleInstance are done in setup, outside the measurement. Names are "<rule>@<instance>(<voters>x<projects>)",
// e.g. "mes-cost@poland_warszawa_2021_mokotow(12933x98)", with the rule as `pbsim elect --rule` spells
// it, so that each time reads against the instance's size; see BenchmarkInstance.name(_:election:instance:bytes:).
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
        for rule in RuleName.allCases where Rules.applies(rule, to: election.voteType) {
            Benchmark(BenchmarkInstance.name(rule.rawValue, election: election, instance: instance.name)) { benchmark, prepared in
                for _ in benchmark.scaledIterations {
                    blackHole(try! Rules.run(rule, on: prepared))
                }
            } setup: {
                PabulibFiles.prepared(instance.name)!.instance
            }
        }
    }
}
