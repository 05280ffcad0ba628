/// The Method of Equal Shares in floating point, certified against exact arithmetic.
///
/// Same rule as ``ExactMES``, with three speed-ups that do not change the outcome:
/// - identical ballots are merged into one voter with a multiplicity (they are always treated alike);
/// - ρ is found by pabutools' "poor/rich" fixed point (no sort): start with every supporter paying,
///   move those who cannot pay the current share to "poor", recompute, until stable;
/// - each round evaluates projects in increasing order of their last ρ, which only grows, and stops
///   at the first whose last ρ exceeds the best found (pabutools does the same).
///
/// Why the result is exact: the only decisions are (a) which project has the smallest ρ and
/// (b) whether supporters can afford a project at all. Payments are continuous in the budgets,
/// so rounding cannot change them beyond the error bound. When no supporter is capped, ρ is the
/// exact fraction cost/Σsat and is compared exactly in 128-bit integers (this covers every
/// first-round tie). Otherwise two ρ values closer than `tolerance` (relative; far above the
/// accumulated rounding error of ~1e-12 for these sizes), or an affordability check that close,
/// make the run return `nil`, and the caller reruns it in exact rational arithmetic.
struct FastMES {
    static let tolerance = 1e-9

    let instance: RuleInstance
    let setup: MESSetup
    // Merged voters.
    let multiplicity: [Double]
    /// Supporter entries remapped to merged voters, per project (CSR as in setup).
    let starts: [Int32]
    let voters: [Int32]
    let sat: [Double]
    let satInt: [Int64]
    let binary: Bool

    init(_ instance: RuleInstance, setup: MESSetup, binary: Bool) {
        self.instance = instance
        self.setup = setup
        self.binary = binary
        // Merge voters with identical ballots (and points).
        var classOf = [Int32](repeating: 0, count: instance.voterCount)
        var counts: [Double] = []
        var seen: [BallotKey: Int32] = [:]
        for v in 0..<instance.voterCount {
            let r = instance.ballot(v)
            let key = BallotKey(items: Array(instance.items[r]).sorted(), points: instance.points.isEmpty ? [] : Array(instance.points[r]))
            if let c = seen[key] {
                classOf[v] = c
                counts[Int(c)] += 1
            } else {
                let c = Int32(counts.count)
                seen[key] = c
                classOf[v] = c
                counts.append(1)
            }
        }
        multiplicity = counts
        var starts = [Int32](repeating: 0, count: instance.projectCount + 1)
        var voters: [Int32] = []
        var sat: [Double] = []
        var satInt: [Int64] = []
        for p in 0..<instance.projectCount {
            var firstSeen: [Int32: Int] = [:]
            for k in setup.range(p) {
                let c = classOf[Int(setup.supporters[k])]
                if firstSeen[c] == nil {
                    firstSeen[c] = voters.count
                    voters.append(c)
                    sat.append(Double(setup.sat[k]))
                    satInt.append(setup.sat[k])
                }
            }
            starts[p + 1] = Int32(voters.count)
        }
        self.starts = starts
        self.voters = voters
        self.sat = sat
        self.satInt = satInt
    }

    struct BallotKey: Hashable {
        var items: [Int32]
        var points: [Int64]
    }

    /// A price per unit of satisfaction: exact as `num/den` when no supporter was capped.
    struct Rho {
        var value: Double
        var exact: (num: Int64, den: Int128)?
    }

    /// Runs MES with every voter starting at `budgetPerVoter`; `nil` if a decision was too close to call.
    func run(budgetPerVoter: Double, explain: Bool) -> (selected: [Int], rounds: [MESRound])? {
        var budgets = [Double](repeating: budgetPerVoter, count: multiplicity.count)
        var remaining = setup.candidates
        var lowerBound = [Double](repeating: 0, count: instance.projectCount)
        for p in remaining { lowerBound[p] = Double(instance.costs[p]) / Double(setup.totalSat[p]) }
        var selected = setup.freeProjects
        var rounds: [MESRound] = []
        var scratch = Scratch()
        var dropped = [Bool](repeating: false, count: instance.projectCount)
        while true {
            remaining.sort { lowerBound[$0] < lowerBound[$1] || (lowerBound[$0] == lowerBound[$1] && instance.tieRank[$0] < instance.tieRank[$1]) }
            var best: (p: Int, rho: Rho)?
            var anyDropped = false
            for p in remaining {
                if let b = best, lowerBound[p] > b.rho.value * (1 + FastMES.tolerance) { break }
                let cost = Double(instance.costs[p])
                let r = Int(starts[p])..<Int(starts[p + 1])
                let (found, available) = affordability(p, range: r, cost: cost, budgets: budgets, scratch: &scratch)
                if abs(available - cost) <= FastMES.tolerance * cost { return nil }
                guard let rho = found else {
                    dropped[p] = true
                    anyDropped = true
                    continue
                }
                lowerBound[p] = rho.value
                if let b = best {
                    guard let c = compare(rho, b.rho) else { return nil }
                    if c < 0 || (c == 0 && instance.tieRank[p] < instance.tieRank[b.p]) { best = (p, rho) }
                } else {
                    best = (p, rho)
                }
            }
            if anyDropped { remaining.removeAll { dropped[$0] } }
            guard let (p, rho) = best else { break }
            remaining.removeAll { $0 == p }
            selected.append(p)
            var payers = 0
            var capped = 0
            var maxPayment = 0.0
            var payments: [VoterPayment] = []
            for k in Int(starts[p])..<Int(starts[p + 1]) {
                let c = Int(voters[k])
                let due = rho.value * sat[k]
                let pay = min(budgets[c], due)
                let m = Int(multiplicity[c])
                if budgets[c] <= due { capped += m }
                if pay > 0 { payers += m }
                maxPayment = max(maxPayment, pay)
                budgets[c] = budgets[c] <= due ? 0 : budgets[c] - due
                if explain { payments.append(VoterPayment(voter: c, amount: pay)) }
            }
            if explain { payments = expandPayments(payments) }
            rounds.append(MESRound(project: p, rho: rho.value, maxPayment: maxPayment, payers: payers, payersCapped: capped, payments: payments))
        }
        return (selected, rounds)
    }

