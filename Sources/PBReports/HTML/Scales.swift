/// A linear map from data values (the domain) to pixels (the range).
///
/// ```swift
/// let x = LinearScale(domain: (0, 1), range: (40, 440))
/// x(0.5)            // 240
/// x.ticks(count: 5) // [0, 0.2, 0.4, 0.6, 0.8, 1]
/// ```
///
/// The range may run backwards (a vertical axis maps larger values to smaller `y`). A domain of zero
/// width maps every value to the middle of the range.
public struct LinearScale: Sendable, Hashable {
    /// The domain's first and last values.
    public var domain: (lower: Double, upper: Double) {
        get { (domainLower, domainUpper) }
        set { (domainLower, domainUpper) = newValue }
    }
    /// The range's first and last pixels.
    public var range: (lower: Double, upper: Double) {
        get { (rangeLower, rangeUpper) }
        set { (rangeLower, rangeUpper) = newValue }
    }

    private var domainLower: Double
    private var domainUpper: Double
    private var rangeLower: Double
    private var rangeUpper: Double

    /// Creates a scale.
    ///
    /// - Parameters:
    ///   - domain: The data values mapped to the ends of the range.
    ///   - range: The pixels they map to.
    public init(domain: (Double, Double), range: (Double, Double)) {
        domainLower = domain.0
        domainUpper = domain.1
        rangeLower = range.0
        rangeUpper = range.1
    }

    /// The pixel of a value (values outside the domain extrapolate).
    public func callAsFunction(_ value: Double) -> Double {
        let span = domainUpper - domainLower
        guard span != 0 else { return (rangeLower + rangeUpper) / 2 }
        return rangeLower + (value - domainLower) / span * (rangeUpper - rangeLower)
    }

    /// The pixel of a value clamped to the domain.
    public func clamped(_ value: Double) -> Double {
        let lo = min(domainLower, domainUpper)
        let hi = max(domainLower, domainUpper)
        return self(min(max(value, lo), hi))
    }

    /// Round values inside the domain, about `count` of them, spaced 1, 2 or 5 times a power of ten.
    ///
    /// - Parameter count: The number of ticks wanted (a hint).
    /// - Returns: The ticks, ascending.
    public func ticks(count: Int = 5) -> [Double] {
        let lo = min(domainLower, domainUpper)
        let hi = max(domainLower, domainUpper)
        guard lo.isFinite, hi.isFinite else { return [] }
        guard hi > lo else { return [lo] }
        let step = Self.tickStep(span: hi - lo, count: count)
        let first = (lo / step - 1e-9).rounded(.up)
        let last = (hi / step + 1e-9).rounded(.down)
        guard first <= last else { return [] }
        return stride(from: first, through: last, by: 1).map { Self.tidy($0 * step, step: step) }
    }

    /// The scale with its domain widened to multiples of the tick step (so the axis starts and ends
    /// on a labelled tick).
    ///
    /// - Parameter count: The number of ticks wanted.
    /// - Returns: The widened scale.
    public func niced(count: Int = 5) -> LinearScale {
        let lo = min(domainLower, domainUpper)
        let hi = max(domainLower, domainUpper)
        guard lo.isFinite, hi.isFinite, hi > lo else { return self }
        let step = Self.tickStep(span: hi - lo, count: count)
        let niceLo = Self.tidy((lo / step + 1e-9).rounded(.down) * step, step: step)
        let niceHi = Self.tidy((hi / step - 1e-9).rounded(.up) * step, step: step)
        var copy = self
        if domainLower <= domainUpper {
            (copy.domainLower, copy.domainUpper) = (niceLo, niceHi)
        } else {
            (copy.domainLower, copy.domainUpper) = (niceHi, niceLo)
        }
        return copy
    }

