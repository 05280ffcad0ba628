/// The voters of an election as MES and Phragmén see them: voters with identical satisfaction
/// profiles merged into one class with a multiplicity, and each project's supporters as a list of
/// classes.
///
/// Voters who get the same satisfaction from every project are always treated alike by MES
/// (same budget, same payments) and by Phragmén (same load), so one class with a multiplicity
/// stands for all of them. Voters with no positive satisfaction never pay and are left out (they
/// still count in MES's budget per voter, which uses the instance's voter count).
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
    /// The first voter of each class (whose ballot stands for the class's).
    let representative: [Int32]
    /// Each class's number of voters (their weight units with ``RuleInstance/voterWeights``).
    let multiplicity: [Int64]
    /// Supporter lists per project (CSR: entries `starts[p]..<starts[p + 1]`).
    let starts: [Int32]
    /// The class of each supporter entry.
    let classes: [Int32]
    /// The multiplicity of each supporter entry's class (an integer held as a double): its number of
    /// voters, or the sum of their weight units with ``RuleInstance/voterWeights``.
    let weight: [Double]
    /// The satisfaction of each supporter entry (empty when `binary`).
    let sat: [Double]
    /// The satisfaction every supporter of a project gets, when `binary`.
    let unitSat: [Double]
    /// Total satisfaction per project over the original voters (rounded to a double).
    let totalSat: [Double]
    /// Total satisfaction per project, exact, or 0 when it exceeds 64 bits (then ρ is never
    /// treated as an exact fraction: close calls go to the exact path instead).
    let exactTotalSat: [Int64]
    /// Total multiplicity per project: the number of original voters supporting it (their weight
    /// units with ``RuleInstance/voterWeights``).
    let supporterCount: [Int64]
    /// Supported projects with a positive cost (the MES candidates), in index order.
    let candidates: [Int]
    /// Supported free projects, funded before MES starts, in tie-breaking order.
    let freeProjects: [Int]
    /// The largest supporter list.
    let maxSupporters: Int
    /// Each project's ρ when nobody is capped, cost / total satisfaction (0 for unsupported
    /// projects): the first lower bound of every MES run.
    let uncappedRho: [Double]

    /// - Parameter forManyRuns: number the classes for cache locality (worth its sort only when
    ///   MES will run many times on the profile, as Add1 does).
    init(_ instance: RuleInstance, satisfaction: Satisfaction, forManyRuns: Bool = false) {
        self.satisfaction = satisfaction
        binary = satisfaction == .cost || satisfaction == .cardinality
        let projects = instance.projectCount
        let voters = instance.voterCount

        // The satisfaction of every ballot entry (0 entries do not make a supporter).
        let items = instance.items
        // With cost or cardinality satisfaction it depends on the project only (`projectSat`).
        let projectSat: [Int64] = satisfaction == .cost ? instance.costs : [Int64](repeating: 1, count: projects)
        let entrySat: [Int64]
        switch satisfaction {
        case .cost, .cardinality: entrySat = projects <= 128 ? [] : items.map { projectSat[Int($0)] }
        case .points: entrySat = instance.points
        case .borda:
            var s = [Int64](repeating: 0, count: items.count)
            for v in 0..<voters {
                let r = instance.ballot(v)
                for (pos, k) in r.enumerated() { s[k] = Int64(r.count - pos - 1) }
            }
            entrySat = s
        }

        // 1. Classes: by the supported set itself when it fits in 128 bits, else in an
        //    open-addressing table on an order-independent hash confirmed by comparing ballots.
        var classOf: [Int32]
        var representative: [Int32]
        var multiplicity: [Int64]
        if binary && projects <= 64 {
            (classOf, representative, multiplicity) = MergedProfile.classesByBitSet(
                instance, projectSat: projectSat, key: UInt64.self)
        } else if binary && projects <= 128 {
            (classOf, representative, multiplicity) = MergedProfile.classesByBitSet(
                instance, projectSat: projectSat, key: UInt128.self)
        } else {
            var capacity = 16
            while capacity < 2 * voters { capacity <<= 1 }
            let mask = capacity - 1
            var slotClass = [Int32](repeating: -1, count: capacity)
            classOf = [Int32](repeating: -1, count: voters)
            representative = []
            multiplicity = []
            var slotHash = [UInt64](repeating: 0, count: capacity)
            var stamp = [Int32](repeating: 0, count: projects)
            var stampSat = [Int64](repeating: 0, count: projects)
            var stampValue: Int32 = 0
            // Whether ballots a and b give the same positive satisfaction to the same projects: first
            // entry by entry (ballots usually list projects in the same order), then as sets.
            func sameProfile(_ a: Range<Int>, _ b: Range<Int>, positives: Int) -> Bool {
                if a.count == b.count {
                    var equal = true
                    for i in 0..<a.count
                    where items[a.lowerBound + i] != items[b.lowerBound + i]
                        || entrySat[a.lowerBound + i] != entrySat[b.lowerBound + i]
                    {
                        equal = false
                        break
                    }
                    if equal { return true }
                }
                stampValue += 1
                var count = 0
                for k in a where entrySat[k] > 0 {
                    let p = Int(items[k])
                    stamp[p] = stampValue
                    stampSat[p] = entrySat[k]
                    count += 1
                }
                guard count == positives else { return false }
                for k in b where entrySat[k] > 0 {
                    let p = Int(items[k])
                    if stamp[p] != stampValue || stampSat[p] != entrySat[k] { return false }
                }
                return true
            }
            for v in 0..<voters {
                let r = instance.ballot(v)
                var hash: UInt64 = 0
                var positives = 0
                for k in r where entrySat[k] > 0 {
                    positives += 1
                    hash &+= SplitMix.mix(
                        UInt64(UInt32(bitPattern: items[k])) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bitPattern: entrySat[k]))
                }
                guard positives > 0 else { continue }
                hash = SplitMix.mix(hash ^ UInt64(positives))
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
                    if slotHash[slot] == hash
                        && sameProfile(instance.ballot(Int(representative[Int(c)])), r, positives: positives)
                    {
                        multiplicity[Int(c)] += 1
                        classOf[v] = c
                        break
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
        // Weighted voters (MODEL.md 2.3): a class stands for the sum of its voters' weights, in weight
        // units, as a voter of integer weight w stands for w identical voters.
        if let weights = instance.voterWeights?.units {
            for c in multiplicity.indices { multiplicity[c] = 0 }
            for v in 0..<voters where classOf[v] >= 0 { multiplicity[Int(classOf[v])] += weights[v] }
        }
        // Number the classes so that supporters of the same popular projects sit together: MES
        // reads the budgets of a project's supporters, and nearby class numbers share cache lines.
        if forManyRuns && representative.count > 128 {
            var support = [Int](repeating: 0, count: projects)
            for (c, v) in representative.enumerated() {
                for k in instance.ballot(Int(v)) { support[Int(instance.items[k])] += Int(multiplicity[c]) }
            }
            let popular = (0..<projects).sorted { support[$0] > support[$1] || (support[$0] == support[$1] && $0 < $1) }
            var bit = [UInt128](repeating: 0, count: projects)
            for (rank, p) in popular.prefix(128).enumerated() { bit[p] = 1 << UInt128(127 - rank) }
            let keys = representative.map { v in
                instance.ballot(Int(v)).reduce(UInt128(0)) { $0 | bit[Int(instance.items[$1])] }
            }
            let order = representative.indices.sorted { keys[$0] > keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
            var renumber = [Int32](repeating: 0, count: order.count)
            for (new, old) in order.enumerated() { renumber[old] = Int32(new) }
            representative = order.map { representative[$0] }
            multiplicity = order.map { multiplicity[$0] }
            for v in 0..<voters where classOf[v] >= 0 { classOf[v] = renumber[Int(classOf[v])] }
        }
        self.classOf = classOf
        self.representative = representative
        self.multiplicity = multiplicity
        classCount = representative.count

        // 2. Supporter lists over classes, from each class's first voter.
        var starts = [Int32](repeating: 0, count: projects + 1)
        var supporterCount = [Int64](repeating: 0, count: projects)
        var exactTotalSat = [Int64](repeating: 0, count: projects)
        var overflow = [Bool](repeating: false, count: projects)
        for (c, v) in representative.enumerated() where multiplicity[c] > 0 {
            let r = instance.ballot(Int(v))
            for k in r {
                let s = binary ? projectSat[Int(items[k])] : entrySat[k]
                guard s > 0 else { continue }
                let p = Int(instance.items[k])
                starts[p + 1] += 1
                supporterCount[p] += multiplicity[c]
                let (product, o1) = s.multipliedReportingOverflow(by: multiplicity[c])
                let (sum, o2) = exactTotalSat[p].addingReportingOverflow(product)
                exactTotalSat[p] = sum
                overflow[p] = overflow[p] || o1 || o2
            }
        }
        for p in 0..<projects { starts[p + 1] += starts[p] }
        let entries = Int(starts[projects])
        var fill = starts
        var classes = [Int32](repeating: 0, count: entries)
        var weight = [Double](repeating: 0, count: entries)
        var sat = binary ? [] : [Double](repeating: 0, count: entries)
        for (c, v) in representative.enumerated() where multiplicity[c] > 0 {
            let r = instance.ballot(Int(v))
            for k in r {
                let s = binary ? projectSat[Int(items[k])] : entrySat[k]
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
        // Every counted entry has a positive satisfaction, so "supported" is "has a supporter".
        var totalSat = [Double](repeating: 0, count: projects)
        for p in 0..<projects {
            if !overflow[p] {
                totalSat[p] = Double(exactTotalSat[p])
            } else {
                exactTotalSat[p] = 0
                for k in Int(starts[p])..<Int(starts[p + 1]) {
                    totalSat[p] += weight[k] * (binary ? Double(projectSat[p]) : sat[k])
                }
            }
        }
        self.totalSat = totalSat
        self.exactTotalSat = exactTotalSat
        self.supporterCount = supporterCount
        unitSat = binary ? (0..<projects).map { satisfaction == .cost ? Double(instance.costs[$0]) : 1 } : []
        candidates = (0..<projects).filter { supporterCount[$0] > 0 && instance.costs[$0] > 0 }
        freeProjects = (0..<projects).filter { supporterCount[$0] > 0 && instance.costs[$0] == 0 }
            .sorted { instance.tieRank[$0] < instance.tieRank[$1] }
        uncappedRho = (0..<projects).map { supporterCount[$0] > 0 ? Double(instance.costs[$0]) / totalSat[$0] : 0 }
        var largest = 0
        for p in 0..<projects { largest = max(largest, Int(starts[p + 1] - starts[p])) }
        maxSupporters = largest
    }

    /// The election with one voter per class, weighing the class's multiplicity: MES treats the
    /// voters of a class alike, so its outcome on this instance is the outcome on the original, with
    /// far fewer voters when many ballots are identical (simulated ballots). Voters with no positive
    /// satisfaction are left out; they pay nothing.
    func classInstance(of instance: RuleInstance) -> RuleInstance {
        var offsets: [Int32] = [0]
        var items: [Int32] = []
        var points: [Int64] = []
        offsets.reserveCapacity(classCount + 1)
        for v in representative {
            for k in instance.ballot(Int(v)) {
                items.append(instance.items[k])
                if !instance.points.isEmpty { points.append(instance.points[k]) }
            }
            offsets.append(Int32(items.count))
        }
        let merged = RuleInstance(
            costs: instance.costs, budget: instance.budget, scale: instance.scale, kind: instance.kind,
            offsets: offsets, items: items, points: points, pointScale: instance.pointScale, tieRank: instance.tieRank)
        let weights: VoterWeights
        do {
            weights = try VoterWeights(units: multiplicity, scale: instance.voterWeights?.scale ?? 0)
        } catch {
            preconditionFailure("class multiplicities are sums of valid weights: \(error)")
        }
        return merged.forcingWeights(weights)
    }

    /// Voter classes when satisfaction is binary and a voter's profile is exactly the set of
    /// projects they support, held as the bits of `Key`: the key is its own hash, and with few
    /// projects it indexes a table directly.
    static func classesByBitSet<Key: FixedWidthInteger & UnsignedInteger>(
        _ instance: RuleInstance, projectSat: [Int64], key: Key.Type
    ) -> (classOf: [Int32], representative: [Int32], multiplicity: [Int64]) {
        let voters = instance.voterCount
        let bits = (0..<instance.projectCount).map { projectSat[$0] > 0 ? Key(1) << Key($0) : 0 }
        let bit = bits.span
        let offsets = instance.offsets.span
        let items = instance.items.span
        var classOf = [Int32](repeating: -1, count: voters)
        let distinct = instance.projectCount < 20 ? min(voters, 1 << instance.projectCount) : voters
        var representative: [Int32] = []
        var multiplicity: [Int64] = []
        representative.reserveCapacity(distinct)
        multiplicity.reserveCapacity(distinct)
        let direct = instance.projectCount <= 12 && 1 << instance.projectCount <= max(64, 4 * voters)
        var capacity = 16
        if direct {
            capacity = 1 << instance.projectCount
        } else {
            while capacity < 2 * voters { capacity <<= 1 }
        }
        let mask = capacity - 1
        var slotClass = [Int32](repeating: -1, count: capacity)
        var slotKey = [Key](repeating: 0, count: direct ? 0 : capacity)
        var start = Int(offsets[0])
        for v in 0..<voters {
            let end = Int(offsets[v + 1])
            var set: Key = 0
            for k in start..<end { set |= bit[Int(items[k])] }
            start = end
            guard set != 0 else { continue }
            var slot =
                direct
                ? Int(truncatingIfNeeded: set)
                : Int(
                    truncatingIfNeeded: SplitMix.mix(
                        UInt64(truncatingIfNeeded: set)
                            ^ SplitMix.mix(UInt64(truncatingIfNeeded: set >> (Key.bitWidth / 2))))) & mask
            while true {
                let c = slotClass[slot]
                if c < 0 {
                    slotClass[slot] = Int32(representative.count)
                    if !direct { slotKey[slot] = set }
                    classOf[v] = Int32(representative.count)
                    representative.append(Int32(v))
                    multiplicity.append(1)
                    break
                }
                if direct || slotKey[slot] == set {
                    multiplicity[Int(c)] += 1
                    classOf[v] = c
                    break
                }
                slot = (slot + 1) & mask
            }
        }
        return (classOf, representative, multiplicity)
    }
}
