import Foundation
public import PBModel
public import PBRules

/// The HTML report of a real election (`pbsim report ELECTION.pb`): the rules side by side on one
/// self-contained page.
///
/// Its sections: a plain-language summary; the rules side by side (which projects each funds, and how
/// much of the budget it uses); the distribution of voter satisfaction under each rule; spend by
/// category and by target group when the file has those columns; and a map of the projects coloured
/// by outcome when it has coordinates.
///
/// ```swift
/// let election = try PabulibReader.read(path: "poland_warszawa_2017_wars.pb")
/// let outcomes = try [RuleName.greedyCost, .phragmen].map { try Rules.run($0, on: election) }
/// let html = ElectionHTMLReport.render(
///     election: election, file: "poland_warszawa_2017_wars.pb", outcomes: outcomes,
///     currency: ElectionHTMLReport.currencyCode(of: election))
/// ```
public enum ElectionHTMLReport {
    /// The currency of an election's amounts: META `currency` when present, else the usual currency of
    /// its `country` (see ``CurrencyText/code(forCountry:)``), else none.
    ///
    /// - Parameter election: The election.
    /// - Returns: An ISO 4217 code, or an empty string.
    public static func currencyCode(of election: Election) -> String {
        if let code = election.metaValue("currency"), !code.isEmpty { return code }
        if let country = election.metaValue("country"), let code = CurrencyText.code(forCountry: country) {
            return code
        }
        return ""
    }

    /// A short name of a rule for legends: `greedy`, `Equal Shares + Add1 + greedy`, `Phragmén`.
    public static func shortTitle(_ rule: RuleName) -> String {
        switch rule {
        case .greedyCost: "greedy by votes"
        case .greedyCard: "greedy by votes per cost"
        case .maxWelfareCost: "maximum welfare"
        case .mesCost: "Equal Shares"
        case .mesCard: "Equal Shares (count)"
        case .mesBorda: "Equal Shares (Borda)"
        case .mesCostAdd1: "Equal Shares + Add1"
        case .mesCostAdd1Greedy: "Equal Shares + Add1 + greedy"
        case .phragmen: "Phragmén"
        case .maximinSupport: "maximin support"
        case .pbEar: "PB-EAR"
        case .cstvEwt: "CSTV (EWT)"
        case .cstvEwtc: "CSTV (EWTC)"
        case .cstvMt: "CSTV (MT)"
        case .cstvMtc: "CSTV (MTC)"
        }
    }

    /// ``shortTitle(_:)`` for ballots of `voteType` (greedy is by points or Borda score per cost there).
    public static func shortTitle(_ rule: RuleName, voteType: VoteType) -> String {
        guard rule == .greedyCost else { return shortTitle(rule) }
        switch voteType {
        case .approval: return shortTitle(rule)
        case .cumulative, .scoring: return "greedy by points per cost"
        case .ordinal: return "greedy by Borda score per cost"
        }
    }

    /// ``explanation(_:)`` for ballots of `voteType`.
    static func explanation(_ rule: RuleName, voteType: VoteType) -> String {
        guard rule == .greedyCost else { return explanation(rule) }
        switch voteType {
        case .approval:
            return explanation(rule)
        case .cumulative, .scoring:
            return "Greedy by points per cost funds projects in order of the points they received per unit of cost, "
                + "skipping any that no longer fit the budget."
        case .ordinal:
            return "Greedy by Borda score per cost funds projects in order of their Borda score (a project ranked "
                + "k-th of n earns n − k points from that voter) per unit of cost, skipping any that no longer fit the budget."
        }
    }

