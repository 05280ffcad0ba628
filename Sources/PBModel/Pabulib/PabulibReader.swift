import Foundation

/// Reads pabulib `.pb` files (META, PROJECTS and VOTES sections) into an ``Election``.
///
/// The reader works on bytes, in place: it never builds a `String` or copies a field per vote,
/// looks project and voter ids up in byte-keyed hash tables and stores ballots flat, so a
/// 90,000-voter file (3.8 MB) parses in under 20 ms.
/// Every META key and every extra column is kept. Problems are collected, up to
/// ``maxIssues``, and thrown together, each with its file, line and field.
///
/// ```swift
/// let election = try PabulibReader.read(path: "poland_warszawa_2017_sadul.pb")
/// ```
public enum PabulibReader {
    /// At most this many problems are reported for one file.
    public static let maxIssues = 50
    /// Files larger than this are refused before reading (1 GiB).
    public static let maxFileBytes = 1 << 30

    /// What a successful read gives: the election and warnings about facts that real files
    /// sometimes contradict (`num_votes`, `num_projects`, `max_length`).
    public struct Result: Sendable {
        public var election: Election
        public var warnings: [PabulibIssue]
    }

    /// Reads and parses the file at `path`.
    ///
    /// - Throws: ``PabulibError`` naming the file, line and field of each problem.
    public static func read(path: String) throws(PabulibError) -> Election {
        try readWithWarnings(path: path).election
    }

    /// How strictly the reader takes META's facts about the file.
    public enum Counts: Sendable {
        /// A `num_votes` or `num_projects` that disagrees with the file is a warning (real files
        /// are sometimes off by a few).
        case lenient
        /// ... is an error: a truncated file must not give an outcome (what `pbsim elect` and
        /// `report` do unless `--lenient` is given).
        case mustMatch
    }

    /// Reads and parses the file at `path`, returning warnings too.
    ///
    /// - Parameter counts: whether a `num_votes`/`num_projects` that disagrees with the file is
    ///   an error (``Counts/mustMatch``) or a warning (``Counts/lenient``, the default).
    public static func readWithWarnings(path: String, counts: Counts = .lenient) throws(PabulibError) -> Result {
        let data: Data
        do {
            data = try InputFile.read(path: path, limit: maxFileBytes)
        } catch {
            if error.message.contains("over the limit") {
                throw .invalid([PabulibIssue(file: path, line: 0, field: "", message: error.message)])
            }
            throw .unreadable(file: path, reason: error.message)
        }
        // Parse the file's bytes where `Data` holds them, rather than copying them to an array.
        return try parse(text: data.span, file: path, counts: counts)
    }

    /// Parses pabulib text given as bytes.
    public static func parse(_ bytes: [UInt8], file: String = "<input>") throws(PabulibError) -> Election {
        try parseWithWarnings(bytes, file: file).election
    }

    /// Parses pabulib text given as a string.
    public static func parse(_ text: String, file: String = "<input>") throws(PabulibError) -> Election {
        try parseWithWarnings(Array(text.utf8), file: file).election
    }

    /// Parses pabulib text given as bytes, returning warnings too.
    public static func parseWithWarnings(_ bytes: [UInt8], file: String, counts: Counts = .lenient) throws(PabulibError)
        -> Result
    {
        try parse(text: bytes.span, file: file, counts: counts)
    }

    /// Parses `text`, lent for the whole call: the parser reads fields in place and never keeps
    /// the text.
    private static func parse(text: Span<UInt8>, file: String, counts: Counts = .lenient) throws(PabulibError)
        -> Result
    {
        var parser = Parser(scanner: RecordScanner(text: text), file: file)
        parser.countsMustMatch = counts == .mustMatch
        return try parser.run(text: text)
    }
}

// MARK: - Parser

enum PabulibSection: String {
    case meta, projects, votes

