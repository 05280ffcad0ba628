public import PBRules

/// The ballots of an election with identical ballots merged into types with a multiplicity: what
/// voter satisfaction, voter exclusion and the EJR check read.
///
/// Merging keeps these measures cheap with tens of thousands of voters: a type's measure is computed
/// once and counted with its multiplicity.
///
/// ```swift
/// let profile = BallotProfile(instance)
/// profile.satisfaction(of: [0, 2])   // mean cost satisfaction, as a share of the budget
/// ```
public struct BallotProfile: Sendable {
    /// The kind of ballots.
    public let kind: VoteKind
    /// The number of voters (the sum of the multiplicities).
    public let voterCount: Int
    /// How many voters cast each ballot type.
    public let multiplicity: [Int]
    /// Type starts into ``items`` (one more entry than there are types).
    public let offsets: [Int]
    /// The projects of each type, ascending.
    public let items: [Int32]
    /// The points aligned with ``items`` (empty for approval ballots).
    public let points: [Int64]
    /// Each project's cost, in the instance's integer units.
    public let costs: [Int64]
    /// The budget, in the instance's integer units.
    public let budget: Int64

    /// The number of distinct ballot types.
    public var typeCount: Int { multiplicity.count }

    /// Merges the identical ballots of an instance.
    ///
    /// Ballots are compared as sets of (project, points) pairs; an empty ballot is a type of its own.
    /// No per-voter array is allocated: ballots are hashed in place and compared with the types seen.
    ///
    /// - Parameter instance: Approval, cumulative or scoring ballots.
    /// - Complexity: O(entries) expected.
    public init(_ instance: RuleInstance) {
        kind = instance.kind
        voterCount = instance.voterCount
        costs = instance.costs
        budget = instance.budget
        let hasPoints = !instance.points.isEmpty
        var multiplicity: [Int] = []
        var offsets: [Int] = [0]
        var items: [Int32] = []
        var points: [Int64] = []
        var buckets: [UInt64: [Int]] = [:]
        var scratch: [(Int32, Int64)] = []
        for v in 0..<instance.voterCount {
            let range = instance.ballot(v)
            scratch.removeAll(keepingCapacity: true)
            for k in range {
                scratch.append((instance.items[k], hasPoints ? instance.points[k] : 0))
            }
            // NB: the rules accept ballots in any order; sort so that equal sets compare equal.
            var sorted = true
            for i in scratch.indices.dropFirst() where scratch[i - 1].0 > scratch[i].0 {
                sorted = false
                break
            }
            if !sorted { scratch.sort { $0.0 < $1.0 } }
            var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
            for (p, q) in scratch {
                hash = SplitMix.mix(hash ^ UInt64(UInt32(bitPattern: p)))
                hash = SplitMix.mix(hash ^ UInt64(bitPattern: q))
            }
            var found: Int?
            for t in buckets[hash, default: []] {
                let start = offsets[t]
                guard offsets[t + 1] - start == scratch.count else { continue }
                var same = true
                for i in scratch.indices
                where items[start + i] != scratch[i].0 || (hasPoints && points[start + i] != scratch[i].1) {
                    same = false
                    break
                }
                if same {
                    found = t
                    break
                }
            }
            if let t = found {
                multiplicity[t] += 1
            } else {
                let t = multiplicity.count
                multiplicity.append(1)
                for (p, q) in scratch {
                    items.append(p)
                    if hasPoints { points.append(q) }
                }
                offsets.append(items.count)
                buckets[hash, default: []].append(t)
            }
        }
        self.multiplicity = multiplicity
        self.offsets = offsets
        self.items = items
        self.points = points
    }

    /// The entries of type `t`.
    @inline(__always)
    func range(_ t: Int) -> Range<Int> { offsets[t]..<offsets[t + 1] }

    /// The mean voter satisfaction with a selection (see ``Metric/satisfaction``).
    ///
    /// For approval ballots, a voter's satisfaction is the cost of the funded projects they approved
    /// divided by the budget; for ballots with points, the share of their points on funded projects
    /// (0 for a voter who gave no points).
    ///
    /// - Parameter selection: Funded project indices.
    /// - Returns: The mean over voters, or NaN when there are no voters.
    /// - Complexity: O(entries of the distinct types).
    public func satisfaction(of selection: [Int]) -> Double {
        guard voterCount > 0 else { return .nan }
        var funded = [Bool](repeating: false, count: costs.count)
        for j in selection { funded[j] = true }
        var sum = 0.0
        for t in 0..<typeCount {
            var value = 0.0
            if points.isEmpty {
                var spent: Int64 = 0
                for k in range(t) where funded[Int(items[k])] { spent += costs[Int(items[k])] }
                value = budget > 0 ? Double(spent) / Double(budget) : 0
            } else {
                var on: Int64 = 0
                var all: Int64 = 0
                for k in range(t) {
                    all += points[k]
                    if funded[Int(items[k])] { on += points[k] }
                }
                value = all > 0 ? Double(on) / Double(all) : 0
            }
            sum += Double(multiplicity[t]) * value
        }
        return sum / Double(voterCount)
    }

    /// The share of voters none of whose listed projects is funded (empty ballots count as excluded).
    ///
    /// - Parameter selection: Funded project indices.
    /// - Returns: The share in `[0, 1]`, or NaN when there are no voters.
    public func exclusion(of selection: [Int]) -> Double {
        guard voterCount > 0 else { return .nan }
        var funded = [Bool](repeating: false, count: costs.count)
        for j in selection { funded[j] = true }
        var excluded = 0
        for t in 0..<typeCount {
            var served = false
            for k in range(t) where funded[Int(items[k])] && (points.isEmpty || points[k] > 0) {
                served = true
                break
            }
            if !served { excluded += multiplicity[t] }
        }
        return Double(excluded) / Double(voterCount)
    }
}
