import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PBModel
import PBReports
import PBRules
import PBSession

/// `/api/sessions/…`: panel sessions (members vote from their phones; the facilitator closes and counts).
///
/// Routes only parse, authorise and render: the store, the ballot checks and the count are in
/// `PBSession`. Every request names its token in `Authorization: Bearer TOKEN`; state-changing requests
/// must be `Content-Type: application/json` (a cross-site form cannot send that without the page's
/// permission) and, like every state-changing request, come from this server's own pages when they
/// carry an `Origin` (``SecurityMiddleware``).
struct SessionRoutes: Sendable {
    let store: SessionStore?
    let catalog: Catalog
    let jobs: Int
    /// The SHA-256 digest of the server's facilitator token, which may create sessions from the page.
    let creatorDigest: [UInt8]?
    let counts = CountCache()

    /// The largest ballot body read (a ballot with every project of a large election fits in a few KiB).
    static let ballotLimit = 64 * 1024

    func add(to router: Router<some RequestContext>) {
        router.post("/api/sessions") { request, _ in try await create(request) }
        router.get("/api/sessions/{id}") { request, context in try await describe(request, context) }
        router.get("/api/sessions/{id}/ballot") { request, context in try await ballot(request, context) }
        router.put("/api/sessions/{id}/ballot") { request, context in try await cast(request, context) }
        router.get("/api/sessions/{id}/status") { request, context in try await status(request, context) }
        router.post("/api/sessions/{id}/close") { request, context in try await close(request, context) }
        router.get("/api/sessions/{id}/results.json") { request, context in
            try await results(request, context, csv: false)
        }
        router.get("/api/sessions/{id}/results.csv") { request, context in
            try await results(request, context, csv: true)
        }
        router.get("/api/sessions/{id}/export.pb") { request, context in try await export(request, context) }
        router.post("/api/sessions/{id}/qr.svg") { request, context in try await qrSheet(request, context) }
    }

    // MARK: - Members

    /// `GET /api/sessions/{id}` (member or facilitator): what the session offers and whether it is open.
    func describe(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let (store, id) = try sessionStore(context)
        let access = try await authorise(request, store: store, session: id)
        let stored = try await call { () throws(SessionError) in try await store.session(id) }
        let definition = stored.definition
        var pairs: [(String, JSONValue)] = [
            ("session", .string(id)), ("name", .string(definition.name)), ("open", .bool(stored.open)),
            ("budget", .number(definition.budget.description)), ("currency", .string(definition.currency)),
            (
                "ballot",
                .object([
                    ("kind", .string(definition.format.kind.rawValue)),
                    ("min_projects", .int(definition.format.minProjects)),
                    ("max_projects", definition.format.maxProjects.map { .int($0) } ?? .null),
                    ("points", definition.format.points.map { .int($0) } ?? .null),
                    ("rule", .string(definition.format.rule(budget: definition.budget))),
                ])
            ),
            ("counting_rule", .string(definition.rule.rawValue)),
            (
                "projects",
                .array(
                    definition.projects.map { project in
                        .object([
                            ("id", .string(project.id)), ("title", .string(project.title)),
                            ("cost", .number(project.cost.description)),
                            ("district", project.district.map { .string($0) } ?? .null),
                            ("description", .string(project.description)),
                        ])
                    })
            ),
        ]
        switch access {
        case .admin: pairs.append(("role", .string("facilitator")))
        case .member(let n): pairs += [("role", .string("member")), ("member", .int(n))]
        default: break
        }
        return .json(JSONValue.object(pairs).text() + "\n")
    }

    /// `GET /api/sessions/{id}/ballot` (member): `{"ballot": … | null, "revision", "cast_at"}`.
    func ballot(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let (store, id) = try sessionStore(context)
        let member = try await requireMember(request, store: store, session: id)
        let stored = try await call { () throws(SessionError) in try await store.ballot(session: id, member: member) }
        let stored_ = try await call { () throws(SessionError) in try await store.session(id) }
        return .json(Self.ballotJSON(stored, definition: stored_.definition).text() + "\n")
    }

