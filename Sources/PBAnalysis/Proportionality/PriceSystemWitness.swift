import PBRules

/// A price system for an outcome W, built and checked in exact integers: when one is found,
/// ``Priceability/solve(_:funded:timeLimit:certificate:)``'s program is feasible without solving it.
///
/// Every voter starts with the same budget b ≥ B/n and W's projects are bought one at a time by
/// equal shares restricted to W: each round buys the project of W whose supporters can pay it with
/// the smallest share per unit of cost (on a second try, per voter), every supporter paying that
/// share or all they have left. The program merges voters with the same ballot into one group
/// whose payments are the members' total, so the witness keeps, per group, the total it has left,
/// in integers of 1/n of the instance's cost unit (b·n and every cost·n are then whole). The round
/// and its share are found in floating point; the payments are whole units, the share rounded down,
/// and the few units that rounding leaves unpaid are paid by supporters with money left, so that
/// each project is paid its cost exactly.
///
/// b is B/n first: MES outcomes are bought as MES bought them, and MES stopped because no other
/// project's supporters had its cost left, which is the program's leftover condition. When some
/// project of W cannot be paid at B/n (completions, Phragmén), b grows by whole currency units
/// (`add1`'s increments), from the least b at which each project's supporters together hold its
/// cost, doubling then bisecting towards the smallest b at which all of W is paid, and stopping at
/// the first price system that passes the check.
/// Phragmén's outcomes are tried as Phragmén pays: voters earn money at one rate and the project
/// whose supporters first hold its cost takes all they hold; b is then the largest load.
///
/// The price system is then checked against the program's rows: n·b ≥ B, each funded project paid
/// its cost by its supporters (by construction), no group spending more than its members' budgets,
/// and each project's supporters keeping at most its cost (plus pabutools' 10·B when funded). Any
/// failure only means "no witness": the linear program decides.
struct PriceSystemWitness {
    /// How a round picks among W's payable projects.
    enum Order: CaseIterable { case perCost, perVoter }

    private let multiplicity: [Int]
    private let funded: [Bool]
    /// Each project's cost, in units of 1/n of the instance's cost unit.
    private let targets: [Int128]
    private let budget: Int128
    private let voters: Int128
    /// One currency unit, in units.
    private let step: Int128
    /// The groups that support each project.
    private let supporters: [[Int]]
    /// Projects by id as Python orders strings, for near ties (MES breaks ties by id).
    private let rank: [Int]
    private let deadline: ContinuousClock.Instant?

    init(_ profile: AnalysisProfile, funded: [Bool], groups: UtilityGroups, deadline: ContinuousClock.Instant?) {
        let inst = profile.instance
        let n = Int128(inst.voterCount)
        self.multiplicity = groups.multiplicity
        self.funded = funded
        self.targets = inst.costs.map { Int128($0) * n }
        self.budget = Int128(inst.budget) * n
        self.voters = n
        self.step = Int128(max(1, profile.costDenominator)) * n
        var supporters = [[Int]](repeating: [], count: inst.projectCount)
        for g in 0..<groups.count { for p in groups.projects(of: g) { supporters[p].append(g) } }
        self.supporters = supporters
        var rank = [Int](repeating: 0, count: inst.projectCount)
        let byId = profile.ids.indices.sorted {
            profile.ids[$0].unicodeScalars.lexicographicallyPrecedes(profile.ids[$1].unicodeScalars)
        }
        for (r, p) in byId.enumerated() { rank[p] = r }
        self.rank = rank
        self.deadline = deadline
    }

    /// Whether a price system was found and checked: at B/n in either order, then at the smallest
    /// budget that pays for all of W in either order.
    func exists() -> Bool {
        guard voters > 0, budget > 0 else { return false }
        // b·n = B: b = B/n in units of 1/n.
        let start = budget / voters
        var unpaid: [Order] = []
        for order in Order.allCases {
            if late { return false }
            if let left = pay(perVoter: start, order: order) {
                if check(left) { return true }
            } else {
                unpaid.append(order)
            }
        }
        if let left = payByLoads(), check(left) { return true }
        return unpaid.contains { !late && exists(order: $0, above: start) }
    }

