import BigInt
public import PBRules

extension Satisfaction {
    /// pabutools' class name (`Cost_Sat`, `Cardinality_Sat`, `Additive_Cardinal_Sat`, `Additive_Borda_Sat`).
    public var pabutoolsName: String {
        switch self {
        case .cost: return "Cost_Sat"
        case .cardinality: return "Cardinality_Sat"
        case .points: return "Additive_Cardinal_Sat"
        case .borda: return "Additive_Borda_Sat"
        }
    }
}

/// pabutools' `votersatisfaction` measures: average, share with positive satisfaction, Gini
/// coefficient, histogram and share of non-empty-handed voters.
public enum VoterSatisfaction {
    /// The number of histogram bins (pabutools' default `num_bins=21`).
    public static let histogramBins = 21

    /// The histogram's normaliser: the largest satisfaction one voter would get if every project
    /// were funded (the reference's `histogram_max_satisfaction`), in units of the class's denominator.
    public static func maxSatisfaction(_ profile: AnalysisProfile, _ sat: Satisfaction) -> Int128 {
        let all = [Bool](repeating: true, count: profile.projectCount)
        return profile.satisfactions(sat, funded: all).max() ?? 0
    }

    /// Adds `avg_satisfaction:X`, `percent_positive_satisfaction:X`,
    /// `gini_coefficient_of_satisfaction:X` and `satisfaction_histogram:X` for class `sat`.
    static func add(
        to out: inout MeasureSet, _ profile: AnalysisProfile, _ sat: Satisfaction, funded: [Bool]
    ) {
        let name = sat.pabutoolsName
        let n = profile.voterCount
        guard n > 0 else {
            for key in ["avg_satisfaction", "percent_positive_satisfaction", "gini_coefficient_of_satisfaction"] {
                out.gap("\(key):\(name)", .undefined, "no voters")
            }
            return
        }
        let den = profile.denominator(sat)
        let s = profile.satisfactions(sat, funded: funded)
        let total = s.reduce(Int128(0), +)
        out.set("avg_satisfaction:\(name)", .rational(exact(total, Int128(den) * Int128(n))))
        let positive = s.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        out.set("percent_positive_satisfaction:\(name)", .rational(exact(Int128(positive), Int128(n))))
        out.set("gini_coefficient_of_satisfaction:\(name)", gini(s))
        out.set(
            "satisfaction_histogram:\(name)",
            .list(histogram(s, max: maxSatisfaction(profile, sat)).map { .real($0) }))
    }

    /// The Gini coefficient as pabutools computes it: `(n + 1 − 2·Σ_k s_(k)·(n − k) / Σ s) / n`
    /// over the ascending values, exact; the integer 0 when every value is 0.
    public static func gini(_ values: [Int128]) -> MeasureValue {
        let total = values.reduce(Int128(0), +)
        guard total > 0 else { return .integer(0) }
        let n = values.count
        // Zeros sort first and add nothing: only the positive values are sorted, from rank `zeros`.
        let positive = values.filter { $0 != 0 }.sorted()
        let zeros = n - positive.count
        // Σ s_(k)·(n − k) in 128 bits (BigInt from the first step that would overflow).
        var weighted = BigInt(0)
        var small: Int128 = 0
        for (j, v) in positive.enumerated() {
            let (t, o1) = v.multipliedReportingOverflow(by: Int128(n - zeros - j))
            let (sum, o2) = small.addingReportingOverflow(t)
            if o1 || o2 {
                weighted += BigInt(v) * BigInt(n - zeros - j)
            } else {
                small = sum
            }
        }
        weighted += BigInt(small)
        let numerator = BigInt(n + 1) * BigInt(total) - 2 * weighted
        return .rational(Rational(numerator, BigInt(n) * BigInt(total)))
    }

    /// The share of voters in each of 21 bins: bin 0 holds satisfaction 0, bin k (1…20) holds
    /// `(k−1)M/20 < s ≤ kM/20`, and bin 20 everything from `M` up, as pabutools' `satisfaction_histogram`.
    public static func histogram(_ values: [Int128], max m: Int128) -> [Double] {
        var bins = [Double](repeating: 0, count: histogramBins)
        let last = Int128(histogramBins - 1)
        for s in values {
            if s >= m {
                bins[histogramBins - 1] += 1
            } else {
                // ⌈s·20/M⌉ with 0 ≤ s < M.
                let q = (s * last + m - 1) / m
                bins[Int(q)] += 1
            }
        }
        let n = Double(values.count)
        return bins.map { $0 / n }
    }

    /// `percent_non_empty_handed`: the mean of pabutools' `CC_Sat`. For approval and ordinal
    /// ballots, the share of voters with a funded project on their ballot; for cumulative and scoring
    /// ballots, the mean over voters of the most points they gave a funded project.
    static func nonEmptyHanded(_ profile: AnalysisProfile, funded: [Bool]) -> MeasureValue {
        let inst = profile.instance
        let n = profile.voterCount
        var total: Int128 = 0
        for v in 0..<n {
            var best: Int128 = 0
            for k in inst.ballot(v) where funded[Int(inst.items[k])] {
                if inst.points.isEmpty {
                    best = 1
                    break
                }
                best = max(best, Int128(inst.points[k]))
            }
            total += best
        }
        let den = inst.points.isEmpty ? Int128(1) : Int128(profile.pointDenominator)
        return .rational(exact(total, den * Int128(n)))
    }
}