    /// The section a field names, compared as `String.lowercased()` would (only ASCII letters
    /// change case in these names), without making a string.
    init?(field: Span<UInt8>) {
        let section: PabulibSection
        switch field.count {
        case 4: section = .meta
        case 8: section = .projects
        case 5: section = .votes
        default: return nil
        }
        for (i, expected) in zip(field.indices, section.rawValue.utf8) {
            let c = field[i]
            let lower = c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") ? c | 0x20 : c
            if lower != expected { return nil }
        }
        self = section
    }
}

private struct Parser {
    let file: String
    var scanner: RecordScanner
    var issues: [PabulibIssue] = []
    var warnings: [PabulibIssue] = []

    var meta: [Election.MetaEntry] = []
    var metaLines: [String: Int] = [:]
    var projects: [Election.Project] = []
    var projectFields = FieldTable(columns: [])
    var projectIDs = ByteKeyTable(capacity: 64)
    var voterFields = FieldTable(columns: [])
    var voteColumns: [String] = []
    var ballots = Ballots()
    var voterIDs = ByteKeyTable(capacity: 16)
    var seenSections: Set<String> = []
    var voteType: VoteType?
    var votesStarted = false
    var stamp: [Int32] = []
    /// Whether a META count that disagrees with the file is an error rather than a warning.
    var countsMustMatch = false
    /// The number of the current VOTES row, which marks its projects in `stamp` (a row number rather
    /// than the ballot index: a row with an error adds no ballot, and its marks must not carry over).
    var voteRowNumber: Int32 = 0

    init(scanner: RecordScanner, file: String) {
        self.file = file
        self.scanner = scanner
    }

    var full: Bool { issues.count >= PabulibReader.maxIssues }

    mutating func fail(_ line: Int, _ field: String, _ message: String) {
        if issues.count < PabulibReader.maxIssues {
            issues.append(PabulibIssue(file: file, line: line, field: field, message: message))
        }
    }

    mutating func warn(_ line: Int, _ field: String, _ message: String) {
        warnings.append(PabulibIssue(file: file, line: line, field: field, message: message))
    }

