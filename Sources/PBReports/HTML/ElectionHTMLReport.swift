import Foundation
import PBAnalysis
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

    /// Renders the page.
    ///
    /// - Parameters:
    ///   - election: The election.
    ///   - file: The `.pb` file's path, as the user gave it.
    ///   - outcomes: One outcome per rule compared, in report order.
    ///   - currency: The ISO 4217 code of its amounts (empty for plain numbers).
    /// - Returns: The HTML document.
    ///
    /// With `weighting`, the subtitle and the footer say how the rules weighted the voters (the charts
    /// count each voter once).
    public static func render(
        election: Election, file: String, outcomes: [Outcome], currency: String, weighting: VoterWeighting? = nil
    ) -> String {
        let context = ElectionPage(election: election, file: file, outcomes: outcomes, currency: currency)
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
            + (weighting.map { " · weighted voters (\(Markup.escape($0.summary)))" } ?? "")
        let footer =
            "Made by pbsim from <code>\(Markup.escape(file))</code> with the rules "
            + outcomes.map { "<code>\(Markup.escape($0.rule.rawValue))</code>" }.joined(separator: ", ")
            + ", computed exactly as pabutools 1.2.3 does"
            + (weighting.map {
                " on weighted voters (\(Markup.escape($0.summary))); the votes, satisfaction and charts count "
                    + "each voter once."
            } ?? ".")
        return HTMLPage(title: title, subtitle: subtitle, sections: sections, footer: footer).render()
    }
}

// MARK: - The page's content

struct ElectionPage {
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
        satisfaction = outcomes.map { VoterSatisfaction.shareFunded(election, selection: $0.selected) }
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
