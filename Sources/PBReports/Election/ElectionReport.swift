public import PBModel
public import PBRules

/// Renders rule outcomes on an election as text tables and JSON.
public enum ElectionReport {
    /// A short human description of each rule variant.
    public static func title(_ rule: RuleName) -> String {
        switch rule {
        case .greedyCost: return "greedy by votes (cost satisfaction)"
        case .greedyCard: return "greedy by votes per unit of cost"
        case .maxWelfareCost: return "exact maximum welfare (cost satisfaction)"
        case .mesCost: return "Method of Equal Shares (cost satisfaction)"
        case .mesCard: return "Method of Equal Shares (cardinality satisfaction)"
        case .mesBorda: return "Method of Equal Shares (Borda satisfaction)"
        case .mesCostAdd1: return "Method of Equal Shares, Add1 completion"
        case .mesCostAdd1Greedy: return "Method of Equal Shares, Add1 then greedy completion"
        case .phragmen: return "sequential Phragmén"
        case .maximinSupport: return "maximin support (generalised sequential Phragmén)"
        case .cstvEwt: return "CSTV, greedy by excess, elimination with transfers"
        case .cstvEwtc: return "CSTV, greedy by support over cost, elimination with transfers"
        case .cstvMt: return "CSTV, greedy by excess, minimal transfer"
        case .cstvMtc: return "CSTV, greedy by support over cost, minimal transfer"
        case .pbEar: return "PB-EAR (inclusion-PSC on rankings)"
        }
    }

    /// The description of `rule` on ballots of `voteType`: `greedy-cost` is greedy by votes on approval
    /// ballots, by points per unit of cost on cumulative and scoring ballots, and by Borda score per
    /// unit of cost on ordinal ballots (pabutools' `greedy_utilitarian_welfare` with the vote type's
    /// satisfaction).
    public static func title(_ rule: RuleName, voteType: VoteType) -> String {
        guard rule == .greedyCost else { return title(rule) }
        switch voteType {
        case .approval: return title(rule)
        case .cumulative, .scoring: return "greedy by points per unit of cost"
        case .ordinal: return "greedy by Borda score per unit of cost"
        }
    }

    static func header(file: String, election: Election, weighting: VoterWeighting? = nil) -> String {
        let name = election.metaValue("description") ?? file
        return
            "\(name)\n\(file): \(election.voteType.rawValue) ballots, \(NumberText.grouped(String(election.voterCount))) voters, \(election.projects.count) projects, budget \(NumberText.grouped(election.budget.description))\n"
            + (weighting.map { "Weighted voters: \($0.summary) (the votes column counts each voter once)\n" } ?? "")
    }

    /// Amount in the instance's units as exact decimal text.
    static func amountText(_ units: Int64, scale: Int) -> String {
        Amount(significand: units, scale: scale).description
    }

    /// The header of ``csvRows(file:election:outcomes:scale:weighting:)``: with weighted voters, a
    /// last column `weighting` says how they were weighted (unweighted output keeps its columns).
    public static func csvHeader(weighted: Bool) -> String {
        "file,rule,position,project,name,cost,votes" + (weighted ? ",weighting" : "") + "\n"
    }

    /// One row per funded project and rule, in selection order (`position` from 1); `cost` is exact,
    /// `votes` counts each voter once; with `weighting`, its summary in a last column.
    public static func csvRows(
        file: String, election: Election, outcomes: [Outcome], scale: Int, weighting: VoterWeighting? = nil
    ) -> String {
        let votes = election.supportCounts()
        var out = ""
        for outcome in outcomes {
            for (i, p) in outcome.selected.enumerated() {
                let cells =
                    [
                        file, outcome.rule.rawValue, String(i + 1), election.projects[p].id,
                        election.projectField("name", of: p) ?? "", election.projects[p].cost.description,
                        String(votes[p]),
                    ] + (weighting.map { [$0.summary] } ?? [])
                out += cells.map(SimulationReport.csvField).joined(separator: ",") + "\n"
            }
        }
        return out
    }

