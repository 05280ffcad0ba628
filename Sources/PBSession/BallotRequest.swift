/// Reads a ballot request body: `{"approve": [ids]}` or `{"points": {id: n}}`.
///
/// A strict JSON reader of its own, because a general one keeps only the last of two equal keys, and a
/// ballot naming a project twice (`{"points": {"a": 5, "a": 5}}`) must be refused, not quietly read as
/// one entry. Anything else the JSON text holds (other fields, fractions, a repeated key at any level)
/// is refused with a message naming the field.
///
/// ```swift
/// try BallotRequest.parse(Array(#"{"approve": ["a", "b"]}"#.utf8))   // .approve(["a", "b"])
/// ```
public enum BallotRequest {
    /// The deepest nesting read (a ballot needs 2).
    static let maxDepth = 8

    /// Parses a ballot request body.
    ///
    /// - Parameter bytes: The body, UTF-8 JSON.
    /// - Returns: The ballot as sent, pairs in the order written.
    /// - Throws: ``BallotError`` with `malformed` set: not JSON, not an object, an unknown or repeated
    ///   field, a project id that is not text, points that are not whole numbers.
    public static func parse(_ bytes: [UInt8]) throws(BallotError) -> BallotInput {
        var reader = Reader(bytes: bytes)
        let value = try reader.document()
        guard case .object(let fields) = value else {
            throw BallotError(
                "the body must be a JSON object: {\"approve\": [...]} or {\"points\": {...}}", malformed: true)
        }
        guard fields.count == 1, let (key, content) = fields.first else {
            throw BallotError(
                "the body must have exactly one field, \"approve\" or \"points\"", field: fields.first?.0,
                malformed: true)
        }
        switch key {
        case "approve":
            guard case .array(let items) = content else {
                throw BallotError("expected a list of project ids", field: "approve", malformed: true)
            }
            var ids: [String] = []
            for (n, item) in items.enumerated() {
                guard case .string(let id) = item else {
                    throw BallotError("expected a project id (text)", field: "approve[\(n)]", malformed: true)
                }
                ids.append(id)
            }
            return .approve(ids)
        case "points":
            guard case .object(let pairs) = content else {
                throw BallotError("expected an object {project id: points}", field: "points", malformed: true)
            }
            var result: [(id: String, points: Int)] = []
            for (id, item) in pairs {
                guard case .number(let text) = item, let points = Int(text) else {
                    throw BallotError("expected a whole number of points", field: "points.\(id)", malformed: true)
                }
                result.append((id, points))
            }
            return .points(result)
        default:
            throw BallotError(
                "unknown field '\(key)' (expected \"approve\" or \"points\")", field: key, malformed: true)
        }
    }

    /// A JSON value; objects keep their pairs in order.
    indirect enum Value {
        case null, bool(Bool), number(String), string(String), array([Value]), object([(String, Value)])
    }

    struct Reader {
        let bytes: [UInt8]
        var at = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func document() throws(BallotError) -> Value {
            let value = try self.value(depth: 0, field: nil)
            skipSpace()
            guard at == bytes.count else { throw failure("unexpected text after the JSON value") }
            return value
        }

        func failure(_ message: String, field: String? = nil) -> BallotError {
            BallotError("the body is not valid JSON: \(message) (at byte \(at))", field: field, malformed: true)
        }

        mutating func skipSpace() {
            while at < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[at]) { at += 1 }
        }