    /// W bought as sequential Phragmén buys it, restricted to W: every voter earns money at the
    /// same rate, and the next project is the one whose supporters first earn its cost, each paying
    /// all they hold (their load rises to that moment). b is then the largest load, or B/n if that
    /// is more. What each group has left, or `nil` when the deadline passed.
    func payByLoads() -> [Int128]? {
        var spent = [Int128](repeating: 0, count: multiplicity.count)
        var unpaid = targets.indices.filter { funded[$0] }
        var moment = [Double](repeating: 0, count: targets.count)
        while !unpaid.isEmpty {
            if late { return nil }
            for p in unpaid {
                var mass = 0.0
                var loads = 0.0
                for g in supporters[p] {
                    mass += Double(multiplicity[g])
                    loads += Double(spent[g])
                }
                moment[p] = mass > 0 ? (Double(targets[p]) + loads) / mass : .infinity
            }
            let chosen = unpaid.indices.min {
                let (p, q) = (unpaid[$0], unpaid[$1])
                let (a, b) = (moment[p], moment[q])
                if a == b || abs(a - b) <= 1e-12 * max(a, b) { return rank[p] < rank[q] }
                return a < b
            }!
            let p = unpaid.remove(at: chosen)
            guard moment[p] < .infinity else { return nil }
            // Each supporter's load rises to the moment, in whole units; the units that rounding
            // leaves owed (or overpaid) are then paid by (or given back to) supporters in turn.
            var owed = targets[p]
            var paid = [Int128](repeating: 0, count: supporters[p].count)
            for (k, g) in supporters[p].enumerated() {
                let due = moment[p] * Double(multiplicity[g]) - Double(spent[g])
                paid[k] = due.isFinite && due > 0 ? Int128(due.rounded(.down)) : 0
                owed -= paid[k]
            }
            for k in paid.indices where owed != 0 {
                let change = owed > 0 ? owed : -min(-owed, paid[k])
                paid[k] += change
                owed -= change
            }
            guard owed == 0 else { return nil }
            for (k, g) in supporters[p].enumerated() { spent[g] += paid[k] }
        }
        // The smallest whole b (in units) at which no group has spent more than its members hold.
        var b = budget / voters
        for (g, s) in spent.enumerated() {
            let m = Int128(multiplicity[g])
            b = max(b, (s + m - 1) / m)
        }
        return spent.enumerated().map { Int128(multiplicity[$0.offset]) * b - $0.element }
    }

    /// Whether buying W in `order` at the smallest budget above `start` (whole currency units more)
    /// that pays for all of it gives a price system.
    private func exists(order: Order, above start: Int128) -> Bool {
        // At b = cost(W) every voter can pay for all of W they support: no need to look further.
        let most = targets.indices.reduce(Int128(0)) { $0 + (funded[$1] ? targets[$1] : 0) }
        // No b below the cost of a project of W over its supporters pays for it: start there.
        var need = start
        for p in targets.indices where funded[p] {
            let mass = supporters[p].reduce(Int128(0)) { $0 + Int128(multiplicity[$1]) }
            guard mass > 0 else { return false }
            need = max(need, (targets[p] + mass - 1) / mass)
        }
        var high: Int128 = max(1, (need - start + step - 1) / step)
        var low: Int128 = high - 1
        var found: [Int128]?
        while found == nil {
            guard !late, high * step <= 2 * most + step else { return false }
            found = pay(perVoter: start + high * step, order: order)
            if found == nil {
                low = high
                high *= 2
            } else if check(found!) {
                return true
            }
        }
        while high - low > 1 {
            guard !late else { break }
            let mid = low + (high - low) / 2
            if let left = pay(perVoter: start + mid * step, order: order) {
                if check(left) { return true }
                found = left
                high = mid
            } else {
                low = mid
            }
        }
        return found.map(check) ?? false
    }

    private var late: Bool { deadline.map { ContinuousClock.now >= $0 } ?? false }