    /// The funded projects of one rule: id, name, cost and votes, then budget use; with `weighting`,
    /// a line saying how the voters were weighted.
    public static func text(
        file: String, election: Election, outcome: Outcome, scale: Int, weighting: VoterWeighting? = nil
    ) -> String {
        var out = header(file: file, election: election, weighting: weighting)
        out += "Rule: \(outcome.rule.rawValue), \(title(outcome.rule, voteType: election.voteType))\n\n"
        let votes = election.supportCounts()
        var table = TextTable(
            headers: ["#", "id", "name", "cost", "votes"], alignments: [.right, .left, .left, .right, .right])
        for (i, p) in outcome.selected.enumerated() {
            let name = election.projectField("name", of: p) ?? ""
            table.add([
                String(i + 1), election.projects[p].id, clip(name, 44),
                NumberText.grouped(election.projects[p].cost.description), NumberText.grouped(String(votes[p])),
            ])
        }
        out += outcome.selected.isEmpty ? "  (no project funded)\n" : table.render(indent: "  ")
        let budget = election.budget.doubleValue
        let spent = Amount(significand: outcome.costUnits, scale: scale)
        out += "\nFunded \(outcome.selected.count) of \(election.projects.count) projects, "
        out += "\(NumberText.grouped(spent.description)) of \(NumberText.grouped(election.budget.description)) "
        out += "(\(NumberText.percent(budget > 0 ? spent.doubleValue / budget : 0)) of the budget)\n"
        if !outcome.mesRounds.isEmpty {
            out +=
                "\nMES rounds (ρ = price per unit of satisfaction; payers who gave their whole remaining budget in brackets):\n"
            if weighting != nil {
                out += "(weighted voters: ρ and the share per voter of weight 1, payers as their total weight)\n"
            }
            let unit = weightUnit(weighting)
            var rounds = TextTable(
                headers: ["round", "id", "ρ", "max share", weighting == nil ? "payers" : "payers' weight"],
                alignments: [.right, .left, .right, .right, .right])
            for (i, r) in outcome.mesRounds.enumerated() {
                let payers =
                    weighting == nil
                    ? "\(r.payers) (\(r.payersCapped))"
                    : "\(NumberText.grouped(Double(r.payers) / unit, decimals: 2)) "
                        + "(\(NumberText.grouped(Double(r.payersCapped) / unit, decimals: 2)))"
                rounds.add([
                    String(i + 1), election.projects[r.project].id, String(format6: r.rho * unit),
                    NumberText.grouped(r.maxPayment * unit / pow10(scale), decimals: 2), payers,
                ])
            }
            out += rounds.render(indent: "  ")
        }
        if let inc = outcome.add1Increment, inc > 0 {
            out += "\nAdd1: voter budgets were raised by \(amountText(inc, scale: scale)) each.\n"
        }
        if !outcome.steps.isEmpty {
            out += "\nSteps (the project chosen among the candidates of each step):\n"
            var steps = TextTable(
                headers: ["step", "id", "", "candidates"], alignments: [.right, .left, .left, .left])
            for (i, s) in outcome.steps.enumerated() {
                steps.add([
                    String(i + 1), s.project.map { election.projects[$0].id } ?? "-", s.note,
                    clip(s.candidates.map { election.projects[$0].id }.joined(separator: " "), 60),
                ])
            }
            out += steps.render(indent: "  ")
        }
        return out
    }