        mutating func value(depth: Int, field: String?) throws(BallotError) -> Value {
            guard depth <= BallotRequest.maxDepth else { throw failure("nested too deeply") }
            skipSpace()
            guard at < bytes.count else { throw failure("unexpected end") }
            switch bytes[at] {
            case UInt8(ascii: "{"):
                at += 1
                var pairs: [(String, Value)] = []
                var keys: Set<String> = []
                skipSpace()
                if at < bytes.count, bytes[at] == UInt8(ascii: "}") {
                    at += 1
                    return .object([])
                }
                while true {
                    skipSpace()
                    guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { throw failure("expected a key") }
                    let key = try string()
                    let path = field.map { "\($0).\(key)" } ?? key
                    guard keys.insert(key).inserted else {
                        throw BallotError(
                            field == "points" ? "project '\(key)' is listed twice" : "field '\(key)' is repeated",
                            field: path, malformed: true)
                    }
                    skipSpace()
                    guard at < bytes.count, bytes[at] == UInt8(ascii: ":") else { throw failure("expected ':'") }
                    at += 1
                    pairs.append((key, try value(depth: depth + 1, field: path)))
                    skipSpace()
                    guard at < bytes.count else { throw failure("unexpected end") }
                    if bytes[at] == UInt8(ascii: ",") {
                        at += 1
                    } else if bytes[at] == UInt8(ascii: "}") {
                        at += 1
                        return .object(pairs)
                    } else {
                        throw failure("expected ',' or '}'")
                    }
                }
            case UInt8(ascii: "["):
                at += 1
                var items: [Value] = []
                skipSpace()
                if at < bytes.count, bytes[at] == UInt8(ascii: "]") {
                    at += 1
                    return .array([])
                }
                while true {
                    items.append(try value(depth: depth + 1, field: field))
                    skipSpace()
                    guard at < bytes.count else { throw failure("unexpected end") }
                    if bytes[at] == UInt8(ascii: ",") {
                        at += 1
                    } else if bytes[at] == UInt8(ascii: "]") {
                        at += 1
                        return .array(items)
                    } else {
                        throw failure("expected ',' or ']'")
                    }
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "n"): return try literal("null", .null)
            default:
                return .number(try number())
            }
        }

        mutating func literal(_ word: String, _ value: Value) throws(BallotError) -> Value {
            let w = Array(word.utf8)
            guard at + w.count <= bytes.count, Array(bytes[at..<at + w.count]) == w else {
                throw failure("unexpected character")
            }
            at += w.count
            return value
        }

        /// A number's text, checked against JSON's grammar.
        mutating func number() throws(BallotError) -> String {
            let start = at
            func digits(_ r: inout Reader) -> Int {
                let s = r.at
                while r.at < r.bytes.count, (0x30...0x39).contains(r.bytes[r.at]) { r.at += 1 }
                return r.at - s
            }
            if at < bytes.count, bytes[at] == UInt8(ascii: "-") { at += 1 }
            guard digits(&self) > 0 else { throw failure("unexpected character") }
            if at < bytes.count, bytes[at] == UInt8(ascii: ".") {
                at += 1
                guard digits(&self) > 0 else { throw failure("expected digits after '.'") }
            }
            if at < bytes.count, bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E") {
                at += 1
                if at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") { at += 1 }
                guard digits(&self) > 0 else { throw failure("expected digits in the exponent") }
            }
            return String(decoding: bytes[start..<at], as: UTF8.self)
        }

        /// A string (the opening quote at `at`), escapes decoded.
        mutating func string() throws(BallotError) -> String {
            at += 1
            var out: [UInt8] = []
            while at < bytes.count {
                let b = bytes[at]
                at += 1
                if b == UInt8(ascii: "\"") {
                    guard let text = String(validating: out, as: UTF8.self) else { throw failure("text is not UTF-8") }
                    return text
                }
                if b < 0x20 { throw failure("a control character in text") }
                guard b == UInt8(ascii: "\\") else {
                    out.append(b)
                    continue
                }
                guard at < bytes.count else { break }
                let e = bytes[at]
                at += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard at + 1 < bytes.count, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u")
                        else { throw failure("a lone surrogate") }
                        at += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw failure("a lone surrogate") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw failure("a lone surrogate") }
                    out.append(contentsOf: Array(String(Character(unicode)).utf8))
                default:
                    throw failure("an unknown escape")
                }
            }
            throw failure("unterminated text")
        }

        mutating func hex4() throws(BallotError) -> UInt32 {
            guard at + 4 <= bytes.count else { throw failure("a short \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[at]
                at += 1
                let digit: UInt32
                switch b {
                case 0x30...0x39: digit = UInt32(b - 0x30)
                case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
                default: throw failure("a bad \\u escape")
                }
                value = value * 16 + digit
            }
            return value
        }
    }
}
