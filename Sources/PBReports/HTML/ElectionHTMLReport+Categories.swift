import Foundation
import PBModel
import PBRules

extension ElectionPage {
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
}
