import Foundation
import PBAnalysis
import PBModel
import PBReports
import PBRules
import PBScenario
import PBSimulation
import PBWorkbench
import Testing

/// Checks every report page must pass, whatever its content.
enum PageChecks {
    /// Every figure holds a chart and a table; every chart sits in a figure; nothing is fetched.
    static func check(_ html: String, headings: [String]) {
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        let found = Page.headings(html)
        for heading in headings {
            #expect(found.contains(heading), "missing section \(heading); found \(found)")
        }
        let figures = Page.figures(html)
        #expect(!figures.isEmpty)
        for figure in figures {
            #expect(figure.contains("<svg"), "a figure without a chart")
            #expect(figure.contains("<table"), "a figure without a table equivalent")
            #expect(figure.contains("<caption>"), "a table without a caption")
        }
        let charts = Page.count(#"class="chart""#, in: html)
        let chartsInFigures = figures.reduce(0) { $0 + Page.count(#"class="chart""#, in: $1) }
        #expect(charts == chartsInFigures, "every chart must sit in a figure with its table")
        // No external resources: links are in-page anchors only, and nothing is loaded at all.
        for link in Page.links(html) {
            #expect(link.hasPrefix("#"), "external link or resource: \(link)")
            #expect(!link.lowercased().contains("http"))
        }
        #expect(!html.contains("<link"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<script src"))
        #expect(!html.contains("url(http"))
        #expect(html.contains("Content-Security-Policy"))
        // Every svg has a title and a description for screen readers.
        #expect(Page.count("<svg", in: html) == Page.count(#"role="img""#, in: html))
        #expect(!html.contains(">nan<") && !html.contains(">NaN<") && !html.contains("NaN%"))
    }
}

@Suite struct ScenarioHTMLReportTests {
    static let file = Repository.path("Scenarios/riverside.yaml")

    static func render(_ file: String, runs: Int) throws -> (Scenario, String) {
        let input = try ScenarioInput.load(path: file)
        let view = try input.reportView(input.settings(runs: runs, seed: 7, jobs: 2))
        return (input.scenario, ScenarioHTMLReport.render(view, file: file))
    }

    // One simulation holds what a lambda sweep splits into rows: each blend's summary, and the main
    // regimes with the first blend for the plain words.
    @Test(
        "the report's one simulation holds each row of a lambda sweep",
        .timeLimit(.minutes(1)), arguments: ["Scenarios/community-hall.yaml", "Scenarios/real-ballots.yaml"])
    func theViewReadsTheSweepsRows(path: String) throws {
        let file = Repository.path(path)
        let input = try ScenarioInput.load(path: file)
        let settings = input.settings(runs: 6, seed: 3, jobs: 2)
        let view = try input.reportView(settings)
        let lambdas = ScenarioReportView.lambdas(for: input.scenario)
        let sweep = try input.sweep(.lambda, values: lambdas, settings: settings)
        #expect(view.blends.map(\.lambda) == lambdas)
        // NB: hasSameFigures, not ==: a metric without values has NaN figures.
        for ((lambda, index), row) in zip(view.blends, sweep.results) {
            let own = try #require(row.summary(of: .blend(lambda)))
            #expect(own.hasSameFigures(as: view.result.regimes[index]))
            #expect(own.fundingProbability == view.result.regimes[index].fundingProbability)
        }
        let first = try #require(sweep.results.first)
        #expect(view.headline.regimes.map(\.regime) == first.regimes.map(\.regime))
        #expect(zip(view.headline.regimes, first.regimes).allSatisfy { $0.hasSameFigures(as: $1) })
        let mainRegimes: [RegimeID] = first.regimes.map(\.regime).filter { $0.lambda == nil && $0.share == nil }
        #expect(view.main.map(\.regime) == mainRegimes)
        #expect(view.result.outcomes.count == settings.runs)
        #expect(view.headline.outcomes.isEmpty)
    }

    @Test(.timeLimit(.minutes(1))) func twoPotsAndTheCountingRuleSitBesideTheBlendSweep() throws {
        let (_, html) = try Self.render(Repository.path("Scenarios/community-hall.yaml"), runs: 10)
        PageChecks.check(html, headings: ["The lambda sweep", "Two pots and the counting rule"])
        #expect(html.contains(#"<svg id="pots""#))
        for share in ["10% vote", "25% vote", "50% vote"] { #expect(html.contains(share), "missing \(share)") }
        // The rule-sensitivity rows: the same ballots counted with every rule.
        for rule in ["greedy", "mes", "mes-add1"] { #expect(html.contains("<th scope=\"row\">\(rule)</th>")) }
        // Never "the best blend" as if a scoring rule were a process.
        #expect(!html.contains("the best blend"))
        // Riverside declares no split: the section says how to get one.
        let (_, riverside) = try Self.render(Self.file, runs: 3)
        #expect(riverside.contains("No two-pot split was simulated"))
    }

    @Test(.timeLimit(.minutes(1))) func deliveryAndProcessCostAreInThePageAndThePlainWords() throws {
        let file = Repository.path("Scenarios/village-hall-takeover.yaml")
        let (scenario, html) = try Self.render(file, runs: 10)
        let result = try Simulator(scenario: scenario, file: file).run(runs: 10, seed: 7, jobs: 2)
        let co = try #require(result.summary(of: .coProduced))
        let failed = try #require(co.metrics[.deliveryFailures]?.mean)
        let delivered = try #require(co.metrics[.deliveredWelfare]?.mean)
        let sentence = try #require(
            SimulationReport.sentences(result, scenario: scenario).first { $0.hasPrefix("Delivery: ") })
        #expect(sentence.contains("\(NumberText.percent(failed, decimals: 1)) of the proposals funded co-produced"))
        #expect(sentence.contains("\(NumberText.percent(delivered, decimals: 1)) co-produced"))
        #expect(html.contains("<p>Delivery: "))
        for label in ["funded that failed", "benefit delivered", "spent on the process"] {
            #expect(html.contains(label), "missing \(label)")
        }
        // A scenario without these mechanisms says nothing of them.
        let (plainScenario, plain) = try Self.render(Self.file, runs: 3)
        #expect(!plain.contains("benefit delivered"))
        let plainResult = try Simulator(scenario: plainScenario, file: Self.file).run(runs: 3, seed: 7, jobs: 2)
        #expect(!SimulationReport.sentences(plainResult, scenario: plainScenario).contains { $0.hasPrefix("Delivery") })
    }

    @Test(.timeLimit(.minutes(1))) func theDemoScenarioReportHasEverySectionAndATableForEveryChart() throws {
        let (scenario, html) = try Self.render(Self.file, runs: 12)
        PageChecks.check(
            html,
            headings: [
                "Summary", "Spend against need", "Need coverage by group", "Efficiency, equity and exclusion",
                "The lambda sweep", "Gap ledger", "How this report was made",
            ])
        #expect(html.contains("<title>Riverside 2027 neighbourhood budget</title>"))
        // The summary says what was compared, what came out and how sure we are.
        #expect(html.contains("<h3>What came out</h3>"))
        #expect(html.contains("<h3>How sure we are</h3>"))
        // Money in the scenario's currency.
        #expect(html.contains("£1,200,000"))
        // The spend charts (district and domain), coverage, the three measures and both sweep charts.
        for id in [
            "spend-0", "spend-1", "coverage", "measure-0", "measure-1", "measure-2", "sweep-shares", "sweep-indices",
        ] {
            #expect(html.contains(#"<svg id="\#(id)""#), "missing chart \(id)")
        }
        // Coverage per group, with intervals.
        for group in scenario.population { #expect(html.contains(group.id.rawValue)) }
        #expect(html.contains(#"class="whisker""#))
        // The gap ledger lists every proposal.
        let ledger = try #require(html.range(of: #"<section id="ledger""#)).lowerBound
        let ledgerHTML = String(html[ledger...])
        for proposal in scenario.proposals {
            #expect(ledgerHTML.contains(Markup.escape(proposal.title)), "ledger misses \(proposal.id)")
        }
        // One slider panel per swept lambda, exactly one shown first, and a marker for each.
        let lambdas = ScenarioReportView.lambdas(for: scenario)
        #expect(html.contains(#"type="range""#))
        #expect(
            Page.count(#"<div class="sweep-panel""#, in: html)
                + Page.count(#"<div class="sweep-panel active""#, in: html)
                == lambdas.count)
        #expect(Page.count(#"<div class="sweep-panel active""#, in: html) == 1)
        #expect(Page.count(#"class="x-marker""#, in: html) == 2)
    }

    @Test func theSweepCoversEveryTenthAndTheScenariosOwnBlends() throws {
        let scenario = try Scenario.load(path: Self.file)
        var values = ScenarioReportView.lambdas(for: scenario)
        #expect(values == [0, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 1])
        var plain = scenario
        plain.regimes.blend = nil
        values = ScenarioReportView.lambdas(for: plain)
        #expect(values.count == 11)
    }

    @Test(.timeLimit(.minutes(1))) func theSameSweepGivesTheSamePage() throws {
        let (_, first) = try Self.render(Self.file, runs: 4)
        let (_, second) = try Self.render(Self.file, runs: 4)
        #expect(first == second)
    }

    @Test(.timeLimit(.minutes(1))) func aScenarioWithRealBallotsGetsTheObservableMeasures() throws {
        let (_, html) = try Self.render(Repository.path("Scenarios/real-ballots.yaml"), runs: 4)
        PageChecks.check(
            html,
            headings: [
                "Summary", "Spend against need", "Need coverage by group", "Efficiency, equity and exclusion",
                "The lambda sweep", "Gap ledger",
            ])
        #expect(html.contains("1,500,000 zł"))
        #expect(html.contains("no modelled population groups"))
        #expect(html.contains("voter satisfaction"))
        // Project names come from the .pb file.
        #expect(html.contains("Kwiaty na betonie"))
    }
}

@Suite struct ElectionHTMLReportTests {
    static func render(_ name: String, rules: [RuleName]? = nil) throws -> (Election, [Outcome], String) {
        let file = Repository.pabulib(name)
        let election = try PabulibReader.read(path: file)
        let chosen = try rules ?? RuleSelection.comparison(for: election.voteType).rules(for: election.voteType)
        let outcomes = try chosen.map { try Rules.run($0, on: election) }
        let html = ElectionHTMLReport.render(
            election: election, file: file, outcomes: outcomes, currency: ElectionHTMLReport.currencyCode(of: election))
        return (election, outcomes, html)
    }

    @Test(.timeLimit(.minutes(1))) func aRealElectionReportHasEverySectionAndATableForEveryChart() throws {
        let (election, outcomes, html) = try Self.render("poland_warszawa_2017_wars")
        PageChecks.check(
            html,
            headings: [
                "Summary", "Rules side by side", "Voter satisfaction", "Spend by category", "Spend by target group",
                "Project locations", "How this report was made",
            ])
        #expect(outcomes.map(\.rule) == [.greedyCost, .mesCostAdd1Greedy, .phragmen])
        for id in [
            "rules-budget", "satisfaction-0", "satisfaction-1", "satisfaction-2", "spend-category", "spend-target",
        ] {
            #expect(html.contains(#"<svg id="\#(id)""#), "missing chart \(id)")
        }
        // Budget in złoty (from the country), and every project in the full list.
        #expect(html.contains("1,500,000 zł"))
        for p in election.projects.indices {
            #expect(html.contains(Markup.escape(election.projectField("name", of: p) ?? "")))
        }
        // Categories and target groups of the file, "None" targets set apart.
        #expect(html.contains("urban greenery"))
        #expect(html.contains("families with children"))
        #expect(html.contains("(none listed)"))
        // This file has no coordinates: the section says so instead of drawing an empty map.
        #expect(html.contains("gives no coordinates"))
        #expect(!html.contains(#"<svg id="map""#))
    }

    @Test(.timeLimit(.minutes(1))) func projectsWithCoordinatesAreMappedByOutcome() throws {
        let (election, _, html) = try Self.render("poland_katowice_2020_srodmiescie")
        #expect(election.voteType == .cumulative)
        PageChecks.check(html, headings: ["Summary", "Rules side by side", "Voter satisfaction", "Project locations"])
        #expect(html.contains(#"<svg id="map""#))
        let located = election.projects.indices.filter {
            Double(election.projectField("latitude", of: $0) ?? "") != nil
        }.count
        #expect(Page.count(#"class="point""#, in: html) == located)
        // No category column: the section says so.
        #expect(html.contains("does not give projects a category"))
    }

    @Test func satisfactionIsTheShareOfAVotersChoicesFunded() throws {
        let election = try PabulibReader.parse(
            """
            META
            key;value
            num_projects;3
            num_votes;3
            budget;100
            vote_type;approval
            PROJECTS
            project_id;cost;name
            a;40;Park
            b;50;Road
            c;30;Library
            VOTES
            voter_id;vote
            1;a,b
            2;c
            3;
            """)
        let values = VoterSatisfaction.shareFunded(election, selection: [0])
        #expect(values == [0.5, 0, nil])
    }

    @Test func pointsBallotsCountTheShareOfPointsOnFundedProjects() throws {
        let election = try PabulibReader.parse(
            """
            META
            key;value
            num_projects;2
            num_votes;1
            budget;100
            vote_type;cumulative
            max_sum_points;10
            PROJECTS
            project_id;cost
            a;40
            b;50
            VOTES
            voter_id;vote;points
            1;a,b;7,3
            """)
        #expect(VoterSatisfaction.shareFunded(election, selection: [1]) == [0.3])
    }

    @Test func namesFromTheFileAreEscapedInThePage() throws {
        let election = try PabulibReader.parse(
            """
            META
            key;value
            description;Tiny <test> & "quotes"
            num_projects;2
            num_votes;2
            budget;100
            vote_type;approval
            PROJECTS
            project_id;cost;name;category;latitude;longitude
            a;40;Park <script>alert(1)</script>;parks & "green";52.0;21.0
            b;50;Road;roads;52.01;21.01
            VOTES
            voter_id;vote
            1;a,b
            2;a
            """)
        let outcome = try Rules.run(.greedyCost, on: election)
        let html = ElectionHTMLReport.render(election: election, file: "tiny.pb", outcomes: [outcome], currency: "EUR")
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("Park &lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<title>Tiny &lt;test&gt; &amp; &quot;quotes&quot;</title>"))
        #expect(html.contains("parks &amp; &quot;green&quot;"))
        #expect(html.contains("€100"))
        PageChecks.check(html, headings: ["Summary", "Rules side by side", "Project locations"])
    }
}
