import BigInt
import PBRules

/// pabutools' `fairshare` measures (approval ballots): each project's cost shared equally among
/// its supporters, a voter's share of the outcome against their fair share `min(Σ shares, B/n)`,
/// computed exactly as pabutools does (gmpy2 `mpq`).
///
/// Where pabutools raises, pbsim computes the measure where it is defined: a project nobody
/// approves has no share and is never on a ballot, so it is left out (pabutools: `KeyError`); a
/// voter with an empty ballot has a fair share of 0 and is counted as fully served, ratio 1 and
/// distance 0 (pabutools: `ZeroDivisionError`).
///
/// Both measures depend on a voter only through r = s/fs (capped: min(r, 1); distance: |r − 1|),
/// and voters with the same ballot have the same r, so the sums run over distinct ballots. A
/// ballot's r is computed in 128-bit integers over the least common multiple of its projects'
/// approval counts (over the common multiple of all counts, in `BigInt`s, when that overflows).
/// With S₋ = Σ m·r over the ballots with r < 1 (m voters each) and S₊ over the others, capped =
/// S₋ + m₊ and distance = m₋ − S₋ + S₊ − m₊: two exact sums of thousands of fractions, added as
/// ``ExactSum`` does, over common multiples and reduced once.
public enum FairShare {
    /// `average_capped_fair_share_ratio` and `average_normalised_distance_to_fair_share`.
    static func compute(_ profile: AnalysisProfile, funded: [Bool]) -> (capped: MeasureValue, distance: MeasureValue)? {
        let n = profile.voterCount
        guard n > 0 else { return nil }
        let shares = Shares(profile)
        let groups = UtilityGroups(profile, .cardinality)
        var wide: WideShares?
        var below = ExactSum()
        var above = ExactSum()
        var votersBelow = 0
        for g in 0..<groups.count {
            let m = groups.multiplicity[g]
            if let r = shares.ratio(groups.projects(of: g), funded: funded) {
                if r.num < r.den {
                    below.add(Int128(m), r.num, r.den)
                    votersBelow += m
                } else {
                    above.add(Int128(m), r.num, r.den)
                }
                continue
            }
            if wide == nil { wide = WideShares(profile) }
            let r = wide!.ratio(groups.projects(of: g), funded: funded)
            if r.num < r.den {
                below.add(r.num * BigInt(m), r.den)
                votersBelow += m
            } else {
                above.add(r.num * BigInt(m), r.den)
            }
        }
        let (a, b) = below.unreduced
        let (c, d) = above.unreduced
        let voters = BigInt(n)
        let votersAbove = BigInt(n - votersBelow)
        // capped / n = (S₋ + m₊) / n.
        let capped = Rational(a + votersAbove * b, b * voters)
        // 1 − distance / n = (n − m₋ + m₊ + S₋ − S₊) / n, over lcm(b, d).
        let g = ExactSum.gcd(b, d)
        let common = b / g * d
        let distance = Rational(
            (voters - BigInt(votersBelow) + votersAbove) * common + a * (d / g) - c * (b / g), common * voters)
        return (.rational(capped), .rational(distance))
    }
}

/// Each project's share cost/approvals as a reduced fraction in 128-bit integers, and a ballot's
/// r = s/fs from them.
struct Shares {
    /// Per project: the reduced share's numerator and denominator (denominator 0: nobody approves it).
    let num: [Int128]
    let den: [Int128]
    /// B/n, reduced.
    let perVoter: (num: Int128, den: Int128)

    init(_ profile: AnalysisProfile) {
        var num: [Int128] = []
        var den: [Int128] = []
        for p in 0..<profile.projectCount {
            let count = Int128(profile.supportCounts[p])
            let cost = Int128(profile.instance.costs[p])
            let g = count > 0 ? SmallFraction.gcd(cost, count) : 1
            num.append(count > 0 ? cost / g : 0)
            den.append(count / g)
        }
        self.num = num
        self.den = den
        let f = SmallFraction(Int128(profile.instance.budget), Int128(profile.voterCount))
        perVoter = (f.num, f.den)
    }

