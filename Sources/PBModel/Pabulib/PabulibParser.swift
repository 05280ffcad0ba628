/// One parse of pabulib text: walks the records the ``RecordScanner`` finds, section by section, and
/// builds the election, collecting problems (up to ``PabulibReader/maxIssues``) and warnings.
///
/// The rows of each section are read in their own file: META in `PabulibParser+Meta.swift`, PROJECTS
/// in `PabulibParser+Projects.swift`, VOTES in `PabulibParser+Votes.swift`.
struct PabulibParser {
    let file: String
    var scanner: RecordScanner
    var issues: [PabulibIssue] = []
    var warnings: [PabulibIssue] = []

    var meta: [Election.MetaEntry] = []
    var metaLines: [String: Int] = [:]
    var budget: Amount?
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

    /// The section being read, whether its header row is still to come, and the header.
    var section: PabulibSection?
    var needHeader = false
    var header: [String] = []
    /// The columns of `project_id` and `cost` in the PROJECTS header (-1 when missing).
    var projectColumnsIndex = (id: -1, cost: -1)
    /// The columns of `voter_id`, `vote` and `points` in the VOTES header (-1 when missing).
    var voteIndex = (id: -1, vote: -1, points: -1)

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

    // MARK: The records

    /// Parses `text`, which `scanner` was created for.
    mutating func run(text: Span<UInt8>) throws(PabulibError) -> PabulibReader.Result {
        try checkText(text)
        // Quoted fields of the current record, undoubled; the scanner grows it as needed.
        var quotedBuffer: [UInt8] = []
        while scanner.next(in: text, quoted: &quotedBuffer) {
            if full { break }
            if scanner.isBlankRecord { continue }
            let quoted = quotedBuffer.span
            let line = scanner.recordLine
            if let s = scanner.section(in: text, quoted: quoted) {
                enter(s, line: line)
                continue
            }
            guard let current = section else {
                fail(line, "", "text before the first section (expected META)")
                break
            }
            if needHeader {
                needHeader = false
                readHeader(of: current, line: line, text: text, quoted: quoted)
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
        return try finish()
    }

    /// A section's name row: each section once, META first, PROJECTS before VOTES.
    mutating func enter(_ s: PabulibSection, line: Int) {
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
    }

    /// A section's header row: the PROJECTS and VOTES columns the parser needs.
    mutating func readHeader(of current: PabulibSection, line: Int, text: Span<UInt8>, quoted: Span<UInt8>) {
        header = (0..<scanner.fieldCount).map { scanner.string($0, in: text, quoted: quoted) }
        switch current {
        case .meta:
            break
        case .projects:
            readProjectsHeader(line: line)
        case .votes:
            readVotesHeader(line: line, textBytes: text.count)
        }
    }

    /// The end of the text: missing sections and META keys, META's facts, then the election.
    mutating func finish() throws(PabulibError) -> PabulibReader.Result {
        for s in ["meta", "projects", "votes"] where !seenSections.contains(s) {
            fail(0, s.uppercased(), "missing section")
        }
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

    // MARK: The text as a whole

    /// Refuses an empty text, a binary one (a NUL byte in the first 4 KiB) and one that is not UTF-8
    /// (naming the first line that is not).
    func checkText(_ text: Span<UInt8>) throws(PabulibError) {
        if Self.isBlankText(text) {
            throw .invalid([
                PabulibIssue(
                    file: file, line: 0, field: "", message: "empty file: expected META, PROJECTS and VOTES sections")
            ])
        }
        if Self.hasNUL(text.extracting(first: 4096)) {
            throw .invalid([
                PabulibIssue(file: file, line: 0, field: "", message: "binary file (NUL bytes): not pabulib text")
            ])
        }
        if !Self.isValidUTF8(text) {
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
    }

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
}