    /// `PUT /api/sessions/{id}/ballot` (member): checks the ballot, stores it, and answers once it is durable.
    func cast(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let (store, id) = try sessionStore(context)
        try Self.requireJSON(request)
        let member = try await requireMember(request, store: store, session: id)
        let bytes = try await Self.body(request, limit: Self.ballotLimit)
        let stored = try await call { () throws(SessionError) in try await store.session(id) }
        guard stored.open else { throw APIError(.conflict, SessionError.closed(id).description) }
        let ballot: Ballot
        do {
            let input = try BallotRequest.parse(bytes)
            ballot = try stored.definition.format.validate(input, in: stored.definition)
        } catch {
            throw APIError(error.malformed ? .badRequest : .unprocessableContent, error.message, field: error.field)
        }
        let saved = try await call { () throws(SessionError) in
            try await store.cast(ballot, session: id, member: member)
        }
        return .json(Self.ballotJSON(saved, definition: stored.definition).text() + "\n")
    }

    static func ballotJSON(_ stored: SessionStore.StoredBallot?, definition: SessionDefinition) -> JSONValue {
        guard let stored else { return .object([("ballot", .null)]) }
        let ballot: JSONValue
        if let points = stored.ballot.points {
            ballot = .object([("points", .object(zip(stored.ballot.projects, points).map { ($0, .int($1)) }))])
        } else {
            ballot = .object([("approve", .array(stored.ballot.projects.map { .string($0) }))])
        }
        return .object([("ballot", ballot), ("revision", .int(stored.revision)), ("cast_at", .string(stored.castAt))])
    }

    // MARK: - Facilitator

    /// `GET /api/sessions/{id}/status` (facilitator): `{"members", "voted", "open"}`.
    func status(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let (store, id) = try sessionStore(context)
        try await requireAdmin(request, store: store, session: id)
        let status = try await call { () throws(SessionError) in try await store.status(session: id) }
        return .json(
            JSONValue.object([
                ("members", .int(status.members)), ("voted", .int(status.voted)), ("open", .bool(status.open)),
            ]).text(indent: 0) + "\n")
    }

    /// `POST /api/sessions/{id}/close` (facilitator): closes the session and answers with the results JSON.
    func close(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let (store, id) = try sessionStore(context)
        try Self.requireJSON(request)
        try await requireAdmin(request, store: store, session: id)
        _ = try await Self.body(request, limit: Self.ballotLimit)
        try await call { () throws(SessionError) in try await store.close(session: id) }
        return .json(try await count(store: store, session: id).json)
    }

    /// `GET /api/sessions/{id}/results.json|csv` (facilitator, once closed).
    func results(_ request: Request, _ context: some RequestContext, csv: Bool) async throws -> Response {
        let (store, id) = try sessionStore(context)
        try await requireAdmin(request, store: store, session: id)
        let stored = try await call { () throws(SessionError) in try await store.session(id) }
        guard !stored.open else { throw APIError(.conflict, "session '\(id)' is still open: close it to count") }
        let counted = try await count(store: store, session: id)
        return csv
            ? Self.download(counted.csv, type: "text/csv; charset=utf-8", name: "session-\(id).csv")
            : .json(counted.json)
    }

    /// `GET /api/sessions/{id}/export.pb` (facilitator): the ballots so far as a pabulib file.
    func export(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let (store, id) = try sessionStore(context)
        try await requireAdmin(request, store: store, session: id)
        let stored = try await call { () throws(SessionError) in try await store.session(id) }
        let ballots = try await call { () throws(SessionError) in try await store.ballots(session: id) }
        let text = SessionCount.exportText(
            session: id, definition: stored.definition, ballots: ballots, date: stored.createdAt)
        return Self.download(text, type: "text/plain; charset=utf-8", name: "session-\(id).pb")
    }

    /// `POST /api/sessions/{id}/qr.svg` (facilitator) with `{"tokens": [member tokens], "names"?: [...]}`:
    /// the member links as a printable SVG sheet of QR codes. The server keeps no token, so the page that
    /// has just created the session sends them back; each must be a member token of this session.
    func qrSheet(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let (store, id) = try sessionStore(context)
        try Self.requireJSON(request)
        try await requireAdmin(request, store: store, session: id)
        let fields = try await RequestFields.object(of: request, allowed: ["tokens", "names"])
        guard let tokens = try fields.strings("tokens"), !tokens.isEmpty else {
            throw APIError.badField("tokens", "give the member tokens the links are made of")
        }
        let names = try fields.strings("names") ?? []
        let stored = try await call { () throws(SessionError) in try await store.session(id) }
        var cards: [(label: String, link: String)] = []
        for (k, token) in tokens.enumerated() {
            let access = try await call { () throws(SessionError) in try await store.access(token: token, session: id) }
            guard case .member(let number) = access else {
                throw APIError.badField("tokens", "token \(k + 1) is not a member token of this session")
            }
            let name = k < names.count ? names[k].trimmingCharacters(in: .whitespaces) : ""
            cards.append(
                (
                    name.isEmpty ? "Member \(number)" : name,
                    SessionLinks.member(base: Self.base(request), session: id, token: token)
                ))
        }
        let svg: String
        do {
            svg = try QRSheet.svg(title: stored.definition.name, cards: cards)
        } catch {
            throw APIError(.unprocessableContent, error.description, field: "tokens")
        }
        return Self.download(svg, type: "image/svg+xml; charset=utf-8", name: "session-\(id)-qr.svg")
    }

