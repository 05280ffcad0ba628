import PBRules

/// pabutools' justified-representation checks on cardinal (cumulative, scoring) ballots
/// (`is_EJR_cardinal`, `is_PJR_cardinal`, their "up to one" and "up to any" variants and
/// `is_strong_EJR_cardinal`) under `Additive_Cardinal_Sat`, decided by an exact search instead of
/// pabutools' enumeration of all 2^n · 2^m (voters, projects) pairs.
///
/// pabutools reads `ballot[p]` for every voter of a group and every project of T, so on a real
/// file, where voters score only some projects, it raises `KeyError`. pbsim reads a project a voter
/// did not score as 0 points, as `Additive_Cardinal_Sat` does; on ballots that score every project
/// the two agree (the tests compare them on random small profiles).
///
/// A pair (V, T) is cohesive when cost(T)·n ≤ |V|·B, and its threshold is Σ_{p∈T} min_{i∈V} pts_i(p).
/// Fix per-project levels m_p for T and let C(m) be the voters scoring every p ∈ T at least m_p.
/// Any V ⊆ C(m) has a threshold of at least Σ m_p, and a violating V has its own minimums as
/// levels, so a violation exists exactly when, for some T and levels m:
/// * EJR (surplus u_i = 0, the largest or the smallest pts_i(p) over p ∈ T∖W): the voters of C(m)
///   with sat_i(W) + u_i < Σ m_p are at least cost(T)·n/B;
/// * strong EJR: C(m) is that large and one of its voters has sat_i(W) < Σ m_p;
/// * PJR: some k = max(1, ⌈cost(T)·n/B⌉) voters of C(m) have
///   Σ_{p∈W} max_i pts_i(p) + u < Σ m_p, u being the largest or smallest over p ∈ T∖W of
///   max_i pts_i(p). A search over those voters' point vectors (their componentwise maximum) finds
///   the least such sum.
/// Levels are points that voters of C(m) gave, and C(m) only shrinks as T grows while cost(T)
/// grows, so the search prunes as soon as |C(m)|·B < cost(T)·n. A level of 0 only matters for the
/// "up to any" variants (an unfunded project every voter may skip lowers the smallest surplus), so
/// a second pass adds those levels for them alone. A check that exceeds the time limit is
/// reported undetermined.
enum CardinalRepresentation {
    /// EJR plain/one/any, PJR plain/one/any, strong EJR, in this order.
    static let keys = [
        "is_EJR_cardinal", "is_EJR_one_cardinal", "is_EJR_any_cardinal", "is_PJR_cardinal", "is_PJR_one_cardinal",
        "is_PJR_any_cardinal", "is_strong_EJR_cardinal",
    ]

    static func add(to out: inout MeasureSet, _ profile: AnalysisProfile, funded: [Bool], options: AnalysisOptions) {
        var search = Search(profile, funded: funded, deadline: TimeLimit.deadline(options.timeLimit))
        let finished = search.run()
        for (i, key) in keys.enumerated() {
            out.verdict(
                key, violated: search.violated[i], finished: finished[i],
                "no violation among the \(search.visited) (projects, levels) sets examined within \(TimeLimit.text(options.timeLimit)) s"
            )
        }
    }

    struct Search {
        let n: Int128
        let budget: Int128
        let costs: [Int64]
        let funded: [Bool]
        let fundedProjects: [Int]
        let multiplicity: [Int]
        /// Per row, its points per project (dense).
        let points: [[Int64]]
        /// Per row, sat_g(W).
        let satFunded: [Int128]
        let deadline: ContinuousClock.Instant?
        var violated = [Bool](repeating: false, count: 7)
        var visited = 0
        var timedOut = false
        /// The second pass, with levels of 0 for unfunded projects, for the "up to any" variants.
        var zeroPass = false
        /// T with its levels, in the order added.
        var chosen: [(project: Int, level: Int64)] = []

        init(_ profile: AnalysisProfile, funded: [Bool], deadline: ContinuousClock.Instant?) {
            let inst = profile.instance
            n = Int128(inst.voterCount)
            budget = Int128(inst.budget)
            costs = inst.costs
            self.funded = funded
            fundedProjects = (0..<inst.projectCount).filter { funded[$0] }
            let rows = UtilityGroups(profile, .points)
            multiplicity = rows.multiplicity
            points = rows.dense(projectCount: inst.projectCount)
            satFunded = rows.satisfaction(with: funded)
            self.deadline = deadline
        }

        /// Runs both passes; returns, per check, whether its search finished.
        mutating func run() -> [Bool] {
            let all = (0..<multiplicity.count).filter { g in points[g].contains { $0 > 0 } }
            explore(from: 0, cost: 0, level: 0, rows: all)
            let first = !timedOut
            var done = [Bool](repeating: first, count: 7)
            if first && !(violated[2] && violated[5]) {
                zeroPass = true
                explore(from: 0, cost: 0, level: 0, rows: Array(0..<multiplicity.count))
                done[2] = !timedOut
                done[5] = !timedOut
            } else {
                done[2] = first
                done[5] = first
            }
            return done
        }

        private var finishedAll: Bool {
            zeroPass ? violated[2] && violated[5] : violated.allSatisfy { $0 }
        }