    /// How a rule decides, in one plain sentence.
    static func explanation(_ rule: RuleName) -> String {
        switch rule {
        case .greedyCost:
            "Greedy by votes funds the projects with the most votes, in that order, skipping any that no longer fit the budget."
        case .greedyCard:
            "Greedy by votes per cost funds projects in order of votes per unit of cost while money lasts."
        case .maxWelfareCost:
            "Maximum welfare funds the combination of projects that gives voters the most money spent on projects they chose."
        case .mesCost, .mesCard, .mesBorda:
            "The Method of Equal Shares gives every voter an equal share of the budget to spend on projects they "
                + "voted for; a project is funded when its supporters can pay for it together, so groups of voters "
                + "get projects in proportion to their size."
        case .mesCostAdd1:
            "Equal Shares + Add1 raises every voter's share step by step until the budget is used as far as the method allows."
        case .mesCostAdd1Greedy:
            "Equal Shares + Add1 + greedy runs the Method of Equal Shares (each voter gets an equal share of the "
                + "budget to spend on projects they voted for, raised step by step to use the budget), then spends "
                + "any money left on the most-voted projects that still fit."
        case .maximinSupport:
            "Maximin support funds, one at a time, the project whose cost can be shared among the supporters of "
                + "everything funded so far with the smallest largest share any voter pays."
        case .cstvEwt, .cstvEwtc, .cstvMt, .cstvMtc:
            "Cumulative Support Transfer Voting turns each voter's points into donations from an equal share of "
                + "the budget; a project whose donations cover its cost is funded and the surplus moves to the "
                + "donors' other projects, and when none is covered, money moves from the weakest projects."
        case .pbEar:
            "PB-EAR lowers the bar step by step down voters' rankings and funds a project as soon as the voters "
                + "ranking it high enough carry its share of the budget; those voters then lose that much weight."
        case .phragmen:
            "Phragmén lets voters earn money at an equal rate; a project is bought as soon as its supporters "
                + "have earned its cost, which spreads the load evenly among them."
        }
    }

    /// The bins of the satisfaction histogram.
    static let satisfactionBins = ["none", "1–20%", "21–40%", "41–60%", "61–80%", "81–99%", "all"]

    /// The bin of a voter's satisfaction in `[0, 1]`.
    static func satisfactionBin(_ x: Double) -> Int {
        if x <= 1e-12 { return 0 }
        if x >= 1 - 1e-12 { return 6 }
        return min(5, max(1, Int((x * 5 - 1e-12).rounded(.up))))
    }

    /// Each voter's satisfaction with a selection: the share of their approved (or ranked) projects
    /// that are funded, or with points, the share of their points on funded projects. Voters with an
    /// empty ballot are left out (`nil`).
    ///
    /// - Parameters:
    ///   - election: The election.
    ///   - selection: The funded projects.
    /// - Returns: One value per voter, `nil` for an empty ballot.
    public static func voterSatisfaction(_ election: Election, selection: [Int]) -> [Double?] {
        var funded = [Bool](repeating: false, count: election.projects.count)
        for p in selection where p < funded.count { funded[p] = true }
        let ballots = election.ballots
        let usePoints = election.voteType.hasPoints
        return (0..<ballots.count).map { v -> Double? in
            let projects = ballots.projects(of: v)
            guard !projects.isEmpty else { return nil }
            if usePoints {
                let points = ballots.points(of: v)
                var total = 0.0
                var hit = 0.0
                for (p, amount) in zip(projects, points) {
                    let value = amount.doubleValue
                    total += value
                    if funded[Int(p)] { hit += value }
                }
                if total > 0 { return hit / total }
            }
            let hits = projects.reduce(0) { $0 + (funded[Int($1)] ? 1 : 0) }
            return Double(hits) / Double(projects.count)
        }
    }

