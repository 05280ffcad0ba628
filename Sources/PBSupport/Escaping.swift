/// JSON text: string literals, for every JSON the package writes by hand (reports, batch keys,
/// stored columns, exports).
///
/// Batch task keys hash this text, so it must never change: `"`, `\`, newline, carriage return and
/// tab get their short escapes, other control characters `\u00XX`, and everything else is kept as is.
package enum JSONText {
    /// Appends `text` to `out` as a JSON string literal.
    package static func appendString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// `text` as a JSON string literal.
    package static func string(_ text: String) -> String {
        var out = ""
        appendString(text, to: &out)
        return out
    }

    /// A list of strings as a JSON array, without spaces: `["a","b"]`.
    package static func array(_ items: [String]) -> String {
        "[" + items.map(string).joined(separator: ",") + "]"
    }

    /// A number as JSON (`null` for NaN, infinities and `nil`).
    package static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        return "\(value)"
    }
}

/// HTML text: what every report and page writes into an element or an attribute.
package enum HTMLText {
    /// The text with `&`, `<`, `>`, `"` and `'` replaced by character references, safe both as element
    /// content and inside a double- or single-quoted attribute value.
    package static func escape(_ text: String) -> String {
        guard text.contains(where: { "&<>\"'".contains($0) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
