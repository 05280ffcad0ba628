/// An exact branch and bound over project sets T for the core, for elections too large to
/// enumerate.
///
/// Counting in voters' shares of the budget, a project p costs c̃_p = cost_p·n/B and
/// f(T) = |{i : sat_i(T) > sat_i(W)}| − c̃(T); W is blocked exactly when some T with gainers has
/// f(T) ≥ 0. Take T* to be a best such T. Then every p in T* has at least c̃_p voters who gain with
/// T* and not with T* without p (else dropping p would do better, or T* without p has no gainers
/// and then they all need p), so the search only looks at sets with that property:
/// * a free project whose supporters who could still gain number fewer than its share cost is
///   left out (repeated until nothing changes, since leaving projects out leaves voters unable to gain);
/// * a node where a project in T has fewer such voters than its share cost is dropped;
/// * so is a node where a project left out would make more voters than its share cost gain
///   (voters who cannot gain in the subtree but would with it), since adding it would do better.
/// The bound at a node (projects I in, the free ones R) is f(I) + Σ_{q∈R} max(0, A_q − c̃_q), where
/// A_q counts each voter who could still gain with weight min(1, u_q/r) (r: what the voter still
/// needs), or only on a project every way of gaining needs: a voter who gains with S ⊆ R has
/// weights summing to at least 1 over S. It is evaluated in floating point and a node is dropped
/// only when it is below −(a margin larger than the rounding error of the sum). Any set the
/// search reaches is checked in integers, so "blocked" is exact, and "in core" is exact when the
/// whole tree has been dropped.
extension Core.Problem {
    /// The outcome of the search: a verdict, and the search nodes it took.
    struct SearchResult {
        var verdict: Core.Verdict
        var nodes: Int
    }

    func search(deadline: ContinuousClock.Instant?) -> SearchResult {
        var s = CoreSearch(self)
        return s.run(deadline: deadline)
    }
}

/// The state of one search (see ``Core/Problem/search(deadline:)``).
struct CoreSearch {
    // Gainers (index j), with their multiplicity and the satisfaction they need (sat(W) + 1).
    let weight: [Int64]
    let weightD: [Double]
    let need: [Int64]
    // Relevant projects (index k): integer cost, cost in voters' shares, and supporters (j, u).
    let cost: [Int64]
    let share: [Double]
    let supp: [[(j: Int, u: Int64)]]
    // Per gainer, its projects (k, u).
    let proj: [[(k: Int, u: Int64)]]
    let n: Int128
    let budget: Int128

    var nodes = 0
    var deadline: ContinuousClock.Instant?
    var timedOut = false
    /// The best f (in voters' shares) of a set with gainers the search has reached.
    var best = -Double.infinity

    enum State: UInt8 { case free, inT, out }

    struct Node {
        var state: [State]
        /// Per gainer, sat(I) and sat(I ∪ R).
        var cur: [Int64]
        var reach: [Int64]
        var mass: Int64
        var costI: Int64
        var shareI: Double
    }

    init(_ p: Core.Problem) {
        n = p.n
        budget = p.budget
        var index = [Int](repeating: -1, count: p.rows.count)
        for (j, g) in p.gainers.enumerated() { index[g] = j }
        weight = p.gainers.map { Int64(p.rows.multiplicity[$0]) }
        weightD = weight.map(Double.init)
        need = p.gainers.map { Int64(p.satFunded[$0] + 1) }
        cost = p.relevant.map { p.costs[$0] }
        let scale = Double(p.n) / Double(max(p.budget, 1))
        share = cost.map { Double($0) * scale }
        supp = p.supporters.map { list in list.map { (index[$0.row], $0.utility) } }
        var proj = [[(k: Int, u: Int64)]](repeating: [], count: p.gainers.count)
        for (k, list) in supp.enumerated() { for (j, u) in list { proj[j].append((k, u)) } }
        self.proj = proj
    }

    /// Whether voters of total multiplicity `mass` can afford `cost` with their shares.
    func affords(mass: Int64, cost: Int64) -> Bool {
        Int128(mass) * budget >= Int128(cost) * n
    }

    mutating func run(deadline: ContinuousClock.Instant?) -> Core.Problem.SearchResult {
        self.deadline = deadline
        let g = weight.count
        var reach = [Int64](repeating: 0, count: g)
        for j in 0..<g { reach[j] = proj[j].reduce(0) { $0 + $1.u } }
        let root = Node(
            state: [State](repeating: .free, count: cost.count), cur: [Int64](repeating: 0, count: g),
            reach: reach, mass: 0, costI: 0, shareI: 0)
        let found = visit(root)
        if found { return .init(verdict: .blocked, nodes: nodes) }
        if timedOut {
            let gap = best.isFinite ? ", the best set found is \(Self.text(-best)) voters short" : ""
            return .init(
                verdict: .undetermined(
                    "no blocking coalition found in \(nodes) search nodes\(gap); time limit reached"),
                nodes: nodes)
        }
        return .init(verdict: .inCore, nodes: nodes)
    }