    /// Renders the page.
    ///
    /// - Parameters:
    ///   - election: The election.
    ///   - file: The `.pb` file's path, as the user gave it.
    ///   - outcomes: One outcome per rule compared, in report order.
    ///   - currency: The ISO 4217 code of its amounts (empty for plain numbers).
    /// - Returns: The HTML document.
    public static func render(election: Election, file: String, outcomes: [Outcome], currency: String) -> String {
        let context = ElectionContext(election: election, file: file, outcomes: outcomes, currency: currency)
        let sections = [
            HTMLSection(id: "summary", heading: "Summary", body: context.summarySection()),
            HTMLSection(id: "rules", heading: "Rules side by side", body: context.rulesSection()),
            HTMLSection(id: "satisfaction", heading: "Voter satisfaction", body: context.satisfactionSection()),
            HTMLSection(
                id: "category", heading: "Spend by category",
                body: context.breakdownSection(column: "category", noun: "category")),
            HTMLSection(
                id: "target", heading: "Spend by target group",
                body: context.breakdownSection(column: "target", noun: "target group")),
            HTMLSection(id: "map", heading: "Project locations", body: context.mapSection()),
            HTMLSection(id: "about", heading: "How this report was made", body: context.aboutSection()),
        ]
        let title = election.metaValue("description") ?? file
        let subtitle =
            "\(Markup.escape(context.money.format(election.budget.doubleValue))) budget · "
            + "\(election.projects.count) projects · \(NumberText.grouped(String(election.voterCount))) voters · "
            + "\(Markup.escape(election.voteType.rawValue)) ballots"
        let footer =
            "Made by pbsim from <code>\(Markup.escape(file))</code> with the rules "
            + outcomes.map { "<code>\(Markup.escape($0.rule.rawValue))</code>" }.joined(separator: ", ")
            + ", computed exactly as pabutools 1.2.3 does."
        return HTMLPage(title: title, subtitle: subtitle, sections: sections, footer: footer).render()
    }
}

// MARK: - The page's content

private struct ElectionContext {
    let election: Election
    let file: String
    let outcomes: [Outcome]
    let money: CurrencyText
    let votes: [Int]
    /// Per rule, each voter's satisfaction (`nil` for empty ballots).
    let satisfaction: [[Double?]]
    /// Per rule, which projects it funds.
    let funded: [[Bool]]
    let budget: Double

    init(election: Election, file: String, outcomes: [Outcome], currency: String) {
        self.election = election
        self.file = file
        self.outcomes = outcomes
        money = CurrencyText(code: currency)
        votes = election.supportCounts()
        satisfaction = outcomes.map { ElectionHTMLReport.voterSatisfaction(election, selection: $0.selected) }
        funded = outcomes.map { outcome in
            var set = [Bool](repeating: false, count: election.projects.count)
            for p in outcome.selected where p < set.count { set[p] = true }
            return set
        }
        budget = election.budget.doubleValue
    }

    func style(_ r: Int) -> SeriesStyle { .palette(r) }
    func name(_ r: Int) -> String { ElectionHTMLReport.shortTitle(outcomes[r].rule, voteType: election.voteType) }

    func projectName(_ p: Int) -> String {
        let name = election.projectField("name", of: p) ?? ""
        return name.isEmpty ? "project \(election.projects[p].id)" : name
    }

    func cost(_ p: Int) -> Double { election.projects[p].cost.doubleValue }

    func spent(_ r: Int) -> Double { outcomes[r].selected.reduce(0) { $0 + cost($1) } }

    static func percent(_ x: Double, _ decimals: Int = 0) -> String {
        x.isFinite ? NumberText.percent(x, decimals: decimals) : "n/a"
    }

    /// The share of voters (with a non-empty ballot) with at least one choice funded, and the mean satisfaction.
    func satisfactionSummary(_ r: Int) -> (someFunded: Double, mean: Double, voters: Int) {
        let values = satisfaction[r].compactMap { $0 }
        guard !values.isEmpty else { return (.nan, .nan, 0) }
        let some = values.filter { $0 > 1e-12 }.count
        return (Double(some) / Double(values.count), values.reduce(0, +) / Double(values.count), values.count)
    }

    var satisfactionNoun: String {
        switch election.voteType {
        case .approval: "share of the projects they voted for that are funded"
        case .cumulative, .scoring: "share of their points given to funded projects"
        case .ordinal: "share of the projects they ranked that are funded"
        }
    }

    // MARK: Summary

