/// Splits pabulib text into `;`-delimited records with CSV quoting, byte by byte.
///
/// Quoted fields may contain `;`, newlines and doubled quotes (`""`). Line ends may be `\n` or
/// `\r\n`. Each record knows the line it starts on.
struct RecordScanner {
    struct Span {
        var start: Int
        var end: Int
        var inScratch: Bool
    }

    let data: [UInt8]
    private(set) var pos: Int
    private(set) var line = 1
    private(set) var recordLine = 1
    private(set) var fields: [Span] = []
    private var scratch: [UInt8] = []

    init(data: [UInt8]) {
        self.data = data
        // A UTF-8 byte-order mark is not part of the text.
        pos = data.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    var atEnd: Bool { pos >= data.count }

    /// The bytes of field `i`, blanks around them removed.
    func field(_ i: Int) -> ArraySlice<UInt8> {
        let f = fields[i]
        var s = f.start
        var e = f.end
        if f.inScratch {
            while s < e, RecordScanner.isBlank(scratch[s]) { s += 1 }
            while e > s, RecordScanner.isBlank(scratch[e - 1]) { e -= 1 }
            return scratch[s..<e]
        }
        while s < e, RecordScanner.isBlank(data[s]) { s += 1 }
        while e > s, RecordScanner.isBlank(data[e - 1]) { e -= 1 }
        return data[s..<e]
    }

    /// Field `i` as a string, trimmed.
    func string(_ i: Int) -> String { String(decoding: field(i), as: UTF8.self) }

    @inline(__always)
    static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D }

    /// Whether the current record is empty (no fields, or one blank field).
    var isBlankRecord: Bool { fields.isEmpty || (fields.count == 1 && field(0).isEmpty) }

    /// Reads the next record; false at the end of the text.
    mutating func next() -> Bool {
        guard pos < data.count else { return false }
        fields.removeAll(keepingCapacity: true)
        scratch.removeAll(keepingCapacity: true)
        recordLine = line
        let n = data.count
        while true {
            if pos < n, data[pos] == UInt8(ascii: "\"") {
                // Quoted field: copy into scratch, undoubling quotes.
                pos += 1
                let start = scratch.count
                while pos < n {
                    let c = data[pos]
                    if c == UInt8(ascii: "\"") {
                        if pos + 1 < n, data[pos + 1] == UInt8(ascii: "\"") {
                            scratch.append(c)
                            pos += 2
                            continue
                        }
                        pos += 1
                        break
                    }
                    if c == 0x0A { line += 1 }
                    scratch.append(c)
                    pos += 1
                }
                // Text after the closing quote, up to the delimiter, is kept as is.
                while pos < n, data[pos] != UInt8(ascii: ";"), data[pos] != 0x0A {
                    scratch.append(data[pos])
                    pos += 1
                }
                fields.append(Span(start: start, end: scratch.count, inScratch: true))
            } else {
                let start = pos
                while pos < n {
                    let c = data[pos]
                    if c == UInt8(ascii: ";") || c == 0x0A { break }
                    pos += 1
                }
                fields.append(Span(start: start, end: pos, inScratch: false))
            }
            if pos >= n { return true }
            if data[pos] == UInt8(ascii: ";") {
                pos += 1
                continue
            }
            // Newline ends the record.
            pos += 1
            line += 1
            return true
        }
    }
}