    /// Parses `text`, which `scanner` was created for.
    mutating func run(text: Span<UInt8>) throws(PabulibError) -> PabulibReader.Result {
        if Parser.isBlankText(text) {
            throw .invalid([
                PabulibIssue(
                    file: file, line: 0, field: "", message: "empty file: expected META, PROJECTS and VOTES sections")
            ])
        }
        if Parser.hasNUL(text.extracting(first: 4096)) {
            throw .invalid([
                PabulibIssue(file: file, line: 0, field: "", message: "binary file (NUL bytes): not pabulib text")
            ])
        }
        if !Parser.isValidUTF8(text) {
            // Slow path, for the message only: the first line that is not valid UTF-8.
            var line = 1
            var start = 0
            for i in 0...text.count where i == text.count || text[i] == 0x0A {
                if (try? UTF8Span(validating: text.extracting(start..<i))) == nil {
                    throw .invalid([
                        PabulibIssue(
                            file: file, line: line, field: "", message: "not valid UTF-8 text (pabulib files are UTF-8)"
                        )
                    ])
                }
                line += 1
                start = i + 1
            }
        }
        var section: PabulibSection?
        var header: [String] = []
        var needHeader = false
        var projectColumnsIndex = (id: -1, cost: -1)
        var voteIndex = (id: -1, vote: -1, points: -1)

        // Quoted fields of the current record, undoubled; the scanner grows it as needed.
        var quotedBuffer: [UInt8] = []
        while scanner.next(in: text, quoted: &quotedBuffer) {
            if full { break }
            if scanner.isBlankRecord { continue }
            let quoted = quotedBuffer.span
            let line = scanner.recordLine
            let first = scanner.field(0)
            if scanner.fieldCount <= 2,
                let s = PabulibSection(
                    field: first.isQuoted ? quoted.extracting(first.range) : text.extracting(first.range))
            {
                if seenSections.contains(s.rawValue) {
                    fail(line, s.rawValue.uppercased(), "section appears twice")
                }
                seenSections.insert(s.rawValue)
                if s == .projects && !seenSections.contains("meta") {
                    fail(line, "PROJECTS", "section before META")
                }
                if s == .votes && !seenSections.contains("projects") {
                    fail(line, "VOTES", "section before PROJECTS")
                }
                section = s
                needHeader = true
                continue
            }
            guard let current = section else {
                fail(line, "", "text before the first section (expected META)")
                break
            }
            if needHeader {
                needHeader = false
                header = (0..<scanner.fieldCount).map { scanner.string($0, in: text, quoted: quoted) }
                switch current {
                case .meta:
                    break
                case .projects:
                    projectFields = FieldTable(columns: header)
                    projectColumnsIndex = (
                        header.firstIndex(of: "project_id") ?? -1, header.firstIndex(of: "cost") ?? -1
                    )
                    if projectColumnsIndex.id != 0 {
                        fail(
                            line, "PROJECTS",
                            projectColumnsIndex.id < 0
                                ? "missing required column 'project_id'" : "'project_id' must be the first column")
                    }
                    if projectColumnsIndex.cost < 0 { fail(line, "PROJECTS", "missing required column 'cost'") }
                case .votes:
                    startVotes(line: line)
                    voteColumns = header
                    voteIndex = (
                        header.firstIndex(of: "voter_id") ?? -1, header.firstIndex(of: "vote") ?? -1,
                        header.firstIndex(of: "points") ?? -1
                    )
                    if voteIndex.id < 0 { fail(line, "VOTES", "missing required column 'voter_id'") }
                    if voteIndex.vote < 0 { fail(line, "VOTES", "missing required column 'vote'") }
                    if let t = voteType, t.hasPoints, voteIndex.points < 0 {
                        fail(line, "VOTES", "missing required column 'points' for vote_type \(t.rawValue)")
                    }
                    voterFields = FieldTable(
                        columns: header.enumerated().filter {
                            $0.offset != voteIndex.vote && $0.offset != voteIndex.points
                        }.map(\.element))
                    let estimate = max(16, text.count / 32)
                    voterFields.reserve(rows: estimate, bytesPerRow: 16)
                    ballots.reserve(voters: estimate, entries: estimate * 4)
                    if voterIDs.count == 0 { voterIDs = ByteKeyTable(capacity: estimate) }
                }
                continue
            }
            switch current {
            case .meta:
                metaRow(line: line, text: text, quoted: quoted)
            case .projects:
                if projectColumnsIndex.id == 0 && projectColumnsIndex.cost > 0 {
                    projectRow(
                        line: line, width: header.count, costIndex: projectColumnsIndex.cost, text: text, quoted: quoted
                    )
                }
            case .votes:
                if voteIndex.id >= 0 && voteIndex.vote >= 0 && voteType != nil {
                    voteRow(line: line, width: header.count, columns: voteIndex, text: text, quoted: quoted)
                }
            }
        }
        for s in ["meta", "projects", "votes"] where !seenSections.contains(s) {
            fail(0, s.uppercased(), "missing section")
        }
        if seenSections.contains("meta") && !seenSections.contains("projects") { /* reported above */  }
        if !votesStarted && seenSections.contains("meta") { startVotes(line: 0) }
        if needHeader, let s = section { fail(scanner.line, s.rawValue.uppercased(), "section has no header row") }
        checkMetaFacts()
        if !issues.isEmpty { throw .invalid(issues) }
        guard let voteType else {
            throw .invalid([PabulibIssue(file: file, line: 0, field: "vote_type", message: "missing")])
        }
        let election = Election(
            meta: meta, budget: budget ?? .zero, voteType: voteType, projects: projects,
            projectFields: projectFields, voterFields: voterFields, voteColumns: voteColumns, ballots: ballots
        )
        return PabulibReader.Result(election: election, warnings: warnings)
    }

    var budget: Amount?