    func summarySection() -> String {
        var lead =
            "\(NumberText.grouped(String(election.voterCount))) residents cast \(election.voteType.rawValue) ballots on "
            + "\(election.projects.count) projects competing for \(money.format(budget))"
        if let unit = election.metaValue("unit") {
            lead += " in \(unit)"
            if let sub = election.metaValue("subunit"), !sub.isEmpty { lead += " (\(sub))" }
        }
        if let year = election.metaValue("instance") { lead += ", \(year)" }
        lead +=
            ". This page shows what \(outcomes.count == 1 ? "one counting rule" : "\(outcomes.count) counting rules") "
        lead += "would fund with the same votes."
        var out = HTMLPage.paragraph(lead, classes: "lead")
        if let rule = election.metaValue("rule"), !rule.isEmpty {
            out += HTMLPage.paragraph("The rule the city used, as recorded in the file: \(rule).")
        }
        out += HTMLPage.list(outcomes.map { ElectionHTMLReport.explanation($0.rule, voteType: election.voteType) })
        out += HTMLPage.cards(
            outcomes.indices.map { r in
                let s = satisfactionSummary(r)
                return (
                    title: name(r), style: style(r),
                    lines: [
                        ("projects funded", "\(outcomes[r].selected.count) of \(election.projects.count)"),
                        ("budget used", Self.percent(budget > 0 ? spent(r) / budget : .nan)),
                        ("voters with a choice funded", Self.percent(s.someFunded)),
                        ("average satisfaction", Self.percent(s.mean)),
                    ]
                )
            })
        out += "<h3>What came out</h3>"
        for sentence in findings() { out += HTMLPage.paragraph(sentence) }
        return out
    }

    func findings() -> [String] {
        guard !outcomes.isEmpty else { return ["No rule was computed."] }
        var out: [String] = []
        let all = election.projects.indices.filter { p in funded.allSatisfy { $0[p] } }
        let some = election.projects.indices.filter { p in funded.contains { $0[p] } && !funded.allSatisfy { $0[p] } }
        if outcomes.count > 1 {
            var sentence =
                "\(all.count) projects are funded by every rule"
                + (some.isEmpty
                    ? ", and the rules agree on all of them." : "; the rules disagree on \(some.count) more")
            if !some.isEmpty {
                let examples = some.sorted { votes[$0] > votes[$1] }.prefix(3).map { p -> String in
                    let by = outcomes.indices.filter { funded[$0][p] }.map { name($0) }
                    return "\(projectName(p)) (funded by \(ElectionHTMLReport.joined(by)))"
                }
                sentence += ", for example " + ElectionHTMLReport.joined(Array(examples)) + "."
            }
            out.append(sentence)
        }
        for r in outcomes.indices {
            let s = satisfactionSummary(r)
            out.append(
                "With \(name(r)), \(Self.percent(s.someFunded)) of voters see at least one of their choices funded, and "
                    + "the average voter's \(satisfactionNoun) is \(Self.percent(s.mean)).")
        }
        return out
    }

    // MARK: Rules side by side

