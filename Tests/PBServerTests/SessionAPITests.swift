import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PBCheck
import PBSession
import Testing

@testable import PBServer

/// A server on a fresh data folder with one knapsack session on the demo scenario (3 members) and one
/// approval session on the Warsaw election (2 members).
struct SessionFixture: Sendable {
    let data: String
    let store: SessionStore
    let riverside: SessionStore.Created
    let warsaw: SessionStore.Created
    let creator = SessionToken.generate()

    init() throws {
        data = try temporaryFolder()
        store = try SessionStore.open(directory: data)
        let scenario = try SessionDefinition.load(
            path: Repository.riverside, format: .init(kind: .knapsack), country: "United Kingdom")
        riverside = try store.create(scenario, members: [nil, nil, nil])
        let election = try SessionDefinition.load(
            path: Repository.warsaw, format: .init(kind: .approval, maxProjects: 3))
        warsaw = try store.create(election, members: ["Ann", "Bob"])
    }

    func remove() { try? FileManager.default.removeItem(atPath: data) }

    func run<T>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let server = PBServer(
            catalog: Catalog(inputs: [Repository.riverside, Repository.warsaw], dataDirectory: data), jobs: 2,
            sessions: store, creatorToken: creator)
        return try await Application(router: server.router()).test(.router) { client in try await body(client) }
    }
}

extension TestClientProtocol {
    /// A request with a bearer token and (for a body) `Content-Type: application/json`.
    func call(
        _ method: HTTPRequest.Method, _ uri: String, token: String?, body: String? = nil, headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = headers
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }
}

