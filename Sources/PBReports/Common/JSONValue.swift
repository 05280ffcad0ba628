import PBSupport
/// A JSON document with ordered object keys and deterministic text, so equal results give
/// byte-identical files.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number written exactly as given (e.g. an exact decimal amount).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.text() == b.text() }
    public func hash(into h: inout Hasher) { h.combine(text()) }

    /// A number from a `Double`: integers without a fraction, others with up to 12 significant digits; NaN and infinities as null.
    public static func double(_ x: Double) -> JSONValue {
        guard x.isFinite else { return .null }
        if x == x.rounded(), abs(x) < 1e15 { return .number(String(Int64(x))) }
        return .number(Self.shortest(x))
    }

    public static func int(_ x: Int) -> JSONValue { .number(String(x)) }

    static func shortest(_ x: Double) -> String {
        // 12 significant digits: stable across platforms and plenty for reports.
        var s = String(format12: x)
        if s.contains("e") { return s }
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }

    /// The JSON text; `indent` spaces per level (0 = one line).
    public func text(indent: Int = 2) -> String {
        var out = ""
        write(into: &out, indent: indent, level: 0)
        return out
    }

    private func write(into out: inout String, indent: Int, level: Int) {
        let nl = indent > 0 ? "\n" : ""
        let pad = String(repeating: " ", count: indent * (level + 1))
        let closePad = String(repeating: " ", count: indent * level)
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let s): out += s
        case .string(let s): JSONValue.escape(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            let scalarOnly = items.allSatisfy {
                if case .array = $0 { return false }; if case .object = $0 { return false }; return true
            }
            if scalarOnly {
                out += "["
                for (i, item) in items.enumerated() {
                    if i > 0 { out += ", " }
                    item.write(into: &out, indent: indent, level: level + 1)
                }
                out += "]"
                return
            }
            out += "[" + nl
            for (i, item) in items.enumerated() {
                out += pad
                item.write(into: &out, indent: indent, level: level + 1)
                out += i + 1 < items.count ? "," + nl : nl
            }
            out += closePad + "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{" + nl
            for (i, (k, v)) in pairs.enumerated() {
                out += pad
                JSONValue.escape(k, into: &out)
                out += ": "
                v.write(into: &out, indent: indent, level: level + 1)
                out += i + 1 < pairs.count ? "," + nl : nl
            }
            out += closePad + "}"
        }
    }

    static func escape(_ s: String, into out: inout String) {
        JSONText.appendString(s, to: &out)
    }
}

extension String {
    /// `%.12g` without Foundation's locale.
    init(format12 x: Double) {
        // Round to 12 significant digits through the description of a rounded value.
        if x == 0 { self = "0"; return }
        let magnitude = Int((abs(x)).log10Floor)
        let digits = 11 - magnitude
        if digits >= 0 && digits <= 17 {
            let p = pow10(digits)
            let r = (x * p).rounded() / p
            self = "\(r)"
        } else {
            self = "\(x)"
        }
    }
}

private func pow10(_ k: Int) -> Double {
    var r = 1.0
    for _ in 0..<k { r *= 10 }
    return r
}

extension Double {
    fileprivate var log10Floor: Double {
        var m = 0.0
        var v = self
        if v >= 1 {
            while v >= 10 { v /= 10; m += 1 }
        } else {
            while v < 1 { v *= 10; m -= 1 }
        }
        return m
    }
}
