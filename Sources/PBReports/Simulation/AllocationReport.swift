import PBScenario
public import PBSimulation
import PBSupport

/// Renders the result of `pbsim allocate` (MODEL.md section 4) as text for people, JSON and CSV.
///
/// ```swift
/// let report = try EnvelopeAllocator.allocate(scenario: scenario, seed: 42, runs: 500)
/// print(AllocationReport.text(report))
/// print(AllocationReport.json(report).text())
/// ```
///
/// Every number comes from the report; key order and number formatting are fixed, so equal
/// reports give byte-identical output.
public enum AllocationReport {
    private typealias Regime = EnvelopeAllocationReport.Regime

    // MARK: - Text

    /// The report for people: a table of spend per domain under each regime (mean and the range
    /// of the middle 95 % of runs, and the share of the budget) beside each domain's share of
    /// need and its envelope, the divergence from need, and notes.
    ///
    /// - Parameter report: An allocation report.
    /// - Returns: The text, ending with a newline.
    public static func text(_ report: EnvelopeAllocationReport) -> String {
        var out = "\(report.scenario)\n"
        out +=
            "Split of \(report.currency) \(NumberText.grouped(report.total)) across \(report.domains.count) domains: "
        out += "\(NumberText.grouped(String(report.runs))) runs, seed \(report.seed)\n"
        out += "Each regime weighs the domains by its view of the needs and spends where the weighted worth\n"
        out += "w·s·log(1 + x/s) gains most, within the domain envelopes (MODEL.md section 4).\n\n"
        out += "Spend per domain (mean, with the range of the middle 95% of runs) and its share of the budget:\n\n"

        var headers = ["domain", "need", "envelope"]
        var alignments: [TextTable.Alignment] = [.left, .right, .left]
        for regime in Regime.allCases {
            headers += [regime.title, "share"]
            alignments += [.right, .right]
        }
        var table = TextTable(headers: headers, alignments: alignments)
        for domain in report.domains {
            var row = [domain.id.rawValue, percent(domain.needShare), envelope(domain)]
            for regime in Regime.allCases {
                guard let spend = domain.spend[regime] else {
                    row += ["-", "-"]
                    continue
                }
                row.append(regime == .perfectInformation ? amount(spend.mean) : amountWithRange(spend))
                row.append(percent(spend.mean / report.total))
            }
            table.add(row)
        }
        table.add(summaryRow("divergence", report.divergence, format: decimal))
        table.add(summaryRow("efficiency (true value)", report.efficiency, format: percent))
        // NB: the divergence row leaves the share columns empty; drop the padding they leave.
        for line in table.render(indent: "  ").split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            var trimmed = Substring(line)
            while trimmed.last == " " { trimmed = trimmed.dropLast() }
            out += trimmed + "\n"
        }