        private func mass(_ rows: [Int]) -> Int128 { rows.reduce(Int128(0)) { $0 + Int128(multiplicity[$1]) } }

        private mutating func explore(from start: Int, cost: Int128, level: Int128, rows: [Int]) {
            for p in start..<costs.count {
                if timedOut || finishedAll { return }
                let c = cost + Int128(costs[p])
                guard mass(rows) * budget >= c * n else { continue }
                var levels = Set(rows.map { points[$0][p] }).filter { $0 > 0 }.sorted()
                if zeroPass && !funded[p] { levels.insert(0, at: 0) }
                for m in levels {
                    let sub = m == 0 ? rows : rows.filter { points[$0][p] >= m }
                    guard !sub.isEmpty, mass(sub) * budget >= c * n else { break }
                    visited += 1
                    if visited & 255 == 0, let deadline, ContinuousClock.now > deadline {
                        timedOut = true
                        return
                    }
                    chosen.append((p, m))
                    if !zeroPass || chosen.contains(where: { $0.level == 0 }) {
                        check(cost: c, threshold: level + Int128(m), rows: sub)
                    }
                    explore(from: p + 1, cost: c, level: level + Int128(m), rows: sub)
                    chosen.removeLast()
                    if timedOut { return }
                }
            }
        }

        /// The largest and smallest of `values`, 0 when empty (pabutools' `default=0`).
        private static func surpluses(_ values: [Int64]) -> (one: Int128, any: Int128) {
            (Int128(values.max() ?? 0), Int128(values.min() ?? 0))
        }

        private mutating func check(cost: Int128, threshold: Int128, rows: [Int]) {
            let outside = chosen.filter { !funded[$0.project] }.map(\.project)
            let variants = zeroPass ? [2] : [0, 1, 2]
            for v in variants where !violated[v] {
                let short = rows.reduce(Int128(0)) { sum, g in
                    let s = Self.surpluses(outside.map { points[g][$0] })
                    let u: Int128 = v == 0 ? 0 : (v == 1 ? s.one : s.any)
                    return sum + (satFunded[g] + u < threshold ? Int128(multiplicity[g]) : 0)
                }
                if short > 0 && short * budget >= cost * n { violated[v] = true }
            }
            if !zeroPass && !violated[6] && rows.contains(where: { satFunded[$0] < threshold }) { violated[6] = true }
            let needed = max(1, (cost * n + budget - 1) / max(budget, 1))
            for v in (zeroPass ? [5] : [3, 4, 5]) where !violated[v] {
                switch smallestGroupHolds(needed, below: threshold, variant: v - 3, outside: outside, rows: rows) {
                case true?: violated[v] = true
                case false?: break
                case nil: timedOut = true
                }
            }
        }

        /// Whether some `needed` voters of `rows` have Σ_{p∈W} max pts + u below `limit`, where u
        /// (variant 1: the largest, 2: the smallest, 0: none) is over `outside` of max pts; `nil`
        /// when the search gave up at the deadline.
        private func smallestGroupHolds(
            _ needed: Int128, below limit: Int128, variant: Int, outside: [Int], rows: [Int]
        ) -> Bool? {
            let coordinates = fundedProjects + (variant == 0 ? [] : outside)
            let inside = fundedProjects.count
            func worth(_ v: [Int64]) -> Int128 {
                let base = v[..<inside].reduce(Int128(0)) { $0 + Int128($1) }
                guard variant != 0 else { return base }
                let s = Self.surpluses(Array(v[inside...]))
                return base + (variant == 1 ? s.one : s.any)
            }
            var distinct: [(vector: [Int64], worth: Int128, mass: Int128)] = []
            var index: [[Int64]: Int] = [:]
            for g in rows {
                let vector = coordinates.map { points[g][$0] }
                let w = worth(vector)
                guard w < limit else { continue }
                if let i = index[vector] {
                    distinct[i].mass += Int128(multiplicity[g])
                } else {
                    index[vector] = distinct.count
                    distinct.append((vector, w, Int128(multiplicity[g])))
                }
            }
            guard distinct.reduce(Int128(0), { $0 + $1.mass }) >= needed else { return false }
            distinct.sort { $0.worth < $1.worth }
            func covered(_ a: [Int64], by b: [Int64]) -> Bool { zip(a, b).allSatisfy { $0 <= $1 } }
            var steps = 0
            var gaveUp = false
            func dfs(_ i: Int, _ top: [Int64]) -> Bool {
                steps += 1
                if steps & 1023 == 0, let deadline, ContinuousClock.now > deadline { gaveUp = true }
                if gaveUp { return false }
                let held = distinct.reduce(Int128(0)) { $0 + (covered($1.vector, by: top) ? $1.mass : 0) }
                if held >= needed { return true }
                for j in i..<distinct.count where !covered(distinct[j].vector, by: top) {
                    let next = zip(top, distinct[j].vector).map { max($0, $1) }
                    if worth(next) < limit && dfs(j + 1, next) { return true }
                }
                return false
            }
            let found = dfs(0, [Int64](repeating: 0, count: coordinates.count))
            return found ? true : (gaveUp ? nil : false)
        }
    }
}