    /// Every applicable rule side by side: one row per project funded by any of them; with `weighting`,
    /// a line saying how the voters were weighted.
    public static func comparisonText(
        file: String, election: Election, outcomes: [Outcome], scale: Int, weighting: VoterWeighting? = nil
    ) -> String {
        var out = header(file: file, election: election, weighting: weighting) + "\n"
        let votes = election.supportCounts()
        var funded = Set<Int>()
        for o in outcomes { funded.formUnion(o.selected) }
        let rows = funded.sorted {
            votes[$0] != votes[$1] ? votes[$0] > votes[$1] : election.projects[$0].id < election.projects[$1].id
        }
        let short: [RuleName: String] = [
            .greedyCost: "greedy", .greedyCard: "g-card", .maxWelfareCost: "maxW", .mesCost: "MES",
            .mesCard: "MES-c", .mesBorda: "MES-B", .mesCostAdd1: "MES+1", .mesCostAdd1Greedy: "MES+1g",
            .phragmen: "Phrag", .maximinSupport: "maximin",
            .pbEar: "EAR", .cstvEwt: "EWT", .cstvEwtc: "EWTC", .cstvMt: "MT", .cstvMtc: "MTC",
        ]
        var headers = ["id", "name", "cost", "votes"]
        var align: [TextTable.Alignment] = [.left, .left, .right, .right]
        for o in outcomes {
            headers.append(short[o.rule] ?? o.rule.rawValue)
            align.append(.left)
        }
        var table = TextTable(headers: headers, alignments: align)
        let sets = outcomes.map { Set($0.selected) }
        for p in rows {
            var row = [
                election.projects[p].id, clip(election.projectField("name", of: p) ?? "", 34),
                NumberText.grouped(election.projects[p].cost.description), NumberText.grouped(String(votes[p])),
            ]
            for s in sets { row.append(s.contains(p) ? "x" : "") }
            table.add(row)
        }
        out += table.render(indent: "  ")
        out += "\n"
        var summary = TextTable(
            headers: ["rule", "funded", "cost", "budget used"], alignments: [.left, .right, .right, .right])
        let budget = election.budget.doubleValue
        for o in outcomes {
            let spent = Amount(significand: o.costUnits, scale: scale)
            summary.add([
                o.rule.rawValue, String(o.selected.count), NumberText.grouped(spent.description),
                NumberText.percent(budget > 0 ? spent.doubleValue / budget : 0),
            ])
        }
        out += summary.render(indent: "  ")
        out +=
            "\n  x = funded. Legend: "
            + outcomes.map { "\(short[$0.rule] ?? "") = \($0.rule.rawValue)" }.joined(separator: ", ") + "\n"
        return out
    }

    /// `{"file", "rule", "budget", "cost", "selected", ...}` for one outcome; with `weighting`, a
    /// `"weighting"` member saying how the voters were weighted.
    public static func json(
        file: String, election: Election, outcome: Outcome, scale: Int, weighting: VoterWeighting? = nil
    ) -> JSONValue {
        let ids = outcome.selected.map { election.projects[$0].id }
        var pairs: [(String, JSONValue)] = [
            ("file", .string(file)),
            ("rule", .string(outcome.rule.rawValue)),
            ("vote_type", .string(election.voteType.rawValue)),
            ("voters", .int(election.voterCount)),
            ("projects", .int(election.projects.count)),
            ("budget", .number(election.budget.description)),
            ("cost", .number(amountText(outcome.costUnits, scale: scale))),
            (
                "selected",
                .array(ids.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map { .string($0) })
            ),
            ("selection_order", .array(ids.map { .string($0) })),
            ("exact_fallback", .bool(outcome.usedExactArithmetic)),
        ]
        if let weighting { pairs.append(("weighting", .string(weighting.summary))) }
        if let inc = outcome.add1Increment { pairs.append(("add1_increment", .number(amountText(inc, scale: scale)))) }
        if !outcome.steps.isEmpty {
            let steps: [JSONValue] = outcome.steps.map { s in
                .object([
                    ("project", s.project.map { .string(election.projects[$0].id) } ?? .null),
                    ("candidates", .array(s.candidates.map { .string(election.projects[$0].id) })),
                    ("note", .string(s.note)),
                ])
            }
            pairs.append(("steps", .array(steps)))
        }
        if !outcome.mesRounds.isEmpty {
            pairs.append(
                (
                    "rounds",
                    .array(
                        outcome.mesRounds.map { r in
                            // NB: with weighted voters, per voter of weight 1 and payers as their weight.
                            let unit = weightUnit(weighting)
                            var o: [(String, JSONValue)] = [
                                ("project", .string(election.projects[r.project].id)),
                                ("rho", .double(r.rho * unit)),
                                ("max_payment", .double(r.maxPayment * unit / pow10(scale))),
                                (
                                    "payers",
                                    weighting == nil ? .int(r.payers) : .double(Double(r.payers) / unit)
                                ),
                                (
                                    "payers_capped",
                                    weighting == nil ? .int(r.payersCapped) : .double(Double(r.payersCapped) / unit)
                                ),
                            ]
                            if !r.payments.isEmpty {
                                let idColumn = election.voterFields.columnIndex("voter_id")
                                o.append(
                                    (
                                        "payments",
                                        .array(
                                            r.payments.map { pay in
                                                .object([
                                                    (
                                                        "voter",
                                                        .string(
                                                            idColumn.map { election.voterFields[pay.voter, $0] }
                                                                ?? String(pay.voter))
                                                    ),
                                                    ("amount", .double(pay.amount / pow10(scale))),
                                                ])
                                            })
                                    ))
                            }
                            return .object(o)
                        })
                ))
        }
        return .object(pairs)
    }

