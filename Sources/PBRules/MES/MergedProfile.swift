/// The voters of an election as MES sees them: voters with identical satisfaction profiles merged
/// into one class with a multiplicity, and each project's supporters as a list of classes.
///
/// Voters who get the same satisfaction from every project are always treated alike by MES
/// (same budget, same payments), so one class with a multiplicity stands for all of them. Voters
/// with no positive satisfaction never pay and are left out (they still count in the budget per
/// voter, which uses the instance's voter count).
///
/// Built in O(ballot entries) with no allocation per voter: each voter's (project, satisfaction)
/// pairs get an order-independent 64-bit hash, classes live in an open-addressing table, and a
/// hash match is confirmed by comparing the two ballots through a stamp array.
struct MergedProfile {
    /// How satisfaction is measured.
    let satisfaction: Satisfaction
    /// Whether every supporter of a project gets the same satisfaction (cost and cardinality).
    let binary: Bool
    /// The number of voter classes.
    let classCount: Int
    /// Each voter's class, or -1 for a voter with no positive satisfaction.
    let classOf: [Int32]
    /// Supporter lists per project (CSR: entries `starts[p]..<starts[p + 1]`).
    let starts: [Int32]
    /// The class of each supporter entry.
    let classes: [Int32]
    /// The multiplicity of each supporter entry's class (an integer held as a double).
    let weight: [Double]
    /// The satisfaction of each supporter entry (empty when `binary`).
    let sat: [Double]
    /// The satisfaction every supporter of a project gets, when `binary`.
    let unitSat: [Double]
    /// Total satisfaction per project over the original voters, exact.
    let totalSat: [Int128]
    /// Total multiplicity per project: the number of original voters supporting it.
    let supporterCount: [Int64]
    /// Supported projects with a positive cost (the MES candidates), in index order.
    let candidates: [Int]
    /// Supported free projects, funded before MES starts, in tie-breaking order.
    let freeProjects: [Int]
    /// The largest supporter list.
    let maxSupporters: Int

    init(_ instance: RuleInstance, satisfaction: Satisfaction) {
        self.satisfaction = satisfaction
        binary = satisfaction == .cost || satisfaction == .cardinality
        let projects = instance.projectCount
        let voters = instance.voterCount

        // The satisfaction of ballot entry k at position `pos` of a ballot of `length` entries.
        func entrySat(_ k: Int, position pos: Int, length: Int) -> Int64 {
            switch satisfaction {
            case .cost: instance.costs[Int(instance.items[k])]
            case .cardinality: 1
            case .points: instance.points[k]
            case .borda: Int64(length - pos - 1)
            }
        }

        // 1. Classes by an open-addressing table on an order-independent hash.
        var capacity = 16
        while capacity < 2 * voters { capacity <<= 1 }
        let mask = capacity - 1
        var slotClass = [Int32](repeating: -1, count: capacity)
        var slotHash = [UInt64](repeating: 0, count: capacity)
        var classOf = [Int32](repeating: -1, count: voters)
        var representative: [Int32] = []
        var multiplicity: [Int64] = []
        var stamp = [Int32](repeating: 0, count: projects)
        var stampSat = [Int64](repeating: 0, count: projects)
        var stampValue: Int32 = 0
        for v in 0..<voters {
            let r = instance.ballot(v)
            var hash: UInt64 = 0
            var positives = 0
            for (pos, k) in r.enumerated() {
                let s = entrySat(k, position: pos, length: r.count)
                guard s > 0 else { continue }
                positives += 1
                hash &+= MergedProfile.mix(UInt64(UInt32(bitPattern: instance.items[k])) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bitPattern: s))
            }
            guard positives > 0 else { continue }
            hash = MergedProfile.mix(hash ^ UInt64(positives))
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let c = slotClass[slot]
                if c < 0 {
                    let new = Int32(representative.count)
                    slotClass[slot] = new
                    slotHash[slot] = hash
                    representative.append(Int32(v))
                    multiplicity.append(1)
                    classOf[v] = new
                    break
                }
                if slotHash[slot] == hash {
                    // Confirm: same positive (project, satisfaction) pairs as the class's first voter.
                    stampValue += 1
                    let rr = instance.ballot(Int(representative[Int(c)]))
                    var count = 0
                    for (pos, k) in rr.enumerated() {
                        let s = entrySat(k, position: pos, length: rr.count)
                        guard s > 0 else { continue }
                        let p = Int(instance.items[k])
                        stamp[p] = stampValue
                        stampSat[p] = s
                        count += 1
                    }
                    var same = count == positives
                    if same {
                        for (pos, k) in r.enumerated() {
                            let s = entrySat(k, position: pos, length: r.count)
                            guard s > 0 else { continue }
                            let p = Int(instance.items[k])
                            if stamp[p] != stampValue || stampSat[p] != s { same = false; break }
                        }
                    }
                    if same {
                        multiplicity[Int(c)] += 1
                        classOf[v] = c
                        break
                    }
                }
                slot = (slot + 1) & mask
            }
        }
        self.classOf = classOf
        classCount = representative.count

        // 2. Supporter lists over classes, from each class's first voter.
        var starts = [Int32](repeating: 0, count: projects + 1)
        var supporterCount = [Int64](repeating: 0, count: projects)
        var totalSat = [Int128](repeating: 0, count: projects)
        for (c, v) in representative.enumerated() {
            let r = instance.ballot(Int(v))
            for (pos, k) in r.enumerated() {
                let s = entrySat(k, position: pos, length: r.count)
                guard s > 0 else { continue }
                let p = Int(instance.items[k])
                starts[p + 1] += 1
                supporterCount[p] += multiplicity[c]
                totalSat[p] += Int128(s) * Int128(multiplicity[c])
            }
        }
        for p in 0..<projects { starts[p + 1] += starts[p] }
        let entries = Int(starts[projects])
        var fill = starts
        var classes = [Int32](repeating: 0, count: entries)
        var weight = [Double](repeating: 0, count: entries)
        var sat = binary ? [] : [Double](repeating: 0, count: entries)
        for (c, v) in representative.enumerated() {
            let r = instance.ballot(Int(v))
            for (pos, k) in r.enumerated() {
                let s = entrySat(k, position: pos, length: r.count)
                guard s > 0 else { continue }
                let p = Int(instance.items[k])
                let at = Int(fill[p])
                classes[at] = Int32(c)
                weight[at] = Double(multiplicity[c])
                if !binary { sat[at] = Double(s) }
                fill[p] += 1
            }
        }
        self.starts = starts
        self.classes = classes
        self.weight = weight
        self.sat = sat
        self.totalSat = totalSat
        self.supporterCount = supporterCount
        unitSat = binary ? (0..<projects).map { satisfaction == .cost ? Double(instance.costs[$0]) : 1 } : []
        candidates = (0..<projects).filter { totalSat[$0] > 0 && instance.costs[$0] > 0 }
        freeProjects = (0..<projects).filter { totalSat[$0] > 0 && instance.costs[$0] == 0 }
            .sorted { instance.tieRank[$0] < instance.tieRank[$1] }
        maxSupporters = (0..<projects).map { Int(starts[$0 + 1] - starts[$0]) }.max() ?? 0
    }

    /// SplitMix64's finaliser: a cheap, well-mixing 64-bit hash step.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