    /// The tick step for a span: 1, 2 or 5 times a power of ten, giving about `count` ticks.
    static func tickStep(span: Double, count: Int) -> Double {
        let raw = span / Double(max(count, 1))
        var power = 1.0
        while power > raw { power /= 10 }
        while power * 10 <= raw { power *= 10 }
        let error = raw / power
        if error >= 7.07 { return power * 10 }
        if error >= 3.16 { return power * 5 }
        if error >= 1.41 { return power * 2 }
        return power
    }

    /// A multiple of `step` with the floating-point noise removed (`0.30000000000000004` → `0.3`).
    static func tidy(_ value: Double, step: Double) -> Double {
        var decimals = 0
        var s = step
        while s < 1 && decimals < 12 {
            s *= 10
            decimals += 1
        }
        var p = 1.0
        for _ in 0..<decimals { p *= 10 }
        let rounded = (value * p).rounded() / p
        return rounded == 0 ? 0 : rounded
    }

    /// The extent of the finite values, or `nil` when there are none.
    ///
    /// - Parameters:
    ///   - values: Data values; NaN and infinities are skipped.
    ///   - includingZero: Whether the extent must contain 0 (bar charts).
    /// - Returns: The lowest and highest value.
    public static func extent(of values: [Double], includingZero: Bool) -> (Double, Double)? {
        var lo = Double.infinity
        var hi = -Double.infinity
        for value in values where value.isFinite {
            lo = min(lo, value)
            hi = max(hi, value)
        }
        guard lo <= hi else { return nil }
        if includingZero {
            lo = min(lo, 0)
            hi = max(hi, 0)
        }
        if lo == hi {
            if lo == 0 { return (0, 1) }
            return lo > 0 ? (includingZero ? 0 : lo * 0.9, lo * 1.1) : (lo * 1.1, includingZero ? 0 : lo * 0.9)
        }
        return (lo, hi)
    }
}

/// A map from categories to evenly spaced bands of pixels, for bar charts.
///
/// ```swift
/// let y = BandScale(count: 4, range: (0, 100), paddingInner: 0.2, paddingOuter: 0.1)
/// y.start(0)    // the first band's first pixel
/// y.bandwidth   // each band's width
/// ```
public struct BandScale: Sendable, Hashable {
    /// The number of bands.
    public var count: Int
    /// The first and last pixels.
    public var range: (lower: Double, upper: Double)
    /// The gap between bands as a share of the step.
    public var paddingInner: Double
    /// The gap before the first and after the last band, as a share of the step.
    public var paddingOuter: Double

    /// Creates a band scale.
    ///
    /// - Parameters:
    ///   - count: The number of categories.
    ///   - range: The pixels to fill.
    ///   - paddingInner: The gap between bands, a share of the step in `[0, 1)`.
    ///   - paddingOuter: The outer gaps, a share of the step.
    public init(count: Int, range: (Double, Double), paddingInner: Double = 0.2, paddingOuter: Double = 0.1) {
        self.count = count
        self.range = (range.0, range.1)
        self.paddingInner = paddingInner
        self.paddingOuter = paddingOuter
    }

    /// The distance from one band's start to the next.
    public var step: Double {
        let slots = Double(count) - paddingInner + 2 * paddingOuter
        guard count > 0, slots > 0 else { return 0 }
        return (range.upper - range.lower) / slots
    }

    /// The width of each band.
    public var bandwidth: Double {
        step * (1 - paddingInner)
    }

    /// The first pixel of band `index`.
    public func start(_ index: Int) -> Double {
        range.lower + step * (paddingOuter + Double(index))
    }

    /// The middle pixel of band `index`.
    public func center(_ index: Int) -> Double {
        start(index) + bandwidth / 2
    }
}

extension BandScale {
    public static func == (a: BandScale, b: BandScale) -> Bool {
        a.count == b.count && a.range == b.range && a.paddingInner == b.paddingInner
            && a.paddingOuter == b.paddingOuter
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        hasher.combine(range.lower)
        hasher.combine(range.upper)
        hasher.combine(paddingInner)
        hasher.combine(paddingOuter)
    }
}
