import Foundation

/// The handful of Python built-ins whose exact behaviour decides what pabulib-checker 1.0.8
/// reports: `str.strip()`, `int()`, `float()` and `repr()` of strings and lists.
enum Py {
    /// Whether `s` is whitespace for `str.strip()` / `str.isspace()`.
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// `s.strip()`.
    static func strip(_ s: some StringProtocol) -> String {
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return String(s) }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    /// Whether `s.strip() != s`.
    static func hasSurroundingSpace(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
        return isSpace(first) || isSpace(last)
    }

    /// `s.strip() == ""`.
    static func isBlank(_ s: some StringProtocol) -> Bool {
        s.unicodeScalars.allSatisfy(isSpace)
    }

    /// The digits of `int()`/`float()` with Python's underscore rule (single underscores between
    /// digits), or nil.
    private static func digits(_ s: Substring.UnicodeScalarView) -> String? {
        var out = ""
        var previousUnderscore = true  // no leading underscore
        for c in s {
            if c == "_" {
                if previousUnderscore { return nil }
                previousUnderscore = true
            } else if c.value >= 0x30 && c.value <= 0x39 {
                out.unicodeScalars.append(c)
                previousUnderscore = false
            } else {
                return nil
            }
        }
        if previousUnderscore { return nil }  // empty or trailing underscore
        return out
    }

    /// `int(s)` for a string: nil where Python raises `ValueError`. Values beyond 64 bits are
    /// clamped (they are valid integers to Python; nothing here needs their exact size).
    static func int(_ s: String) -> Int? {
        let t = Substring(strip(s))
        var body = t.unicodeScalars[...]
        var negative = false
        if let c = body.first, c == "+" || c == "-" {
            negative = c == "-"
            body = body.dropFirst()
        }
        guard let d = digits(Substring.UnicodeScalarView(body)) else { return nil }
        if let v = Int(d) { return negative ? -v : v }
        return negative ? Int.min : Int.max
    }

    /// `float(s)` for a string: nil where Python raises `ValueError` (`inf`, `nan`, exponents and
    /// underscores between digits are accepted, as in Python).
    static func float(_ s: String) -> Double? {
        let t = strip(s)
        var body = Substring(t)
        var sign = 1.0
        if let c = body.first, c == "+" || c == "-" {
            if c == "-" { sign = -1 }
            body = body.dropFirst()
        }
        switch body.lowercased() {
        case "inf", "infinity": return sign * .infinity
        case "nan": return .nan
        default: break
        }
        // mantissa [digits][.digits] with at least one digit, then optional e[sign]digits
        let scalars = Array(body.unicodeScalars)
        var i = 0
        func run() -> String? {
            var j = i
            while j < scalars.count, scalars[j] == "_" || (scalars[j].value >= 0x30 && scalars[j].value <= 0x39) {
                j += 1
            }
            if j == i { return "" }
            let part = Substring(String(String.UnicodeScalarView(scalars[i..<j])))
            guard let d = digits(part.unicodeScalars) else { return nil }
            i = j
            return d
        }
        guard let intPart = run() else { return nil }
        var fracPart = ""
        if i < scalars.count, scalars[i] == "." {
            i += 1
            guard let f = run() else { return nil }
            fracPart = f
        }
        if intPart.isEmpty && fracPart.isEmpty { return nil }
        var exponent = ""
        if i < scalars.count, scalars[i] == "e" || scalars[i] == "E" {
            i += 1
            var expSign = ""
            if i < scalars.count, scalars[i] == "+" || scalars[i] == "-" {
                expSign = scalars[i] == "-" ? "-" : ""
                i += 1
            }
            guard let e = run(), !e.isEmpty else { return nil }
            exponent = "e" + expSign + e
        }
        guard i == scalars.count else { return nil }
        let text = (intPart.isEmpty ? "0" : intPart) + "." + (fracPart.isEmpty ? "0" : fracPart) + exponent
        guard let v = Double(text) else { return nil }
        return sign * v
    }

    /// `repr(s)` for a string.
    static func repr(_ s: String) -> String {
        let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if Character(c) == quote {
                    out += "\\" + String(quote)
                } else if c.value < 0x20 || c.value == 0x7F {
                    out += String(format: "\\x%02x", c.value)
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        out.append(quote)
        return out
    }

    /// `repr(list)` of strings.
    static func repr(_ list: [String]) -> String {
        "[" + list.map(repr).joined(separator: ", ") + "]"
    }

    /// `str(x)` of a float, as Python prints it (`7.0`, `1e+16`, `inf`).
    static func str(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == x.rounded(), abs(x) < 1e16 { return String(format: "%.1f", x) }
        return "\(x)"
    }

    /// A pabulib list field as the checker splits it: on `,`, items stripped, empty items dropped.
    static func splitList(_ value: String) -> [String] {
        if value.isEmpty { return [] }
        var out: [String] = []
        for part in value.unicodeScalars.split(separator: ",", omittingEmptySubsequences: false) {
            let item = strip(Substring(part))
            if !item.isEmpty { out.append(item) }
        }
        return out
    }
}
