import BigInt
import PBModel
import PBRules
import Testing

@testable import PBAnalysis

/// The fair-share measures and the Gini coefficient, whose fast paths (128-bit fractions per
/// distinct ballot, sums over common multiples, 128-bit accumulation) must give exactly what the
/// straightforward per-voter computation in rationals gives.
@Suite struct FairShareTests {
    /// A random approval election; `wide` makes costs large and ballots long, so that 128-bit
    /// fractions overflow and the wide path runs.
    static func election(seed: UInt64, wide: Bool) -> (text: String, selected: [String]) {
        var rng = SplitMix(seed: seed)
        let m = wide ? 28 : Int.random(in: 1...7, using: &rng)
        let n = wide ? 300 : Int.random(in: 1...40, using: &rng)
        let costs = (0..<m).map { _ in
            wide ? Int.random(in: 1...1_000_000_000_000, using: &rng) : Int.random(in: 0...60, using: &rng)
        }
        var s = "META\nkey;value\nbudget;\(wide ? 3_000_000_000_000 : Int.random(in: 0...150, using: &rng))\n"
        s += "vote_type;approval\nPROJECTS\nproject_id;cost\n"
        for (p, c) in costs.enumerated() { s += "p\(p);\(c)\n" }
        s += "VOTES\nvoter_id;vote\n"
        for v in 0..<n {
            let chance = wide ? Double.random(in: 0.1...0.9, using: &rng) : 0.4
            let ballot = (0..<m).filter { _ in Double.random(in: 0..<1, using: &rng) < chance }
            s += "v\(v);\(ballot.map { "p\($0)" }.joined(separator: ","))\n"
        }
        let selected = (0..<m).filter { _ in Bool.random(using: &rng) }.map { "p\($0)" }
        return (s, selected)
    }

    /// MEASURES.md's definitions, voter by voter, in rationals (an empty ballot: ratio 1, distance 0).
    static func straightforward(_ profile: AnalysisProfile, funded: [Bool]) -> (capped: Rational, distance: Rational) {
        let inst = profile.instance
        let n = profile.voterCount
        let perVoter = Rational(BigInt(inst.budget), BigInt(n))
        var capped = Rational.zero
        var distance = Rational.zero
        for v in 0..<n {
            var all = Rational.zero
            var got = Rational.zero
            for k in inst.ballot(v) {
                let p = Int(inst.items[k])
                let share = Rational(BigInt(inst.costs[p]), BigInt(profile.supportCounts[p]))
                all += share
                if funded[p] { got += share }
            }
            let fair = all < perVoter ? all : perVoter
            guard !fair.isZero else {
                capped += Rational(1)
                continue
            }
            let ratio = got / fair
            capped += ratio < Rational(1) ? ratio : Rational(1)
            distance += (got < fair ? fair - got : got - fair) / fair
        }
        return (capped / Rational(n), Rational(1) - distance / Rational(n))
    }

    @Test(arguments: [false, true])
    func matchesTheStraightforwardComputation(wide: Bool) throws {
        var overflowed = 0
        for seed in 0..<(wide ? 6 : 300) {
            let (text, ids) = Self.election(seed: UInt64(seed), wide: wide)
            let profile = try AnalysisProfile(PabulibReader.parse(text))
            let funded = profile.mask(ids.map { id in profile.ids.firstIndex(of: id)! })
            let want = Self.straightforward(profile, funded: funded)
            let got = try #require(FairShare.compute(profile, funded: funded))
            #expect(got.capped == .rational(want.capped), "seed \(seed)")
            #expect(got.distance == .rational(want.distance), "seed \(seed)")
            let shares = Shares(profile)
            let groups = UtilityGroups(profile, .cardinality)
            overflowed +=
                (0..<groups.count).filter { shares.ratio(groups.projects(of: $0), funded: funded) == nil }.count
        }
        // The wide elections take the BigInt path for some ballots, the small ones never.
        #expect(wide ? overflowed > 0 : overflowed == 0)
    }

    @Test func exactSumMatchesRationalAddition() {
        var rng = SplitMix(seed: 7)
        for _ in 0..<30 {
            var sum = ExactSum()
            var want = Rational.zero
            for _ in 0..<Int.random(in: 0...60, using: &rng) {
                let m = Int128(Int.random(in: 1...1000, using: &rng))
                // Denominators up to 2^100, so the tree overflows 128 bits and goes wide.
                let den = Int128(UInt64.random(in: 1...UInt64.max, using: &rng)) << Int.random(in: 0...36, using: &rng)
                let num = Int128(UInt64.random(in: 0...UInt64.max, using: &rng))
                if Bool.random(using: &rng) {
                    sum.add(m, num, den)
                } else {
                    sum.add(BigInt(m) * BigInt(num), BigInt(den))
                }
                want += Rational(BigInt(m) * BigInt(num), BigInt(den))
            }
            let (n, d) = sum.unreduced
            #expect(Rational(n, d) == want)
        }
    }

    @Test func giniMatchesTheBigIntFormula() {
        var rng = SplitMix(seed: 11)
        for round in 0..<60 {
            // Late rounds use values near 2^115 (their sum still fits 128 bits), so Σ s·(n − k) overflows.
            let big = round >= 40
            let count = big ? Int.random(in: 200...250, using: &rng) : Int.random(in: 1...300, using: &rng)
            let values: [Int128] = (0..<count).map { _ in
                let zero = Int.random(in: 0...5, using: &rng) == 0
                return zero
                    ? 0
                    : big
                        ? Int128(Int.random(in: 1...1000, using: &rng)) << 106
                        : Int128(Int.random(in: 1...1_000_000, using: &rng))
            }
            let total = values.reduce(BigInt(0)) { $0 + BigInt($1) }
            let n = values.count
            var weighted = BigInt(0)
            for (k, v) in values.sorted().enumerated() { weighted += BigInt(v) * BigInt(n - k) }
            let want: MeasureValue =
                total.isZero
                ? .integer(0) : .rational(Rational(BigInt(n + 1) * total - 2 * weighted, BigInt(n) * total))
            #expect(VoterSatisfaction.gini(values) == want)
        }
    }
}
