public import PBSimulation
import PBSupport

/// Renders the result of `pbsim simulate` as text for people, JSON and CSV.
///
/// ```swift
/// let result = simulator.run(runs: 500, seed: 42)
/// print(SimulationReport.text(result, scenario: scenario))
/// print(SimulationReport.json(result).text())
/// ```
///
/// Every number comes from the result; key order and number formatting are fixed, so equal results
/// give byte-identical output.
public enum SimulationReport {
    // MARK: - JSON

    /// The metrics in the order the JSON lists them, then the others.
    static let metricOrder: [Metric] = [
        .efficiency, .welfare, .coverage, .gini, .exclusion, .budgetUse, .realisedBudgetUse, .overspend,
        .satisfaction, .ejr, .worstGroup, .seldomHeard, .leftBehind, .unspent, .deliveryFailures, .deliveredWelfare,
        .processCost,
    ]

    /// The JSON document: `{"scenario", "seed", "runs", …, "regimes": {key: {metric: {mean, lo, hi, sd}}},
    /// "example_run": {key: [ids]}}`.
    ///
    /// Per regime, first its `label` for people, then the metrics of ``Metric`` that apply, as objects
    /// `{"mean", "lo", "hi", "sd", "se", "runs"}` (`lo` and `hi` bound the central 95% of run
    /// outcomes, `se` is the standard error of the mean), except `overspend`, written as
    /// `"overspend_probability": p`, and `ejr`, written as
    /// `{"share": p, "violations": v, "undetermined": u, "runs": n}`. Then `coverage_by_group` (world
    /// scenarios: need met per group), `spend` (per breakdown: `divergence`, and per category the
    /// `spend` share summary beside the `need` share), `funding_probability` (proposal id -> share of
    /// runs that fund it) and, for the co-produced regime, `rule_sensitivity` (rule -> the same
    /// metrics, from the same ballots counted with that rule).
    ///
    /// - Parameter result: A simulation result.
    /// - Returns: The document.
    public static func json(_ result: SimulationResult) -> JSONValue {
        var top: [(String, JSONValue)] = [
            ("scenario", .string(result.scenario)),
            ("seed", .number(String(result.seed))),
            ("runs", .int(result.runs)),
            ("currency", .string(result.currency)),
            ("budget", .double(result.budget)),
            ("real_ballots", .bool(result.realBallots)),
            ("ballot", .string(result.ballotKind)),
            ("voters", summaryJSON(result.voters)),
        ]
        top.append(("regimes", .object(result.regimes.map { ($0.regime.key, regimeJSON($0, result: result)) })))
        let example = result.exampleRun
        top.append(
            (
                "example_run",
                .object(
                    result.regimes.indices.map {
                        (result.regimes[$0].regime.key, .array(example[$0].map { .string($0) }))
                    })
            ))
        return .object(top)
    }

    /// `{"mean", "lo", "hi", "sd", "se", "runs"}` of a summary (NaN as null).
    static func summaryJSON(_ s: MetricSummary) -> JSONValue {
        .object([
            ("mean", .double(s.mean)), ("lo", .double(s.lo)), ("hi", .double(s.hi)), ("sd", .double(s.sd)),
            ("se", .double(s.se)), ("runs", .int(s.count)),
        ])
    }

