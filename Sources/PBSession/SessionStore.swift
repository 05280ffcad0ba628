import Foundation
internal import GRDB
import PBSupport
import Synchronization

/// The sessions of a data folder, in SQLite (`sessions.sqlite`, WAL, `synchronous = FULL`).
///
/// A ballot is acknowledged only once its transaction has committed, so a ballot the server answered
/// 200 for survives a `kill -9` of the server (and, with `FULL`, a power cut). Each member has one
/// ballot row, replaced when they change it; closing a session and casting a ballot are write
/// transactions, so no ballot slips in after the close.
///
/// Tables (schema migration `v1`):
///
/// | table     | one row per     | columns |
/// |-----------|-----------------|---------|
/// | `session` | session         | `id`, `definition` (JSON), `admin_digest`, `open`, `created_at`, `closed_at` |
/// | `member`  | member          | `session`, `number` (1…), `name`, `token_digest` (SHA-256, unique), `voter_key` (random) |
/// | `ballot`  | member who voted | `session`, `member`, `ballot` (JSON), `revision` (1 on the first cast), `cast_at` |
///
/// Tokens are never stored, only their SHA-256 digests. The store keeps the sessions it has read in
/// memory (``SessionDirectory``: definitions, token digests, open flags), so finding who holds a token
/// needs no database read; the ballot transaction still reads the open flag and is the authority.
///
/// ```swift
/// let store = try SessionStore.open(directory: "panel-data")
/// let created = try store.create(definition, members: Array(repeating: nil, count: 30))
/// ```
public final class SessionStore: Sendable {
    /// The SQLite file.
    public let path: String
    private let pool: DatabasePool
    /// Ballots waiting for the next group commit.
    private let pending = Mutex<PendingCasts>(PendingCasts())
    /// The sessions read so far, their token digests and open flags.
    private let directory = Mutex<SessionDirectory>(SessionDirectory())

    /// The database file's name in the data folder.
    public static let fileName = "sessions.sqlite"

