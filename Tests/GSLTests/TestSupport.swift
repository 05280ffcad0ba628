// Helpers shared by the GSL test suites.

/// Whether `observed` lies within `k` standard errors of `expected`.
///
/// With a fixed seed the check is deterministic; `k` = 4 leaves a false-alarm rate of about
/// 6e-5 per check for a normal statistic, so a failure points at a real bias.
func isWithin(_ observed: Double, standardErrors k: Double, of expected: Double, standardError: Double) -> Bool {
    abs(observed - expected) <= k * standardError
}

/// Whether `a` and `b` agree to a relative tolerance (absolute near zero).
func isClose(_ a: Double, _ b: Double, relativeTolerance: Double) -> Bool {
    abs(a - b) <= relativeTolerance * max(abs(a), abs(b), 1e-300)
}

/// Pearson's chi-square statistic of observed counts against equal expected counts.
func chiSquareAgainstUniform(_ counts: [Int]) -> Double {
    let total = Double(counts.reduce(0, +))
    let expected = total / Double(counts.count)
    return counts.reduce(0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
}

/// The chi-square value exceeded with probability about 1e-5, by the Wilson–Hilferty
/// approximation (z = 4.26): a bound that a correct generator passes with fixed seeds.
func chiSquareBound(degreesOfFreedom df: Int) -> Double {
    let k = Double(df)
    let a = 2 / (9 * k)
    let t = 1 - a + 4.26 * a.squareRoot()
    return k * t * t * t
}
