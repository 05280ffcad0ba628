import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PBScenario
import Testing

@testable import PBServer

@Suite("The JSON API")
struct APITests {
    @Test("GET /api/scenarios lists the inputs with their names and kinds, then what --data holds")
    func listing() async throws {
        let data = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        try FileManager.default.copyItem(
            atPath: Repository.riverside, toPath: (data as NSString).appendingPathComponent("riverside.yaml"))
        try await withServer(data: data) { client in
            let response = try await client.send(.get, "/api/scenarios")
            #expect(response.status == .ok)
            let list = try #require(try response.json() as? [[String: Any]])
            #expect(list.map { $0["id"] as? String } == ["riverside", "poland_warszawa_2017_wars", "riverside-2"])
            #expect(list.map { $0["kind"] as? String } == ["scenario", "election", "scenario"])
            #expect(list[0]["name"] as? String == "Riverside 2027 neighbourhood budget")
            #expect(list.map { $0["saved"] as? Bool } == [false, false, true])
        }
    }

    @Test("POST /api/simulate gives byte for byte what pbsim simulate --format json prints")
    func simulateMatchesCLI() async throws {
        let expected = try runCLI([
            "simulate", Repository.riverside, "--runs", "12", "--seed", "7", "--format", "json",
        ])
        let byID = try await withServer { client in
            try await client.send(.post, "/api/simulate", json: ["scenario_id": "riverside", "runs": 12, "seed": 7])
        }
        #expect(byID.status == .ok)
        #expect(byID.text == expected)
        let yaml = try String(contentsOfFile: Repository.riverside, encoding: .utf8)
        let byText = try await withServer { client in
            try await client.send(.post, "/api/simulate", json: ["scenario": yaml, "runs": 12, "seed": "7"])
        }
        #expect(byText.text == expected)
    }

    @Test("overrides give what the CLI gives on the file with the same fields changed")
    func overridesMatchEditedFile() async throws {
        let yaml = try String(contentsOfFile: Repository.riverside, encoding: .utf8)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let total = try #require(yaml.range(of: "total: 1200000"))
        var edited = yaml.replacingCharacters(in: total, with: "total: 900000")
        let noise = try #require(edited.range(of: #"information_noise: [0-9.]+"#, options: .regularExpression))
        edited = edited.replacingCharacters(in: noise, with: "information_noise: 0.9")
        let file = (folder as NSString).appendingPathComponent("edited.yaml")
        try edited.write(toFile: file, atomically: true, encoding: .utf8)
        let expected = try runCLI(["simulate", file, "--runs", "10", "--seed", "3", "--format", "json"])
        let response = try await withServer { client in
            try await client.send(
                .post, "/api/simulate",
                json: [
                    "scenario_id": "riverside", "runs": 10, "seed": 3,
                    "overrides": ["budget.total": 900_000, "regimes.service-led.information_noise": 0.9],
                ])
        }
        #expect(response.status == .ok)
        #expect(response.text == expected)
        let unchanged = try runCLI([
            "simulate", Repository.riverside, "--runs", "10", "--seed", "3", "--format", "json",
        ])
        #expect(response.text != unchanged)
    }

    @Test("POST /api/sweep gives what pbsim sweep --format json prints; runs 1 and values 0 and 1 are numbers")
    func sweepMatchesCLI() async throws {
        let expected = try runCLI([
            "sweep", Repository.riverside, "--param", "lambda", "--values", "0,0.5,1", "--runs", "1", "--seed", "3",
            "--format", "json",
        ])
        let response = try await withServer { client in
            try await client.send(
                .post, "/api/sweep",
                json: ["scenario_id": "riverside", "param": "lambda", "values": [0, 0.5, 1], "runs": 1, "seed": 3])
        }
        #expect(response.status == .ok, "\(response.text)")
        #expect(response.text == expected)
        let boolean = try await withServer { client in
            try await client.execute(
                uri: "/api/sweep", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"scenario_id": "riverside", "param": "lambda", "values": [true]}"#))
        }
        #expect(boolean.status == .badRequest)
        #expect(try boolean.apiError().field == "values")
    }

