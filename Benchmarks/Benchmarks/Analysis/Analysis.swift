import Benchmark
import BenchmarkSupport
import PBAnalysis
import PBModel
import PBRules

// The outcome measures of `pbsim analyze` on the mes-cost outcome, by family, on elections where
// pabutools' analysis finishes (its seconds are in ../shared/oracle-analysis/<instance>.json and in
// the issue-12 note) and, for the linear-time families, on the small, medium and largest elections.
// Names are "<family>@<instance>(<voters>x<projects>)". The expensive families run with a 60 s
// limit, so on the largest elections they measure the time to decide or to give up.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: SuiteConfiguration.metrics,
        warmupIterations: 1,
        maxDuration: .seconds(2),
        maxIterations: 20,
        thresholds: SuiteConfiguration.thresholds
    )
    let expensive: [(String, Set<MeasureFamily>)] = [
        ("priceable", [.priceability]), ("ejr-pjr", [.justifiedRepresentation]), ("mes-analytics", [.mesAnalytics]),
    ]
    let decided = ["poland_warszawa_2017_sadul", "poland_czestochowa_2020_kiedrzyn", "poland_warszawa_2017_kamionek"]
    let cheap = BenchmarkInstance.all.map(\.name)
    for name in decided + cheap {
        guard let election = PabulibFiles.election(name) else {
            print("Analysis: \(name) not found; skipped.\n\(PabulibFiles.report())")
            continue
        }
        let families = (decided.contains(name) ? expensive : []) + [("satisfaction-fairness", MeasureFamily.cheap)]
        for (label, family) in families {
            Benchmark(BenchmarkInstance.name(label, election: election, instance: name)) { benchmark, prepared in
                let options = AnalysisOptions(timeLimit: 60, families: family)
                for _ in benchmark.scaledIterations {
                    blackHole(
                        OutcomeAnalysis.measures(
                            prepared.profile, selected: prepared.selected, rule: .mesCost, options: options))
                }
            } setup: {
                let profile = try! AnalysisProfile(election)
                return (profile: profile, selected: try! Rules.run(.mesCost, on: profile.instance).selected)
            }
        }
    }
}