    private init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
    }

    /// A ballot waiting to be written, and who waits for the answer.
    struct PendingCast: Sendable {
        var text: String
        var ballot: Ballot
        var session: String
        var member: Int
        var continuation: CheckedContinuation<Result<StoredBallot, SessionError>, Never>
    }

    struct PendingCasts: Sendable {
        var casts: [PendingCast] = []
        var writing = false
    }

    /// Opens (creating when missing) the session database of a data folder, and brings its schema up to date.
    ///
    /// - Parameter directory: The data folder (created when missing).
    /// - Returns: The store.
    /// - Throws: ``SessionError/storage(_:)`` naming the file.
    public static func open(directory: String) throws(SessionError) -> SessionStore {
        let path = (directory as NSString).appendingPathComponent(fileName)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(30)
            configuration.label = "pbsim-sessions"
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            let pool = try DatabasePool(path: path, configuration: configuration)
            try migrator.migrate(pool)
            return SessionStore(path: path, pool: pool)
        } catch {
            throw .storage("\(path): \(message(error))")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE session (
                        id TEXT PRIMARY KEY NOT NULL,
                        definition TEXT NOT NULL,
                        admin_digest BLOB NOT NULL,
                        open INTEGER NOT NULL DEFAULT 1,
                        created_at TEXT NOT NULL,
                        closed_at TEXT
                    );
                    CREATE TABLE member (
                        session TEXT NOT NULL REFERENCES session(id),
                        number INTEGER NOT NULL,
                        name TEXT,
                        token_digest BLOB NOT NULL UNIQUE,
                        voter_key INTEGER NOT NULL,
                        PRIMARY KEY (session, number)
                    );
                    CREATE TABLE ballot (
                        session TEXT NOT NULL,
                        member INTEGER NOT NULL,
                        ballot TEXT NOT NULL,
                        revision INTEGER NOT NULL,
                        cast_at TEXT NOT NULL,
                        PRIMARY KEY (session, member),
                        FOREIGN KEY (session, member) REFERENCES member(session, number)
                    );
                    """)
        }
        return migrator
    }

    /// A new session's secrets, shown once: they are not stored and cannot be shown again.
    public struct Created: Sendable, Hashable {
        /// The session id.
        public var session: String
        /// The facilitator's token (close, export, status).
        public var adminToken: String
        /// One token per member, in member order.
        public var memberTokens: [String]
        /// The members' names, in member order (`nil` for numbered members).
        public var names: [String?]
    }

    /// Creates a session with one token per member, in one transaction (nothing is stored on failure).
    ///
    /// - Parameters:
    ///   - definition: What the session is about.
    ///   - members: One entry per member: a name, or `nil`.
    /// - Returns: The session id and its tokens.
    /// - Throws: ``SessionError``.
    public func create(_ definition: SessionDefinition, members: [String?]) throws(SessionError) -> Created {
        guard !members.isEmpty else { throw .invalid("a session needs at least one member") }
        guard members.count <= 100_000 else { throw .invalid("at most 100000 members") }
        let created = Created(
            session: SessionToken.sessionID(), adminToken: SessionToken.generate(),
            memberTokens: members.map { _ in SessionToken.generate() }, names: members)
        let text = try Self.encode(definition)
        do {
            try pool.write { db in
                try db.execute(
                    sql: "INSERT INTO session (id, definition, admin_digest, open, created_at) VALUES (?, ?, ?, 1, ?)",
                    arguments: [
                        created.session, text, Data(SessionToken.digest(of: created.adminToken)), Self.now(),
                    ])
                var generator = SystemRandomNumberGenerator()
                for (n, token) in created.memberTokens.enumerated() {
                    try db.execute(
                        sql:
                            "INSERT INTO member (session, number, name, token_digest, voter_key) VALUES (?, ?, ?, ?, ?)",
                        arguments: [
                            created.session, n + 1, members[n], Data(SessionToken.digest(of: token)),
                            Int64(truncatingIfNeeded: generator.next() >> 1),
                        ])
                }
            }
        } catch {
            throw .storage("\(path): \(Self.message(error))")
        }
        return created
    }

    /// What a token may do in a session.
    public enum Access: Sendable, Hashable {
        /// The session's facilitator.
        case admin
        /// Member `number` of the session.
        case member(Int)
        /// A real token, of another session (or another session's facilitator).
        case otherSession
        /// No token, or a token nobody holds.
        case unknown
    }

    /// A session as stored.
    public struct Stored: Sendable, Hashable {
        public var id: String
        public var definition: SessionDefinition
        public var open: Bool
        public var members: Int
        public var createdAt: String
        public var closedAt: String?
    }

    /// The session `id` (from memory once read).
    ///
    /// - Throws: ``SessionError/notFound(_:)``.
    public func session(_ id: String) async throws(SessionError) -> Stored {
        try await entry(id).stored
    }

    /// Session `id` as the directory keeps it, read from the database the first time.
    private func entry(_ id: String) async throws(SessionError) -> SessionDirectory.Entry {
        if let entry = directory.withLock({ $0.entry(id) }) { return entry }
        guard let loaded = try await read({ db in try SessionDirectory.load(db, session: id) }) else {
            throw .notFound(id)
        }
        return directory.withLock { directory in
            directory.add(loaded.entry, memberDigests: loaded.members)
            return directory.entry(id) ?? loaded.entry
        }
    }

    /// What `token` may do in session `id`.
    ///
    /// The token's SHA-256 digest is looked up in memory (a hash lookup, as the database's index would
    /// be: a timing difference can at most say something about a digest, never about a token), then the
    /// digest found is compared in constant time; so is the facilitator's. A digest the directory does
    /// not know is looked up in the database (a session another process created since).
    ///
    /// - Throws: ``SessionError/notFound(_:)`` for an unknown session.
    public func access(token: String?, session id: String) async throws(SessionError) -> Access {
        let session = try await entry(id)
        guard let token, SessionToken.isWellFormed(token) else { return .unknown }
        let digest = SessionToken.digest(of: token)
        if SessionToken.equalInConstantTime(session.adminDigest, digest) { return .admin }
        let known = directory.withLock { ($0.holder(of: digest), $0.isAdminElsewhere(digest)) }
        if let holder = known.0, SessionToken.equalInConstantTime(holder.digest, digest) {
            return holder.session == id ? .member(holder.number) : .otherSession
        }
        if known.1 { return .otherSession }
        guard let other = try await read({ db in try SessionDirectory.session(holding: digest, db) }) else {
            return .unknown
        }
        // Every member of `id` is in memory with it, so the holder is another session: remember it.
        _ = try await entry(other)
        return .otherSession
    }

    /// A member's stored ballot.
    public struct StoredBallot: Sendable, Hashable {
        /// The ballot.
        public var ballot: Ballot
        /// 1 for the first cast, one more for each change.
        public var revision: Int
        /// When it was cast (UTC, ISO 8601).
        public var castAt: String
    }

    /// Stores member `member`'s ballot in session `id`, replacing any earlier one; returns once the
    /// transaction has committed.
    ///
    /// - Throws: ``SessionError/closed(_:)`` when the session is closed, ``SessionError/notFound(_:)``.
    public func cast(_ ballot: Ballot, session id: String, member: Int) async throws(SessionError) -> StoredBallot {
        let text = Self.text(of: ballot)
        let result = await withCheckedContinuation { continuation in
            let start = pending.withLock { state -> Bool in
                state.casts.append(
                    PendingCast(text: text, ballot: ballot, session: id, member: member, continuation: continuation))
                if state.writing { return false }
                state.writing = true
                return true
            }
            if start { Task.detached { await self.writePending() } }
        }
        return try result.get()
    }

    /// Group commit: writes every ballot that arrived while the previous transaction was committing in one
    /// transaction (one `fsync` for all of them), then answers each. Runs until nothing is pending.
    private func writePending() async {
        while true {
            let batch = pending.withLock { state -> [PendingCast] in
                let batch = state.casts
                state.casts = []
                if batch.isEmpty { state.writing = false }
                return batch
            }
            if batch.isEmpty { return }
            let now = Self.now()
            let items = batch.map { ($0.text, $0.session, $0.member) }
            let outcome: Result<[Result<Int, SessionError>], SessionError>
            do {
                outcome = .success(
                    try await pool.write { db in
                        var open: [String: Bool] = [:]
                        var results: [Result<Int, SessionError>] = []
                        // NB: cached statements, prepared once per connection rather than once per ballot.
                        let isOpen = try db.cachedStatement(sql: "SELECT open FROM session WHERE id = ?")
                        let upsert = try db.cachedStatement(
                            sql: """
                                INSERT INTO ballot (session, member, ballot, revision, cast_at) VALUES (?, ?, ?, 1, ?)
                                ON CONFLICT (session, member) DO UPDATE
                                SET ballot = excluded.ballot, revision = ballot.revision + 1, cast_at = excluded.cast_at
                                RETURNING revision
                                """)
                        for (text, id, member) in items {
                            if open[id] == nil { open[id] = try Bool.fetchOne(isOpen, arguments: [id]) }
                            guard let sessionOpen = open[id] ?? nil else {
                                results.append(.failure(.notFound(id)))
                                continue
                            }
                            guard sessionOpen else {
                                results.append(.failure(.closed(id)))
                                continue
                            }
                            let revision = try Int.fetchOne(upsert, arguments: [id, member, text, now])
                            results.append(.success(revision ?? 1))
                        }
                        return results
                    })
            } catch {
                outcome = .failure(.storage("\(path): \(Self.message(error))"))
            }
            if case .success(let results) = outcome {
                // A session closed by another process: the transaction saw it, the directory learns it.
                let closed = Set(results.compactMap { if case .failure(.closed(let id)) = $0 { id } else { nil } })
                if !closed.isEmpty { directory.withLock { for id in closed { $0.markClosed(id, at: nil) } } }
            }
            for (k, cast) in batch.enumerated() {
                switch outcome {
                case .success(let results):
                    cast.continuation.resume(
                        returning: results[k].map { StoredBallot(ballot: cast.ballot, revision: $0, castAt: now) })
                case .failure(let error):
                    cast.continuation.resume(returning: .failure(error))
                }
            }
        }
    }

    /// Member `member`'s ballot in session `id`, if they voted.
    public func ballot(session id: String, member: Int) async throws(SessionError) -> StoredBallot? {
        let row = try await read { db -> (String, Int, String)? in
            try Row.fetchOne(
                db, sql: "SELECT ballot, revision, cast_at FROM ballot WHERE session = ? AND member = ?",
                arguments: [id, member]
            ).map { ($0["ballot"], $0["revision"], $0["cast_at"]) }
        }
        guard let row else { return nil }
        return StoredBallot(ballot: try Self.decode(Ballot.self, row.0), revision: row.1, castAt: row.2)
    }

    /// Turnout: `(members, voted, open)`.
    public func status(session id: String) async throws(SessionError) -> (members: Int, voted: Int, open: Bool) {
        let row = try await read { db -> (Int, Int, Bool)? in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT open, (SELECT count(*) FROM member WHERE session = s.id) AS members,
                        (SELECT count(*) FROM ballot WHERE session = s.id) AS voted
                    FROM session s WHERE id = ?
                    """, arguments: [id]
            ).map { ($0["members"], $0["voted"], $0["open"]) }
        }
        guard let row else { throw .notFound(id) }
        return (row.0, row.1, row.2)
    }

    /// Closes session `id`: from the commit on, it accepts no ballot.
    ///
    /// - Throws: ``SessionError/closed(_:)`` when it was already closed.
    public func close(session id: String) async throws(SessionError) {
        let now = Self.now()
        try await write { db in
            guard let open = try Bool.fetchOne(db, sql: "SELECT open FROM session WHERE id = ?", arguments: [id]) else {
                throw SessionError.notFound(id)
            }
            guard open else { throw SessionError.closed(id) }
            try db.execute(sql: "UPDATE session SET open = 0, closed_at = ? WHERE id = ?", arguments: [now, id])
        }
        directory.withLock { $0.markClosed(id, at: now) }
    }

    /// Every ballot of session `id`, ordered by the members' random voter keys (so the order says nothing
    /// about who is who).
    public func ballots(session id: String) async throws(SessionError) -> [Ballot] {
        let texts = try await read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT b.ballot FROM ballot b JOIN member m ON m.session = b.session AND m.number = b.member
                    WHERE b.session = ? ORDER BY m.voter_key, m.number
                    """, arguments: [id])
        }
        var ballots: [Ballot] = []
        for text in texts { ballots.append(try Self.decode(Ballot.self, text)) }
        return ballots
    }

    /// Every session's id, newest first.
    public func sessionIDs() async throws(SessionError) -> [String] {
        try await read { db in try String.fetchAll(db, sql: "SELECT id FROM session ORDER BY created_at DESC, id") }
    }

    // MARK: - Helpers

    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(SessionError) -> T {
        do {
            return try await pool.read(body)
        } catch let error as SessionError {
            throw error
        } catch {
            throw .storage("\(path): \(Self.message(error))")
        }
    }

    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(SessionError) -> T
    {
        do {
            return try await pool.write(body)
        } catch let error as SessionError {
            throw error
        } catch {
            throw .storage("\(path): \(Self.message(error))")
        }
    }

    static func encode(_ value: some Encodable) throws(SessionError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw .storage("cannot encode: \(error)")
        }
    }

    /// A ballot's stored text, `{"points":[…],"projects":[…]}` (keys sorted, no spaces), written by hand:
    /// it is on every cast's path, where JSONEncoder took a twentieth of the server's time.
    static func text(of ballot: Ballot) -> String {
        var out = "{"
        if let points = ballot.points {
            out += "\"points\":[" + points.map { String($0) }.joined(separator: ",") + "],"
        }
        return out + "\"projects\":" + JSONText.array(ballot.projects) + "}"
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws(SessionError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw .storage("a stored record cannot be read: \(error)")
        }
    }

    static func now() -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(Date())
    }

    static func message(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error)" }
        return "\(error)"
    }
}