    /// r = s/fs of one ballot (1 when fs = 0), reduced, or `nil` when a step would overflow 128 bits.
    ///
    /// s and Σ shares are taken over L, the least common multiple of the ballot's share
    /// denominators: s = G/L, Σ shares = A/L, so r = G/A when A/L ≤ B/n, else G·n/(L·B).
    func ratio(_ ballot: ArraySlice<Int>, funded: [Bool]) -> SmallFraction? {
        var l: Int128 = 1
        for p in ballot where den[p] > 1 {
            let g = SmallFraction.gcd(l % den[p], den[p])
            let (next, overflow) = l.multipliedReportingOverflow(by: den[p] / g)
            if overflow { return nil }
            l = next
        }
        var all: Int128 = 0
        var got: Int128 = 0
        for p in ballot where den[p] > 0 {
            let (t, o1) = num[p].multipliedReportingOverflow(by: l / den[p])
            let (sum, o2) = all.addingReportingOverflow(t)
            if o1 || o2 { return nil }
            all = sum
            if funded[p] { got += t }
        }
        // A fair share of 0 (an empty ballot, or no budget): fully served.
        let one = SmallFraction(num: 1, den: 1)
        let (an, o1) = all.multipliedReportingOverflow(by: perVoter.den)
        let (bl, o2) = perVoter.num.multipliedReportingOverflow(by: l)
        if o1 || o2 { return nil }
        if an <= bl { return all == 0 ? one : SmallFraction(got, all) }
        if perVoter.num == 0 { return one }
        let (top, o3) = got.multipliedReportingOverflow(by: perVoter.den)
        if o3 { return nil }
        return SmallFraction(num: top, den: bl).reduced
    }
}

/// The shares over one common denominator L = lcm(approvals), as integers: the path for ballots
/// whose fractions overflow 128 bits.
struct WideShares {
    let scaled: [BigInt]
    let common: BigInt
    let budget: BigInt
    let voters: BigInt

    init(_ profile: AnalysisProfile) {
        let counts = profile.supportCounts.filter { $0 > 0 }.map { BigInt($0) }
        let l = counts.isEmpty ? BigInt(1) : ExactSum.lcm(counts)
        common = l
        scaled = (0..<profile.projectCount).map { p in
            profile.supportCounts[p] > 0
                ? BigInt(profile.instance.costs[p]) * (l / BigInt(profile.supportCounts[p])) : 0
        }
        budget = BigInt(profile.instance.budget)
        voters = BigInt(profile.voterCount)
    }

    /// r = s/fs of one ballot, exact but not reduced (1 when fs = 0).
    func ratio(_ ballot: ArraySlice<Int>, funded: [Bool]) -> (num: BigInt, den: BigInt) {
        var all = BigInt(0)
        var got = BigInt(0)
        for p in ballot {
            all += scaled[p]
            if funded[p] { got += scaled[p] }
        }
        // fs = min(all/L, B/n).
        let limit = budget * common
        if all * voters <= limit { return all.isZero ? (1, 1) : (got, all) }
        return budget.isZero ? (1, 1) : (got * voters, limit)
    }
}

/// A non-negative fraction `num/den` in 128-bit integers.
struct SmallFraction: Equatable {
    var num: Int128
    var den: Int128

    init(num: Int128, den: Int128) {
        self.num = num
        self.den = den
    }

    /// `num/den` reduced (`num ≥ 0`, `den > 0`).
    init(_ num: Int128, _ den: Int128) {
        let g = Self.gcd(num, den)
        self.init(num: num / g, den: den / g)
    }

    /// The greatest common divisor of two non-negative values (`gcd(0, b) = b`), by the binary
    /// algorithm (no 128-bit division), in 64 bits when both fit.
    static func gcd(_ a: Int128, _ b: Int128) -> Int128 {
        if a == 0 { return b }
        if b == 0 { return a }
        if a <= Int128(UInt64.max) && b <= Int128(UInt64.max) { return Int128(binaryGCD(UInt64(a), UInt64(b))) }
        return Int128(binaryGCD(UInt128(a), UInt128(b)))
    }

    /// Stein's algorithm on positive values.
    static func binaryGCD<T: FixedWidthInteger & UnsignedInteger>(_ a: T, _ b: T) -> T {
        let shift = (a | b).trailingZeroBitCount
        var u = a >> a.trailingZeroBitCount
        var v = b
        repeat {
            v >>= v.trailingZeroBitCount
            if u > v { swap(&u, &v) }
            v -= u
        } while v != 0
        return u << shift
    }

