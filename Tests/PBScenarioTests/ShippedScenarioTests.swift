import Foundation
import PBScenario
import Testing

@Suite struct ShippedScenarioTests {
    static let required = [
        "riverside.yaml", "early-intervention.yaml", "community-hall.yaml", "dementia-strategy.yaml",
        "real-ballots.yaml",
    ]

    @Test("Every scenario in Scenarios/ loads without errors")
    func everyShippedScenarioLoads() throws {
        let folder = Fixtures.scenariosFolder()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }
        #expect(Set(Self.required).isSubset(of: Set(files)))
        for file in files.sorted() {
            let path = (folder as NSString).appendingPathComponent(file)
            #expect(throws: Never.self, "\(file)") { _ = try Scenario.load(path: path) }
        }
    }

    @Test("Each required scenario starts with a comment block telling its story", arguments: required)
    func startsWithStory(file: String) throws {
        let path = (Fixtures.scenariosFolder() as NSString).appendingPathComponent(file)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let comments = text.split(separator: "\n").prefix { $0.hasPrefix("#") }
        #expect(comments.count >= 10)
        #expect(comments.contains { $0.contains("Assumptions") })
    }

    @Test("The demo scenario has the shape the issue asks for")
    func demoShape() throws {
        let scenario = try Scenario.load(
            path: (Fixtures.scenariosFolder() as NSString).appendingPathComponent("riverside.yaml"))
        #expect((6...10).contains(scenario.population.count))
        #expect((2...3).contains(scenario.districts.count))
        #expect((15...20).contains(scenario.proposals.count))
        #expect(scenario.regimes.blend?.lambdas == [0, 0.25, 0.5, 0.75, 1])
        #expect(scenario.regimes.panel != nil)
        #expect(!scenario.budget.envelopes.isEmpty)
        #expect(scenario.population.contains { $0.visibility <= 0.3 && $0.participation <= 0.02 })
    }

    @Test("The real-ballots scenario resolves its .pb file next to the scenario")
    func realBallotsResolvesElectionFile() throws {
        let folder = Fixtures.scenariosFolder()
        let scenario = try Scenario.load(path: (folder as NSString).appendingPathComponent("real-ballots.yaml"))
        let election = try #require(scenario.election)
        #expect(election.file == "poland_warszawa_2017_wars.pb")
        #expect(election.path == (folder as NSString).appendingPathComponent("poland_warszawa_2017_wars.pb"))
        #expect(election.needs["public transit and roads"] == 0.8)
        #expect(election.needs["families with children"] == 0.8)
        #expect(scenario.proposals.isEmpty && scenario.population.isEmpty)
    }
}