    /// Whether `text` is well-formed UTF-8, as `String(validating:as:)` decides, without making a
    /// string.
    ///
    /// ASCII bytes end any multi-byte sequence, so the text is valid exactly when each run of
    /// non-ASCII bytes is: ASCII is skipped 8 bytes at a time and only those runs are validated.
    ///
    /// - Complexity: O(*n*), about 8 bytes per step on ASCII text.
    static func isValidUTF8(_ text: Span<UInt8>) -> Bool {
        let n = text.count
        var i = 0
        while i < n {
            while i + 8 <= n, text.littleEndianUInt64(at: i) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            while i < n, text[i] < 0x80 { i += 1 }
            guard i < n else { break }
            let start = i
            while i < n, text[i] >= 0x80 { i += 1 }
            guard (try? UTF8Span(validating: text.extracting(start..<i))) != nil else { return false }
        }
        return true
    }

    /// Whether `text` is empty or only blanks and line ends.
    static func isBlankText(_ text: Span<UInt8>) -> Bool {
        for i in text.indices where !(RecordScanner.isBlank(text[i]) || text[i] == 0x0A) { return false }
        return true
    }

    /// Whether `bytes` contains a NUL byte.
    static func hasNUL(_ bytes: Span<UInt8>) -> Bool {
        for i in bytes.indices where bytes[i] == 0 { return true }
        return false
    }

    // MARK: META

    mutating func metaRow(line: Int, text: Span<UInt8>, quoted: Span<UInt8>) {
        let key = scanner.string(0, in: text, quoted: quoted)
        guard scanner.fieldCount >= 2 else {
            fail(line, "META.\(key)", "expected 'key;value', got no value")
            return
        }
        if scanner.fieldCount > 2 {
            fail(line, "META.\(key)", "expected 2 fields, got \(scanner.fieldCount)")
            return
        }
        let value = scanner.string(1, in: text, quoted: quoted)
        if metaLines[key] != nil {
            fail(line, "META.\(key)", "key appears twice (first on line \(metaLines[key]!))")
            return
        }
        metaLines[key] = line
        meta.append(Election.MetaEntry(key: key, value: value))
        switch key {
        case "budget":
            do {
                let f = scanner.field(1)
                let amount = try Amount.parse(bytes: f.isQuoted ? quoted.extracting(f.range) : text.extracting(f.range))
                if amount <= .zero {
                    fail(line, "budget", "must be positive, got '\(value)'")
                } else {
                    budget = amount
                }
            } catch {
                fail(line, "budget", Parser.describe(error, value))
            }
        case "vote_type":
            if let named = VoteType(metaValue: value) {
                voteType = named
            } else {
                fail(
                    line, "vote_type",
                    "unknown vote type '\(value)' (expected approval, choose-1, cumulative, scoring or ordinal)")
            }
        default:
            break
        }
    }

    static func describe(_ e: Amount.ParseFailure, _ text: String) -> String {
        switch e {
        case .empty: return "missing value"
        case .notANumber: return "expected a decimal number, got '\(text)'"
        case .tooManyDecimals: return "more than \(Amount.maxScale) decimals in '\(text)'"
        case .overflow: return "number too large: '\(text)'"
        }
    }

    // MARK: PROJECTS