    /// In lowest terms.
    var reduced: SmallFraction { SmallFraction(num, den) }
}

/// An exact sum of many fractions with different denominators: terms are collected by
/// denominator, then added pairwise (a balanced tree), each addition over the least common
/// multiple of the two denominators and unreduced, in 128 bits while that fits, so the cost is a
/// few large operations at the top of the tree and no reduction.
struct ExactSum {
    /// A partial sum `num/den`, in 128 bits or wide.
    enum Term {
        case small(Int128, Int128)
        case wide(BigInt, BigInt)

        var wide: (num: BigInt, den: BigInt) {
            switch self {
            case .small(let n, let d): return (BigInt(n), BigInt(d))
            case .wide(let n, let d): return (n, d)
            }
        }

        static func + (a: Term, b: Term) -> Term {
            if case .small(let an, let ad) = a, case .small(let bn, let bd) = b {
                let g = SmallFraction.gcd(ad, bd)
                let (d, o1) = (ad / g).multipliedReportingOverflow(by: bd)
                let (x, o2) = an.multipliedReportingOverflow(by: bd / g)
                let (y, o3) = bn.multipliedReportingOverflow(by: ad / g)
                let (s, o4) = x.addingReportingOverflow(y)
                if !(o1 || o2 || o3 || o4) { return .small(s, d) }
            }
            let (an, ad) = a.wide
            let (bn, bd) = b.wide
            let g = ExactSum.gcd(ad, bd)
            let (da, db) = (ad / g, bd / g)
            return .wide(an * db + bn * da, da * bd)
        }
    }

    private var byDenominator: [Int128: Int128] = [:]
    private var terms: [Term] = []

    /// Adds `m · num/den` (`m, num ≥ 0`, `den > 0`).
    mutating func add(_ m: Int128, _ num: Int128, _ den: Int128) {
        guard num != 0 else { return }
        let (t, o1) = m.multipliedReportingOverflow(by: num)
        if !o1 {
            let (s, o2) = byDenominator[den, default: 0].addingReportingOverflow(t)
            if !o2 {
                byDenominator[den] = s
                return
            }
        }
        terms.append(.wide(BigInt(m) * BigInt(num), BigInt(den)))
    }

    /// Adds `num/den` (`num ≥ 0`, `den > 0`).
    mutating func add(_ num: BigInt, _ den: BigInt) {
        if !num.isZero { terms.append(.wide(num, den)) }
    }

    /// The sum as `num/den`, `den` a common multiple of the terms' denominators (not reduced).
    var unreduced: (num: BigInt, den: BigInt) {
        var level = byDenominator.sorted { $0.key < $1.key }.map { Term.small($0.value, $0.key) } + terms
        guard !level.isEmpty else { return (0, 1) }
        while level.count > 1 {
            var next: [Term] = []
            next.reserveCapacity((level.count + 1) / 2)
            var i = 0
            while i + 1 < level.count {
                next.append(level[i] + level[i + 1])
                i += 2
            }
            if i < level.count { next.append(level[i]) }
            level = next
        }
        return level[0].wide
    }

    /// The least common multiple of positive values, pairwise.
    static func lcm(_ values: [BigInt]) -> BigInt {
        var level = values
        while level.count > 1 {
            var next: [BigInt] = []
            next.reserveCapacity((level.count + 1) / 2)
            var i = 0
            while i + 1 < level.count {
                let (a, b) = (level[i], level[i + 1])
                next.append(a / gcd(a, b) * b)
                i += 2
            }
            if i < level.count { next.append(level[i]) }
            level = next
        }
        return level[0]
    }

    /// The greatest common divisor of positive values: Euclid's remainder steps while the operands
    /// differ much in size (BigInt's own is binary, slow on unbalanced operands), then in 128 bits
    /// when they fit, else BigInt's.
    static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt {
        var (x, y) = a >= b ? (a, b) : (b, a)
        while !y.isZero && x.bitWidth > y.bitWidth + 32 { (x, y) = (y, x % y) }
        if y.isZero { return x }
        if x.bitWidth < 127 { return BigInt(SmallFraction.gcd(Int128(x), Int128(y))) }
        return x.greatestCommonDivisor(with: y)
    }
}
