/// Splits pabulib text into `;`-delimited records with CSV quoting, byte by byte.
///
/// Quoted fields may contain `;`, newlines and doubled quotes (`""`). Line ends may be `\n` or
/// `\r\n`. Each record knows the line it starts on.
///
/// The scanner reads the caller's buffer in place: an unquoted field is a range of `text`, and
/// only quoted fields (quotes undoubled) are copied, into `scratch`. Blanks around a field are
/// trimmed once, when the record is read. Both buffers are lent by
/// ``PabulibReader/parseWithWarnings(_:file:)``, which creates the scanner inside their
/// `withUnsafe…` closure; a scanner and the fields it returns never outlive that call.
struct RecordScanner {
    /// Where a field's trimmed bytes are: a range of `text`, or of `scratch` for a quoted field.
    private struct FieldRange {
        var start: Int
        var end: Int
        var inScratch: Bool
    }

    /// The whole text, a byte-order mark included.
    let text: UnsafeBufferPointer<UInt8>
    /// Room for the quoted fields of one record; as large as `text`, since a record never copies
    /// more bytes than it spans.
    private let scratch: UnsafeMutableBufferPointer<UInt8>
    private var pos: Int
    private(set) var line = 1
    private(set) var recordLine = 1
    /// The number of fields of the current record.
    private(set) var fieldCount = 0
    /// The fields of the current record in `fields[0..<fieldCount]`; the array only grows, so a
    /// record costs no allocation.
    private var fields: [FieldRange] = []
    private var scratchCount = 0

    /// Creates a scanner over `text`, using `scratch` (at least `text.count` bytes) for quoted fields.
    init(text: UnsafeBufferPointer<UInt8>, scratch: UnsafeMutableBufferPointer<UInt8>) {
        precondition(scratch.count >= text.count, "scratch smaller than the text")
        self.text = text
        self.scratch = scratch
        // A UTF-8 byte-order mark is not part of the text.
        pos = text.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// The bytes of field `i`, blanks around them removed; valid until the next call to ``next()``.
    @inline(__always)
    func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(i < fieldCount, "field index out of range")
        let f = fields[i]
        if f.inScratch { return UnsafeBufferPointer(rebasing: scratch[f.start..<f.end]) }
        return UnsafeBufferPointer(rebasing: text[f.start..<f.end])
    }

    /// Field `i` as a string, trimmed.
    func string(_ i: Int) -> String { String(decoding: field(i), as: UTF8.self) }

    @inline(__always)
    static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D }

    /// Whether the current record is empty (no fields, or one blank field).
    var isBlankRecord: Bool { fieldCount == 0 || (fieldCount == 1 && field(0).isEmpty) }

    /// Reads the next record; false at the end of the text.
    mutating func next() -> Bool {
        guard pos < text.count else { return false }
        fieldCount = 0
        scratchCount = 0
        recordLine = line
        // Fill `fields` through a pointer, not a subscript per field: take the array out of
        // `self` (so `self` can change while it is borrowed), double it whenever it is full.
        var storage = fields
        fields = []
        defer { fields = storage }
        while true {
            if storage.isEmpty { storage = [FieldRange](repeating: FieldRange(start: 0, end: 0, inScratch: false), count: 16) }
            let complete = storage.withUnsafeMutableBufferPointer { readFields(into: $0) }
            if complete { return true }
            storage += storage
        }
    }

    /// Reads fields of the current record into `storage[fieldCount...]`; true at the end of the
    /// record, false when `storage` is full first.
    private mutating func readFields(into storage: UnsafeMutableBufferPointer<FieldRange>) -> Bool {
        let n = text.count
        while fieldCount < storage.count {
            if pos < n, text[pos] == UInt8(ascii: "\"") {
                storage[fieldCount] = readQuotedField()
            } else {
                let start = pos
                pos = RecordScanner.delimiter(in: text, from: pos)
                var s = start
                var e = pos
                while s < e, RecordScanner.isBlank(text[s]) { s += 1 }
                while e > s, RecordScanner.isBlank(text[e - 1]) { e -= 1 }
                storage[fieldCount] = FieldRange(start: s, end: e, inScratch: false)
            }
            fieldCount += 1
            if pos >= n { return true }
            if text[pos] == UInt8(ascii: ";") {
                pos += 1
                continue
            }
            // Newline ends the record.
            pos += 1
            line += 1
            return true
        }
        return false
    }

    /// The position of the first `;` or `\n` at or after `start`, or `text.count`.
    ///
    /// Looks at 8 bytes at a time: a byte of `word ^ 0x3B3B…` is zero where `word` has a `;`, and
    /// `(x &- 0x0101…) & ~x & 0x8080…` flags zero bytes of `x` (the lowest flag is always a true
    /// zero byte).
    @inline(__always)
    private static func delimiter(in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let raw = UnsafeRawBufferPointer(text)
        let n = text.count
        var i = start
        while i + 8 <= n {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let semicolons = word ^ 0x3B3B_3B3B_3B3B_3B3B
            let newlines = word ^ 0x0A0A_0A0A_0A0A_0A0A
            let flags = ((semicolons &- 0x0101_0101_0101_0101) & ~semicolons | (newlines &- 0x0101_0101_0101_0101) & ~newlines)
                & 0x8080_8080_8080_8080
            if flags != 0 { return i + flags.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < n, text[i] != UInt8(ascii: ";"), text[i] != 0x0A { i += 1 }
        return i
    }

    /// Reads a quoted field at `pos` into `scratch`, undoubling quotes, with the text after the
    /// closing quote up to the delimiter kept as is.
    private mutating func readQuotedField() -> FieldRange {
        let n = text.count
        pos += 1
        let start = scratchCount
        while pos < n {
            let c = text[pos]
            if c == UInt8(ascii: "\"") {
                if pos + 1 < n, text[pos + 1] == UInt8(ascii: "\"") {
                    scratch[scratchCount] = c
                    scratchCount += 1
                    pos += 2
                    continue
                }
                pos += 1
                break
            }
            if c == 0x0A { line += 1 }
            scratch[scratchCount] = c
            scratchCount += 1
            pos += 1
        }
        while pos < n, text[pos] != UInt8(ascii: ";"), text[pos] != 0x0A {
            scratch[scratchCount] = text[pos]
            scratchCount += 1
            pos += 1
        }
        var s = start
        var e = scratchCount
        while s < e, RecordScanner.isBlank(scratch[s]) { s += 1 }
        while e > s, RecordScanner.isBlank(scratch[e - 1]) { e -= 1 }
        return FieldRange(start: s, end: e, inScratch: true)
    }
}
