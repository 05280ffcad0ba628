/// How a voter's satisfaction with a project is measured (pabutools' satisfaction classes).
public enum Satisfaction: String, Sendable, Hashable, Codable {
    /// `Cost_Sat`: the project's cost if the voter lists it.
    case cost
    /// `Cardinality_Sat`: 1 if the voter lists it.
    case cardinality
    /// `Additive_Cardinal_Sat`: the points the voter gave it.
    case points
    /// `Additive_Borda_Sat`: k − position − 1 for a voter who ranked k projects.
    case borda
}

extension RuleInstance {
    /// Total satisfaction per project, exact; with ``voterWeights``, each voter's satisfaction times
    /// their weight units.
    ///
    /// - Complexity: O(ballot entries).
    public func totalSatisfaction(_ sat: Satisfaction) -> [Int128] {
        if let weights = voterWeights { return weightedTotalSatisfaction(sat, weights: weights.units) }
        var total = [Int128](repeating: 0, count: projectCount)
        switch sat {
        case .cost:
            for p in items { total[Int(p)] += Int128(costs[Int(p)]) }
        case .cardinality:
            for p in items { total[Int(p)] += 1 }
        case .points:
            precondition(!points.isEmpty || items.isEmpty, "points satisfaction needs point ballots")
            for k in 0..<items.count { total[Int(items[k])] += Int128(points[k]) }
        case .borda:
            for v in 0..<voterCount {
                let r = ballot(v)
                let len = r.count
                for (pos, k) in r.enumerated() { total[Int(items[k])] += Int128(len - pos - 1) }
            }
        }
        return total
    }
}

extension RuleInstance {
    /// ``totalSatisfaction(_:)`` with each voter's satisfaction multiplied by their weight.
    private func weightedTotalSatisfaction(_ sat: Satisfaction, weights: [Int64]) -> [Int128] {
        var total = [Int128](repeating: 0, count: projectCount)
        for v in 0..<voterCount {
            let w = Int128(weights[v])
            guard w > 0 else { continue }
            let r = ballot(v)
            for (pos, k) in r.enumerated() {
                let p = Int(items[k])
                let s: Int128
                switch sat {
                case .cost: s = Int128(costs[p])
                case .cardinality: s = 1
                case .points: s = Int128(points[k])
                case .borda: s = Int128(r.count - pos - 1)
                }
                total[p] += w * s
            }
        }
        return total
    }
}
