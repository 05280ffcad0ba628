import BigInt
import PBRules

/// The instance and profile properties of pabutools' `instanceproperties` and
/// `profileproperties` (costs, ballot lengths and costs, approval and score totals).
public enum InstanceMeasures {
    /// Every instance measure that applies to the profile's vote type, keyed as in pabutools.
    public static func compute(_ profile: AnalysisProfile) -> MeasureSet {
        var out = MeasureSet()
        let inst = profile.instance
        let den = profile.costDenominator
        let m = profile.projectCount
        let n = profile.voterCount
        let totalCost = inst.costs.reduce(Int128(0)) { $0 + Int128($1) }
        out.set("sum_project_cost", .rational(exact(totalCost, den)))
        if inst.budget > 0 {
            out.set("funding_scarcity", .rational(exact(totalCost, Int128(inst.budget))))
        } else {
            out.gap("funding_scarcity", .undefined, "the budget is not positive")
        }
        if m > 0 {
            out.set("avg_project_cost", .rational(exact(totalCost, Int128(den) * Int128(m))))
            out.set("median_project_cost", .real(median(inst.costs.map { Int128($0) }) / Double(den)))
            out.set("std_dev_project_cost", .real(populationStandardDeviation(inst.costs, den: den)))
        }
        if n > 0 {
            var lengths: [Int128] = []
            var ballotCosts: [Int128] = []
            lengths.reserveCapacity(n)
            ballotCosts.reserveCapacity(n)
            for v in 0..<n {
                let r = inst.ballot(v)
                lengths.append(Int128(r.count))
                var c: Int128 = 0
                for k in r { c += Int128(inst.costs[Int(inst.items[k])]) }
                ballotCosts.append(c)
            }
            out.set("avg_ballot_length", .rational(exact(Int128(inst.items.count), Int128(n))))
            out.set("median_ballot_length", .integer(Int(median(lengths).rounded(.towardZero))))
            out.set(
                "avg_ballot_cost", .rational(exact(ballotCosts.reduce(0, +), Int128(den) * Int128(n))))
            out.set("median_ballot_cost", .real(median(ballotCosts) / Double(den)))
        }
        if m > 0 {
            switch inst.kind {
            case .approval:
                let scores = profile.supportCounts.map { Int128($0) }
                out.set("avg_approval_score", .rational(exact(scores.reduce(0, +), Int128(m))))
                out.set("median_approval_score", .real(median(scores)))
            case .cumulative, .scoring:
                var totals = [Int128](repeating: 0, count: m)
                for k in 0..<inst.items.count { totals[Int(inst.items[k])] += Int128(inst.points[k]) }
                let pden = Int128(profile.pointDenominator)
                out.set("avg_total_score", .rational(exact(totals.reduce(0, +), pden * Int128(m))))
                out.set("median_total_score", .real(median(totals) / Double(pden)))
            case .ordinal:
                break
            }
        }
        out.set(
            "votes_count_by_project",
            .object(
                (0..<m).compactMap { p in
                    profile.supportCounts[p] > 0
                        ? MeasureEntry(profile.ids[p], .integer(profile.supportCounts[p])) : nil
                }))
        return out
    }

    /// `numpy.median` of integers, as a `Double` (the mean of the two middle values for an even count).
    static func median(_ values: [Int128]) -> Double {
        guard !values.isEmpty else { return .nan }
        let s = values.sorted()
        let mid = s.count / 2
        if s.count % 2 == 1 { return Double(s[mid]) }
        return exact(s[mid - 1] + s[mid], Int128(2)).doubleValue
    }

    /// `numpy.std` (population: divide by the count), computed exactly up to the final square root.
    static func populationStandardDeviation(_ values: [Int64], den: Int64) -> Double {
        let n = Int128(values.count)
        let sum = values.reduce(Int128(0)) { $0 + Int128($1) }
        // n²·var = n·Σx² − (Σx)², in units²; may exceed 128 bits, so in BigInt.
        var squares = BigInt(0)
        for x in values { squares += BigInt(x) * BigInt(x) }
        let scaled = BigInt(n) * squares - BigInt(sum) * BigInt(sum)
        let variance = Rational(scaled, BigInt(n) * BigInt(n) * BigInt(den) * BigInt(den))
        return variance.doubleValue.squareRoot()
    }
}

/// `numerator / denominator` as an exact rational.
func exact(_ numerator: Int128, _ denominator: Int128) -> Rational {
    Rational(BigInt(numerator), BigInt(denominator))
}

/// `numerator / denominator` as an exact rational.
func exact(_ numerator: Int128, _ denominator: Int64) -> Rational {
    Rational(BigInt(numerator), BigInt(denominator))
}
