import Foundation

/// Comma-separated values as spreadsheets write them (RFC 4180): quoted fields may hold commas, quotes
/// (doubled) and line breaks; a byte order mark and CRLF line ends are accepted.
package enum CSVText {
    /// The rows of `text` with the 1-based line each starts on; blank lines are skipped.
    package static func rows(_ text: String) -> [(line: Int, cells: [String])] {
        var rows: [(line: Int, cells: [String])] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var atFieldStart = true
        var line = 1
        var rowLine = 1
        var characters = Array(text)
        if characters.first == "\u{FEFF}" { characters.removeFirst() }
        var i = 0
        func endRow() {
            row.append(field)
            if row.count > 1 || !row[0].isEmpty { rows.append((rowLine, row)) }
            row = []
            field = ""
            atFieldStart = true
        }
        while i < characters.count {
            let c = characters[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < characters.count && characters[i + 1] == "\"" {
                        field.append("\"")
                        i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" && atFieldStart {
                quoted = true
                atFieldStart = false
            } else if c == "," {
                row.append(field)
                field = ""
                atFieldStart = true
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                endRow()
                line += 1
                rowLine = line
            } else {
                field.append(c)
                atFieldStart = false
            }
            i += 1
        }
        if !field.isEmpty || !row.isEmpty { endRow() }
        return rows
    }

    /// One field, quoted when it holds a comma, a quote, a line break or outer spaces.
    package static func field(_ text: String) -> String {
        let needsQuotes =
            text.contains { $0 == "," || $0 == "\"" || $0.isNewline }
            || text.first?.isWhitespace == true || text.last?.isWhitespace == true
        return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
