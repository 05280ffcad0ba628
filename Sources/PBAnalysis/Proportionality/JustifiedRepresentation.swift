import PBRules

/// pabutools' justified-representation checks on approval ballots (`is_EJR_approval`,
/// `is_PJR_approval`, their "up to one" and "up to any" variants, and `is_strong_EJR_approval`),
/// under `Cost_Sat` and `Cardinality_Sat`, decided by an exact search instead of pabutools'
/// enumeration of all 2^n · 2^m (voters, projects) pairs.
///
/// A pair (V, T) is cohesive when every voter of V approves every project of T and
/// cost(T)·n ≤ |V|·B. For a project set T the voters who approve all of it, A(T), only shrink as T
/// grows while cost(T) grows, so the search adds projects one at a time and prunes as soon as
/// |A(T)|·B < cost(T)·n: no superset can be cohesive with any group. For each T it reached:
/// * EJR (surplus u = 0, the largest or the smallest sat(p) over p ∈ T∖W): every voter of A(T)
///   has sat(T) at stake, so the best group is everyone in A(T) with sat_i(W) + u < sat(T); T
///   violates EJR when that group is cohesive with T.
/// * strong EJR: T violates it when A(T) is cohesive with T and one of A(T) has sat_i(W) < sat(T).
/// * PJR: T violates it when some k = max(1, ⌈cost(T)·n/B⌉) voters of A(T) together approve
///   funded projects worth less than sat(T) − u. The search looks for the funded set S (a union
///   of voters' funded sets) of least worth that holds k voters' funded sets, pruned at sat(T) − u.
///
/// A check that exceeds the time limit is reported undetermined, with how many project sets it
/// had cleared.
enum JustifiedRepresentation {
    enum Variant: CaseIterable {
        case plain, one, any
        var infix: String {
            switch self {
            case .plain: return ""
            case .one: return "_one"
            case .any: return "_any"
            }
        }
    }

    static func keys(_ sat: Satisfaction) -> [String] {
        let n = sat.pabutoolsName
        return Variant.allCases.map { "is_EJR\($0.infix)_approval:\(n)" }
            + Variant.allCases.map { "is_PJR\($0.infix)_approval:\(n)" } + ["is_strong_EJR_approval:\(n)"]
    }

    static func add(to out: inout MeasureSet, _ profile: AnalysisProfile, funded: [Bool], options: AnalysisOptions) {
        switch profile.instance.kind {
        case .ordinal:
            return
        case .cumulative, .scoring:
            CardinalRepresentation.add(to: &out, profile, funded: funded, options: options)
            return
        case .approval:
            break
        }
        let deadline = TimeLimit.deadline(options.timeLimit)
        for sat in [Satisfaction.cost, .cardinality] {
            var search = Search(profile, funded: funded, sat: sat, deadline: deadline)
            let finished = search.run()
            let names = keys(sat)
            for (i, key) in names.enumerated() {
                out.verdict(
                    key, violated: search.violated[i], finished: finished,
                    "no violation among the \(search.visited) cohesive project sets examined within \(TimeLimit.text(options.timeLimit)) s"
                )
            }
        }
    }

    /// The depth-first search over project sets T.
    struct Search {
        let n: Int128
        let budget: Int128
        let costs: [Int64]
        let funded: [Bool]
        let sat: Satisfaction
        let groups: UtilityGroups
        /// Per project, whether each group approves it.
        let approves: [[Bool]]
        /// Per group, sat(A_g ∩ W).
        let satFunded: [Int128]
        /// Per group, its funded projects as a bitset over funded positions.
        let fundedSet: [Bitset]
        let fundedProjects: [Int]
        let deadline: ContinuousClock.Instant?
        /// EJR plain/one/any, PJR plain/one/any, strong EJR.
        var violated = [Bool](repeating: false, count: 7)
        var visited = 0
        var timedOut = false

        init(_ profile: AnalysisProfile, funded: [Bool], sat: Satisfaction, deadline: ContinuousClock.Instant?) {
            let inst = profile.instance
            n = Int128(inst.voterCount)
            budget = Int128(inst.budget)
            costs = inst.costs
            self.funded = funded
            self.sat = sat
            self.deadline = deadline
            let groups = UtilityGroups(profile, .cardinality)
            self.groups = groups
            var approves = [[Bool]](repeating: [Bool](repeating: false, count: groups.count), count: inst.projectCount)
            for g in 0..<groups.count { for p in groups.projects(of: g) { approves[p][g] = true } }
            self.approves = approves
            fundedProjects = (0..<inst.projectCount).filter { funded[$0] }
            var position = [Int](repeating: -1, count: inst.projectCount)
            for (i, p) in fundedProjects.enumerated() { position[p] = i }
            var satFunded: [Int128] = []
            var sets: [Bitset] = []
            for g in 0..<groups.count {
                var s: Int128 = 0
                var b = Bitset(count: fundedProjects.count)
                for p in groups.projects(of: g) where funded[p] {
                    s += sat == .cost ? Int128(inst.costs[p]) : 1
                    b.insert(position[p])
                }
                satFunded.append(s)
                sets.append(b)
            }
            self.satFunded = satFunded
            fundedSet = sets
        }

        func value(_ p: Int) -> Int128 { sat == .cost ? Int128(costs[p]) : 1 }

        /// Returns whether the search finished (every cohesive T examined, or all checks violated).
        mutating func run() -> Bool {
            let all = Array(0..<groups.count)
            explore(from: 0, cost: 0, worth: 0, outMax: nil, outMin: nil, worthFunded: 0, approvers: all)
            return !timedOut
        }

