public import PBSimulation

/// Renders the result of `pbsim sweep`: one row per value of the parameter.
///
/// ```swift
/// let sweep = try ParameterSweep.run(scenario: scenario, parameter: .lambda, values: [0, 0.5, 1], runs: 200, seed: 1)
/// print(SweepReport.text(sweep))
/// ```
public enum SweepReport {
    /// The regimes a row shows: every regime but the optimum (the yardstick of efficiency), and of
    /// the blends (splits) only the row's own in a blend-weight (split-share) sweep, none otherwise.
    static func shown(_ result: SimulationResult, parameter: SweepParameter) -> [RegimeSummary] {
        result.regimes.filter { regime in
            switch regime.regime {
            case .optimum: false
            case .blend: parameter.isBlendWeight
            case .split: parameter.isSplitShare
            default: true
            }
        }
    }

    /// The metrics a row shows: efficiency and need coverage, or with real ballots voter
    /// satisfaction and exclusion.
    static func metrics(_ result: SimulationResult) -> [Metric] {
        result.realBallots ? [.satisfaction, .exclusion] : [.efficiency, .coverage]
    }

    /// A table with one row per value: for each regime shown, its headline metrics (mean and the
    /// range of the middle 95% of runs).
    ///
    /// - Parameter sweep: A sweep result.
    /// - Returns: The text, ending with a newline.
    public static func text(_ sweep: SweepResult) -> String {
        guard let first = sweep.results.first else { return "" }
        var out = "\(first.scenario): sweep of \(sweep.parameter.description)"
        out += ", \(NumberText.grouped(String(first.runs))) runs per value, seed \(first.seed)\n"
        if sweep.parameter == .participation {
            out += "(participation: a multiplier of every group's rate, each capped at 1)\n"
        }
        out += "\n"
        let regimes = shown(first, parameter: sweep.parameter)
        let metrics = metrics(first)
        var headers = [sweep.parameter.rawValue]
        for regime in regimes {
            for metric in metrics {
                let name =
                    regime.regime.lambda != nil ? "blend" : regime.regime.share != nil ? "split" : regime.regime.title
                headers.append("\(name) \(metric.title)")
            }
        }
        var table = TextTable(headers: headers, alignments: [.left] + headers.dropFirst().map { _ in .right })
        for (value, result) in zip(sweep.values, sweep.results) {
            var row = [NumberText.trimmed(value)]
            for regime in shown(result, parameter: sweep.parameter) {
                for metric in metrics { row.append(SimulationReport.cell(regime, metric)) }
            }
            table.add(row)
        }
        out += table.render(indent: "  ")
        out += "  (ranges: the middle 95% of runs)\n"
        if let reason = sweep.unchangedReason {
            out += "\n" + TextWrap.wrap("Every row is the same: \(reason).", width: 88, indent: "  ")
        }
        return out
    }

    /// `parameter,value,regime,metric,mean,lo,hi,sd,runs`: every measure of `pbsim simulate --format csv`
    /// for every value.
    ///
    /// - Parameter sweep: A sweep result.
    /// - Returns: The CSV text, ending with a newline.
    public static func csv(_ sweep: SweepResult) -> String {
        var out = "parameter,value,regime,metric,mean,lo,hi,sd,runs\n"
        for (value, result) in zip(sweep.values, sweep.results) {
            let prefix = "\(sweep.parameter.rawValue),\(SimulationReport.number(value)),"
            for line in SimulationReport.csv(result).split(separator: "\n").dropFirst() {
                out += prefix + line + "\n"
            }
        }
        return out
    }

    /// `{"scenario", "parameter", "seed", "runs", "rows": [{"value": v, "regimes": {…}, "example_run": {…}}]}`,
    /// each row's regimes as in `pbsim simulate --format json`.
    ///
    /// - Parameter sweep: A sweep result.
    /// - Returns: The document.
    public static func json(_ sweep: SweepResult) -> JSONValue {
        let first = sweep.results.first
        let rows: [JSONValue] = zip(sweep.values, sweep.results).map { value, result in
            let document = SimulationReport.json(result)
            var pairs: [(String, JSONValue)] = [("value", .double(value))]
            if case .object(let fields) = document {
                pairs += fields.filter { $0.0 == "voters" || $0.0 == "regimes" || $0.0 == "example_run" }
            }
            return .object(pairs)
        }
        return .object([
            ("scenario", .string(first?.scenario ?? "")),
            ("parameter", .string(sweep.parameter.rawValue)),
            ("scaled", .bool(sweep.parameter.scales)),
            ("unchanged", sweep.unchangedReason.map(JSONValue.string) ?? .null),
            ("seed", .number(String(first?.seed ?? 0))),
            ("runs", .int(first?.runs ?? 0)),
            ("rows", .array(rows)),
        ])
    }
}
