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
/// Voters with the same ballot contribute the same term, so the sum runs over distinct ballots,
/// and is added up pairwise (a balanced tree), so that the exact result, whose denominator is the
/// least common multiple of thousands of per-ballot denominators, costs a few large reductions
/// instead of one per voter.
public enum FairShare {
    /// `average_capped_fair_share_ratio` and `average_normalised_distance_to_fair_share`.
    static func compute(_ profile: AnalysisProfile, funded: [Bool]) -> (capped: MeasureValue, distance: MeasureValue)? {
        let n = profile.voterCount
        guard n > 0 else { return nil }
        let inst = profile.instance
        let den = BigInt(profile.costDenominator)
        let share: [Rational?] = (0..<profile.projectCount).map { p in
            profile.supportCounts[p] > 0
                ? Rational(BigInt(inst.costs[p]), den * BigInt(profile.supportCounts[p])) : nil
        }
        let perVoter = Rational(BigInt(inst.budget), den * BigInt(n))
        let groups = UtilityGroups(profile, .cardinality)
        var capped: [Rational] = []
        var distance: [Rational] = []
        capped.reserveCapacity(groups.count)
        distance.reserveCapacity(groups.count)
        for g in 0..<groups.count {
            var got = Rational.zero
            var all = Rational.zero
            for p in groups.projects(of: g) {
                guard let s = share[p] else { continue }
                all += s
                if funded[p] { got += s }
            }
            let m = Rational(groups.multiplicity[g])
            let fair = all < perVoter ? all : perVoter
            guard !fair.isZero else {
                capped.append(m)
                continue
            }
            let ratio = got / fair
            capped.append((ratio < Rational(1) ? ratio : Rational(1)) * m)
            let gap = got < fair ? fair - got : got - fair
            distance.append(gap / fair * m)
        }
        let voters = Rational(n)
        return (.rational(treeSum(capped) / voters), .rational(Rational(1) - treeSum(distance) / voters))
    }

    /// The sum of `terms`, added pairwise.
    static func treeSum(_ terms: [Rational]) -> Rational {
        guard !terms.isEmpty else { return .zero }
        var level = terms
        while level.count > 1 {
            var next: [Rational] = []
            next.reserveCapacity((level.count + 1) / 2)
            var i = 0
            while i + 1 < level.count {
                next.append(level[i] + level[i + 1])
                i += 2
            }
            if i < level.count { next.append(level[i]) }
            level = next
        }
        return level[0]
    }
}