    static func text(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    /// Leaves project k out of the node: its supporters can reach less.
    func exclude(_ k: Int, _ node: inout Node) {
        node.state[k] = .out
        for (j, u) in supp[k] { node.reach[j] -= u }
    }

    func include(_ k: Int, _ node: inout Node) {
        node.state[k] = .inT
        node.costI += cost[k]
        node.shareI += share[k]
        for (j, u) in supp[k] {
            let was = node.cur[j] >= need[j]
            node.cur[j] += u
            if !was && node.cur[j] >= need[j] { node.mass += weight[j] }
        }
    }

    /// Whether the subtree holds a blocking set (true) or not / time is up (false).
    mutating func visit(_ start: Node) -> Bool {
        nodes += 1
        if nodes & 63 == 0, let deadline, ContinuousClock.now > deadline { timedOut = true }
        if timedOut { return false }
        var node = start
        if node.mass > 0 {
            if affords(mass: node.mass, cost: node.costI) { return true }
            best = max(best, Double(node.mass) - node.shareI)
        }
        // Leave out free projects too few voters who could still gain support.
        var changed = true
        while changed {
            changed = false
            for k in cost.indices where node.state[k] == .free {
                var m: Int64 = 0
                for (j, _) in supp[k] where node.cur[j] < need[j] && node.reach[j] >= need[j] { m += weight[j] }
                if !affords(mass: m, cost: cost[k]) {
                    exclude(k, &node)
                    changed = true
                }
            }
        }
        // Every project in T needs its share cost in voters who gain only with it.
        for k in cost.indices where node.state[k] == .inT {
            var m: Int64 = 0
            for (j, u) in supp[k] where node.cur[j] - u < need[j] && node.reach[j] >= need[j] { m += weight[j] }
            if !affords(mass: m, cost: cost[k]) { return false }
        }
        // Nor may adding a project left out gain more voters than its share cost: count the voters
        // who cannot gain in this subtree but would with it.
        for k in cost.indices where node.state[k] == .out {
            var m: Int64 = 0
            for (j, u) in supp[k] where node.reach[j] < need[j] && node.cur[j] + u >= need[j] { m += weight[j] }
            if m > 0 && Int128(m) * budget > Int128(cost[k]) * n { return false }
        }
        // The bound: each voter who could still gain, with weights over the free projects.
        var covers: [(j: Int, k: Int, a: Double)] = []
        var starts: [Int] = []
        for j in weight.indices where node.cur[j] < need[j] && node.reach[j] >= need[j] {
            starts.append(covers.count)
            let r = need[j] - node.cur[j]
            let slack = node.reach[j] - need[j]
            // A free project every way of gaining needs carries the voter alone.
            if let e = proj[j].first(where: { node.state[$0.k] == .free && $0.u > slack }) {
                covers.append((j, e.k, 1))
                continue
            }
            for (k, u) in proj[j] where node.state[k] == .free {
                covers.append((j, k, u >= r ? 1 : Double(u) / Double(r)))
            }
        }
        starts.append(covers.count)
        var a = [Double](repeating: 0, count: cost.count)
        for c in covers { a[c.k] += weightD[c.j] * c.a }
        // Any voter may instead be counted once in full, outside the projects (θ = 0 in
        // Σ (1 − θ) + Σ_q max(0, Σ θ·a − c̃_q), valid for every θ in [0, 1]): a few passes move
        // voters out of (or back into) the projects' sums where that lowers the bound.
        var counted = [Bool](repeating: true, count: starts.count - 1)
        var apart = 0.0
        for _ in 0..<3 {
            var moved = false
            for v in counted.indices {
                let w = weightD[covers[starts[v]].j]
                var delta = counted[v] ? w : -w
                for c in covers[starts[v]..<starts[v + 1]] {
                    let e = a[c.k] - share[c.k]
                    delta += counted[v] ? max(0, e - w * c.a) - max(0, e) : max(0, e + w * c.a) - max(0, e)
                }
                if delta < -1e-9 * w {
                    moved = true
                    for c in covers[starts[v]..<starts[v + 1]] { a[c.k] += (counted[v] ? -w : w) * c.a }
                    apart += counted[v] ? w : -w
                    counted[v].toggle()
                }
            }
            if !moved { break }
        }
        var bound = Double(node.mass) - node.shareI + apart
        var magnitude = Double(node.mass) + node.shareI + apart + 1
        var pick = -1
        var pickExcess = -Double.infinity
        for k in cost.indices where node.state[k] == .free {
            let excess = a[k] - share[k]
            magnitude += abs(a[k]) + share[k]
            if excess > 0 { bound += excess }
            if excess > pickExcess {
                pickExcess = excess
                pick = k
            }
        }
        if bound < -1e-9 * magnitude { return false }
        // No free project left: I was the subtree's only set.
        guard pick >= 0 else { return false }
        var with = node
        include(pick, &with)
        if visit(with) { return true }
        if timedOut { return false }
        exclude(pick, &node)
        return visit(node)
    }
}