    func rulesSection() -> String {
        var out = HTMLPage.paragraph(
            "Each bar is the budget; the blocks in it are the projects a rule funds, in the order the rule picks "
                + "them (hover over a block for the project). The dashed line marks the whole budget.")
        let rows = outcomes.indices.map { r in
            StackRow(
                label: name(r), style: style(r),
                segments: outcomes[r].selected.map { p in
                    StackSegment(
                        value: cost(p),
                        tip:
                            "\(projectName(p)): \(money.format(cost(p))), \(NumberText.grouped(String(votes[p]))) votes"
                    )
                },
                note: "\(Self.percent(budget > 0 ? spent(r) / budget : .nan)) · \(outcomes[r].selected.count) projects")
        }
        let chart = Charts.stackedBars(
            id: "rules-budget", title: "Budget used by each rule",
            description:
                "One bar per rule, made of the costs of the projects it funds, against the budget of "
                + "\(money.format(budget)).", rows: rows, total: budget, totalLabel: "budget \(money.compact(budget))",
            format: .money(code: money.code))
        var summary = HTMLTable(
            caption: "Projects funded and budget used by each rule",
            headers: ["rule", "projects funded", "spent", "budget used"], numeric: [1, 2, 3])
        for r in outcomes.indices {
            summary.rows.append([
                HTMLCell(name(r)), HTMLCell(String(outcomes[r].selected.count)), HTMLCell(money.format(spent(r))),
                HTMLCell(Self.percent(budget > 0 ? spent(r) / budget : .nan, 1)),
            ])
        }
        out += HTMLPage.figure(caption: "Budget used by each rule", charts: [chart], table: summary)

        out += "<h3>Which projects each rule funds</h3>"
        let order = election.projects.indices.sorted {
            votes[$0] != votes[$1] ? votes[$0] > votes[$1] : election.projects[$0].id < election.projects[$1].id
        }
        let disputed = order.filter { p in funded.contains { $0[p] } && !funded.allSatisfy { $0[p] } }
        if outcomes.count > 1 {
            let agreed = order.filter { p in funded.allSatisfy { $0[p] } }.count
            out += HTMLPage.paragraph(
                disputed.isEmpty
                    ? "The rules fund exactly the same \(agreed) projects."
                    : "The rules agree on \(agreed) projects and disagree on \(disputed.count); these are listed "
                        + "below, most votes first. Every project is in the full list after them.")
            if !disputed.isEmpty {
                out += "<div class=\"table-scroll\">"
                out += projectTable(disputed, caption: "Projects the rules disagree on, most votes first (✓ = funded)")
                out += "</div>"
            }
        }
        out += "<details class=\"data\"" + (outcomes.count > 1 ? "" : " open") + ">"
        out += "<summary>Every project (\(election.projects.count)), most votes first</summary>"
        out += "<div class=\"table-scroll\">"
        out += projectTable(order, caption: "Every project, most votes first (✓ = funded)") + "</div></details>"
        return out
    }

    /// A table of projects with their cost, votes and a ✓ under each rule that funds them.
    func projectTable(_ projects: [Int], caption: String) -> String {
        var headers = ["project", "cost", "votes"] + outcomes.indices.map { name($0) }
        if outcomes.count > 1 { headers.append("funded by") }
        var table = HTMLTable(
            caption: caption, headers: headers,
            numeric: Set([1, 2] + (outcomes.count > 1 ? [headers.count - 1] : [])), classes: "wide")
        for p in projects {
            var row: [HTMLCell] = [
                .markup(
                    "\(Markup.escape(projectName(p)))<br><span class=\"muted id\">"
                        + "\(Markup.escape(election.projects[p].id))</span>"),
                HTMLCell(money.format(cost(p))), HTMLCell(NumberText.grouped(String(votes[p]))),
            ]
            for r in outcomes.indices {
                row.append(
                    funded[r][p] ? .markup("<span aria-label=\"funded\">✓</span>", classes: "yes") : HTMLCell(""))
            }
            if outcomes.count > 1 {
                let count = outcomes.indices.filter { funded[$0][p] }.count
                row.append(HTMLCell("\(count) of \(outcomes.count)"))
            }
            table.rows.append(row)
        }
        return table.render()
    }

    // MARK: Satisfaction

