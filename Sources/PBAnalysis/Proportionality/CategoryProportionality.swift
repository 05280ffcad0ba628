import Foundation
import PBRules

/// pabutools' `category_proportionality`: how closely the funded cost per category matches the
/// cost per category of the ballots, `exp(−mean_c (a_c − b_c)²)`, in floating point.
public enum CategoryProportionality {
    /// The measure, or `nil` when the instance has no categories.
    ///
    /// pabutools raises as soon as one ballot is empty (its cost is 0); pbsim leaves empty ballots
    /// out of the ballots' average instead (b_c averages over the non-empty ballots).
    static func compute(_ profile: AnalysisProfile, funded: [Bool]) -> MeasureValue? {
        guard let cats = profile.categories else { return nil }
        var names: [String] = []
        var index: [String: Int] = [:]
        var projectCats: [[Int]] = []
        for list in cats {
            projectCats.append(
                list.map { c in
                    if let i = index[c] { return i }
                    index[c] = names.count
                    names.append(c)
                    return names.count - 1
                })
        }
        guard !names.isEmpty else { return nil }
        guard funded.contains(true) else { return .integer(0) }
        let inst = profile.instance
        let den = Double(profile.costDenominator)
        let cost = inst.costs.map { Double($0) / den }
        var allocated = [Double](repeating: 0, count: names.count)
        var allocatedTotal = 0.0
        for p in 0..<profile.projectCount where funded[p] {
            allocatedTotal += cost[p]
            for c in projectCats[p] { allocated[c] += cost[p] }
        }
        var ballots = [Double](repeating: 0, count: names.count)
        var counted = 0
        var perBallot = [Double](repeating: 0, count: names.count)
        for v in 0..<profile.voterCount {
            for c in perBallot.indices { perBallot[c] = 0 }
            var total = 0.0
            for k in inst.ballot(v) {
                let p = Int(inst.items[k])
                total += cost[p]
                for c in projectCats[p] { perBallot[c] += cost[p] }
            }
            guard total > 0 else { continue }
            counted += 1
            for c in names.indices { ballots[c] += perBallot[c] / total }
        }
        guard counted > 0 else { return nil }
        var meanSquare = 0.0
        for c in names.indices {
            let a = allocatedTotal > 0 ? allocated[c] / allocatedTotal : 0
            let d = a - ballots[c] / Double(counted)
            meanSquare += d * d
        }
        meanSquare /= Double(names.count)
        return .real(exp(-meanSquare))
    }
}
