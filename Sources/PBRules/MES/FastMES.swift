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
        var poor = [Bool](repeating: false, count: voters.count)
        var dropped = [Bool](repeating: false, count: instance.projectCount)
        while true {
            remaining.sort { lowerBound[$0] < lowerBound[$1] || (lowerBound[$0] == lowerBound[$1] && instance.tieRank[$0] < instance.tieRank[$1]) }
            var best: (p: Int, rho: Rho)?
            var anyDropped = false
            for p in remaining {
                if let b = best, lowerBound[p] > b.rho.value * (1 + FastMES.tolerance) { break }
                let cost = Double(instance.costs[p])
                let r = Int(starts[p])..<Int(starts[p + 1])
                var available = 0.0
                for k in r { available += multiplicity[Int(voters[k])] * budgets[Int(voters[k])] }
                if abs(available - cost) <= FastMES.tolerance * cost { return nil }
                if available < cost {
                    dropped[p] = true
                    anyDropped = true
                    continue
                }
                let rho = affordability(p, range: r, cost: cost, budgets: budgets, poor: &poor)
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

    /// ρ by the poor/rich fixed point.
    func affordability(_ p: Int, range r: Range<Int>, cost: Double, budgets: [Double], poor: inout [Bool]) -> Rho {
        for k in r { poor[k] = false }
        var poorBudget = 0.0
        var richSat = 0.0
        for k in r { richSat += multiplicity[Int(voters[k])] * sat[k] }
        var anyPoor = false
        while true {
            let rho = (cost - poorBudget) / richSat
            var moved = false
            var nearBoundary = false
            for k in r where !poor[k] {
                let c = Int(voters[k])
                let share = rho * sat[k]
                if abs(budgets[c] - share) <= FastMES.tolerance * share { nearBoundary = true }
                if budgets[c] < share {
                    poor[k] = true
                    moved = true
                    anyPoor = true
                    poorBudget += multiplicity[c] * budgets[c]
                    richSat -= multiplicity[c] * sat[k]
                }
            }
            if !moved {
                if anyPoor || nearBoundary { return Rho(value: rho, exact: nil) }
                return Rho(value: rho, exact: (instance.costs[p], setup.totalSat[p]))
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
