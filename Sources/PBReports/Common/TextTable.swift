/// A plain-text table with aligned columns, for terminals.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }
    public var headers: [String]
    public var alignments: [Alignment]
    public var rows: [[String]] = []

    public init(headers: [String], alignments: [Alignment]) {
        precondition(headers.count == alignments.count)
        self.headers = headers
        self.alignments = alignments
    }

    public mutating func add(_ row: [String]) {
        precondition(row.count == headers.count, "row width differs from the header")
        rows.append(row)
    }

    /// The table, with a rule under the header; columns separated by two spaces.
    public func render(indent: String = "") -> String {
        var widths = headers.map(\.count)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, c) in cells.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - c.count)
                let isLast = i == cells.count - 1
                parts.append(alignments[i] == .right ? pad + c : (isLast ? c : c + pad))
            }
            return indent + parts.joined(separator: "  ")
        }
        var out = line(headers) + "\n"
        out += indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for r in rows { out += line(r) + "\n" }
        return out
    }
}

/// Number formatting for people: thousands separators, fixed decimals.
public enum NumberText {
    /// `1234567.5` → `1,234,567.5` (decimals as given, trailing zeros kept).
    public static func grouped(_ text: String) -> String {
        var s = text
        var sign = ""
        if s.hasPrefix("-") { sign = "-"; s.removeFirst() }
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = Array(parts[0])
        var out = ""
        for (i, ch) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return sign + out + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// A `Double` with `decimals` decimals and thousands separators.
    public static func grouped(_ x: Double, decimals: Int = 0) -> String {
        guard x.isFinite else { return x.isNaN ? "n/a" : (x > 0 ? "∞" : "-∞") }
        var p = 1.0
        for _ in 0..<decimals { p *= 10 }
        let r = (abs(x) * p).rounded()
        let whole = Int64(r / p)
        var frac = ""
        if decimals > 0 {
            let f = Int64(r - Double(whole) * p)
            let s = String(f)
            frac = "." + String(repeating: "0", count: decimals - s.count) + s
        }
        return (x < 0 && r != 0 ? "-" : "") + grouped(String(whole)) + frac
    }

    /// A share as a percentage with `decimals` decimals: `0.7123` → `71.2%`.
    public static func percent(_ x: Double, decimals: Int = 1) -> String {
        grouped(x * 100, decimals: decimals) + "%"
    }
}