    /// The count of a closed session, computed once and kept (a closed session's ballots never change).
    func count(store: SessionStore, session id: String) async throws -> (json: String, csv: String) {
        if let cached = await counts.get(id) { return cached }
        let stored = try await call { () throws(SessionError) in try await store.session(id) }
        let ballots = try await call { () throws(SessionError) in try await store.ballots(session: id) }
        let jobs = jobs
        let result = await Offload.run { () -> Result<(json: String, csv: String), SessionError> in
            Result { () throws(SessionError) in
                let counted = try SessionCount.count(stored, ballots: ballots, jobs: jobs)
                return (SessionReport.json(counted).text() + "\n", SessionReport.csv(counted))
            }
        }
        let texts: (json: String, csv: String)
        do {
            texts = try result.get()
        } catch {
            throw APIError(.unprocessableContent, error.description)
        }
        if !stored.open { await counts.set(id, texts) }
        return texts
    }

    // MARK: - Creating (from the facilitator page)

    /// `POST /api/sessions` with the server's facilitator token: `{"source": catalog id, "members": N |
    /// "names": [...], "ballot"?, "min_projects"?, "max_projects"?, "points"?, "rule"?, "country"?}` →
    /// `pbsim session create --format json`'s object, with links on this server.
    func create(_ request: Request) async throws -> Response {
        guard let store else { throw APIError(.conflict, "this server has no --data folder to keep sessions in") }
        try Self.requireJSON(request)
        guard let token = Self.bearer(request) else { throw APIError(.unauthorized, "give the facilitator token") }
        guard let creatorDigest, SessionToken.matches(token, digest: creatorDigest) else {
            throw APIError(.unauthorized, "unknown token: creating a session needs the server's facilitator token")
        }
        let fields = try await RequestFields.object(
            of: request,
            allowed: [
                "source", "members", "names", "ballot", "min_projects", "max_projects", "points", "rule", "country",
            ])
        guard let source = try fields.string("source") else { throw APIError.badField("source", "give a source id") }
        guard let entry = catalog.entry(source) else {
            throw APIError(.notFound, "no scenario or election with id '\(source)'", field: "source")
        }
        var roster: [String?] = []
        if let names = try fields.strings("names") {
            roster = names.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        } else if let members = try fields.integer("members", in: 1...10_000) {
            roster = Array(repeating: nil, count: members)
        }
        guard !roster.isEmpty else { throw APIError.badField("members", "give a number of members or their names") }
        let kindText = try fields.string("ballot") ?? "approval"
        guard let kind = BallotFormat.Kind(rawValue: kindText) else {
            throw APIError.badField("ballot", "expected approval, cumulative or knapsack")
        }
        let ruleText = try fields.string("rule") ?? SessionDefinition.defaultRule.rawValue
        guard let rule = RuleName(rawValue: ruleText) else {
            throw APIError.badField("rule", "unknown rule '\(ruleText)'")
        }
        let format = BallotFormat(
            kind: kind, minProjects: try fields.integer("min_projects", in: 0...100_000) ?? 1,
            maxProjects: try fields.integer("max_projects", in: 0...100_000),
            points: try fields.integer("points", in: 0...1_000_000))
        let country = try fields.string("country")
        let path = entry.path
        let members = roster
        let outcome = await Offload.run { () -> Result<(SessionDefinition, SessionStore.Created), SessionError> in
            Result { () throws(SessionError) in
                let definition = try SessionDefinition.load(path: path, format: format, rule: rule, country: country)
                return (definition, try store.create(definition, members: members))
            }
        }
        let (definition, created): (SessionDefinition, SessionStore.Created)
        do {
            (definition, created) = try outcome.get()
        } catch {
            throw APIError(.unprocessableContent, error.description.replacingOccurrences(of: "--", with: ""))
        }
        let base = Self.base(request)
        let value = JSONValue.object([
            ("session", .string(created.session)), ("name", .string(definition.name)),
            ("admin_token", .string(created.adminToken)),
            ("member_tokens", .array(created.memberTokens.map { .string($0) })),
            ("names", .array(created.names.map { $0.map { .string($0) } ?? .null })),
            (
                "links",
                .object([
                    (
                        "admin",
                        .string(SessionLinks.admin(base: base, session: created.session, token: created.adminToken))
                    ),
                    (
                        "members",
                        .array(
                            created.memberTokens.map {
                                .string(SessionLinks.member(base: base, session: created.session, token: $0))
                            })
                    ),
                ])
            ),
        ])
        return .json(value.text() + "\n", status: .created)
    }

