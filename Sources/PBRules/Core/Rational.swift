public import BigInt

/// An exact rational number over arbitrary-precision integers, always in lowest terms with a
/// positive denominator.
///
/// The rules fall back to it when a floating-point comparison is too close to call, so their
/// outcome is the one exact arithmetic gives (as pabutools computes with `gmpy2.mpq`).
public struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible {
    public private(set) var numerator: BigInt
    public private(set) var denominator: BigInt

    /// `numerator / denominator`, reduced.
    public init(_ numerator: BigInt, _ denominator: BigInt = 1) {
        precondition(!denominator.isZero, "zero denominator")
        var n = numerator
        var d = denominator
        if d.sign == .minus {
            n.negate()
            d.negate()
        }
        let g = BigInt(n.magnitude.greatestCommonDivisor(with: d.magnitude))
        if g > 1 {
            n /= g
            d /= g
        }
        self.numerator = n
        self.denominator = d
    }

    /// An integer.
    public init(_ value: Int64) { self.init(BigInt(value), 1) }
    /// An integer.
    public init(_ value: Int) { self.init(BigInt(value), 1) }

    public static let zero = Rational(0)

    public static func + (a: Rational, b: Rational) -> Rational {
        if a.denominator == b.denominator { return Rational(a.numerator + b.numerator, a.denominator) }
        return Rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }

    public static func - (a: Rational, b: Rational) -> Rational {
        if a.denominator == b.denominator { return Rational(a.numerator - b.numerator, a.denominator) }
        return Rational(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator)
    }

    public static func * (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.numerator, a.denominator * b.denominator)
    }

    public static func / (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.denominator, a.denominator * b.numerator)
    }

    public static func += (a: inout Rational, b: Rational) { a = a + b }
    public static func -= (a: inout Rational, b: Rational) { a = a - b }

    public static func < (a: Rational, b: Rational) -> Bool {
        if a.denominator == b.denominator { return a.numerator < b.numerator }
        return a.numerator * b.denominator < b.numerator * a.denominator
    }

    /// The nearest `Double` (for display).
    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    public var isZero: Bool { numerator.isZero }

    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }
}
