/// Splits pabulib text into `;`-delimited records with CSV quoting, byte by byte.
///
/// Quoted fields may contain `;`, newlines and doubled quotes (`""`). Line ends may be `\n` or
/// `\r\n`. Each record knows the line it starts on.
///
/// The scanner reads the caller's text in place and keeps no reference to it: the caller lends
/// the text (a `Span`) and a buffer for quoted fields (an array) to each ``next(in:quoted:)``.
/// An unquoted field is a range of the text, and only quoted fields (quotes undoubled) are
/// copied, into the quoted buffer. Blanks around a field are trimmed once, when the record is
/// read. ``field(_:)`` tells where a field is, and the caller takes its bytes from the text or
/// the quoted buffer itself (a function cannot return a span).
struct RecordScanner {
    /// Where a field's trimmed bytes are: a range of the text, or of the quoted buffer.
    struct Field {
        var start: Int
        var end: Int
        var isQuoted: Bool

        var range: Range<Int> { start..<end }
        var isEmpty: Bool { start == end }
    }

    /// Where ``read(_:_:_:_:)`` stopped.
    private enum Outcome {
        case complete
        case fieldsFull
        case quotedFull
    }

    private var pos: Int
    private(set) var line = 1
    private(set) var recordLine = 1
    /// The number of fields of the current record.
    private(set) var fieldCount = 0
    /// The fields of the current record in `fields[0..<fieldCount]`; the array only grows, so a
    /// record costs no allocation.
    private var fields: [Field] = []

    /// Creates a scanner for `text`, which every call to ``next(in:quoted:)`` must pass again.
    init(text: Span<UInt8>) {
        // A UTF-8 byte-order mark is not part of the text.
        pos = text.count >= 3 && text[0] == 0xEF && text[1] == 0xBB && text[2] == 0xBF ? 3 : 0
    }

    /// Where field `i` of the current record is, blanks around it removed; valid until the next
    /// call to ``next(in:quoted:)``.
    @inline(__always)
    func field(_ i: Int) -> Field {
        precondition(i < fieldCount, "field index out of range")
        return fields[i]
    }

    /// Field `i` as a string, trimmed.
    func string(_ i: Int, in text: Span<UInt8>, quoted: Span<UInt8>) -> String {
        let f = field(i)
        let bytes = f.isQuoted ? quoted.extracting(f.range) : text.extracting(f.range)
        return bytes.decodedString()
    }

    @inline(__always)
    static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D }

    /// Whether the current record is empty (no fields, or one blank field).
    var isBlankRecord: Bool { fieldCount == 0 || (fieldCount == 1 && fields[0].isEmpty) }

    /// Reads the next record of `text`; false at the end of the text.
    ///
    /// Quoted fields are copied to the start of `quoted`, which grows when a record needs more
    /// room (its contents are scratch).
    mutating func next(in text: Span<UInt8>, quoted: inout [UInt8]) -> Bool {
        guard pos < text.count else { return false }
        recordLine = line
        // Take the array out of `self`, so the hot loop writes a local through a span.
        var storage = fields
        fields = []
        defer { fields = storage }
        while true {
            var cursor = (pos: pos, line: line, fieldCount: 0)
            let outcome: Outcome
            do {
                var out = storage.mutableSpan
                var room = quoted.mutableSpan
                outcome = RecordScanner.read(text, &cursor, &out, &room)
            }
            switch outcome {
            case .complete:
                (pos, line, fieldCount) = cursor
                return true
            case .fieldsFull:
                // Read the record again with twice the room; it rarely happens more than a few
                // times per file.
                storage = [Field](
                    repeating: Field(start: 0, end: 0, isQuoted: false), count: max(16, storage.count * 2))
            case .quotedFull:
                quoted = [UInt8](repeating: 0, count: max(256, quoted.count * 2))
            }
        }
    }

    /// Reads the record at `cursor.pos` of `text` into `out` and, for quoted fields, `quoted`;
    /// advances `cursor` only when the record is complete.
    private static func read(
        _ text: Span<UInt8>, _ cursor: inout (pos: Int, line: Int, fieldCount: Int),
        _ out: inout MutableSpan<Field>, _ quoted: inout MutableSpan<UInt8>
    ) -> Outcome {
        let n = text.count
        var pos = cursor.pos
        var line = cursor.line
        var count = 0
        var used = 0
        while true {
            guard count < out.count else { return .fieldsFull }
            if pos < n, text[pos] == UInt8(ascii: "\"") {
                // A quoted field, quotes undoubled, with the text after the closing quote up to
                // the delimiter kept as is.
                pos += 1
                let start = used
                while pos < n {
                    let c = text[pos]
                    if c == UInt8(ascii: "\"") {
                        if pos + 1 < n, text[pos + 1] == UInt8(ascii: "\"") {
                            guard used < quoted.count else { return .quotedFull }
                            quoted[used] = c
                            used += 1
                            pos += 2
                            continue
                        }
                        pos += 1
                        break
                    }
                    if c == 0x0A { line += 1 }
                    guard used < quoted.count else { return .quotedFull }
                    quoted[used] = c
                    used += 1
                    pos += 1
                }
                while pos < n, text[pos] != UInt8(ascii: ";"), text[pos] != 0x0A {
                    guard used < quoted.count else { return .quotedFull }
                    quoted[used] = text[pos]
                    used += 1
                    pos += 1
                }
                var s = start
                var e = used
                while s < e, isBlank(quoted[s]) { s += 1 }
                while e > s, isBlank(quoted[e - 1]) { e -= 1 }
                out[count] = Field(start: s, end: e, isQuoted: true)
            } else {
                let start = pos
                pos = delimiter(in: text, from: pos)
                var s = start
                var e = pos
                while s < e, isBlank(text[s]) { s += 1 }
                while e > s, isBlank(text[e - 1]) { e -= 1 }
                out[count] = Field(start: s, end: e, isQuoted: false)
            }
            count += 1
            if pos >= n { break }
            if text[pos] == UInt8(ascii: ";") {
                pos += 1
                continue
            }
            // Newline ends the record.
            pos += 1
            line += 1
            break
        }
        cursor = (pos, line, count)
        return .complete
    }

    /// The position of the first `;` or `\n` at or after `start`, or `text.count`.
    ///
    /// Looks at 8 bytes at a time: a byte of `word ^ 0x3B3B…` is zero where `word` has a `;`, and
    /// `(x &- 0x0101…) & ~x & 0x8080…` flags zero bytes of `x` (the lowest flag is always a true
    /// zero byte).
    @inline(__always)
    private static func delimiter(in text: Span<UInt8>, from start: Int) -> Int {
        let n = text.count
        var i = start
        while i + 8 <= n {
            let word = text.littleEndianUInt64(at: i)
            let semicolons = word ^ 0x3B3B_3B3B_3B3B_3B3B
            let newlines = word ^ 0x0A0A_0A0A_0A0A_0A0A
            let flags =
                ((semicolons &- 0x0101_0101_0101_0101) & ~semicolons | (newlines &- 0x0101_0101_0101_0101) & ~newlines)
                & 0x8080_8080_8080_8080
            if flags != 0 { return i + flags.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < n, text[i] != UInt8(ascii: ";"), text[i] != 0x0A { i += 1 }
        return i
    }
}