    // MARK: - Helpers

    func sessionStore(_ context: some RequestContext) throws -> (SessionStore, String) {
        let id = try context.parameters.require("id")
        guard let store else {
            throw APIError(.notFound, "no session with id '\(id)' (this server has no --data folder)")
        }
        return (store, id)
    }

    /// What the request's token may do; 404 for an unknown session, 401 for no token or an unknown one.
    func authorise(_ request: Request, store: SessionStore, session id: String) async throws -> SessionStore.Access {
        let token = Self.bearer(request)
        let access = try await call { () throws(SessionError) in try await store.access(token: token, session: id) }
        switch access {
        case .unknown:
            throw APIError(
                .unauthorized,
                token == nil ? "give your private token (Authorization: Bearer TOKEN)" : "unknown token")
        case .otherSession:
            throw APIError(.forbidden, "this token belongs to another session")
        case .admin, .member:
            return access
        }
    }

    func requireMember(_ request: Request, store: SessionStore, session id: String) async throws -> Int {
        guard case .member(let n) = try await authorise(request, store: store, session: id) else {
            throw APIError(.forbidden, "only a member can read or cast a ballot (this is the facilitator's token)")
        }
        return n
    }

    func requireAdmin(_ request: Request, store: SessionStore, session id: String) async throws {
        guard case .admin = try await authorise(request, store: store, session: id) else {
            throw APIError(.forbidden, "only the session's facilitator can do this")
        }
    }

    /// This server's address as the request names it (`http://HOST`), for links.
    static func base(_ request: Request) -> String {
        "http://" + (request.headers[HTTPField.Name("Host")!] ?? request.head.authority ?? "127.0.0.1:8080")
    }

    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!

    /// Refuses a state-changing request that is not JSON: an HTML form (`application/x-www-form-urlencoded`,
    /// `multipart/form-data`, `text/plain`) is what another site can send without asking.
    static func requireJSON(_ request: Request) throws {
        let type = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces)
        guard type?.lowercased() == "application/json" else {
            throw APIError(
                .unsupportedMediaType, "send the request as JSON (Content-Type: application/json)",
                field: "Content-Type")
        }
        if let site = request.headers[secFetchSite], site == "cross-site" {
            throw APIError(.forbidden, "cross-site requests are refused")
        }
    }

    static func body(_ request: Request, limit: Int) async throws -> [UInt8] {
        do {
            var buffer = try await request.body.collect(upTo: limit)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw APIError(.contentTooLarge, "the request body is larger than \(limit / 1024) KiB")
        }
    }

    static func download(_ text: String, type: String, name: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: type, .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"\(name)\"",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// Runs a store call, turning its errors into API errors (404, 409, 400, 500 without details).
    func call<T>(_ body: () async throws(SessionError) -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            switch error {
            case .notFound: throw APIError(.notFound, error.description)
            case .closed: throw APIError(.conflict, error.description)
            case .invalid(let message): throw APIError(.unprocessableContent, message)
            case .storage: throw APIError(.internalServerError, "the session store failed")
            }
        }
    }
}

/// The counts of closed sessions, rendered once.
actor CountCache {
    private var texts: [String: (json: String, csv: String)] = [:]

    func get(_ id: String) -> (json: String, csv: String)? { texts[id] }

    func set(_ id: String, _ value: (json: String, csv: String)) { texts[id] = value }
}