        private mutating func explore(
            from start: Int, cost: Int128, worth: Int128, outMax: Int128?, outMin: Int128?, worthFunded: Int128,
            approvers: [Int]
        ) {
            for p in start..<costs.count {
                if timedOut || violated.allSatisfy({ $0 }) { return }
                let sub = approvers.filter { approves[p][$0] }
                let c = cost + Int128(costs[p])
                let mass = sub.reduce(Int128(0)) { $0 + Int128(groups.multiplicity[$1]) }
                guard mass > 0, mass * budget >= c * n else { continue }
                let w = worth + value(p)
                let wf = worthFunded + (funded[p] ? value(p) : 0)
                let oMax = funded[p] ? outMax : max(outMax ?? 0, value(p))
                let oMin = funded[p] ? outMin : min(outMin ?? value(p), value(p))
                visited += 1
                if visited & 255 == 0, let deadline, ContinuousClock.now > deadline {
                    timedOut = true
                    return
                }
                check(cost: c, worth: w, surpluses: [0, oMax ?? 0, oMin ?? 0], worthFunded: wf, approvers: sub)
                explore(from: p + 1, cost: c, worth: w, outMax: oMax, outMin: oMin, worthFunded: wf, approvers: sub)
            }
        }

        private mutating func check(
            cost: Int128, worth: Int128, surpluses: [Int128], worthFunded: Int128, approvers: [Int]
        ) {
            // EJR: the voters left short form the group.
            for (v, u) in surpluses.enumerated() where !violated[v] {
                let short = approvers.reduce(Int128(0)) {
                    $0 + (satFunded[$1] + u < worth ? Int128(groups.multiplicity[$1]) : 0)
                }
                if short > 0 && short * budget >= cost * n { violated[v] = true }
            }
            // Strong EJR: A(T) itself is cohesive (the caller checked), so one voter short suffices.
            if !violated[6], approvers.contains(where: { satFunded[$0] < worth }) { violated[6] = true }
            // PJR: k voters whose funded projects together are worth less than sat(T) − u.
            let needed = max(1, (cost * n + budget - 1) / budget)
            for (v, u) in surpluses.enumerated() where !violated[3 + v] {
                let limit = worth - u
                guard worthFunded < limit else { continue }
                switch smallestUnionHolds(needed, below: limit, approvers: approvers) {
                case true?: violated[3 + v] = true
                case false?: break
                case nil: timedOut = true
                }
            }
        }

        /// Whether some union S of funded sets of `approvers` with sat(S) < `limit` contains the funded
        /// sets of at least `needed` of them (counted with multiplicity); `nil` when the search gave up.
        private func smallestUnionHolds(_ needed: Int128, below limit: Int128, approvers: [Int]) -> Bool? {
            // Distinct funded sets, cheapest first, with how many approvers have each.
            var distinct: [(set: Bitset, worth: Int128, mass: Int128)] = []
            var index: [Bitset: Int] = [:]
            for g in approvers where satFunded[g] < limit {
                if let i = index[fundedSet[g]] {
                    distinct[i].mass += Int128(groups.multiplicity[g])
                } else {
                    index[fundedSet[g]] = distinct.count
                    distinct.append((fundedSet[g], satFunded[g], Int128(groups.multiplicity[g])))
                }
            }
            guard distinct.reduce(Int128(0), { $0 + $1.mass }) >= needed else { return false }
            distinct.sort { $0.worth < $1.worth }
            func worth(_ s: Bitset) -> Int128 {
                s.members.reduce(Int128(0)) { $0 + value(fundedProjects[$1]) }
            }
            var steps = 0
            var gaveUp = false
            func dfs(_ i: Int, _ union: Bitset) -> Bool {
                steps += 1
                if steps & 1023 == 0, let deadline, ContinuousClock.now > deadline { gaveUp = true }
                if gaveUp { return false }
                let held = distinct.reduce(Int128(0)) { $0 + ($1.set.isSubset(of: union) ? $1.mass : 0) }
                if held >= needed { return true }
                for j in i..<distinct.count where !distinct[j].set.isSubset(of: union) {
                    let u = union.union(distinct[j].set)
                    let w = worth(u)
                    if w < limit && dfs(j + 1, u) { return true }
                }
                return false
            }
            let found = dfs(0, Bitset(count: fundedProjects.count))
            return found ? true : (gaveUp ? nil : false)
        }
    }
}

extension MeasureSet {
    /// A proportionality check's verdict: false when the search found a violation, true when it
    /// finished without one, and otherwise undetermined, with `reason`.
    mutating func verdict(_ key: String, violated: Bool, finished: Bool, _ reason: @autoclosure () -> String) {
        if violated {
            set(key, .bool(false))
        } else if finished {
            set(key, .bool(true))
        } else {
            gap(key, .undetermined, reason())
        }
    }
}

/// A fixed-size set of small integers.
struct Bitset: Hashable {
    private(set) var words: [UInt64]
    init(count: Int) { words = [UInt64](repeating: 0, count: max(1, (count + 63) / 64)) }
    mutating func insert(_ i: Int) { words[i >> 6] |= 1 << UInt64(i & 63) }
    func isSubset(of other: Bitset) -> Bool { zip(words, other.words).allSatisfy { $0 & ~$1 == 0 } }
    func union(_ other: Bitset) -> Bitset {
        var r = self
        for k in words.indices { r.words[k] |= other.words[k] }
        return r
    }
    var members: [Int] {
        var out: [Int] = []
        for (k, w) in words.enumerated() where w != 0 {
            for b in 0..<64 where w & (1 << UInt64(b)) != 0 { out.append(k * 64 + b) }
        }
        return out
    }
}
