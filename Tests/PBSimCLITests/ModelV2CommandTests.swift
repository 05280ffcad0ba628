import Foundation
import PBScenario
import Testing

/// The model v2 outputs end to end, through the built `pbsim`: order-free JSON, sweeps by path, the
/// note on sweeps that change nothing, and the plain words.
@Suite("Model v2 on the command line")
struct ModelV2CommandTests {
    static func riverside() -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios/riverside.yaml").path
    }

    @Test("scenario export refuses a scenario whose proposals come from an election, and writes nothing")
    func exportOfElectionScenarioRefused() throws {
        let realBallots = URL(fileURLWithPath: Self.riverside()).deletingLastPathComponent()
            .appendingPathComponent("real-ballots.yaml").path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let refused = try run(["scenario", "export", realBallots, folder])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("real-ballots.yaml: its proposals and ballots come from the election"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/proposals.csv"))
        let written = try run(["scenario", "export", Self.riverside(), folder])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder + "/proposals.csv"))
    }

    @Test("simulate --format json is the same byte for byte when every list of the file is permuted")
    func permutedFileSameJSON() throws {
        var scenario = try Scenario.load(path: Self.riverside())
        scenario.population.reverse()
        scenario.proposals.reverse()
        scenario.domains.reverse()
        scenario.districts.reverse()
        scenario.budget.envelopes.reverse()
        scenario.regimes.blend?.lambdas.reverse()
        // JSON is YAML: the permuted scenario written as a file.
        let permuted = try write(String(decoding: try JSONEncoder().encode(scenario), as: UTF8.self), name: "p.yaml")
        let arguments = ["--format", "json", "--runs", "6", "--seed", "3", "--jobs", "2"]
        let a = try run(["simulate", Self.riverside()] + arguments)
        let b = try run(["simulate", permuted] + arguments)
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        #expect(a.stdout == b.stdout)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [String: Any])
        let regimes = try #require(json["regimes"] as? [String: Any])
        let co = try #require(regimes["co-produced"] as? [String: Any])
        #expect(co["label"] as? String == "co-produced (residents vote)")
        let funding = try #require(co["funding_probability"] as? [String: Double])
        #expect(funding.count == scenario.proposals.count)
        let coverage = try #require(co["coverage"] as? [String: Any])
        #expect((coverage["hi"] as? Double ?? 2) <= 1 && coverage["se"] != nil)
        #expect(co["rule_sensitivity"] != nil && co["worst_group"] != nil && co["unspent"] != nil)
        #expect((regimes["blend-0"] as? [String: Any])?["label"] as? String == "officers' scores (greedy)")
    }

    @Test("sweep takes any number by path; an unknown id is a clear error")
    func sweepByPath() throws {
        let ok = try run([
            "sweep", Self.riverside(), "--param", "population[id=new-arrivals-east].participation", "--values",
            "0.02,0.5", "--runs", "4", "--format", "json",
        ])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("\"parameter\": \"population[id=new-arrivals-east].participation\""))
        let budget = try run([
            "sweep", Self.riverside(), "--param", "budget.total", "--values", "1", "--scale", "--runs", "2",
        ])
        #expect(budget.status == 0, "\(budget.stderr)")
        #expect(budget.stdout.contains("budget.total (scaled)"))
        let unknown = try run([
            "sweep", Self.riverside(), "--param", "population[id=nobody].participation", "--values", "0.1", "--runs",
            "2",
        ])
        #expect(unknown.status != 0 && unknown.stdout.isEmpty)
        #expect(unknown.stderr.contains("no group with id 'nobody'"), "\(unknown.stderr)")
        let nonsense = try run(["sweep", Self.riverside(), "--param", "budget.colour", "--values", "1"])
        #expect(nonsense.status != 0 && nonsense.stderr.contains("is not a parameter"), "\(nonsense.stderr)")
        let invalid = try run([
            "sweep", Self.riverside(), "--param", "population[*].visibility", "--values", "1.5", "--runs", "2",
        ])
        #expect(invalid.status != 0 && invalid.stderr.contains("visibility"), "\(invalid.stderr)")
    }

    @Test("a sweep whose rows all come out the same says so and why")
    func unchangedSweepExplained() throws {
        let yaml = """
            name: Proportional
            currency: GBP
            budget: {total: 100}
            domains: [a, b]
            population:
              - {id: g1, size: 100, needs: {a: 1}, participation: 0.2, visibility: 1}
              - {id: g2, size: 100, needs: {b: 1}, participation: 0.2, visibility: 1}
            proposals:
              - {id: p1, title: P1, cost: 50, effects: {a: 0.5}, origin: service, delivery: service}
              - {id: p2, title: P2, cost: 50, effects: {b: 0.5}, origin: service, delivery: service}
              - {id: p3, title: P3, cost: 60, effects: {a: 0.4, b: 0.4}, origin: service, delivery: service}
            regimes:
              service-led: {information_noise: 0, rule: greedy}
              co-produced: {perception_noise: 0, ballot: approval, threshold: 0.1, rule: mes, electorate: 50}
            """
        let path = try write(yaml, name: "proportional.yaml")
        let r = try run(["sweep", path, "--param", "participation", "--values", "0.5,1,2", "--runs", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Every row is the same"), "\(r.stdout)")
        #expect(r.stdout.contains("electorate"))
    }

    @Test("the plain words name unspent budget, the counting rule, the assumptions and the worst-off groups")
    func plainWords() throws {
        let r = try run(["simulate", Self.riverside(), "--runs", "5", "--jobs", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        for words in [
            "Budget left unspent", "counting rule", "the same ballots counted with other rules",
            "lived-experience claim", "worst-off group", "seldom-heard groups (new-arrivals-east)",
            "middle 95% of runs", "How often each proposal is funded", "not the two processes",
        ] {
            #expect(r.stdout.contains(words), "missing: \(words)")
        }
        #expect(!r.stdout.contains("best blend"))
    }

    @Test("allocate reports efficiency on the truth for every regime")
    func allocateEfficiency() throws {
        let r = try run(["allocate", Self.riverside(), "--runs", "5", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let regimes = try #require(json["regimes"] as? [String: [String: Any]])
        for key in ["service-led", "co-produced", "perfect-information"] {
            let efficiency = try #require(regimes[key]?["efficiency"] as? [String: Any], "\(key)")
            #expect((efficiency["mean"] as? Double ?? 2) <= 1)
        }
    }
}
