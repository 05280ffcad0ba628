import Benchmark
import BenchmarkSupport
import PBAnalysis
import PBModel
import PBRules

// The outcome measures of `pbsim analyze`, by family.
// * The expensive families (priceability, EJR/PJR, MES analytics) on the outcomes of greedy-cost and
//   mes-cost of every election where pabutools 1.2.3 timed priceability: its seconds per call are in
//   ../shared/oracle-analysis/<instance>.json, and `Benchmarks/analysis_vs_pabutools.py` puts them beside
//   these results. Names are "<family>@<instance>(<voters>x<projects>)/<rule>".
// * EJR/PJR and priceability on large elections where pabutools does not finish, with analyze's default
//   limit of 10 s, so they measure the time to decide or to give up.
// * The linear-time families on the small, medium and largest elections.
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
    let timedByPabutools = [
        "poland_warszawa_2017_sadul", "poland_warszawa_2017_zerzen", "poland_gdansk_2020_krakowiec-gorki-zachodnie",
        "poland_gdansk_2020_matarnia", "poland_warszawa_2017_piaski",
        "poland_warszawa_2017_targowek-fabryczny-elsnerow-i-utrata",
        "poland_katowice_2020_brynow-czesc-wschodnia-osiedle-zgrzebnioka", "poland_warszawa_2017_kamionek",
        "poland_czestochowa_2020_kiedrzyn", "poland_czestochowa_2020_trzech-wieszczow",
    ]
    let large = ["poland_warszawa_2021_mokotow", "poland_warszawa_2020_praga-poludnie", "poland_katowice_2020_"]
    func add(_ label: String, _ families: Set<MeasureFamily>, _ name: String, _ election: Election, rule: RuleName) {
        let title = BenchmarkInstance.name(label, election: election, instance: name) + "/\(rule.rawValue)"
        let limit: Double = large.contains(name) ? 10 : 60
        Benchmark(title) { (benchmark: Benchmark, prepared: (profile: AnalysisProfile, selected: [Int])) in
            let options = AnalysisOptions(timeLimit: limit, families: families)
            for _ in benchmark.scaledIterations {
                blackHole(
                    OutcomeAnalysis.measures(
                        prepared.profile, selected: prepared.selected, rule: rule, options: options))
            }
        } setup: {
            let profile = try! AnalysisProfile(election)
            return (profile: profile, selected: try! Rules.run(rule, on: profile.instance).selected)
        }
    }
    var seen: Set<String> = []
    for name in timedByPabutools + large + BenchmarkInstance.all.map(\.name) where seen.insert(name).inserted {
        guard let election = PabulibFiles.election(name) else {
            print("Analysis: \(name) not found; skipped.\n\(PabulibFiles.report())")
            continue
        }
        if timedByPabutools.contains(name) {
            for rule in [RuleName.greedyCost, .mesCost] {
                for (label, families) in expensive where label != "mes-analytics" || rule == .mesCost {
                    add(label, families, name, election, rule: rule)
                }
            }
        } else if large.contains(name) {
            add("ejr-pjr", [.justifiedRepresentation], name, election, rule: .greedyCost)
            add("priceable", [.priceability], name, election, rule: .greedyCost)
        } else {
            add("satisfaction-fairness", MeasureFamily.cheap, name, election, rule: .greedyCost)
        }
    }
}