    mutating func projectRow(line: Int, width: Int, costIndex: Int, text: Span<UInt8>, quoted: Span<UInt8>) {
        let idText = scanner.string(0, in: text, quoted: quoted)
        guard scanner.fieldCount == width else {
            fail(line, "projects[\(idText)]", "expected \(width) fields, got \(scanner.fieldCount)")
            return
        }
        let idField = scanner.field(0)
        let idBytes = idField.isQuoted ? quoted.extracting(idField.range) : text.extracting(idField.range)
        if idBytes.isEmpty {
            fail(line, "projects.project_id", "empty project id")
            return
        }
        if idBytes.indices.contains(where: { idBytes[$0] == UInt8(ascii: ",") }) {
            fail(line, "projects[\(idText)].project_id", "project id contains ',' which votes use as a separator")
            return
        }
        guard projectIDs.insert(idBytes) else {
            fail(line, "projects[\(idText)].project_id", "duplicate project id '\(idText)'")
            return
        }
        var cost = Amount.zero
        do {
            let f = scanner.field(costIndex)
            cost = try Amount.parse(bytes: f.isQuoted ? quoted.extracting(f.range) : text.extracting(f.range))
            if cost < .zero {
                fail(
                    line, "projects[\(idText)].cost",
                    "must not be negative, got '\(scanner.string(costIndex, in: text, quoted: quoted))'")
            }
        } catch {
            fail(
                line, "projects[\(idText)].cost",
                Parser.describe(error, scanner.string(costIndex, in: text, quoted: quoted)))
        }
        projects.append(Election.Project(id: idText, cost: cost))
        for i in 0..<width {
            let f = scanner.field(i)
            projectFields.append(f.isQuoted ? quoted.extracting(f.range) : text.extracting(f.range))
        }
    }

    // MARK: VOTES

    mutating func startVotes(line: Int) {
        votesStarted = true
        if budget == nil && metaLines["budget"] == nil { fail(0, "budget", "missing META key 'budget'") }
        if voteType == nil && metaLines["vote_type"] == nil { fail(0, "vote_type", "missing META key 'vote_type'") }
        stamp = [Int32](repeating: -1, count: projects.count)
    }

    /// The voter id of the current VOTES row as text, for messages only ("" if the row has no
    /// such column): rows without problems never make a string.
    func voterLabel(_ idColumn: Int, text: Span<UInt8>, quoted: Span<UInt8>) -> String {
        scanner.fieldCount > idColumn ? scanner.string(idColumn, in: text, quoted: quoted) : ""
    }

