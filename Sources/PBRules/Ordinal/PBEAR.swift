import BigInt

/// PB-EAR (Aziz and Lee, *Proportionally representative participatory budgeting with ordinal
/// preferences*, AAAI 2021): inclusion-PSC for ranked ballots.
///
/// Follows pabutools 1.2.3's `pb_ear` step by step, its integer truncations included:
///
/// 1. The available projects are the unselected ones that fit the remaining budget; stop when none.
/// 2. Each voter "approves" their top-j ranked projects (all of them if they rank fewer).
/// 3. A project's support is the total weight of the voters approving it (weights start at 1).
/// 4. A project c qualifies when support(c) ≥ ⌊n·cost(c)⌋ / ⌊B⌋, both sides rounded to 6 decimals
///    (n voters, budget B, amounts in currency units).
/// 5. If none qualifies, stop once j exceeds the longest ranking, else raise j by one.
/// 6. Otherwise fund one qualifying project and multiply the weight of every voter approving it by
///    1 − ⌊⌊n·cost⌋/⌊B⌋⌋ / ⌊Σ weights of those voters⌋. j is not reset.
///
/// **The choice among qualifying projects.** pabutools takes the first element of a Python set, so
/// its choice follows the string hash of the ids (it changes with `PYTHONHASHSEED`). pbsim takes the
/// first qualifying project in the instance's tie-breaking order (``RuleInstance/tieRank``: the
/// smallest id as a string by default, pabutools' default tie-breaking elsewhere). The outcome
/// equals pabutools' wherever every qualifying set has one project.
///
/// Weights are exact rationals (as in pabutools, where they become `mpq`); the supports are summed
/// in double precision as pabutools sums them into a `float`, then rounded to 6 decimals. When the
/// supporters' total weight is below 1 (pabutools divides by zero there) the weight of those
/// voters drops to 0 if the cost asks for any reduction, and stays otherwise.
public enum PBEAR {
    /// The outcome and, for `--explain`, one step per funded project with its qualifying set.
    public struct Result: Sendable {
        /// Funded projects in selection order.
        public var selected: [Int]
        /// One step per funded project: the qualifying set it was chosen from and the rank depth j.
        public var steps: [RuleStep]
    }

    /// Runs PB-EAR on ordinal ballots (each ballot's items are in ranking order).
    ///
    /// - Complexity: O((L + k) · E) for the longest ranking L, k funded projects and E ballot entries.
    public static func select(_ instance: RuleInstance) -> Result {
        let voters = instance.voterCount
        guard voters > 0 else { return Result(selected: [], steps: []) }
        let projects = instance.projectCount
        let n = Int128(voters)
        let unit = Int128(pow10(instance.scale))
        // ⌊B⌋ and ⌊n·cost(c)⌋ in currency units.
        let floorBudget = Int128(instance.budget) / unit
        let floorNCost = instance.costs.map { n * Int128($0) / unit }
        // round(⌊n·cost⌋ / ⌊B⌋, 6) × 10⁶, rounding half to even as Python rounds an mpq.
        let threshold = floorNCost.map { a in floorBudget == 0 ? 0 : roundHalfEven(a * 1_000_000, floorBudget) }
        var longest = 0
        for v in 0..<voters { longest = max(longest, instance.ballot(v).count) }

        // Weights: voter v has weight factors[factorOf[v]]; voters approving a funded project move
        // to a new factor, so the few distinct weights are held once, exactly.
        var factors: [Rational] = [Rational(1)]
        var factorValue: [Double] = [1]
        var factorOf = [Int32](repeating: 0, count: voters)

        var funded = [Bool](repeating: false, count: projects)
        var remaining = instance.budget
        var available = (0..<projects).filter { instance.costs[$0] <= remaining }
        var selected: [Int] = []
        var steps: [RuleStep] = []
        var support = [Double](repeating: 0, count: projects)
        var j = 1
        while true {
            available.removeAll { funded[$0] || instance.costs[$0] > remaining }
            if available.isEmpty { break }
            for p in 0..<projects { support[p] = 0 }
            for v in 0..<voters {
                let w = factorValue[Int(factorOf[v])]
                let r = instance.ballot(v)
                for k in r.lowerBound..<min(r.upperBound, r.lowerBound + j) { support[Int(instance.items[k])] += w }
            }
            let qualifying = available.filter { roundedMillionths(support[$0]) >= threshold[$0] }
                .sorted { instance.tieRank[$0] < instance.tieRank[$1] }
            guard let chosen = qualifying.first else {
                if j > longest { break }
                j += 1
                continue
            }
            funded[chosen] = true
            selected.append(chosen)
            remaining -= instance.costs[chosen]
            steps.append(RuleStep(project: chosen, candidates: qualifying, note: "j = \(j)"))

            // Voters approving the chosen project, counted per weight factor.
            var count = [Int64](repeating: 0, count: factors.count)
            var approves = [Bool](repeating: false, count: voters)
            for v in 0..<voters {
                let r = instance.ballot(v)
                for k in r.lowerBound..<min(r.upperBound, r.lowerBound + j) where Int(instance.items[k]) == chosen {
                    approves[v] = true
                    count[Int(factorOf[v])] += 1
                }
            }
            var total = Rational.zero
            for (f, c) in count.enumerated() where c > 0 { total += factors[f] * Rational(c) }
            guard total > Rational.zero else { continue }
            let reduce = floorBudget == 0 ? 0 : floorNCost[chosen] / floorBudget
            let floorTotal = total.numerator / total.denominator
            let keep: Rational
            if floorTotal.isZero {
                keep = reduce == 0 ? Rational(1) : Rational.zero
            } else {
                keep = Rational(1) - Rational(BigInt(reduce), floorTotal)
            }
            var moved = [Int32](repeating: -1, count: factors.count)
            for (f, c) in count.enumerated() where c > 0 {
                moved[f] = Int32(factors.count)
                let w = factors[f] * keep
                factors.append(w)
                factorValue.append(w.doubleValue)
            }
            for v in 0..<voters where approves[v] { factorOf[v] = moved[Int(factorOf[v])] }
        }
        return Result(selected: selected, steps: steps)
    }

    /// `round(x, 6) × 10⁶` for a double, rounding half to even.
    static func roundedMillionths(_ x: Double) -> Int128 {
        Int128((x * 1_000_000).rounded(.toNearestOrEven))
    }

    /// a / b rounded to the nearest integer, half to even (b > 0, a ≥ 0).
    static func roundHalfEven(_ a: Int128, _ b: Int128) -> Int128 {
        let q = a / b
        let r = a - q * b
        if 2 * r > b || (2 * r == b && q % 2 != 0) { return q + 1 }
        return q
    }

    static func pow10(_ k: Int) -> Int64 {
        var r: Int64 = 1
        for _ in 0..<k { r *= 10 }
        return r
    }
}