    func satisfactionSection() -> String {
        var out = HTMLPage.paragraph(
            "How satisfied is each voter? For every voter we take the \(satisfactionNoun), and count how many "
                + "voters fall in each band: from none of their choices funded to all of them. Empty ballots are "
                + "left out.")
        let bins = ElectionHTMLReport.satisfactionBins
        var shares: [[Double]] = []
        for r in outcomes.indices {
            var counts = [Int](repeating: 0, count: bins.count)
            var total = 0
            for value in satisfaction[r] {
                guard let value else { continue }
                counts[ElectionHTMLReport.satisfactionBin(value)] += 1
                total += 1
            }
            shares.append(counts.map { total > 0 ? Double($0) / Double(total) : .nan })
        }
        let top = shares.flatMap { $0 }.filter(\.isFinite).max() ?? 1
        let charts = outcomes.indices.map { r in
            Charts.histogram(
                id: "satisfaction-\(r)", title: name(r),
                description:
                    "Histogram: the share of voters in each band of satisfaction under \(name(r)), from none to all "
                    + "of their choices funded.", bins: bins, values: shares[r], style: style(r),
                format: .percent(decimals: 0), yMax: top, xLabel: "choices funded", width: 360, height: 250)
        }
        var table = HTMLTable(
            caption: "Share of voters by how much of their choice is funded",
            headers: ["choices funded"] + outcomes.indices.map { name($0) }, numeric: Set(1...max(outcomes.count, 1)))
        for (b, bin) in bins.enumerated() {
            table.rows.append([HTMLCell(bin)] + outcomes.indices.map { HTMLCell(Self.percent(shares[$0][b], 1)) })
        }
        table.rows.append(
            [HTMLCell("average")] + outcomes.indices.map { HTMLCell(Self.percent(satisfactionSummary($0).mean, 1)) })
        out += HTMLPage.figure(
            caption: "Voter satisfaction under each rule", charts: charts,
            note: "All charts share one scale. Bars further right mean more voters see more of what they asked for.",
            table: table)
        return out
    }

    // MARK: Category and target

    /// The labels of a comma-separated project column, and each project's labels.
    func labels(column: String) -> (labels: [String], perProject: [[Int]])? {
        guard election.projectFields.columnIndex(column) != nil else { return nil }
        var labels: [String] = []
        var index: [String: Int] = [:]
        var perProject: [[Int]] = []
        for p in election.projects.indices {
            let raw = election.projectField(column, of: p) ?? ""
            var mine: [Int] = []
            for part in raw.split(separator: ",") {
                let label = part.trimmingCharacters(in: .whitespaces)
                guard !label.isEmpty, label.lowercased() != "none" else { continue }
                if index[label] == nil {
                    index[label] = labels.count
                    labels.append(label)
                }
                if !mine.contains(index[label]!) { mine.append(index[label]!) }
            }
            perProject.append(mine)
        }
        return labels.isEmpty ? nil : (labels, perProject)
    }

