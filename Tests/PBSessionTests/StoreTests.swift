import Foundation
import PBModel
import PBRules
import PBWorkbench
import Testing

@testable import PBSession

@Suite("The session store")
struct StoreTests {
    @Test("tokens grant the right access; only digests are stored")
    func access() async throws {
        let data = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let store = try SessionStore.open(directory: data)
        let definition = smallDefinition(.init(kind: .approval))
        let one = try store.create(definition, members: [nil, "Ann"])
        let two = try store.create(definition, members: [nil])
        #expect(try await store.access(token: one.adminToken, session: one.session) == .admin)
        #expect(try await store.access(token: one.memberTokens[1], session: one.session) == .member(2))
        #expect(try await store.access(token: two.memberTokens[0], session: one.session) == .otherSession)
        #expect(try await store.access(token: two.adminToken, session: one.session) == .otherSession)
        #expect(try await store.access(token: SessionToken.generate(), session: one.session) == .unknown)
        #expect(try await store.access(token: nil, session: one.session) == .unknown)
        #expect(try await store.access(token: "", session: one.session) == .unknown)
        await #expect(throws: SessionError.notFound("nope")) { try await store.access(token: nil, session: "nope") }
        // No token appears in the database files.
        var bytes = Data()
        for name in try FileManager.default.contentsOfDirectory(atPath: data) {
            bytes.append(try Data(contentsOf: URL(fileURLWithPath: (data as NSString).appendingPathComponent(name))))
        }
        for token in [one.adminToken] + one.memberTokens + [two.adminToken] + two.memberTokens {
            #expect(bytes.range(of: Data(token.utf8)) == nil)
        }
    }