    /// One voter of weight 1 in the weight units of MES rounds: 10^6 with a weighting (real weights are
    /// kept to 10^-6 of a voter), else 1.
    static func weightUnit(_ weighting: VoterWeighting?) -> Double {
        weighting == nil ? 1 : pow10(VoterWeights.realScale)
    }

    static func clip(_ s: String, _ n: Int) -> String {
        s.count <= n ? s : String(s.prefix(n - 1)) + "…"
    }

    static func pow10(_ k: Int) -> Double {
        var r = 1.0
        for _ in 0..<k { r *= 10 }
        return r
    }
}

extension String {
    /// Six significant digits.
    init(format6 x: Double) {
        guard x.isFinite, x != 0 else { self = x == 0 ? "0" : "\(x)"; return }
        var p = 1.0
        var m = 0
        var v = abs(x)
        while v >= 10 { v /= 10; m += 1 }
        while v < 1 { v *= 10; m -= 1 }
        let digits = 5 - m
        if digits > 0 {
            for _ in 0..<digits { p *= 10 }
            self = "\((x * p).rounded() / p)"
        } else {
            self = "\(x.rounded())"
        }
    }
}

extension ElectionReport {
    /// The irresolute outcomes of a rule as text: one line per funded set (ids in selection order, cost).
    public static func irresoluteText(
        file: String, election: Election, rule: RuleName, result: Irresolute.Result, instance: RuleInstance
    ) -> String {
        var out = header(file: file, election: election)
        out += "Rule: \(rule.rawValue), \(title(rule)), every tie-breaking order\n\n"
        var table = TextTable(headers: ["#", "funded (selection order)", "cost"], alignments: [.right, .left, .right])
        for (i, o) in result.outcomes.enumerated() {
            table.add([
                String(i + 1), o.map { election.projects[$0].id }.joined(separator: " "),
                NumberText.grouped(amountText(instance.cost(of: o), scale: instance.scale)),
            ])
        }
        out += table.render(indent: "  ")
        out +=
            result.complete
            ? "\n\(result.outcomes.count) distinct outcome(s); the search is complete.\n"
            : "\nStopped at --limit \(result.outcomes.count): there may be more outcomes.\n"
        return out
    }

    /// `{"file", "rule", "complete", "outcomes": [{"selected", "selection_order", "cost"}]}`.
    public static func irresoluteJSON(
        file: String, election: Election, rule: RuleName, result: Irresolute.Result, instance: RuleInstance
    ) -> JSONValue {
        let outcomes: [JSONValue] = result.outcomes.map { o in
            let ids = o.map { election.projects[$0].id }
            return .object([
                (
                    "selected",
                    .array(ids.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map { .string($0) })
                ),
                ("selection_order", .array(ids.map { .string($0) })),
                ("cost", .number(amountText(instance.cost(of: o), scale: instance.scale))),
            ])
        }
        return .object([
            ("file", .string(file)), ("rule", .string(rule.rawValue)), ("irresolute", .bool(true)),
            ("complete", .bool(result.complete)), ("outcomes", .array(outcomes)),
        ])
    }
}
