import Foundation
import PBSupport
import Testing

@testable import PBScenario

@Suite("Scenario tables as CSV (pbsim scenario import/export)")
struct ScenarioTablesTests {
    static func load(_ name: String) throws -> Scenario {
        try Scenario.load(path: Fixtures.scenariosFolder() + "/" + name)
    }

    static func files(_ scenario: Scenario) throws -> (ScenarioTables.File, ScenarioTables.File, ScenarioTables.File) {
        (
            (try ScenarioTables.csv(.groups, of: scenario), "groups.csv"),
            (try ScenarioTables.csv(.proposals, of: scenario), "proposals.csv"),
            (try ScenarioTables.csv(.envelopes, of: scenario), "envelopes.csv")
        )
    }

    @Test(
        "exporting the tables and importing them on the same base gives the same scenario",
        arguments: ["riverside.yaml", "community-hall.yaml", "dementia-strategy.yaml", "early-intervention.yaml"])
    func roundTrip(name: String) throws {
        let original = try Self.load(name)
        let (groups, proposals, envelopes) = try Self.files(original)
        let yaml = try ScenarioTables.importYAML(
            groups: groups, proposals: proposals, envelopes: envelopes,
            settings: .init(base: original))
        let imported = try Scenario.parse(yaml: yaml, file: "imported.yaml")
        #expect(imported == original)
    }

    @Test("the columns are the YAML fields, mappings as key.subkey in domain order")
    func columns() throws {
        let scenario = try Self.load("riverside.yaml")
        let csv = try ScenarioTables.csv(.proposals, of: scenario)
        let header = try #require(CSVText.rows(csv).first?.cells)
        #expect(Array(header.prefix(3)) == ["id", "title", "cost"])
        let effects = header.filter { $0.hasPrefix("effects.") }.map { String($0.dropFirst(8)) }
        let order = scenario.domains.map(\.rawValue)
        #expect(effects == order.filter { effects.contains($0) })
        #expect(CSVText.rows(csv).count == scenario.proposals.count + 1)
    }

    @Test("without a base, domains and districts come from the tables and the result is valid")
    func fresh() throws {
        let groups =
            "id,district,size,participation,visibility,needs.health,needs.parks\n"
            + "old,north,100,0.1,0.5,0.9,\nyoung,south,300,0.2,1,0.2,0.8\n"
        let proposals =
            "id,title,cost,district,origin,delivery,effects.health,effects.parks\n"
            + "clinic,\"Clinic, with a \"\"garden\"\"\",500,north,service,service,0.6,0.1\n"
            + "park,Park,300,,community,community-led,,0.7\n"
        let yaml = try ScenarioTables.importYAML(
            groups: (groups, "g.csv"), proposals: (proposals, "p.csv"),
            settings: .init(name: "Test", currency: "EUR", budget: 600))
        let scenario = try Scenario.parse(yaml: yaml, file: "t.yaml")
        #expect(scenario.domains.map(\.rawValue) == ["health", "parks"])
        #expect(scenario.districts.map(\.rawValue) == ["north", "south"])
        #expect(scenario.proposals[0].title == "Clinic, with a \"garden\"")
        #expect(scenario.proposals[1].district == nil)
        #expect(scenario.population[0].needs.count == 1)
    }

    @Test("problems are reported against the CSV file and line of the row")
    func errors() throws {
        let original = try Self.load("riverside.yaml")
        let (groups, proposals, _) = try Self.files(original)
        var lines = proposals.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var cells = lines[3].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[2] = "-5"
        lines[3] = cells.joined(separator: ",")
        do {
            _ = try ScenarioTables.importYAML(
                groups: groups, proposals: (lines.joined(separator: "\n"), "proposals.csv"),
                settings: .init(base: original))
            Issue.record("a negative cost was accepted")
        } catch {
            let issue = try #require(error.issues.first)
            #expect(issue.file == "proposals.csv")
            #expect(issue.line == 4)
            #expect(issue.path == "cost")
        }
        do {
            _ = try ScenarioTables.importYAML(
                groups: ("id,size\na,1,2\n", "g.csv"), proposals: proposals, settings: .init(base: original))
            Issue.record("a ragged row was accepted")
        } catch {
            #expect(error.description.contains("g.csv:2"))
        }
    }
}
