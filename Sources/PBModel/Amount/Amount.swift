/// An exact decimal amount of money or points, as written in a pabulib file.
///
/// pabulib costs and budgets may carry decimals (`308298.85`, or `308298,85` with a decimal
/// comma). An `Amount` keeps them exactly as an integer number of units at a power-of-ten scale,
/// so no budget check or tie is ever decided on a rounded `Double`.
///
/// ```swift
/// let budget = try Amount(parsing: "308298,85")   // 30829885 × 10⁻²
/// budget.units(atScale: 3)                          // 308298850
/// ```
public struct Amount: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The value times 10^`scale`.
    public let significand: Int64
    /// The number of decimal digits after the point, 0...9.
    public let scale: Int

    /// The largest number of decimals accepted.
    public static let maxScale = 9

    /// Creates an amount `significand × 10^-scale`, normalised (no trailing zero decimals).
    public init(significand: Int64, scale: Int) {
        precondition((0...Amount.maxScale).contains(scale), "Amount scale out of range")
        var s = significand
        var k = scale
        while k > 0 && s % 10 == 0 {
            s /= 10
            k -= 1
        }
        self.significand = s
        self.scale = k
    }

    /// Creates a whole amount.
    public init(_ integer: Int64) {
        self.init(significand: integer, scale: 0)
    }

    /// Zero.
    public static let zero = Amount(0)

    /// Whether the amount has no decimals.
    public var isInteger: Bool { scale == 0 }

    /// The value as a `Double` (for display and statistics only, never for decisions).
    public var doubleValue: Double { Double(significand) / Amount.powersOfTen[scale].asDouble }

    /// The value as an integer count of `10^-scale` units.
    ///
    /// - Returns: `nil` if `scale` is smaller than the amount's own scale or the result overflows.
    public func units(atScale target: Int) -> Int64? {
        guard target >= scale, target <= Amount.maxScale else { return nil }
        let (v, o) = significand.multipliedReportingOverflow(by: Amount.powersOfTen[target - scale])
        return o ? nil : v
    }

    static let powersOfTen: [Int64] = (0...18).map { k in (0..<k).reduce(Int64(1)) { p, _ in p * 10 } }

    public static func < (a: Amount, b: Amount) -> Bool {
        let s = max(a.scale, b.scale)
        let x = Int128(a.significand) * Int128(powersOfTen[s - a.scale])
        let y = Int128(b.significand) * Int128(powersOfTen[s - b.scale])
        return x < y
    }

    /// The decimal text, with a point and no exponent (`308298.85`, `-3`, `0.5`).
    public var description: String {
        if scale == 0 { return String(significand) }
        let negative = significand < 0
        let magnitude = significand.magnitude
        let p = UInt64(Amount.powersOfTen[scale])
        var fraction = String(magnitude % p)
        fraction = String(repeating: "0", count: scale - fraction.count) + fraction
        return (negative ? "-" : "") + String(magnitude / p) + "." + fraction
    }
}

extension Int64 {
    fileprivate var asDouble: Double { Double(self) }
}

// MARK: - Parsing

extension Amount {
    /// Why a text is not an amount.
    public enum ParseFailure: Error, Equatable, Sendable {
        case empty
        case notANumber
        case tooManyDecimals
        case overflow
    }

    /// Parses `[+-]digits[(.|,)digits]`, surrounding blanks ignored.
    ///
    /// - Throws: ``ParseFailure`` for empty text, anything that is not a plain decimal number
    ///   (exponents, `nan`, `inf` included), more than ``maxScale`` decimals, or an overflow.
    public init(parsing text: some StringProtocol) throws(ParseFailure) {
        var bytes = Array(text.utf8)
        self = try Amount.parse(&bytes[...])
    }

    /// Parses an amount from UTF-8 bytes (see ``init(parsing:)``).
    public static func parse(_ bytes: inout ArraySlice<UInt8>) throws(ParseFailure) -> Amount {
        try parse(bytes: bytes.span)
    }

    /// Parses an amount from UTF-8 bytes (see ``init(parsing:)``); the pabulib reader calls it on
    /// fields of its text buffer, without copying them.
    static func parse(bytes: Span<UInt8>) throws(ParseFailure) -> Amount {
        var lo = 0
        var hi = bytes.count
        while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
        while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
        guard lo < hi else { throw .empty }
        var negative = false
        if bytes[lo] == UInt8(ascii: "-") || bytes[lo] == UInt8(ascii: "+") {
            negative = bytes[lo] == UInt8(ascii: "-")
            lo += 1
        }
        var value: Int64 = 0
        var scale = 0
        var digits = 0
        var seenPoint = false
        var i = lo
        while i < hi {
            let c = bytes[i]
            if c >= 0x30 && c <= 0x39 {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int64(c - 0x30))
                if o1 || o2 { throw .overflow }
                value = a
                digits += 1
                if seenPoint {
                    scale += 1
                    if scale > maxScale { throw .tooManyDecimals }
                }
            } else if (c == UInt8(ascii: ".") || c == UInt8(ascii: ",")) && !seenPoint {
                seenPoint = true
            } else {
                throw .notANumber
            }
            i += 1
        }
        guard digits > 0 else { throw .notANumber }
        return Amount(significand: negative ? -value : value, scale: scale)
    }
}

extension Amount {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try Amount(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not an amount: \(text)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