    @Test("the streamed form reports progress, then the same result and funding probabilities in [0, 1]")
    func streamed() async throws {
        let response = try await withServer { client in
            try await client.send(
                .post, "/api/simulate", json: ["scenario_id": "riverside", "runs": 8, "seed": 7],
                headers: [.accept: "application/x-ndjson"])
        }
        let lines = response.text.split(separator: "\n").map { String($0) }
        let objects = try lines.map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let progress = objects.dropLast().compactMap { $0["progress"] as? Int }
        #expect(progress == progress.sorted() && progress.allSatisfy { (1...8).contains($0) })
        let last = try #require(objects.last)
        let plain = try await withServer { client in
            try await client.send(.post, "/api/simulate", json: ["scenario_id": "riverside", "runs": 8, "seed": 7])
        }
        let result = try JSONSerialization.data(withJSONObject: try #require(last["result"]), options: .sortedKeys)
        let plainResult = try JSONSerialization.data(withJSONObject: try plain.json(), options: .sortedKeys)
        #expect(result == plainResult)
        let funding = try #require(last["funding"] as? [String: [String: Double]])
        let regimes = try #require((try plain.json() as? [String: Any])?["regimes"] as? [String: Any])
        #expect(Set(funding.keys) == Set(regimes.keys))
        let scenario = try Scenario.load(path: Repository.riverside)
        for probabilities in funding.values {
            #expect(Set(probabilities.keys) == Set(scenario.proposals.map(\.id.rawValue)))
            #expect(probabilities.values.allSatisfy { (0...1).contains($0) })
        }
    }

    @Test("POST /api/validate lists the CLI's issues with line and field; empty for a valid file")
    func validate() async throws {
        let yaml = try String(contentsOfFile: Repository.riverside, encoding: .utf8)
        let cost = try #require(yaml.range(of: #"cost: [0-9]+"#, options: .regularExpression))
        let broken = yaml.replacingCharacters(in: cost, with: "cost: -5")
        var expected: [ScenarioIssue] = []
        do {
            _ = try Scenario.parse(yaml: broken, file: "x.yaml")
        } catch {
            expected = error.issues
        }
        #expect(!expected.isEmpty)
        let (good, bad) = try await withServer { client in
            (
                try await client.send(.post, "/api/validate", text: yaml),
                try await client.send(.post, "/api/validate", text: broken)
            )
        }
        #expect(try (good.json() as? [String: Any])?["errors"] as? [Any] != nil)
        #expect(try ((good.json() as? [String: Any])?["errors"] as? [Any])?.isEmpty == true)
        let errors = try #require((try bad.json() as? [String: Any])?["errors"] as? [[String: Any]])
        #expect(errors.map { $0["message"] as? String } == expected.map(\.message))
        #expect(errors.map { $0["field"] as? String } == expected.map(\.path))
        #expect(errors.map { $0["line"] as? Int } == expected.map(\.line))
        #expect(errors.first?["field"] as? String == "proposals[0].cost")
    }

    @Test(
        "bad requests get a 4xx and a JSON error naming the field",
        arguments: [
            (#"{"scenario_id": "nope"}"#, 404, "scenario_id"),
            (#"{"scenario_id": "riverside", "runs": 0}"#, 400, "runs"),
            (#"{"scenario_id": "riverside", "runs": 1.5}"#, 400, "runs"),
            (#"{"scenario_id": "riverside", "seed": -1}"#, 400, "seed"),
            (#"{"scenario_id": "riverside", "color": 1}"#, 400, "color"),
            (#"{"scenario_id": "riverside", "scenario": "x"}"#, 400, "scenario"),
            (#"{}"#, 400, "scenario_id"),
            (#"{"scenario_id": "poland_warszawa_2017_wars"}"#, 400, "scenario_id"),
            (#"{"scenario_id": "riverside", "overrides": {"budget.totl": 5}}"#, 422, "overrides.budget.totl"),
            (#"{"scenario_id": "riverside", "overrides": {"budget.total": -5}}"#, 422, "overrides.budget.total"),
            (#"{"scenario_id": "riverside", "overrides": {"budget.total": "lots"}}"#, 422, "overrides.budget.total"),
            (#"{"scenario_id": "riverside", "overrides": {"population[id=nobody].size": 3}}"#, 422, nil),
            (#"{"scenario": "name: [unclosed"}"#, 422, nil),
        ] as [(String, Int, String?)])
    func badRequests(body: String, status: Int, field: String?) async throws {
        let response = try await withServer { client in
            try await client.execute(
                uri: "/api/simulate", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: body))
        }
        #expect(response.status.code == status, "\(body): \(response.text)")
        let error = try response.apiError()
        #expect(!error.message.isEmpty)
        if let field { #expect(error.field == field, "\(body): \(response.text)") }
    }

    @Test("malformed JSON, oversized bodies and unknown paths are 4xx JSON errors, never a 500")
    func malformed() async throws {
        try await withServer { client in
            let notJSON = try await client.execute(
                uri: "/api/simulate", method: .post, body: ByteBuffer(string: "{scenario_id: riverside"))
            #expect(notJSON.status == .badRequest)
            #expect(try notJSON.apiError().message.contains("JSON"))
            let big = String(repeating: "x", count: RequestFields.limit + 10)
            let tooLarge = try await client.execute(uri: "/api/validate", method: .post, body: ByteBuffer(string: big))
            #expect(tooLarge.status == .contentTooLarge)
            #expect(try tooLarge.apiError().message.contains("larger"))
            let missing = try await client.send(.get, "/api/nothing/here")
            #expect(missing.status == .notFound)
            _ = try missing.apiError()
            let badYAML = try await client.send(.post, "/api/validate", text: "name: [\u{0}")
            #expect(badYAML.status == .ok)
            let errors = try #require((try badYAML.json() as? [String: Any])?["errors"] as? [Any])
            #expect(!errors.isEmpty)
        }
    }

    @Test("a state-changing request from another site is refused with 403")
    func crossSite() async throws {
        let data = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let yaml = try String(contentsOfFile: Repository.riverside, encoding: .utf8)
        try await withServer(data: data) { client in
            let forged = try await client.send(
                .put, "/api/scenarios/evil", text: yaml,
                headers: [.origin: "http://evil.example", HTTPField.Name("Host")!: "127.0.0.1:8080"])
            #expect(forged.status == .forbidden)
            let same = try await client.send(
                .put, "/api/scenarios/mine", text: yaml,
                headers: [.origin: "http://127.0.0.1:8080", HTTPField.Name("Host")!: "127.0.0.1:8080"])
            #expect(same.status == .created)
        }
        #expect(!FileManager.default.fileExists(atPath: (data as NSString).appendingPathComponent("evil.yaml")))
    }

    @Test("PUT /api/scenarios/{id} saves valid YAML in --data, refuses invalid YAML, bad ids and no --data")
    func save() async throws {
        let data = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let yaml = try String(contentsOfFile: Repository.riverside, encoding: .utf8)
        let title = "<script>alert(1)</script>"
        let xss = yaml.replacingOccurrences(of: "name: Riverside 2027 neighbourhood budget", with: "name: \"\(title)\"")
        try await withServer(data: data) { client in
            #expect(try await client.send(.put, "/api/scenarios/variant-1", text: xss).status == .created)
            #expect(try await client.send(.put, "/api/scenarios/variant-1", text: xss).status == .ok)
            let invalid = try await client.send(.put, "/api/scenarios/variant-2", text: "name: x\n")
            #expect(invalid.status == .unprocessableContent)
            let badID = try await client.send(.put, "/api/scenarios/..%2Fescape", text: yaml)
            #expect(badID.status.code >= 400 && badID.status.code < 500)
            let input = try await client.send(.put, "/api/scenarios/riverside", text: yaml)
            #expect(input.status == .conflict)
            let shown = try await client.send(.get, "/api/scenarios/variant-1")
            let object = try #require(try shown.json() as? [String: Any])
            #expect(object["name"] as? String == title)
            #expect((object["scenario"] as? [String: Any])?["name"] as? String == title)
            #expect(object["yaml"] as? String == xss)
        }
        #expect(FileManager.default.fileExists(atPath: (data as NSString).appendingPathComponent("variant-1.yaml")))
        #expect(!FileManager.default.fileExists(atPath: (data as NSString).appendingPathComponent("variant-2.yaml")))
        try await withServer { client in
            let response = try await client.send(.put, "/api/scenarios/x", text: yaml)
            #expect(response.status == .conflict)
            #expect(try response.apiError().message.contains("--data"))
        }
    }

    @Test("POST /api/elect compares the rules on the .pb file; a what-if budget changes what is funded")
    func elect() async throws {
        try await withServer { client in
            let real = try await client.send(.post, "/api/elect", json: ["scenario_id": "poland_warszawa_2017_wars"])
            #expect(real.status == .ok)
            let object = try #require(try real.json() as? [String: Any])
            let outcomes = try #require(object["outcomes"] as? [[String: Any]])
            #expect(!outcomes.isEmpty)
            let voters = try #require(object["voters"] as? Int)
            for outcome in outcomes {
                let histogram = try #require((outcome["satisfaction"] as? [String: Any])?["histogram"] as? [Int])
                #expect(histogram.count == 10)
                #expect(histogram.reduce(0, +) <= voters)
            }
            let expected = try runCLI([
                "elect", Repository.warsaw, "--rule", "greedy-cost", "--format", "json",
            ])
            let cli = try #require(try JSONSerialization.jsonObject(with: Data(expected.utf8)) as? [String: Any])
            let greedy = try #require(outcomes.first { $0["rule"] as? String == "greedy-cost" })
            #expect(greedy["selected"] as? [String] == cli["selected"] as? [String])
            // pabutools' measures, the very values `pbsim analyze` prints for the same outcome.
            let analyzed = try runCLI(["analyze", Repository.warsaw, "--rule", "greedy-cost", "--format", "json"])
            let analysis = try #require(try JSONSerialization.jsonObject(with: Data(analyzed.utf8)) as? [String: Any])
            let expectedMeasures = try #require(analysis["measures"] as? [String: Any])
            let measures = try #require(greedy["measures"] as? [String: Any])
            for key in [
                "avg_satisfaction:Cost_Sat", "percent_non_empty_handed", "gini_coefficient_of_satisfaction:Cost_Sat",
            ] {
                #expect(measures[key] != nil, "\(key) missing")
                #expect("\(measures[key] ?? "")" == "\(expectedMeasures[key] ?? "-")", "\(key)")
            }
            let smaller = try await client.send(
                .post, "/api/elect", json: ["scenario_id": "poland_warszawa_2017_wars", "budget": 100_000])
            let fewer = try #require((try smaller.json() as? [String: Any])?["outcomes"] as? [[String: Any]])
            #expect(
                (fewer.first?["selected"] as? [String])?.count ?? 0
                    < (outcomes.first?["selected"] as? [String])?.count ?? 0)
            let wrong = try await client.send(.post, "/api/elect", json: ["scenario_id": "riverside"])
            #expect(wrong.status == .badRequest)
            let badRule = try await client.send(
                .post, "/api/elect", json: ["scenario_id": "poland_warszawa_2017_wars", "rules": ["coin-toss"]])
            #expect(try badRule.apiError().field == "rules")
        }
    }

    @Test("the pages are served with a content security policy that forbids inline scripts")
    func pages() async throws {
        try await withServer { client in
            for page in ["/", "/explore", "/build", "/election", "/common.js", "/app.css"] {
                let response = try await client.send(.get, page)
                #expect(response.status == .ok, "\(page)")
                let policy = try #require(response.headers[.contentSecurityPolicy])
                #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"))
            }
            let html = try await client.send(.get, "/explore")
            #expect(html.text.contains("<html lang=\"en\">"))
            #expect(!html.text.contains("<script>"))
        }
    }
}