    func breakdownSection(column: String, noun: String) -> String {
        guard let (labels, perProject) = labels(column: column) else {
            return HTMLPage.paragraph("This file does not give projects a \(noun), so there is nothing to show here.")
        }
        // Votes and spend are shared equally among a project's labels.
        var voteShare = [Double](repeating: 0, count: labels.count)
        var unlabelledVotes = 0.0
        for p in election.projects.indices {
            if perProject[p].isEmpty {
                unlabelledVotes += Double(votes[p])
                continue
            }
            for l in perProject[p] { voteShare[l] += Double(votes[p]) / Double(perProject[p].count) }
        }
        let totalVotes = voteShare.reduce(0, +) + unlabelledVotes
        voteShare = voteShare.map { totalVotes > 0 ? $0 / totalVotes : .nan }
        var spendShare: [[Double]] = []
        var unlabelledSpend: [Double] = []
        for r in outcomes.indices {
            var spend = [Double](repeating: 0, count: labels.count)
            var none = 0.0
            for p in outcomes[r].selected {
                if perProject[p].isEmpty {
                    none += cost(p)
                    continue
                }
                for l in perProject[p] { spend[l] += cost(p) / Double(perProject[p].count) }
            }
            let total = spend.reduce(0, +) + none
            spendShare.append(spend.map { total > 0 ? $0 / total : .nan })
            unlabelledSpend.append(total > 0 ? none / total : .nan)
        }
        let order = labels.indices.sorted { voteShare[$0] > voteShare[$1] }
        var categories = order.map { labels[$0] }
        var reference = order.map { BarValue(voteShare[$0]) }
        var series = outcomes.indices.map { r in
            BarSeries(name: name(r), style: style(r), values: order.map { BarValue(spendShare[r][$0]) })
        }
        let hasUnlabelled = unlabelledVotes > 0 || unlabelledSpend.contains { $0 > 0 }
        if hasUnlabelled {
            categories.append("(none listed)")
            reference.append(BarValue(totalVotes > 0 ? unlabelledVotes / totalVotes : .nan))
            for r in outcomes.indices { series[r].values.append(BarValue(unlabelledSpend[r])) }
        }
        let chart = Charts.groupedBars(
            id: "spend-\(column)", title: "Spend by \(noun) under each rule",
            description:
                "Horizontal bars: for each \(noun), its share of the votes and its share of the money spent under "
                + ElectionHTMLReport.joined(outcomes.indices.map { name($0) }) + ".",
            categories: categories,
            series: [BarSeries(name: "share of votes", style: .reference, values: reference)] + series,
            format: .percent(decimals: 0))
        var table = HTMLTable(
            caption: "Share of votes and of spend by \(noun)",
            headers: [noun, "share of votes"] + outcomes.indices.map { name($0) },
            numeric: Set(1...(outcomes.count + 1)))
        for (k, label) in categories.enumerated() {
            table.rows.append(
                [HTMLCell(label), HTMLCell(Self.percent(reference[k].value, 1))]
                    + series.map { HTMLCell(Self.percent($0.values[k].value, 1)) })
        }
        var out = HTMLPage.paragraph(
            "Where does the money go, by \(noun)? A project listed under several \(noun == "category" ? "categories" : "target groups") "
                + "counts equally towards each. The grey hatched bar is the \(noun)'s share of all votes cast "
                + "(each vote for a project shared the same way): spend that follows the votes has bars of similar length."
        )
        out += HTMLPage.figure(
            caption: "Spend by \(noun) under each rule, beside its share of the votes", charts: [chart], table: table)
        return out
    }

    // MARK: Map

    func mapSection() -> String {
        var points: [(p: Int, lat: Double, lon: Double)] = []
        for p in election.projects.indices {
            guard let latText = election.projectField("latitude", of: p),
                let lonText = election.projectField("longitude", of: p),
                let lat = Double(latText.trimmingCharacters(in: .whitespaces)),
                let lon = Double(lonText.trimmingCharacters(in: .whitespaces)), lat.isFinite, lon.isFinite,
                abs(lat) <= 90, abs(lon) <= 180
            else { continue }
            points.append((p, lat, lon))
        }
        guard !points.isEmpty else {
            return HTMLPage.paragraph("This file gives no coordinates for its projects, so there is no map.")
        }
        let located = points.count
        let outliers = Self.outliers(points.map { ($0.lat, $0.lon) })
        let strays = outliers.map { points[$0].p }
        points = points.indices.filter { !outliers.contains($0) }.map { points[$0] }
        let single = outcomes.count <= 1
        let groups = [
            ScatterGroup(
                name: single ? "funded" : "funded by every rule",
                style: SeriesStyle(colour: "#009E73", marker: .circle)),
            ScatterGroup(
                name: "funded by some rules", style: SeriesStyle(colour: "#E69F00", marker: .triangle)),
            ScatterGroup(
                name: single ? "not funded" : "funded by no rule", style: SeriesStyle(colour: "#5A5A5A", marker: .ring),
                hollow: true),
        ]
        func group(_ p: Int) -> Int {
            let count = outcomes.indices.filter { funded[$0][p] }.count
            if count == outcomes.count && count > 0 { return 0 }
            return count == 0 ? 2 : 1
        }
        let meanLat = points.map(\.lat).reduce(0, +) / Double(points.count)
        // Only the outcomes that occur get a legend entry.
        let used = groups.indices.filter { g in points.contains { group($0.p) == g } }
        let slot = Dictionary(uniqueKeysWithValues: used.enumerated().map { ($1, $0) })
        let scatter = points.map { point in
            let by = outcomes.indices.filter { funded[$0][point.p] }.map { name($0) }
            return ScatterPoint(
                x: point.lon, y: point.lat, group: slot[group(point.p)] ?? 0,
                tip:
                    "\(projectName(point.p)): \(money.format(cost(point.p))), \(NumberText.grouped(String(votes[point.p]))) "
                    + "votes; " + (by.isEmpty ? "not funded" : "funded by " + ElectionHTMLReport.joined(by)))
        }
        let chart = Charts.scatter(
            id: "map", title: "Project locations by outcome",
            description:
                "A map of \(points.count) projects by longitude and latitude; filled circles are funded by every rule, "
                + "triangles by some, hollow circles by none.", points: scatter, groups: used.map { groups[$0] },
            xLabel: "longitude (°E)", yLabel: "latitude (°N)", format: .number(decimals: 3),
            aspect: 1 / cos(meanLat * Double.pi / 180))
        var table = HTMLTable(
            caption: "Project locations and outcomes", headers: ["project", "latitude", "longitude", "outcome"],
            numeric: [1, 2])
        for point in points.sorted(by: { votes[$0.p] > votes[$1.p] }) {
            table.rows.append([
                HTMLCell(projectName(point.p)), HTMLCell(String(point.lat)), HTMLCell(String(point.lon)),
                HTMLCell(groups[group(point.p)].name),
            ])
        }
        var out = HTMLPage.paragraph(
            "Where are the funded projects? Each mark is a project at its coordinates (north up, distances to "
                + "scale); the shape and colour say which rules fund it.")
        if located < election.projects.count {
            out += HTMLPage.paragraph(
                "\(election.projects.count - located) of \(election.projects.count) projects have no coordinates "
                    + "and are not shown.", classes: "note")
        }
        if !strays.isEmpty {
            out += HTMLPage.paragraph(
                "Not shown because their coordinates lie far from all the others (probably an error in the file): "
                    + ElectionHTMLReport.joined(strays.map { projectName($0) }) + ".", classes: "note")
        }
        out += HTMLPage.figure(caption: "Project locations coloured by outcome", charts: [chart], table: table)
        return out
    }

