import Foundation
import PBModel
import PBRules

extension ElectionPage {
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
}
