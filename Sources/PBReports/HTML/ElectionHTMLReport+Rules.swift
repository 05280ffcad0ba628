import Foundation
import PBModel
import PBRules

extension ElectionPage {
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
}