    /// The points far from the rest: more than five times the median distance from the median point,
    /// and more than 2 km away (a stray coordinate would otherwise shrink every other point to a dot).
    static func outliers(_ points: [(lat: Double, lon: Double)]) -> Set<Int> {
        guard points.count >= 5 else { return [] }
        func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            let mid = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        }
        let lat0 = median(points.map(\.lat))
        let lon0 = median(points.map(\.lon))
        let kmPerDegree = 111.2
        let shrink = cos(lat0 * Double.pi / 180)
        let distances = points.map { point -> Double in
            let dy = (point.lat - lat0) * kmPerDegree
            let dx = (point.lon - lon0) * kmPerDegree * shrink
            return (dx * dx + dy * dy).squareRoot()
        }
        let limit = max(5 * median(distances), 2)
        return Set(distances.indices.filter { distances[$0] > limit })
    }

    // MARK: About

    func aboutSection() -> String {
        var out = HTMLPage.paragraph(
            "To make this page again: pbsim report \(file) -o report.html --rules "
                + outcomes.map(\.rule.rawValue).joined(separator: ","))
        out += HTMLPage.paragraph(
            "The rules are computed exactly as pabutools 1.2.3 computes them, on the ballots in the file. "
                + "Voter satisfaction here is the \(satisfactionNoun); \"voters with a choice funded\" counts voters "
                + "with at least one. Amounts are in \(money.name)"
                + (election.metaValue("currency") == nil && !money.code.isEmpty ? " (inferred from the country)." : ".")
        )
        out += HTMLPage.paragraph(
            "Colours follow the Okabe–Ito palette, which people with the common forms of colour blindness can tell "
                + "apart; bars also carry patterns and map marks differ in shape, so the charts survive greyscale "
                + "printing. Every chart has its numbers in a table below it.")
        return out
    }
}

extension ElectionHTMLReport {
    /// `a`, `a and b`, `a, b and c`.
    static func joined(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }
}
