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
/// The fast path computes loads in floating point; ℓ is an exact fraction while no supporter
/// carries a load, and any comparison closer than a relative 1e-9 between inexact values reruns
/// the rule in exact rational arithmetic.
public enum Phragmen {
    public static func select(_ instance: RuleInstance, arithmetic: Arithmetic = .certified) -> (selected: [Int], usedExactArithmetic: Bool) {
        if arithmetic == .certified, let s = fast(instance) { return (s, false) }
        return (exact(instance), true)
    }

    static let tolerance = 1e-9

    static func fast(_ instance: RuleInstance) -> [Int]? {
        let approvals = instance.approvalCounts()
        let (starts, supporters) = instance.supporterLists()
        var remaining = (0..<instance.projectCount).filter { instance.costs[$0] <= instance.budget }
        var load = [Double](repeating: 0, count: instance.voterCount)
        var sumLoad = [Double](repeating: 0, count: instance.projectCount)
        var loaded = [Bool](repeating: false, count: instance.projectCount)
        var spent: Int64 = 0
        var selected: [Int] = []
        // nil value = +∞; exact = (num, den) when no supporter carries a load.
        struct L { var value: Double?; var exact: (Int64, Int64)? }
        func ell(_ p: Int) -> L {
            if approvals[p] == 0 { return L(value: nil, exact: nil) }
            let v = (sumLoad[p] + Double(instance.costs[p])) / Double(approvals[p])
            return L(value: v, exact: loaded[p] ? nil : (instance.costs[p], Int64(approvals[p])))
        }
        // -1, 0, 1 or nil (too close).
        func compare(_ a: L, _ b: L) -> Int? {
            guard let x = a.value else { return b.value == nil ? 0 : 1 }
            guard let y = b.value else { return -1 }
            if let e = a.exact, let f = b.exact {
                let l = Int128(e.0) * Int128(f.1)
                let r = Int128(f.0) * Int128(e.1)
                return l == r ? 0 : (l < r ? -1 : 1)
            }
            if abs(x - y) <= tolerance * max(abs(x), abs(y)) { return nil }
            return x < y ? -1 : 1
        }
        while !remaining.isEmpty {
            let values = remaining.map(ell)
            var argmin = 0
            for i in 1..<values.count {
                guard let c = compare(values[i], values[argmin]) else { return nil }
                if c < 0 { argmin = i }
            }
            let minimum = values[argmin]
            var tied: [Int] = []
            for (i, p) in remaining.enumerated() {
                if i == argmin {
                    tied.append(p)
                    continue
                }
                guard let c = compare(values[i], minimum) else { return nil }
                if c == 0 { tied.append(p) }
            }
            if tied.contains(where: { spent + instance.costs[$0] > instance.budget }) { break }
            let p = tied.min { instance.tieRank[$0] < instance.tieRank[$1] }!
            selected.append(p)
            spent += instance.costs[p]
            remaining.removeAll { $0 == p }
            if let star = minimum.value {
                for k in Int(starts[p])..<Int(starts[p + 1]) {
                    let v = Int(supporters[k])
                    let delta = star - load[v]
                    load[v] = star
                    for j in instance.ballot(v) {
                        let q = Int(instance.items[j])
                        sumLoad[q] += delta
                        loaded[q] = true
                    }
                }
            }
        }
        return selected
    }

    /// The exact path. Every voter's load is the ℓ of the last round that charged them, so each
    /// project's load sum is Σ over rounds of (supporters last charged then) × ℓ(round): integer
    /// counts times a few rationals, instead of one rational per voter.
    static func exact(_ instance: RuleInstance) -> [Int] {
        let approvals = instance.approvalCounts()
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
        while !remaining.isEmpty {
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
                    let old = roundOf[v]
                    roundOf[v] = r
                    for j in instance.ballot(v) {
                        let q = Int(instance.items[j])
                        if old >= 0 { counts[q][old] -= 1 }
                        counts[q][r] += 1
                    }
                }
            }
        }
        return selected
    }
}
