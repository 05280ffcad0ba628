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
        }
        let decoded = String(decoding: text, as: UTF8.self)
        // Lines, with their numbers; drop one final blank line and remove the other blank ones.
        var lines: [(text: Substring, number: Int)] = []
        var number = 0
        for l in decoded.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            lines.append((l, number))
        }
        if let last = lines.last, Py.isBlank(last.text) { lines.removeLast() }
        var kept: [(text: Substring, number: Int)] = []
        kept.reserveCapacity(lines.count)
        for l in lines {
            if Py.isBlank(l.text) { removedBlankLines += 1 } else { kept.append(l) }
        }
        parseCSV(kept)
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
    /// lines joined by `\n`, fed line by line as `csv.reader` reads a `StringIO`.
    private mutating func parseCSV(_ lines: [(text: Substring, number: Int)]) {
        var state = State.startRecord
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var fieldLength = 0
        var rowLine = 0
        func save() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            fieldLength = 0
        }
        func add(_ c: Unicode.Scalar) {
            if fieldLength >= CheckerText.fieldLimit, overlongField == nil { overlongField = rowLine }
            field.append(c)
            fieldLength += 1
        }
        for (k, l) in lines.enumerated() {
            if state == .startRecord { rowLine = l.number }
            var chars = Array(l.text.unicodeScalars)
            if k < lines.count - 1 { chars.append("\n") }
            // One more "end of line" after each line's characters, as the C reader does.
            for c in chars {
                switch state {
                case .startRecord, .startField:
                    if state == .startRecord && c == "\n" {
                        state = .startRecord  // empty row: skipped by the checker anyway
                        continue
                    }
                    if c == "\n" {
                        save()
                        rows.append(Row(cells: fields, line: rowLine))
                        fields = []
                        state = .startRecord
                    } else if c == "\"" {
                        state = .inQuoted
                    } else if c == ";" {
                        save()
                        state = .startField
                    } else {
                        add(c)
                        state = .inField
                    }
                case .inField:
                    if c == "\n" {
                        save()
                        rows.append(Row(cells: fields, line: rowLine))
                        fields = []
                        state = .startRecord
                    } else if c == ";" {
                        save()
                        state = .startField
                    } else {
                        add(c)
                    }
                case .inQuoted:
                    if c == "\"" { state = .quoteInQuoted } else { add(c) }
                case .quoteInQuoted:
                    if c == "\"" {
                        add(c)
                        state = .inQuoted
                    } else if c == ";" {
                        save()
                        state = .startField
                    } else if c == "\n" {
                        save()
                        rows.append(Row(cells: fields, line: rowLine))
                        fields = []
                        state = .startRecord
                    } else {
                        add(c)
                        state = .inField
                    }
                }
            }
            // End of line (EOL): ends the record unless inside quotes.
            switch state {
            case .startRecord, .inQuoted:
                break
            case .startField, .inField, .quoteInQuoted:
                save()
                rows.append(Row(cells: fields, line: rowLine))
                fields = []
                state = .startRecord
            }
        }
        // End of input inside a quoted field: the field and row are kept (not strict).
        if state == .inQuoted {
            save()
            rows.append(Row(cells: fields, line: rowLine))
        }

    }
}
