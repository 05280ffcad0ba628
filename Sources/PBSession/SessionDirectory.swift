import Foundation
internal import GRDB

/// What a ``SessionStore`` keeps in memory of the sessions it has read: each session's definition,
/// facilitator digest, members and open flag, and every member token's digest.
///
/// Tokens and definitions never change once a session is created, so a request needs no database read
/// to find who holds a token. The open flag is a hint: it turns a closed session's requests away early,
/// while the ballot transaction, which reads the flag again, stays the authority. A session another
/// process created (`pbsim session create` while the server runs) is read from the database the first
/// time a request names it or one of its tokens.
struct SessionDirectory: Sendable {
    /// A session as the directory keeps it.
    struct Entry: Sendable {
        var stored: SessionStore.Stored
        var adminDigest: [UInt8]
    }

    /// Who holds a member token.
    struct Holder: Sendable {
        var session: String
        var number: Int
        var digest: [UInt8]
    }

    private(set) var sessions: [String: Entry] = [:]
    /// Member token digests → their holder (a hash lookup, as the database index would be; the digest
    /// found is then compared in constant time).
    private var members: [[UInt8]: Holder] = [:]
    /// Facilitator digests → their session.
    private var admins: [[UInt8]: String] = [:]

    func entry(_ id: String) -> Entry? { sessions[id] }

    func holder(of digest: [UInt8]) -> Holder? { members[digest] }

    func isAdminElsewhere(_ digest: [UInt8]) -> Bool { admins[digest] != nil }

    /// Adds a session read from the database (or just created) with its members' digests.
    mutating func add(_ entry: Entry, memberDigests: [(number: Int, digest: [UInt8])]) {
        let id = entry.stored.id
        if let known = sessions[id] {
            // Keep what the directory learnt since (a close is final).
            sessions[id]?.stored.open = known.stored.open && entry.stored.open
            return
        }
        sessions[id] = entry
        admins[entry.adminDigest] = id
        for member in memberDigests {
            members[member.digest] = Holder(session: id, number: member.number, digest: member.digest)
        }
    }

    /// Marks session `id` closed (after the close committed, or when a transaction found it closed).
    mutating func markClosed(_ id: String, at date: String?) {
        guard sessions[id]?.stored.open == true else { return }
        sessions[id]?.stored.open = false
        if let date { sessions[id]?.stored.closedAt = date }
    }

    /// Reads session `id` and its members' digests, or `nil` when there is no such session.
    static func load(_ db: Database, session id: String) throws -> (
        entry: Entry, members: [(number: Int, digest: [UInt8])]
    )? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT definition, admin_digest, open, created_at, closed_at FROM session WHERE id = ?",
                arguments: [id])
        else { return nil }
        let definition = try SessionStore.decode(SessionDefinition.self, row["definition"] as String)
        let digests = try Row.fetchAll(
            db, sql: "SELECT number, token_digest FROM member WHERE session = ? ORDER BY number", arguments: [id]
        ).map { row -> (number: Int, digest: [UInt8]) in (row["number"], Array(row["token_digest"] as Data)) }
        let stored = SessionStore.Stored(
            id: id, definition: definition, open: row["open"], members: digests.count, createdAt: row["created_at"],
            closedAt: row["closed_at"])
        return (Entry(stored: stored, adminDigest: Array(row["admin_digest"] as Data)), digests)
    }

    /// The session that holds `digest` as a member or facilitator token, from the database.
    static func session(holding digest: [UInt8], _ db: Database) throws -> String? {
        try String.fetchOne(
            db,
            sql: """
                SELECT session FROM member WHERE token_digest = ?
                UNION ALL SELECT id FROM session WHERE admin_digest = ? LIMIT 1
                """, arguments: [Data(digest), Data(digest)])
    }
}