    static func regimeJSON(_ regime: RegimeSummary, result: SimulationResult) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("label", .string(regime.regime.label))]
        pairs += metricsJSON(regime.metrics, regime: regime)
        if !result.groupIDs.isEmpty {
            pairs.append(
                (
                    "coverage_by_group",
                    .object(
                        result.groupIDs.indices.map { (result.groupIDs[$0], summaryJSON(regime.coverageByGroup[$0])) })
                ))
        }
        var spend: [(String, JSONValue)] = []
        for (b, breakdown) in result.breakdowns.enumerated() {
            var shares: [(String, JSONValue)] = []
            for (l, label) in breakdown.labels.enumerated() {
                shares.append(
                    (
                        label,
                        .object([
                            ("spend", summaryJSON(regime.spendShares[b][l])),
                            ("need", .double(breakdown.needShares[l])),
                        ])
                    ))
            }
            spend.append(
                (
                    breakdown.name,
                    .object([("divergence", summaryJSON(regime.divergence[b])), ("shares", .object(shares))])
                ))
        }
        pairs.append(("spend", .object(spend)))
        if !regime.fundingProbability.isEmpty {
            pairs.append(
                (
                    "funding_probability",
                    .object(
                        result.proposalIDs.indices.map {
                            (result.proposalIDs[$0], .double(regime.fundingProbability[$0]))
                        })
                ))
        }
        if !regime.ruleSensitivity.isEmpty {
            pairs.append(
                (
                    "rule_sensitivity",
                    .object(regime.ruleSensitivity.map { ($0.rule, .object(metricsJSON($0.metrics, regime: nil))) })
                ))
        }
        return .object(pairs)
    }

    /// The metric entries of a regime (or of a rule-sensitivity row, `regime` nil: no EJR counts).
    static func metricsJSON(_ metrics: [Metric: MetricSummary], regime: RegimeSummary?) -> [(String, JSONValue)] {
        var pairs: [(String, JSONValue)] = []
        for metric in metricOrder {
            guard let s = metrics[metric] else { continue }
            switch metric {
            case .overspend:
                pairs.append(("overspend_probability", .double(s.mean)))
            case .ejr:
                pairs.append(
                    (
                        "ejr",
                        .object([
                            ("share", .double(s.mean)), ("violations", .int(regime?.ejrViolations ?? 0)),
                            ("undetermined", .int(regime?.ejrUndetermined ?? 0)), ("runs", .int(s.count)),
                        ])
                    ))
            default:
                pairs.append((metric.rawValue, summaryJSON(s)))
            }
        }
        return pairs
    }

    // MARK: - CSV

    /// One row per regime and measure: `regime,metric,mean,lo,hi,sd,runs`.
    ///
    /// Measures are the metrics (by their JSON names), `coverage:<group>` per group (need met),
    /// `spend:<breakdown>:<category>` and `divergence:<breakdown>` per breakdown, `funding:<proposal>`
    /// (the share of runs that fund it, in `mean`), and for the co-produced regime
    /// `rule:<rule>:<metric>` (rule sensitivity); numbers as in JSON, empty where undefined.
    ///
    /// - Parameter result: A simulation result.
    /// - Returns: The CSV text, ending with a newline.
    public static func csv(_ result: SimulationResult) -> String {
        var out = "regime,metric,mean,lo,hi,sd,runs\n"
        for regime in result.regimes {
            func row(_ name: String, _ s: MetricSummary) {
                out +=
                    [
                        csvField(regime.regime.key), csvField(name), number(s.mean), number(s.lo), number(s.hi),
                        number(s.sd), String(s.count),
                    ].joined(separator: ",") + "\n"
            }
            for metric in metricOrder {
                if let s = regime.metrics[metric] { row(metric.rawValue, s) }
            }
            for (g, id) in result.groupIDs.enumerated() { row("coverage:\(id)", regime.coverageByGroup[g]) }
            for (b, breakdown) in result.breakdowns.enumerated() {
                for (l, label) in breakdown.labels.enumerated() {
                    row("spend:\(breakdown.name):\(label)", regime.spendShares[b][l])
                }
                row("divergence:\(breakdown.name)", regime.divergence[b])
            }
            for (j, id) in result.proposalIDs.enumerated() where j < regime.fundingProbability.count {
                let p = regime.fundingProbability[j]
                row("funding:\(id)", MetricSummary(mean: p, lo: .nan, hi: .nan, sd: .nan, count: result.runs))
            }
            for sensitivity in regime.ruleSensitivity {
                for metric in metricOrder {
                    if let s = sensitivity.metrics[metric] { row("rule:\(sensitivity.rule):\(metric.rawValue)", s) }
                }
            }
        }
        return out
    }

    /// A number as JSON writes it, or an empty field for NaN.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        return JSONValue.double(x).text()
    }

    /// A CSV field, quoted when it holds a comma, a quote, a line break or outer spaces (the package's
    /// one CSV quoting, `CSVText.field`).
    public static func csvField(_ s: String) -> String { CSVText.field(s) }

    // MARK: - Formatting

    /// `71.2% (68.0–74.1%)` for shares, `0.213 (0.180–0.250)` for the Gini coefficient.
    static func cell(_ regime: RegimeSummary, _ metric: Metric) -> String {
        guard let s = regime.metrics[metric], !s.mean.isNaN else { return "-" }
        if metric.isIndicator { return percent(s.mean, decimals: 0) }
        if metric == .welfare {
            return "\(NumberText.grouped(s.mean)) (\(NumberText.grouped(s.lo))–\(NumberText.grouped(s.hi)))"
        }
        if metric.isShare { return "\(percent(s.mean, decimals: 1)) (\(range(s, decimals: 1)))" }
        return "\(number(s.mean, decimals: 3)) (\(number(s.lo, decimals: 3))–\(number(s.hi, decimals: 3)))"
    }

    /// `68–74%`.
    static func range(_ s: MetricSummary, decimals: Int) -> String {
        "\(NumberText.grouped(s.lo * 100, decimals: decimals))–\(percent(s.hi, decimals: decimals))"
    }

    static func percent(_ x: Double, decimals: Int) -> String {
        x.isNaN ? "-" : NumberText.percent(x, decimals: decimals)
    }

    static func number(_ x: Double, decimals: Int) -> String {
        x.isNaN ? "-" : NumberText.grouped(x, decimals: decimals)
    }
}

/// Text forms of regime ids.
enum RegimeIDText {
    /// The blend weight of a blend regime, `0.25`.
    static func lambda(_ regime: RegimeID) -> String {
        guard let lambda = regime.lambda else { return "" }
        return NumberText.trimmed(lambda)
    }
}

extension NumberText {
    /// A number in its shortest form, as JSON writes it: `0.3`, `1`, `0.25`.
    static func trimmed(_ x: Double) -> String {
        JSONValue.double(x).text()
    }
}