    mutating func voteRow(
        line: Int, width: Int, columns: (id: Int, vote: Int, points: Int), text: Span<UInt8>, quoted: Span<UInt8>
    ) {
        voteRowNumber += 1
        let voter = voteRowNumber
        guard scanner.fieldCount == width else {
            let idText = voterLabel(columns.id, text: text, quoted: quoted)
            fail(line, "votes[\(idText)]", "expected \(width) fields, got \(scanner.fieldCount)")
            return
        }
        let idField = scanner.field(columns.id)
        let idBytes = idField.isQuoted ? quoted.extracting(idField.range) : text.extracting(idField.range)
        if idBytes.isEmpty {
            fail(line, "votes.voter_id", "empty voter id")
            return
        }
        guard voterIDs.insert(idBytes) else {
            let idText = voterLabel(columns.id, text: text, quoted: quoted)
            fail(line, "votes[\(idText)].voter_id", "duplicate voter id '\(idText)'")
            return
        }
        let voteField = scanner.field(columns.vote)
        let vote = voteField.isQuoted ? quoted.extracting(voteField.range) : text.extracting(voteField.range)
        var count = 0
        var ok = true
        var start = 0
        let end = vote.count
        if !vote.isEmpty {
            var i = start
            while true {
                if i == end || vote[i] == UInt8(ascii: ",") {
                    var s = start
                    var e = i
                    while s < e, RecordScanner.isBlank(vote[s]) { s += 1 }
                    while e > s, RecordScanner.isBlank(vote[e - 1]) { e -= 1 }
                    if s < e {
                        let entry = vote.extracting(s..<e)
                        if let p = projectIDs.find(entry) {
                            if stamp[Int(p)] == voter {
                                ok = false
                                let idText = voterLabel(columns.id, text: text, quoted: quoted)
                                fail(line, "votes[\(idText)].vote", "project '\(entry.decodedString())' listed twice")
                            } else {
                                stamp[Int(p)] = voter
                                ballots.appendToOpenBallot(p)
                                count += 1
                            }
                        } else {
                            ok = false
                            let idText = voterLabel(columns.id, text: text, quoted: quoted)
                            fail(line, "votes[\(idText)].vote", "unknown project '\(entry.decodedString())'")
                        }
                    } else if let t = voteType, t.hasPoints {
                        // pabutools skips empty entries of approval and ordinal votes; with points
                        // they would shift the alignment, so they are an error there.
                        ok = false
                        let idText = voterLabel(columns.id, text: text, quoted: quoted)
                        fail(line, "votes[\(idText)].vote", "empty project id in the vote list")
                    }
                    if i == end { break }
                    start = i + 1
                }
                i += 1
            }
        }
        if let t = voteType, t.hasPoints {
            guard columns.points >= 0 else {
                // vote_type came after the VOTES header (or changed): the header has no points column.
                let idText = voterLabel(columns.id, text: text, quoted: quoted)
                fail(
                    line, "votes[\(idText)].points",
                    "vote_type \(t.rawValue) needs a 'points' column in the VOTES header")
                ballots.discardOpenBallot()
                return
            }
            let f = scanner.field(columns.points)
            let pointsField = f.isQuoted ? quoted.extracting(f.range) : text.extracting(f.range)
            var values = 0
            if !pointsField.isEmpty {
                var s = 0
                var i = s
                while true {
                    if i == pointsField.count || pointsField[i] == UInt8(ascii: ",") {
                        let slice = pointsField.extracting(s..<i)
                        do {
                            let amount = try Amount.parse(bytes: slice)
                            if amount < .zero {
                                ok = false
                                let idText = voterLabel(columns.id, text: text, quoted: quoted)
                                fail(line, "votes[\(idText)].points", "points must not be negative, got '\(amount)'")
                            }
                            ballots.appendPointToOpenBallot(amount)
                        } catch {
                            ok = false
                            let idText = voterLabel(columns.id, text: text, quoted: quoted)
                            fail(line, "votes[\(idText)].points", Parser.describe(error, slice.decodedString()))
                        }
                        values += 1
                        if i == pointsField.count { break }
                        s = i + 1
                    }
                    i += 1
                }
            }
            if ok && values != count {
                ok = false
                let idText = voterLabel(columns.id, text: text, quoted: quoted)
                fail(line, "votes[\(idText)].points", "\(values) points for \(count) projects")
            }
        }
        guard ok else {
            ballots.discardOpenBallot()
            return
        }
        ballots.closeBallot()
        // The voter's columns are all but `vote` and `points`: cell k is field k, shifted past them.
        let first = columns.points >= 0 ? min(columns.vote, columns.points) : columns.vote
        let second = columns.points >= 0 ? max(columns.vote, columns.points) : Int.max
        voterFields.append(cells: columns.points >= 0 ? width - 2 : width - 1, from: text, or: quoted) { k in
            let f = scanner.field(k < first ? k : k + 1 < second ? k + 1 : k + 2)
            return (f.range, f.isQuoted)
        }
    }

    // MARK: Facts that real files contradict: warnings

    mutating func checkMetaFacts() {
        guard issues.isEmpty else { return }
        let counts = [("num_votes", ballots.count, "votes"), ("num_projects", projects.count, "projects")]
        for (key, actual, noun) in counts {
            guard let text = meta.first(where: { $0.key == key })?.value, let n = Int(text), n != actual else {
                continue
            }
            let line = metaLines[key] ?? 0
            if countsMustMatch {
                fail(line, key, "META says \(n), the file has \(actual) \(noun) (give --lenient to read it anyway)")
            } else {
                warn(line, key, "META says \(n), the file has \(actual) \(noun)")
            }
        }
        if let text = meta.first(where: { $0.key == "max_length" })?.value, let m = Int(text), issues.isEmpty {
            var longest = 0
            for v in 0..<ballots.count { longest = max(longest, Int(ballots.offsets[v + 1] - ballots.offsets[v])) }
            if longest > m {
                warn(metaLines["max_length"] ?? 0, "max_length", "META says \(m), a ballot lists \(longest) projects")
            }
        }
    }
}
