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
        var parser = PabulibParser(scanner: RecordScanner(text: text), file: file)
        parser.countsMustMatch = counts == .mustMatch
        return try parser.run(text: text)
    }
}

/// A section of a `.pb` file.
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

extension RecordScanner {
    /// The section the current record starts (a record of one or two fields whose first names a
    /// section), or `nil` for any other record.
    @inline(__always)
    func section(in text: Span<UInt8>, quoted: Span<UInt8>) -> PabulibSection? {
        guard fieldCount > 0, fieldCount <= 2 else { return nil }
        let first = field(0)
        return PabulibSection(field: first.isQuoted ? quoted.extracting(first.range) : text.extracting(first.range))
    }
}