@Suite("Panel sessions through the API")
struct SessionAPITests {
    @Test("the QR sheet: the facilitator gets one code per member token sent; members and foreign tokens are refused")
    func qrSheet() async throws {
        let fixture = try SessionFixture()
        defer { fixture.remove() }
        let s = fixture.warsaw
        try await fixture.run { client in
            let tokens = s.memberTokens.map { "\"\($0)\"" }.joined(separator: ", ")
            let sheet = try await client.call(
                .post, "/api/sessions/\(s.session)/qr.svg", token: s.adminToken,
                body: #"{"tokens": [\#(tokens)], "names": ["Ann", ""]}"#)
            #expect(sheet.status == .ok)
            #expect(sheet.headers[.contentType]?.hasPrefix("image/svg+xml") == true)
            #expect(sheet.text.components(separatedBy: #"shape-rendering="crispEdges""#).count - 1 == 2)
            #expect(sheet.text.contains(">Ann<") && sheet.text.contains(">Member 2<"))
            #expect(
                sheet.text.contains("/vote#s=\(s.session)<") && sheet.text.contains(">&amp;t=\(s.memberTokens[1])<"))
            let member = try await client.call(
                .post, "/api/sessions/\(s.session)/qr.svg", token: s.memberTokens[0],
                body: #"{"tokens": ["\#(s.memberTokens[0])"]}"#)
            #expect(member.status == .forbidden)
            let foreign = try await client.call(
                .post, "/api/sessions/\(s.session)/qr.svg", token: s.adminToken,
                body: #"{"tokens": ["\#(s.memberTokens[0])", "\#(fixture.riverside.memberTokens[0])"]}"#)
            #expect(foreign.status == .badRequest)
            #expect(foreign.text.contains("token 2 is not a member token"))
            let forged = try await client.call(
                .post, "/api/sessions/\(s.session)/qr.svg", token: s.adminToken,
                body: #"{"tokens": ["\#(String(repeating: "a", count: 48))"]}"#)
            #expect(forged.status == .badRequest)
        }
    }

    @Test("a member casts, changes and reads back their ballot; the facilitator sees turnout")
    func castAndChange() async throws {
        let fixture = try SessionFixture()
        defer { fixture.remove() }
        let s = fixture.riverside
        try await fixture.run { client in
            let page = try await client.call(.get, "/api/sessions/\(s.session)", token: s.memberTokens[0])
            #expect(page.status == .ok)
            let described = try #require(try page.json() as? [String: Any])
            #expect(described["role"] as? String == "member")
            #expect((described["projects"] as? [Any])?.count == 18)
            let none = try await client.call(.get, "/api/sessions/\(s.session)/ballot", token: s.memberTokens[0])
            #expect(none.text.contains("\"ballot\": null"))
            let first = try await client.call(
                .put, "/api/sessions/\(s.session)/ballot", token: s.memberTokens[0],
                body: #"{"approve": ["street-trees", "youth-hub"]}"#)
            #expect(first.status == .ok)
            let changed = try await client.call(
                .put, "/api/sessions/\(s.session)/ballot", token: s.memberTokens[0],
                body: #"{"approve": ["dial-a-ride"]}"#)
            let body = try #require(try changed.json() as? [String: Any])
            #expect(body["revision"] as? Int == 2)
            #expect((body["ballot"] as? [String: Any])?["approve"] as? [String] == ["dial-a-ride"])
            let read = try await client.call(.get, "/api/sessions/\(s.session)/ballot", token: s.memberTokens[0])
            #expect(read.text == changed.text)
            let status = try await client.call(.get, "/api/sessions/\(s.session)/status", token: s.adminToken)
            #expect(status.status == .ok)
            let turnout = try #require(try status.json() as? [String: Any])
            #expect(
                turnout["members"] as? Int == 3 && turnout["voted"] as? Int == 1 && turnout["open"] as? Bool == true)
        }
    }

    @Test("the statuses an attacker meets: 401, 403, 404, 409, 413, 415, 422, 400")
    func attacks() async throws {
        let fixture = try SessionFixture()
        defer { fixture.remove() }
        let s = fixture.riverside
        let other = fixture.warsaw
        let ballot = "/api/sessions/\(s.session)/ballot"
        try await fixture.run { client in
            func expect(
                _ response: TestResponse, _ status: HTTPResponse.Status, _ words: String,
                sourceLocation: SourceLocation = #_sourceLocation
            ) throws {
                #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
                let message = try response.apiError().message
                #expect(message.contains(words), "\(message)", sourceLocation: sourceLocation)
            }
            let good = #"{"approve": ["youth-hub"]}"#
            // No token, a guessed token, a malformed one.
            try expect(try await client.call(.put, ballot, token: nil, body: good), .unauthorized, "private token")
            try expect(
                try await client.call(.put, ballot, token: SessionToken.generate(), body: good), .unauthorized,
                "unknown token")
            try expect(try await client.call(.put, ballot, token: "' OR 1=1 --", body: good), .unauthorized, "unknown")
            // Another session's member, the facilitator casting, a member doing the facilitator's job.
            try expect(
                try await client.call(.put, ballot, token: other.memberTokens[0], body: good), .forbidden,
                "another session")
            try expect(
                try await client.call(.put, ballot, token: s.adminToken, body: good), .forbidden, "only a member")
            for path in ["status", "export.pb", "results.json"] {
                try expect(
                    try await client.call(.get, "/api/sessions/\(s.session)/\(path)", token: s.memberTokens[1]),
                    .forbidden, "facilitator")
            }
            try expect(
                try await client.call(.post, "/api/sessions/\(s.session)/close", token: s.memberTokens[1], body: "{}"),
                .forbidden, "facilitator")
            try expect(
                try await client.call(.get, "/api/sessions/\(s.session)/status", token: other.adminToken), .forbidden,
                "another session")
            // An unknown session.
            try expect(
                try await client.call(
                    .put, "/api/sessions/0000000000000000/ballot", token: s.memberTokens[0], body: good),
                .notFound, "no session")
            // Ballots the format does not allow: over the budget, an unknown project, a repeated one.
            try expect(
                try await client.call(
                    .put, ballot, token: s.memberTokens[0],
                    body:
                        #"{"approve": ["step-free-stations", "north-family-centre", "youth-hub", "south-arts-space", "east-day-centre"]}"#
                ),
                .unprocessableContent, "more than the budget of 1200000")
            try expect(
                try await client.call(
                    .put, ballot, token: s.memberTokens[0], body: #"{"approve": ["town-hall-gold-roof"]}"#),
                .unprocessableContent, "'town-hall-gold-roof' is not in this session")
            try expect(
                try await client.call(
                    .put, ballot, token: s.memberTokens[0], body: #"{"approve": ["youth-hub", "youth-hub"]}"#),
                .unprocessableContent, "listed twice")
            try expect(
                try await client.call(.put, ballot, token: s.memberTokens[0], body: #"{"points": {"youth-hub": 1}}"#),
                .unprocessableContent, "knapsack")
            try expect(
                try await client.call(
                    .put, ballot, token: s.memberTokens[0], body: #"{"approve": ["a"], "approve": ["b"]}"#),
                .badRequest, "repeated")
            try expect(
                try await client.call(.put, ballot, token: s.memberTokens[0], body: "approve"), .badRequest, "JSON")
            // Too large.
            let huge = "{\"approve\": [" + String(repeating: "\"youth-hub\",", count: 8000) + "\"x\"]}"
            try expect(
                try await client.call(.put, ballot, token: s.memberTokens[0], body: huge), .contentTooLarge, "KiB")
            // Forged cross-site requests: another Origin, a form post, a browser's cross-site fetch.
            try expect(
                try await client.call(
                    .put, ballot, token: s.memberTokens[0], body: good, headers: [.origin: "https://evil.example"]),
                .forbidden, "cross-site")
            try expect(
                try await client.call(
                    .post, "/api/sessions/\(s.session)/close", token: s.adminToken, body: "x=1",
                    headers: [.contentType: "application/x-www-form-urlencoded", .origin: "https://evil.example"]),
                .forbidden, "cross-site")
            try expect(
                try await client.call(
                    .post, "/api/sessions/\(s.session)/close", token: s.adminToken, body: "x=1",
                    headers: [.contentType: "application/x-www-form-urlencoded"]),
                .unsupportedMediaType, "JSON")
            try expect(
                try await client.call(
                    .put, ballot, token: s.memberTokens[0], body: good,
                    headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"]),
                .forbidden, "cross-site")
            // Nothing of the above was stored.
            let status = try await client.call(.get, "/api/sessions/\(s.session)/status", token: s.adminToken)
            #expect(try #require(try status.json() as? [String: Any])["voted"] as? Int == 0)
            // Replay after close.
            #expect(try await client.call(.put, ballot, token: s.memberTokens[2], body: good).status == .ok)
            try expect(
                try await client.call(.get, "/api/sessions/\(s.session)/results.json", token: s.adminToken), .conflict,
                "still open")
            let closed = try await client.call(
                .post, "/api/sessions/\(s.session)/close", token: s.adminToken, body: "{}")
            #expect(closed.status == .ok)
            try expect(try await client.call(.put, ballot, token: s.memberTokens[2], body: good), .conflict, "closed")
            try expect(try await client.call(.put, ballot, token: s.memberTokens[0], body: good), .conflict, "closed")
            try expect(
                try await client.call(.post, "/api/sessions/\(s.session)/close", token: s.adminToken, body: "{}"),
                .conflict, "closed")
        }
    }

    @Test("close counts with the session's rule and the others; export.pb passes pbsim check and pbsim elect agrees")
    func closeAndExport() async throws {
        let fixture = try SessionFixture()
        defer { fixture.remove() }
        let s = fixture.warsaw
        let (results, export, csv) = try await fixture.run { client in
            let ids = ["950", "1868", "744"]
            for (n, token) in s.memberTokens.enumerated() {
                let response = try await client.call(
                    .put, "/api/sessions/\(s.session)/ballot", token: token,
                    body: #"{"approve": ["\#(ids[n])", "\#(ids[2])"]}"#)
                #expect(response.status == .ok, "\(response.text)")
            }
            let closed = try await client.call(
                .post, "/api/sessions/\(s.session)/close", token: s.adminToken, body: "{}")
            #expect(closed.status == .ok)
            let again = try await client.call(.get, "/api/sessions/\(s.session)/results.json", token: s.adminToken)
            #expect(again.text == closed.text)
            let export = try await client.call(.get, "/api/sessions/\(s.session)/export.pb", token: s.adminToken)
            #expect(export.headers[.contentDisposition]?.contains("attachment") == true)
            let csv = try await client.call(.get, "/api/sessions/\(s.session)/results.csv", token: s.adminToken)
            return (try #require(try closed.json() as? [String: Any]), export.text, csv.text)
        }
        #expect(results["voters"] as? Int == 2)
        let outcomes = try #require(results["outcomes"] as? [[String: Any]])
        #expect(outcomes.map { $0["rule"] as? String } == ["mes-cost-add1-greedy", "greedy-cost", "phragmen"])
        #expect(results["service_led"] is NSNull)
        let report = PabulibCheck.check(text: export, file: "export.pb")
        #expect(report.isValid, "\(report.errors)")
        #expect(!export.contains(s.memberTokens[0]) && !export.contains(s.adminToken))
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = (folder as NSString).appendingPathComponent("export.pb")
        try export.write(toFile: file, atomically: true, encoding: .utf8)
        for outcome in outcomes {
            let rule = try #require(outcome["rule"] as? String)
            let elect = try #require(
                try JSONSerialization.jsonObject(
                    with: Data(try runCLI(["elect", file, "--rule", rule, "--format", "json"]).utf8))
                    as? [String: Any])
            #expect((elect["selected"] as? [String])?.sorted() == (outcome["selected"] as? [String])?.sorted())
            // The analysis measures are pbsim analyze's on the same file.
            let analyze = try #require(
                try JSONSerialization.jsonObject(
                    with: Data(try runCLI(["analyze", file, "--rule", rule, "--format", "json"]).utf8))
                    as? [String: Any])
            let measures = try #require(outcome["measures"] as? NSDictionary)
            #expect(measures.count > 5)
            #expect(measures == (analyze["measures"] as? NSDictionary), "\(rule)")
        }
        #expect(
            csv.hasPrefix(
                "project_id,title,cost,district,support,mes-cost-add1-greedy,greedy-cost,phragmen,service_led\n"))
    }

    @Test("the facilitator page creates a session with the server's token only")
    func createFromPage() async throws {
        let fixture = try SessionFixture()
        defer { fixture.remove() }
        try await fixture.run { client in
            let body =
                #"{"source": "riverside", "members": 4, "ballot": "approval", "max_projects": 3, "country": "United Kingdom"}"#
            #expect(try await client.call(.post, "/api/sessions", token: nil, body: body).status == .unauthorized)
            #expect(
                try await client.call(.post, "/api/sessions", token: fixture.riverside.adminToken, body: body).status
                    == .unauthorized)
            let missingCountry = try await client.call(
                .post, "/api/sessions", token: fixture.creator, body: #"{"source": "riverside", "members": 4}"#)
            #expect(missingCountry.status == .unprocessableContent)
            #expect(try missingCountry.apiError().message.contains("country"))
            let created = try await client.call(
                .post, "/api/sessions", token: fixture.creator, body: body,
                headers: [HTTPField.Name("Host")!: "panel.local:8080"])
            #expect(created.status == .created, "\(created.text)")
            let object = try #require(try created.json() as? [String: Any])
            let tokens = try #require(object["member_tokens"] as? [String])
            #expect(tokens.count == 4)
            let links = try #require(object["links"] as? [String: Any])
            #expect((links["admin"] as? String)?.hasPrefix("http://panel.local:8080/facilitate#s=") == true)
            let session = try #require(object["session"] as? String)
            let read = try await client.call(.get, "/api/sessions/\(session)", token: tokens[3])
            #expect(read.status == .ok)
        }
    }
}