    @Test("the tokens in memory: a session another process creates, or closes, while the server runs is seen")
    func anotherProcess() async throws {
        let data = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let server = try SessionStore.open(directory: data)
        let definition = smallDefinition(.init(kind: .approval))
        let first = try server.create(definition, members: [nil])
        #expect(try await server.access(token: first.memberTokens[0], session: first.session) == .member(1))
        // `pbsim session create` in another process, on the same folder, once the server has read it.
        let cli = try SessionStore.open(directory: data)
        let later = try cli.create(definition, members: [nil, nil])
        #expect(try await server.access(token: later.memberTokens[0], session: first.session) == .otherSession)
        #expect(try await server.access(token: later.adminToken, session: first.session) == .otherSession)
        #expect(try await server.access(token: later.memberTokens[1], session: later.session) == .member(2))
        #expect(try await server.access(token: first.memberTokens[0], session: later.session) == .otherSession)
        #expect(try await server.session(later.session).members == 2)
        // Closed elsewhere: the memory still says open, the transaction refuses, and the memory learns it.
        try await cli.close(session: later.session)
        #expect(try await server.session(later.session).open)
        await #expect(throws: SessionError.closed(later.session)) {
            try await server.cast(Ballot(projects: ["a"]), session: later.session, member: 1)
        }
        #expect(try await !server.session(later.session).open)
        #expect(try await server.ballots(session: later.session).isEmpty)
    }

    @Test("a ballot's stored text reads back as the ballot, whatever its ids hold")
    func storedText() throws {
        for ballot in [
            Ballot(projects: []), Ballot(projects: ["a", #"q"u\ote"#, "new\nline", "é/漢"]),
            Ballot(projects: ["x", "y"], points: [3, 0]),
        ] {
            #expect(try SessionStore.decode(Ballot.self, SessionStore.text(of: ballot)) == ballot)
        }
        #expect(SessionStore.text(of: Ballot(projects: ["a"], points: [2])) == #"{"points":[2],"projects":["a"]}"#)
    }

    @Test("a changed ballot replaces the old one; a closed session takes none; all of it survives reopening")
    func ballots() async throws {
        let data = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let definition = smallDefinition(.init(kind: .approval))
        let created: SessionStore.Created
        do {
            let store = try SessionStore.open(directory: data)
            created = try store.create(definition, members: [nil, nil, nil])
            let first = try await store.cast(Ballot(projects: ["a"]), session: created.session, member: 1)
            #expect(first.revision == 1)
            let second = try await store.cast(Ballot(projects: ["b", "c"]), session: created.session, member: 1)
            #expect(second.revision == 2)
            _ = try await store.cast(Ballot(projects: ["c"]), session: created.session, member: 3)
            let status = try await store.status(session: created.session)
            #expect(status.members == 3 && status.voted == 2 && status.open)
            try await store.close(session: created.session)
            await #expect(throws: SessionError.closed(created.session)) {
                try await store.cast(Ballot(projects: ["a"]), session: created.session, member: 2)
            }
            await #expect(throws: SessionError.closed(created.session)) {
                try await store.close(session: created.session)
            }
        }
        let reopened = try SessionStore.open(directory: data)
        #expect(try await reopened.ballot(session: created.session, member: 1)?.ballot == Ballot(projects: ["b", "c"]))
        #expect(try await reopened.ballot(session: created.session, member: 2) == nil)
        #expect(
            Set(try await reopened.ballots(session: created.session)) == [
                Ballot(projects: ["b", "c"]), Ballot(projects: ["c"]),
            ])
        let stored = try await reopened.session(created.session)
        #expect(!stored.open && stored.definition == definition && stored.members == 3)
    }

    @Test("concurrent casts share commits: every one answered with its own revision, one row per member")
    func groupCommit() async throws {
        let data = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let store = try SessionStore.open(directory: data)
        let created = try store.create(
            smallDefinition(.init(kind: .approval)), members: Array(repeating: nil, count: 40))
        let ids = ["a", "b", "c"]
        // Each member casts 3 times in a row; the 40 members run at once.
        let answers = try await withThrowingTaskGroup(of: [Int].self) { group in
            for member in 1...40 {
                group.addTask {
                    var revisions: [Int] = []
                    for k in 0..<3 {
                        let ballot = Ballot(projects: [ids[(member + k) % 3]])
                        revisions.append(
                            try await store.cast(ballot, session: created.session, member: member).revision)
                    }
                    return revisions
                }
            }
            var all: [[Int]] = []
            for try await revisions in group { all.append(revisions) }
            return all
        }
        #expect(answers.count == 40 && answers.allSatisfy { $0 == [1, 2, 3] })
        let ballots = try await store.ballots(session: created.session)
        #expect(ballots.count == 40)
        for member in 1...40 {
            #expect(
                try await store.ballot(session: created.session, member: member)?.ballot.projects == [
                    ids[(member + 2) % 3]
                ])
        }
    }

    @Test("the count is pbsim elect's on the exported file, and the export reads back as the ballots")
    func countMatchesExport() async throws {
        let data = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let definition = try SessionDefinition.load(path: Repository.warsaw, format: .init(kind: .approval))
        let store = try SessionStore.open(directory: data)
        let created = try store.create(definition, members: Array(repeating: nil, count: 12))
        var generator = SplitMix(seed: 5)
        for member in 1...10 {
            let chosen = definition.projects.indices.filter { _ in generator.next() % 3 == 0 }
            let ids = chosen.isEmpty ? [definition.projects[0].id] : chosen.map { definition.projects[$0].id }
            _ = try await store.cast(Ballot(projects: ids), session: created.session, member: member)
        }
        try await store.close(session: created.session)
        let stored = try await store.session(created.session)
        let ballots = try await store.ballots(session: created.session)
        let counted = try SessionCount.count(stored, ballots: ballots, jobs: 1)
        #expect(counted.outcomes.first?.rule == .mesCostAdd1Greedy)
        #expect(counted.outcomes.map(\.rule).count == Set(counted.outcomes.map(\.rule)).count)
        let text = SessionCount.exportText(
            session: created.session, definition: definition, ballots: ballots, date: stored.createdAt)
        let file = (data as NSString).appendingPathComponent("export.pb")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let input = try ElectionInput.load(path: file)
        #expect(input.election.voterCount == 10)
        for (v, ballot) in ballots.enumerated() {
            #expect(
                input.election.ballots.projects(of: v).map { input.election.projects[Int($0)].id } == ballot.projects)
        }
        let elect = try input.run(RuleSelection(counted.outcomes.map(\.rule)))
        #expect(elect.map(\.selected) == counted.outcomes.map(\.selected))
        #expect(counted.serviceLed == nil && counted.serviceLedNote != nil)
    }

    @Test("a scenario session gets the service-led plan; a scenario without a country needs --country")
    func scenario() throws {
        #expect(throws: SessionError.self) {
            try SessionDefinition.load(path: Repository.riverside, format: .init(kind: .approval))
        }
        let definition = try SessionDefinition.load(
            path: Repository.riverside, format: .init(kind: .knapsack), country: "United Kingdom")
        #expect(definition.projects.count > 5)
        #expect(definition.projects.contains { $0.district == nil })
        let stored = SessionStore.Stored(
            id: "x", definition: definition, open: false, members: 1, createdAt: "2026-12-03T10:00:00Z")
        let counted = try SessionCount.count(stored, ballots: [Ballot(projects: [definition.projects[0].id])], jobs: 2)
        let plan = try #require(counted.serviceLed)
        #expect(Set(plan.probability.keys) == Set(definition.projects.map(\.id)))
        #expect(plan.probability.values.allSatisfy { (0...1).contains($0) })
    }
}

/// A small deterministic generator for test ballots.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
