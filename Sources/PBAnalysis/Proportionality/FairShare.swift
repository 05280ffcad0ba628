import PBRules
/// pabutools' `fairshare` measures (approval ballots): each project's cost shared equally among
/// its supporters, a voter's share of the outcome against their fair share `min(Σ shares, B/n)`.
///
/// Where pabutools raises, pbsim computes the measure where it is defined: a project nobody
/// approves has no share and is never on a ballot, so it is left out (pabutools: `KeyError`); a
/// voter with an empty ballot has a fair share of 0 and is counted as fully served, ratio 1 and
/// distance 0 (pabutools: `ZeroDivisionError`).
public enum FairShare {
    /// `average_capped_fair_share_ratio` and `average_normalised_distance_to_fair_share`.
    static func compute(_ profile: AnalysisProfile, funded: [Bool]) -> (capped: MeasureValue, distance: MeasureValue)? {
        let n = profile.voterCount
        guard n > 0 else { return nil }
        let inst = profile.instance
        let den = Double(profile.costDenominator)
        let share: [Double] = (0..<profile.projectCount).map { p in
            profile.supportCounts[p] > 0 ? Double(inst.costs[p]) / den / Double(profile.supportCounts[p]) : 0
        }
        let perVoter = Double(inst.budget) / den / Double(n)
        var capped = CompensatedSum()
        var distance = CompensatedSum()
        for v in 0..<n {
            var got = 0.0
            var all = 0.0
            for k in inst.ballot(v) {
                let p = Int(inst.items[k])
                all += share[p]
                if funded[p] { got += share[p] }
            }
            let fair = min(all, perVoter)
            if fair > 0 {
                capped.add(min(got / fair, 1))
                distance.add(abs(got - fair) / fair)
            } else {
                capped.add(1)
            }
        }
        return (.real(capped.value / Double(n)), .real(1 - distance.value / Double(n)))
    }
}

/// Neumaier's compensated sum.
struct CompensatedSum {
    private var sum = 0.0
    private var compensation = 0.0
    mutating func add(_ x: Double) {
        let t = sum + x
        if abs(sum) >= abs(x) { compensation += (sum - t) + x } else { compensation += (x - t) + sum }
        sum = t
    }
    var value: Double { sum + compensation }
}