    /// W bought by equal shares at per-voter budget `b` (in units), rounds chosen by `order`: what
    /// each group has left, or `nil` when some project of W cannot be paid.
    ///
    /// A project's share only grows from round to round (its supporters only lose money), so the
    /// key last computed is a lower bound: each round recomputes the project with the smallest
    /// bound until one's fresh key is still the smallest (MES's lazy evaluation).
    func pay(perVoter b: Int128, order: Order) -> [Int128]? {
        var left = multiplicity.map { Int128($0) * b }
        var unpaid = targets.indices.filter { funded[$0] }
        var bound = [Double](repeating: 0, count: targets.count)
        var fresh = [Bool](repeating: false, count: targets.count)
        var scratch: [(perVoter: Double, mass: Double, left: Double)] = []
        /// Whether `p` comes before `q`: a smaller key, or a near tie and a smaller id.
        func before(_ p: Int, _ q: Int) -> Bool {
            let (a, b) = (bound[p], bound[q])
            if a == b || abs(a - b) <= 1e-12 * max(a, b) { return rank[p] < rank[q] }
            return a < b
        }
        while !unpaid.isEmpty {
            if late { return nil }
            for p in unpaid { fresh[p] = false }
            var chosen: Int
            while true {
                chosen = unpaid.indices.min { before(unpaid[$0], unpaid[$1]) }!
                let p = unpaid[chosen]
                if fresh[p] { break }
                if let share = share(p, left, &scratch) {
                    bound[p] = order == .perCost && targets[p] > 0 ? share / Double(targets[p]) : share
                } else {
                    bound[p] = .infinity
                }
                fresh[p] = true
            }
            let p = unpaid.remove(at: chosen)
            guard bound[p] < .infinity, let share = share(p, left, &scratch), settle(p, share: share, &left) else {
                return nil
            }
        }
        return left
    }

    /// The equal share per voter (in units) that buys project `p` from its supporters, in floating
    /// point: those with less pay all they have. `nil` when they cannot pay its cost.
    private func share(
        _ p: Int, _ left: [Int128], _ scratch: inout [(perVoter: Double, mass: Double, left: Double)]
    ) -> Double? {
        let target = Double(targets[p])
        scratch.removeAll(keepingCapacity: true)
        var total = 0.0
        var mass = 0.0
        for g in supporters[p] {
            let l = Double(left[g])
            let m = Double(multiplicity[g])
            scratch.append((l / m, m, l))
            total += l
            mass += m
        }
        // A hair below the cost, so a project paid to the last unit is not missed by rounding.
        guard total >= target * (1 - 1e-12) else { return nil }
        guard target > 0 else { return 0 }
        scratch.sort { $0.perVoter < $1.perVoter }
        // The poorest pay all they have while that is less than the share of the rest.
        var paid = 0.0
        for entry in scratch {
            let share = (target - paid) / mass
            if share <= entry.perVoter { return share }
            paid += entry.left
            mass -= entry.mass
        }
        return scratch.last?.perVoter
    }

    /// Pays project `p` exactly from its supporters at about `share` each: the share rounded down to
    /// whole units, then the units still owed from supporters with money left (or, when rounding
    /// overpaid, given back). `false` when the supporters cannot pay its cost.
    private func settle(_ p: Int, share: Double, _ left: inout [Int128]) -> Bool {
        var owed = targets[p]
        var paid = [Int128](repeating: 0, count: supporters[p].count)
        for (k, g) in supporters[p].enumerated() {
            let due = share * Double(multiplicity[g])
            let whole = due.isFinite && due > 0 ? Int128(due.rounded(.down)) : 0
            paid[k] = min(left[g], whole)
            owed -= paid[k]
        }
        for (k, g) in supporters[p].enumerated() where owed != 0 {
            let change = owed > 0 ? min(owed, left[g] - paid[k]) : -min(-owed, paid[k])
            paid[k] += change
            owed -= change
        }
        guard owed == 0 else { return false }
        for (k, g) in supporters[p].enumerated() { left[g] -= paid[k] }
        return true
    }

    /// The program's rows, checked exactly on what each group has left (its spending is its
    /// members' budgets less that).
    func check(_ left: [Int128]) -> Bool {
        // n·b ≥ B holds as b starts at B/n and only grows.
        guard left.allSatisfy({ $0 >= 0 }) else { return false }
        let slack = 10 * budget
        for p in targets.indices where !supporters[p].isEmpty {
            let kept = supporters[p].reduce(Int128(0)) { $0 + left[$1] }
            if kept > targets[p] + (funded[p] ? slack : 0) { return false }
        }
        return true
    }
}
