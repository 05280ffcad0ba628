import BigInt

/// Sequential Phragmén (Phragmén 1894; Brill, Freeman, Janson & Lackner, AAAI 2017), for
/// approval ballots, as pabutools' `sequential_phragmen`.
///
/// Voters' loads start at 0. Each step, the project p minimising
/// ℓ(p) = (Σ supporters' loads + cost(p)) / approvals(p) is bought and its supporters' loads
/// become ℓ(p); ties go to the smallest id. Unlike greedy, the rule **stops** as soon as any
/// project tied at the minimum would exceed the budget. Projects costing more than the budget
/// are dropped first.
///
/// With voter weights (``RuleInstance/voterWeights``) a voter of weight w counts as w voters: ℓ(p)
/// divides by the supporters' total weight and sums their loads times their weights.
///
/// The fast path computes loads in floating point; ℓ is an exact fraction while no supporter
/// carries a load, and any comparison closer than a relative 1e-9 between inexact values reruns
/// the rule in exact rational arithmetic.
public enum Phragmen {
    /// The selection, and whether the exact path decided it; `nil` when the exact path reached
    /// `stepLimit` load additions before finishing.
    public static func select(
        _ instance: RuleInstance, arithmetic: Arithmetic = .certified, stepLimit: Int = .max
    ) -> (selected: [Int], usedExactArithmetic: Bool)? {
        if arithmetic == .certified, let s = fast(instance) { return (s, false) }
        return exact(instance, stepLimit: stepLimit).map { ($0, true) }
    }

    static let tolerance = 1e-9

    /// The floating-point path, on voters merged into classes with identical ballots (they
    /// always carry the same load).
    static func fast(_ instance: RuleInstance) -> [Int]? {
        let profile = MergedProfile(instance, satisfaction: .cardinality)
        let approvals = profile.supporterCount
        var remaining = (0..<instance.projectCount).filter { instance.costs[$0] <= instance.budget }
        var load = [Double](repeating: 0, count: profile.classCount)
        var sumLoad = [Double](repeating: 0, count: instance.projectCount)
        var loaded = [Bool](repeating: false, count: instance.projectCount)
        var values = [Load](repeating: Load(value: nil, exact: nil), count: instance.projectCount)
        var spent: Int64 = 0
        var selected: [Int] = []
        var tied: [Int] = []
        while !remaining.isEmpty {
            for p in remaining {
                values[p] =
                    approvals[p] == 0
                    ? Load(value: nil, exact: nil)
                    : Load(
                        value: (sumLoad[p] + Double(instance.costs[p])) / Double(approvals[p]),
                        exact: loaded[p] ? nil : (instance.costs[p], approvals[p])
                    )
            }
            var argmin = remaining[0]
            for p in remaining.dropFirst() {
                guard let c = compare(values[p], values[argmin]) else { return nil }
                if c < 0 { argmin = p }
            }
            let minimum = values[argmin]
            tied.removeAll(keepingCapacity: true)
            for p in remaining {
                if p == argmin {
                    tied.append(p)
                    continue
                }
                guard let c = compare(values[p], minimum) else { return nil }
                if c == 0 { tied.append(p) }
            }
            if tied.contains(where: { spent + instance.costs[$0] > instance.budget }) { break }
            let p = tied.min { instance.tieRank[$0] < instance.tieRank[$1] }!
            selected.append(p)
            spent += instance.costs[p]
            remaining.removeAll { $0 == p }
            guard let star = minimum.value else { continue }
            for k in Int(profile.starts[p])..<Int(profile.starts[p + 1]) {
                let c = Int(profile.classes[k])
                let delta = (star - load[c]) * profile.weight[k]
                load[c] = star
                for j in instance.ballot(Int(profile.representative[c])) {
                    let q = Int(instance.items[j])
                    sumLoad[q] += delta
                    loaded[q] = true
                }
            }
        }
        return selected
    }

    /// A project's load ℓ: nil value = +∞ (no supporter); `exact` = (num, den) while no
    /// supporter carries a load.
    struct Load {
        var value: Double?
        var exact: (Int64, Int64)?
    }

    /// -1, 0, 1, or nil when too close to call in floating point.
    static func compare(_ a: Load, _ b: Load) -> Int? {
        guard let x = a.value else { return b.value == nil ? 0 : 1 }
        guard let y = b.value else { return -1 }
        if let e = a.exact, let f = b.exact {
            // Exact 128-bit cross products of positive 64-bit integers.
            let l = e.0.multipliedFullWidth(by: f.1)
            let r = f.0.multipliedFullWidth(by: e.1)
            if l.high != r.high { return l.high < r.high ? -1 : 1 }
            return l.low == r.low ? 0 : (l.low < r.low ? -1 : 1)
        }
        if abs(x - y) <= tolerance * max(abs(x), abs(y)) { return nil }
        return x < y ? -1 : 1
    }

    /// The exact path. Every voter's load is the ℓ of the last round that charged them, so each
    /// project's load sum is Σ over rounds of (supporters last charged then) × ℓ(round): integer
    /// counts times a few rationals, instead of one rational per voter.
    static func exact(_ instance: RuleInstance, stepLimit: Int = .max) -> [Int]? {
        // With weights, a voter of weight w counts as w voters carrying the same load.
        let approvals = instance.totalSatisfaction(.cardinality).map { Int($0) }
        let (starts, supporters) = instance.supporterLists()
        var remaining = (0..<instance.projectCount).filter { instance.costs[$0] <= instance.budget }
        var roundOf = [Int](repeating: -1, count: instance.voterCount)
        var roundLoad: [Rational] = []
        var counts = [[Int]](repeating: [], count: instance.projectCount)
        var spent: Int64 = 0
        var selected: [Int] = []
        func ell(_ p: Int) -> Rational? {
            guard approvals[p] > 0 else { return nil }
            var sum = Rational(instance.costs[p])
            for (r, c) in counts[p].enumerated() where c > 0 { sum += roundLoad[r] * Rational(c) }
            return sum / Rational(approvals[p])
        }
        func less(_ a: Rational?, _ b: Rational?) -> Bool {
            guard let x = a else { return false }
            guard let y = b else { return true }
            return x < y
        }
        var steps = 0
        while !remaining.isEmpty {
            // Each round sums one load per earlier round for every remaining project.
            steps += remaining.count * (roundLoad.count + 1)
            if steps > stepLimit { return nil }
            let values = remaining.map(ell)
            var minimum = values[0]
            for v in values where less(v, minimum) { minimum = v }
            let tied = remaining.indices.filter { values[$0] == minimum }.map { remaining[$0] }
            if tied.contains(where: { spent + instance.costs[$0] > instance.budget }) { break }
            let p = tied.min { instance.tieRank[$0] < instance.tieRank[$1] }!
            selected.append(p)
            spent += instance.costs[p]
            remaining.removeAll { $0 == p }
            if let star = minimum {
                let r = roundLoad.count
                roundLoad.append(star)
                for q in 0..<instance.projectCount { counts[q].append(0) }
                for k in Int(starts[p])..<Int(starts[p + 1]) {
                    let v = Int(supporters[k])
                    let w = Int(instance.weightUnits(v))
                    let old = roundOf[v]
                    roundOf[v] = r
                    for j in instance.ballot(v) {
                        let q = Int(instance.items[j])
                        if old >= 0 { counts[q][old] -= w }
                        counts[q][r] += w
                    }
                }
            }
        }
        return selected
    }
}
