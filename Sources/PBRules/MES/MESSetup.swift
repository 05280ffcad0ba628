import BigInt

/// The parts of an MES run that do not depend on the voters' budgets.
struct MESSetup {
    /// Supported, positive-cost projects (MES candidates).
    var candidates: [Int]
    /// Supported free projects, funded before MES starts (in id order).
    var freeProjects: [Int]
    /// Supporter lists.
    var starts: [Int32]
    var supporters: [Int32]
    /// Satisfaction of each supporter entry (aligned with `supporters`), in integer units.
    var sat: [Int64]
    /// Total satisfaction per project (times each supporter's weight units when weighted).
    var totalSat: [Int128]
    /// Each supporter entry's weight units (aligned with `supporters`); empty when unweighted.
    var weight: [Int64]

    init(_ instance: RuleInstance, satisfaction: Satisfaction) {
        let (starts, supporters) = instance.supporterLists()
        var sat = [Int64](repeating: 0, count: supporters.count)
        switch satisfaction {
        case .cost:
            for p in 0..<instance.projectCount {
                for k in Int(starts[p])..<Int(starts[p + 1]) { sat[k] = instance.costs[p] }
            }
        case .cardinality:
            for k in 0..<sat.count { sat[k] = 1 }
        case .points:
            // Points of voter v for project p: find p in v's ballot.
            var fill = starts
            for v in 0..<instance.voterCount {
                for k in instance.ballot(v) {
                    let p = Int(instance.items[k])
                    sat[Int(fill[p])] = instance.points[k]
                    fill[p] += 1
                }
            }
        case .borda:
            var fill = starts
            for v in 0..<instance.voterCount {
                let r = instance.ballot(v)
                for (pos, k) in r.enumerated() {
                    let p = Int(instance.items[k])
                    sat[Int(fill[p])] = Int64(r.count - pos - 1)
                    fill[p] += 1
                }
            }
        }
        let weights = instance.voterWeights?.units
        var totalSat = [Int128](repeating: 0, count: instance.projectCount)
        for p in 0..<instance.projectCount {
            for k in Int(starts[p])..<Int(starts[p + 1]) {
                totalSat[p] += Int128(sat[k]) * Int128(weights?[Int(supporters[k])] ?? 1)
            }
        }
        // A supporter is a voter with positive satisfaction (a zero-point entry does not count) and a
        // positive weight.
        var keptStarts = [Int32](repeating: 0, count: instance.projectCount + 1)
        var keptVoters: [Int32] = []
        var keptSat: [Int64] = []
        var keptWeight: [Int64] = []
        keptVoters.reserveCapacity(supporters.count)
        keptSat.reserveCapacity(supporters.count)
        for p in 0..<instance.projectCount {
            for k in Int(starts[p])..<Int(starts[p + 1]) where sat[k] > 0 {
                let v = Int(supporters[k])
                if let weights {
                    guard weights[v] > 0 else { continue }
                    keptWeight.append(weights[v])
                }
                keptVoters.append(supporters[k])
                keptSat.append(sat[k])
            }
            keptStarts[p + 1] = Int32(keptVoters.count)
        }
        self.starts = keptStarts
        self.supporters = keptVoters
        self.sat = keptSat
        self.weight = keptWeight
        self.totalSat = totalSat
        self.candidates = (0..<instance.projectCount).filter { totalSat[$0] > 0 && instance.costs[$0] > 0 }
        self.freeProjects = (0..<instance.projectCount).filter { totalSat[$0] > 0 && instance.costs[$0] == 0 }
            .sorted { instance.tieRank[$0] < instance.tieRank[$1] }
    }

    func range(_ p: Int) -> Range<Int> { Int(starts[p])..<Int(starts[p + 1]) }

    /// The satisfaction of supporter entry `k` times the supporter's weight units: what MES charges
    /// ρ on (a voter of integer weight w counts as w voters with the same ballot).
    func weightedSat(_ k: Int) -> Rational {
        weight.isEmpty ? Rational(sat[k]) : Rational(BigInt(sat[k]) * BigInt(weight[k]))
    }
}