        out += "\nNotes:\n"
        out += "  need: the domain's share of total need (people times need); divergence: half the sum over\n"
        out += "  domains of |share of the budget − share of need| (0 = spend follows need exactly); it describes\n"
        out += "  a split, it does not judge it. Efficiency: the split's true value (true needs, diminishing\n"
        out += "  returns) over the best split's. Ranges hold the middle 95% of runs, not of the mean.\n"
        if !report.ignoredEnvelopes.isEmpty {
            let text =
                "District envelopes do not bound a split by domain and are not applied: "
                + report.ignoredEnvelopes.joined(separator: "; ") + "."
            out += TextWrap.wrap(text, width: 96, indent: "  ")
        }
        for (regime, cost) in report.processCost.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let text =
                "The \(regime.title) process costs \(report.currency) \(NumberText.grouped(cost)) "
                + "(\(percent(cost / report.total)) of the budget: process cost and outreach): it splits the rest, "
                + "and its efficiency counts the loss."
            out += TextWrap.wrap(text, width: 96, indent: "  ")
        }
        if !report.notApplied.isEmpty {
            let text =
                "Not applied to a split by domain (they act on funded proposals, which a split does not choose): "
                + report.notApplied.joined(separator: ", ") + "; `pbsim simulate` models them."
            out += TextWrap.wrap(text, width: 96, indent: "  ")
        }
        out += "  Solver check: GSL's minimiser agrees with closed-form water-filling to "
        out += "\(scientific(report.solverDeviation)) of the budget.\n"
        let ranked = Regime.allCases.compactMap { regime in report.efficiency[regime].map { (regime, $0.mean) } }
            .sorted { $0.1 > $1.1 }
        if ranked.count == Regime.allCases.count {
            out += "\nIn plain words:\n"
            let others = ranked.filter { $0.0 != .perfectInformation }
            let sentence =
                "Measured on the true needs, the split made with \(others[0].0.title) knowledge reaches "
                + "\(percent(others[0].1)) of the best split's value, and with \(others[1].0.title) knowledge "
                + "\(percent(others[1].1)) (means over runs). Closeness to need shares is not a measure of quality: "
                + "with diminishing returns the best split does not follow need shares."
            out += TextWrap.wrap(sentence, width: 96, indent: "  ")
        }
        return out
    }

    // MARK: - JSON

    /// The JSON document:
    /// `{"scenario", "currency", "budget", "seed", "runs", "domains": [{"id", "need_share",
    /// "saturation", "min", "max"}], "regimes": {regime: {"spend": {domain: {"mean", "lo", "hi",
    /// "sd", "runs"}}, "share": {domain: mean share of the budget}, "divergence": {…}, "efficiency":
    /// {…} (true value over the true optimum's, MODEL.md section 4), "distance": {…} (from the true
    /// optimal split, as a share of the budget)}},
    /// "ignored_envelopes": [text], "solver_deviation": x}`, with `"process_cost": {regime: amount}`
    /// and `"not_applied": [field]` when the scenario has a process cost or mechanisms a split does not
    /// model.
    ///
    /// Regimes are keyed `service-led`, `co-produced` and `perfect-information`; a missing
    /// `min` or `max` is `null`.
    ///
    /// - Parameter report: An allocation report.
    /// - Returns: The document.
    public static func json(_ report: EnvelopeAllocationReport) -> JSONValue {
        let domains = report.domains.map { domain -> JSONValue in
            .object([
                ("id", .string(domain.id.rawValue)),
                ("need_share", .double(domain.needShare)),
                ("saturation", .double(domain.saturation)),
                ("min", domain.minimum.map(JSONValue.double) ?? .null),
                ("max", domain.maximum.map(JSONValue.double) ?? .null),
            ])
        }
        let regimes = Regime.allCases.map { regime -> (String, JSONValue) in
            let spend = report.domains.map { domain in
                (domain.id.rawValue, domain.spend[regime].map(summaryJSON) ?? .null)
            }
            let share = report.domains.map { domain in
                (domain.id.rawValue, domain.spend[regime].map { JSONValue.double($0.mean / report.total) } ?? .null)
            }
            return (
                regime.rawValue,
                .object([
                    ("spend", .object(spend)),
                    ("share", .object(share)),
                    ("divergence", report.divergence[regime].map(summaryJSON) ?? .null),
                    ("efficiency", report.efficiency[regime].map(summaryJSON) ?? .null),
                    ("distance", report.distance[regime].map(summaryJSON) ?? .null),
                ])
            )
        }
        var top: [(String, JSONValue)] = [
            ("scenario", .string(report.scenario)),
            ("currency", .string(report.currency)),
            ("budget", .double(report.total)),
            ("seed", .number(String(report.seed))),
            ("runs", .int(report.runs)),
            ("domains", .array(domains)),
            ("regimes", .object(regimes)),
            ("ignored_envelopes", .array(report.ignoredEnvelopes.map(JSONValue.string))),
            ("solver_deviation", .double(report.solverDeviation)),
        ]
        // NB: only when used, so that the output of every scenario without them is unchanged.
        if !report.processCost.isEmpty {
            top.append(
                (
                    "process_cost",
                    .object(
                        report.processCost.sorted { $0.key.rawValue < $1.key.rawValue }.map {
                            ($0.key.rawValue, .double($0.value))
                        })
                ))
        }
        if !report.notApplied.isEmpty { top.append(("not_applied", .array(report.notApplied.map(JSONValue.string)))) }
        return .object(top)
    }

    // MARK: - CSV

    /// One row per regime and domain (`measure` = `spend`, amounts in the currency), then one per
    /// regime for the divergence from need (`measure` = `divergence`, domain columns empty).
    ///
    /// Columns: `regime,measure,domain,need_share,min,max,mean,lo,hi,sd,share`; empty fields for
    /// values that do not apply.
    ///
    /// - Parameter report: An allocation report.
    /// - Returns: The CSV text, ending with a newline.
    public static func csv(_ report: EnvelopeAllocationReport) -> String {
        var out = "regime,measure,domain,need_share,min,max,mean,lo,hi,sd,share\n"
        for regime in Regime.allCases {
            for domain in report.domains {
                guard let s = domain.spend[regime] else { continue }
                let fields = [
                    regime.rawValue, "spend", CSVText.field(domain.id.rawValue), number(domain.needShare),
                    domain.minimum.map(number) ?? "", domain.maximum.map(number) ?? "", number(s.mean),
                    number(s.lo), number(s.hi), number(s.sd), number(s.mean / report.total),
                ]
                out += fields.joined(separator: ",") + "\n"
            }
        }
        for (measure, summaries) in [
            ("divergence", report.divergence), ("efficiency", report.efficiency), ("distance", report.distance),
        ] {
            for regime in Regime.allCases {
                guard let d = summaries[regime] else { continue }
                let fields = [
                    regime.rawValue, measure, "", "", "", "", number(d.mean), number(d.lo), number(d.hi),
                    number(d.sd), "",
                ]
                out += fields.joined(separator: ",") + "\n"
            }
        }
        return out
    }

    // MARK: - Formatting

    private static func summaryJSON(_ s: MetricSummary) -> JSONValue {
        .object([
            ("mean", .double(s.mean)), ("lo", .double(s.lo)), ("hi", .double(s.hi)), ("sd", .double(s.sd)),
            ("runs", .int(s.count)),
        ])
    }

    /// A number as JSON writes it, or an empty field for NaN and infinities.
    private static func number(_ x: Double) -> String {
        x.isFinite ? JSONValue.double(x).text() : ""
    }

    /// `≥ 100,000`, `≤ 300,000`, `100,000–300,000` or `-`.
    private static func envelope(_ domain: EnvelopeAllocationReport.Domain) -> String {
        switch (domain.minimum, domain.maximum) {
        case (let min?, let max?): "\(amount(min))–\(amount(max))"
        case (let min?, nil): "≥ \(amount(min))"
        case (nil, let max?): "≤ \(amount(max))"
        case (nil, nil): "-"
        }
    }

    private static func amount(_ x: Double) -> String {
        x.isNaN ? "-" : NumberText.grouped(x)
    }

    /// `412,300 (380,100–440,200)`.
    private static func amountWithRange(_ s: MetricSummary) -> String {
        "\(amount(s.mean)) (\(amount(s.lo))–\(amount(s.hi)))"
    }

    /// A table row of one summary per regime: the mean, with the range of runs except for perfect
    /// information (one value), and an empty share column after each regime.
    private static func summaryRow(
        _ label: String, _ summaries: [Regime: MetricSummary], format: (Double) -> String
    ) -> [String] {
        var row = [label, "", ""]
        for regime in Regime.allCases {
            guard let s = summaries[regime] else {
                row += ["-", ""]
                continue
            }
            row.append(
                regime == .perfectInformation ? format(s.mean) : "\(format(s.mean)) (\(format(s.lo))–\(format(s.hi)))")
            row.append("")
        }
        return row
    }

    private static func percent(_ x: Double) -> String {
        x.isNaN ? "-" : NumberText.percent(x, decimals: 1)
    }

    private static func decimal(_ x: Double) -> String {
        x.isNaN ? "-" : NumberText.grouped(x, decimals: 3)
    }

    /// `3e-10`, or `0` (for the solver check, where only the order of magnitude matters).
    private static func scientific(_ x: Double) -> String {
        guard x > 0 else { return "0" }
        guard x.isFinite else { return "-" }
        var exponent = 0
        var mantissa = x
        while mantissa < 1 {
            mantissa *= 10
            exponent -= 1
        }
        while mantissa >= 10 {
            mantissa /= 10
            exponent += 1
        }
        var digit = Int(mantissa.rounded())
        if digit == 10 {
            digit = 1
            exponent += 1
        }
        return exponent == 0 ? "\(digit)" : "\(digit)e\(exponent)"
    }
}
