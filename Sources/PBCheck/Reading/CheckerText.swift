/// A `.pb` file's text as pabulib-checker 1.0.8 sees it before parsing: decoded as strict UTF-8
/// with universal newlines (a BOM is kept), split on `\n`, one final blank line dropped and every
/// other blank line removed, then cut into rows by Python's `csv.reader(delimiter=";")`.
struct CheckerText {
    /// One CSV row and the 1-based line of the file it starts on.
    struct Row {
        var cells: [String]
        var line: Int
    }

    /// The rows, in file order.
    var rows: [Row] = []
    /// Blank lines removed (not counting one final blank line).
    var removedBlankLines = 0
    /// The 1-based line and byte offset of the first byte that is not UTF-8, if any (the text
    /// was then decoded with replacement characters).
    var invalidUTF8: (line: Int, offset: Int)?
    /// The line of the first field longer than Python's csv field limit (131,072 characters).
    var overlongField: Int?

    /// Python's `csv.field_size_limit()` default.
    static let fieldLimit = 131_072

    init(bytes: [UInt8]) {
        // Universal newlines: \r\n and \r become \n (on bytes: both are ASCII).
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0D {
                text.append(0x0A)
                if i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
            } else {
                text.append(b)
            }
            i += 1
        }
        if let bad = CheckerText.firstInvalidUTF8(text) {
            let line = 1 + text[..<bad].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            invalidUTF8 = (line, bad)
            text = Array(String(decoding: text, as: UTF8.self).utf8)  // U+FFFD for each bad sequence
        }
        // Lines (byte ranges), with their numbers; drop one final blank line and remove the other
        // blank ones.
        var lines: [(range: Range<Int>, number: Int)] = []
        var start = 0
        for (k, b) in text.enumerated() where b == 0x0A {
            lines.append((start..<k, lines.count + 1))
            start = k + 1
        }
        lines.append((start..<text.count, lines.count + 1))
        if let last = lines.last, CheckerText.isBlank(text[last.range]) { lines.removeLast() }
        var kept: [(range: Range<Int>, number: Int)] = []
        kept.reserveCapacity(lines.count)
        for l in lines {
            if CheckerText.isBlank(text[l.range]) { removedBlankLines += 1 } else { kept.append(l) }
        }
        parseCSV(text, kept)
    }

    /// `line.strip() == ""` on UTF-8 bytes (decoding only lines with non-ASCII bytes).
    static func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
        for b in line {
            if b >= 0x80 { return Py.isBlank(String(decoding: line, as: UTF8.self)) }
            if !((0x09...0x0D).contains(b) || (0x1C...0x20).contains(b)) { return false }
        }
        return true
    }

    /// The offset of the first byte of `bytes` that breaks UTF-8, or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var it = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s):
                offset += UTF8.width(s)
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }

    private enum State { case startRecord, startField, inField, inQuoted, quoteInQuoted }

    /// Python's csv reader (delimiter `;`, quote `"`, doubled quotes, not strict) over the kept
    /// lines joined by `\n`, fed line by line as `csv.reader` reads a `StringIO`. It works on the
    /// UTF-8 bytes: its special characters are all ASCII, which never occur inside a multi-byte
    /// character.
    private mutating func parseCSV(_ text: [UInt8], _ lines: [(range: Range<Int>, number: Int)]) {
        let newline = UInt8(ascii: "\n"), quote = UInt8(ascii: "\""), semicolon = UInt8(ascii: ";")
        var state = State.startRecord
        var fields: [String] = []
        var field: [UInt8] = []
        var fieldLength = 0
        var rowLine = 0
        func save() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldLength = 0
        }
        func add(_ c: UInt8) {
            if c & 0xC0 != 0x80 {
                if fieldLength >= CheckerText.fieldLimit, overlongField == nil { overlongField = rowLine }
                fieldLength += 1
            }
            field.append(c)
        }
        func endRow() {
            save()
            rows.append(Row(cells: fields, line: rowLine))
            fields = []
            state = .startRecord
        }
        for (k, l) in lines.enumerated() {
            if state == .startRecord { rowLine = l.number }
            let last = k == lines.count - 1
            for i in l.range.lowerBound..<(last ? l.range.upperBound : l.range.upperBound + 1) {
                let c = text[i]  // the line's bytes, then its \n (all lines but the last)
                switch state {
                case .startRecord, .startField:
                    if state == .startRecord && c == newline { continue }  // an empty row: skipped
                    if c == newline {
                        endRow()
                    } else if c == quote {
                        state = .inQuoted
                    } else if c == semicolon {
                        save()
                        state = .startField
                    } else {
                        add(c)
                        state = .inField
                    }
                case .inField:
                    if c == newline {
                        endRow()
                    } else if c == semicolon {
                        save()
                        state = .startField
                    } else {
                        add(c)
                    }
                case .inQuoted:
                    if c == quote { state = .quoteInQuoted } else { add(c) }
                case .quoteInQuoted:
                    if c == quote {
                        add(c)
                        state = .inQuoted
                    } else if c == semicolon {
                        save()
                        state = .startField
                    } else if c == newline {
                        endRow()
                    } else {
                        add(c)
                        state = .inField
                    }
                }
            }
            // End of line (EOL): ends the record unless inside quotes.
            switch state {
            case .startRecord, .inQuoted: break
            case .startField, .inField, .quoteInQuoted: endRow()
            }
        }
        // End of input inside a quoted field: the field and row are kept (not strict).
        if state == .inQuoted { endRow() }
    }
}