    /// Reusable buffers for ``affordability(_:range:cost:budgets:scratch:)``.
    struct Scratch {
        var value: [Double] = []
        var weight: [Double] = []
        var sat: [Double] = []
    }

    /// ρ by the poor/rich fixed point, or nil when the supporters cannot afford the project at all.
    ///
    /// The supporters' budgets are gathered once into contiguous buffers; each pass of the fixed
    /// point moves the newly poor to the end of the rich range, so later passes touch only the
    /// rich. `available` is the supporters' total budget (for the affordability check).
    func affordability(_ p: Int, range r: Range<Int>, cost: Double, budgets: [Double], scratch: inout Scratch) -> (rho: Rho?, available: Double) {
        let n = r.count
        if scratch.value.count < n {
            scratch.value = [Double](repeating: 0, count: n)
            scratch.weight = [Double](repeating: 0, count: n)
            scratch.sat = [Double](repeating: 0, count: n)
        }
        var available = 0.0
        var richSat = 0.0
        var i = 0
        for k in r {
            let c = Int(voters[k])
            let m = multiplicity[c]
            let v = budgets[c]
            scratch.value[i] = v
            scratch.weight[i] = m
            scratch.sat[i] = sat[k]
            available += m * v
            richSat += m * sat[k]
            i += 1
        }
        if available < cost || abs(available - cost) <= FastMES.tolerance * cost { return (nil, available) }
        var poorBudget = 0.0
        var hi = n
        var anyPoor = false
        while true {
            let rho = (cost - poorBudget) / richSat
            var moved = false
            var nearBoundary = false
            var j = 0
            while j < hi {
                let share = rho * scratch.sat[j]
                let v = scratch.value[j]
                if v < share {
                    poorBudget += scratch.weight[j] * v
                    richSat -= scratch.weight[j] * scratch.sat[j]
                    hi -= 1
                    scratch.value.swapAt(j, hi)
                    scratch.weight.swapAt(j, hi)
                    scratch.sat.swapAt(j, hi)
                    moved = true
                    anyPoor = true
                } else {
                    if v - share <= FastMES.tolerance * share { nearBoundary = true }
                    j += 1
                }
            }
            if !moved {
                if anyPoor || nearBoundary { return (Rho(value: rho, exact: nil), available) }
                return (Rho(value: rho, exact: (instance.costs[p], setup.totalSat[p])), available)
            }
        }
    }

    /// -1, 0, 1, or nil when too close to call in floating point.
    func compare(_ a: Rho, _ b: Rho) -> Int? {
        if let x = a.exact, let y = b.exact {
            let l = Int128(x.num) * y.den
            let r = Int128(y.num) * x.den
            return l == r ? 0 : (l < r ? -1 : 1)
        }
        let scale = max(abs(a.value), abs(b.value))
        if abs(a.value - b.value) <= FastMES.tolerance * scale { return nil }
        return a.value < b.value ? -1 : 1
    }

    /// Per original voter payments from per merged voter payments.
    func expandPayments(_ merged: [VoterPayment]) -> [VoterPayment] {
        var amount: [Int32: Double] = [:]
        for m in merged { amount[Int32(m.voter)] = m.amount }
        var out: [VoterPayment] = []
        var classOf = [Int32: Double]()
        classOf.reserveCapacity(amount.count)
        // Recompute each voter's class by its ballot.
        var seen: [BallotKey: Int32] = [:]
        var next: Int32 = 0
        for v in 0..<instance.voterCount {
            let r = instance.ballot(v)
            let key = BallotKey(items: Array(instance.items[r]).sorted(), points: instance.points.isEmpty ? [] : Array(instance.points[r]))
            let c: Int32
            if let s = seen[key] { c = s } else { c = next; seen[key] = next; next += 1 }
            if let a = amount[c], a > 0 { out.append(VoterPayment(voter: v, amount: a)) }
        }
        return out
    }
}
