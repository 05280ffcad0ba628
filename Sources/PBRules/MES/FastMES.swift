/// The Method of Equal Shares in floating point, certified against exact arithmetic.
///
/// Same rule as ``ExactMES``, with speed-ups that do not change the outcome:
/// - voters with identical ballots are one class with a multiplicity (``MergedProfile``);
/// - ρ is found by pabutools' "poor/rich" fixed point (no sort): the first pass over the
///   supporters already uses the level ρ would have if nobody were capped, and sets aside those
///   who cannot pay it; later passes touch only the remaining "rich", compacted in a buffer;
/// - with cost or cardinality satisfaction every supporter of a project owes the same amount
///   π = ρ × sat, so the fixed point runs on budgets alone;
/// - each round evaluates projects in increasing order of their last ρ, which only grows, and stops
///   at the first whose last ρ exceeds the best found (pabutools does the same).
///
/// Why the result is exact: the only decisions are (a) which project has the smallest ρ and
/// (b) whether supporters can afford a project at all. Payments are continuous in the budgets,
/// so rounding cannot change them beyond the error bound. When no supporter is capped, ρ is the
/// exact fraction cost/Σsat and is compared exactly in 128-bit integers (this covers every
/// first-round tie). Otherwise two ρ values closer than `tolerance` (relative; far above the
/// accumulated rounding error of ~1e-12 for these sizes), a supporter's budget that close to
/// what they owe, or an affordability check that close, make the run return `nil`, and the
/// caller reruns it in exact rational arithmetic.
struct FastMES {
    static let tolerance = 1e-9

    let instance: RuleInstance
    let profile: MergedProfile

    init(_ instance: RuleInstance, profile: MergedProfile) {
        self.instance = instance
        self.profile = profile
    }

    /// A price per unit of satisfaction: exact as `num/den` when no supporter was capped.
    struct Rho {
        var value: Double
        /// What each supporter owes per unit of `sat` (π = ρ × sat; equal to `value` × unit sat when binary).
        var level: Double
        var exact: (num: Int64, den: Int64)?
    }

    /// Reusable buffer for the fixed point: the rich supporters' (budget, weight) pairs, or
    /// (budget, weight, satisfaction) triples when satisfaction differs between supporters.
    struct Scratch {
        var values: [Double]

        init(capacity: Int, binary: Bool) {
            values = [Double](repeating: 0, count: capacity * (binary ? 2 : 3))
        }
    }

    /// Runs MES with every voter starting at `budgetPerVoter`; `nil` if a decision was too close to call.
    func run(budgetPerVoter: Double, explain: Bool) -> (selected: [Int], rounds: [MESRound])? {
        let tieRank = instance.tieRank
        var budgets = [Double](repeating: budgetPerVoter, count: profile.classCount)
        var lowerBound = profile.uncappedRho
        // A project whose supporters could not afford it even with their whole initial budgets
        // never becomes affordable (budgets only fall): leave it out without scanning them.
        var remaining = profile.candidates
        remaining.removeAll {
            Double(profile.supporterCount[$0]) * budgetPerVoter < Double(instance.costs[$0]) * (1 - FastMES.tolerance)
        }
        var selected = profile.freeProjects
        selected.reserveCapacity(profile.freeProjects.count + remaining.count)
        var rounds: [MESRound] = []
        rounds.reserveCapacity(remaining.count)
        var scratch = Scratch(capacity: profile.maxSupporters, binary: profile.binary)
        var dropped = [Bool](repeating: false, count: instance.projectCount)
        while true {
            FastMES.insertionSort(&remaining) { a, b in
                lowerBound[a] < lowerBound[b] || (lowerBound[a] == lowerBound[b] && tieRank[a] < tieRank[b])
            }
            var best: (p: Int, rho: Rho)?
            var anyDropped = false
            for p in remaining {
                if let b = best, lowerBound[p] > b.rho.value * (1 + FastMES.tolerance) { break }
                let cost = Double(instance.costs[p])
                let found: Rho?
                let available: Double
                if profile.binary {
                    (found, available) = binaryPrice(p, cost: cost, budgets: budgets, scratch: &scratch)
                } else {
                    (found, available) = weightedPrice(p, cost: cost, budgets: budgets, scratch: &scratch)
                }
                if abs(available - cost) <= FastMES.tolerance * cost { return nil }
                guard let rho = found else {
                    dropped[p] = true
                    anyDropped = true
                    continue
                }
                if rho.level.isNaN { return nil }
                lowerBound[p] = rho.value
                if let b = best {
                    guard let c = compare(rho, b.rho) else { return nil }
                    if c < 0 || (c == 0 && tieRank[p] < tieRank[b.p]) { best = (p, rho) }
                } else {
                    best = (p, rho)
                }
            }
            let winner = best?.p ?? -1
            if anyDropped || winner >= 0 { remaining.removeAll { dropped[$0] || $0 == winner } }
            guard let (p, rho) = best else { break }
            selected.append(p)
            rounds.append(pay(p, rho: rho, budgets: &budgets, explain: explain))
        }
        return (selected, rounds)
    }

    /// Charges the supporters of `p` at price `rho` and describes the round.
    private func pay(_ p: Int, rho: Rho, budgets: inout [Double], explain: Bool) -> MESRound {
        let range = Int(profile.starts[p])..<Int(profile.starts[p + 1])
        var payers = 0.0
        var capped = 0.0
        var maxPayment = 0.0
        var payments: [VoterPayment] = []
        let classes = profile.classes.span
        let weight = profile.weight.span
        var balance = budgets.mutableSpan
        for k in range {
            let c = Int(classes[k])
            let due = profile.binary ? rho.level : rho.value * profile.sat[k]
            let b = balance[c]
            let w = weight[k]
            // Everyone owes a positive amount, so whoever has money left pays something.
            payers += b > 0 ? w : 0
            capped += b <= due ? w : 0
            maxPayment = max(maxPayment, min(b, due))
            balance[c] = b <= due ? 0 : b - due
            if explain { payments.append(VoterPayment(voter: c, amount: min(b, due))) }
        }
        if explain { payments = expandPayments(payments) }
        return MESRound(
            project: p, rho: rho.value, maxPayment: maxPayment, payers: Int(payers), payersCapped: Int(capped),
            payments: payments)
    }

    /// The price of `p` when every supporter owes the same amount π (cost or cardinality
    /// satisfaction), or nil when the supporters cannot afford it; `available` is their total budget.
    ///
    /// The first pass gathers the budgets and, at the level π₀ = cost / supporters that holds when
    /// nobody is capped, sets aside the capped ("poor") ones, who stay poor as π only rises.
    private func binaryPrice(_ p: Int, cost: Double, budgets: [Double], scratch: inout Scratch) -> (
        rho: Rho?, available: Double
    ) {
        let unit = profile.unitSat[p]
        let level0 = cost / Double(profile.supporterCount[p])
        let tolerance = FastMES.tolerance
        let classes = profile.classes.span
        let weight = profile.weight.span
        let budgets = budgets.span
        var rich = scratch.values.mutableSpan
        // Branch-free loops: whether a supporter is poor is data-dependent and mispredicts often.
        var available = 0.0
        var richBudget = 0.0
        var richWeight = 0.0
        var nearCount = 0
        var n = 0
        let nearLimit = level0 * (1 + tolerance)
        for k in Int(profile.starts[p])..<Int(profile.starts[p + 1]) {
            let b = budgets[Int(classes[k])]
            let w = weight[k]
            let isRich = FastMES.indicator(b >= level0)
            let f = Double(isRich)
            rich[2 * n] = b
            rich[2 * n + 1] = w
            let wb = w * b
            available += wb
            richBudget += f * wb
            richWeight += f * w
            nearCount &+= FastMES.indicator(b <= nearLimit) & isRich
            n &+= isRich
        }
        var poorBudget = available - richBudget
        if available < cost { return (nil, available) }
        if n == Int(profile.starts[p + 1] - profile.starts[p]) {
            let exact =
                nearCount > 0 || profile.exactTotalSat[p] == 0
                ? nil : (num: instance.costs[p], den: profile.exactTotalSat[p])
            return (Rho(value: level0 / unit, level: level0, exact: exact), available)
        }
        while true {
            let level = (cost - poorBudget) / richWeight
            let limit = level * (1 + tolerance)
            var kept = 0
            nearCount = 0
            for j in 0..<n {
                let b = rich[2 * j]
                let w = rich[2 * j + 1]
                let isRich = FastMES.indicator(b >= level)
                let f = Double(1 - isRich)
                rich[2 * kept] = b
                rich[2 * kept + 1] = w
                poorBudget += f * (w * b)
                richWeight -= f * w
                nearCount &+= FastMES.indicator(b <= limit) & isRich
                kept &+= isRich
            }
            if kept == n || kept == 0 {
                // kept == 0 cannot happen when available ≥ cost, except by rounding: too close to call.
                let value = kept == 0 ? Double.nan : level
                return (Rho(value: value / unit, level: value, exact: nil), available)
            }
            n = kept
        }
    }

    /// The price of `p` when satisfaction differs between supporters (points): the same fixed
    /// point on budget / satisfaction.
    private func weightedPrice(_ p: Int, cost: Double, budgets: [Double], scratch: inout Scratch) -> (
        rho: Rho?, available: Double
    ) {
        let totalSat = profile.totalSat[p]
        let rho0 = cost / totalSat
        let tolerance = FastMES.tolerance
        var available = 0.0
        var poorBudget = 0.0
        var richSat = 0.0
        var anyPoor = false
        var near = false
        var n = 0
        for k in Int(profile.starts[p])..<Int(profile.starts[p + 1]) {
            let b = budgets[Int(profile.classes[k])]
            let w = profile.weight[k]
            let s = profile.sat[k]
            let share = rho0 * s
            available += w * b
            if b < share {
                poorBudget += w * b
                anyPoor = true
            } else {
                if b - share <= tolerance * share { near = true }
                scratch.values[3 * n] = b
                scratch.values[3 * n + 1] = w
                scratch.values[3 * n + 2] = s
                richSat += w * s
                n += 1
            }
        }
        if available < cost { return (nil, available) }
        if !anyPoor {
            let exact =
                near || profile.exactTotalSat[p] == 0 ? nil : (num: instance.costs[p], den: profile.exactTotalSat[p])
            return (Rho(value: rho0, level: rho0, exact: exact), available)
        }
        while true {
            let rho = (cost - poorBudget) / richSat
            var kept = 0
            near = false
            for j in 0..<n {
                let b = scratch.values[3 * j]
                let w = scratch.values[3 * j + 1]
                let s = scratch.values[3 * j + 2]
                let share = rho * s
                if b < share {
                    poorBudget += w * b
                    richSat -= w * s
                } else {
                    if b - share <= tolerance * share { near = true }
                    scratch.values[3 * kept] = b
                    scratch.values[3 * kept + 1] = w
                    scratch.values[3 * kept + 2] = s
                    kept += 1
                }
            }
            if kept == n || kept == 0 {
                let value = kept == 0 ? Double.nan : rho
                return (Rho(value: value, level: value, exact: nil), available)
            }
            n = kept
        }
    }

    /// -1, 0, 1, or nil when too close to call in floating point.
    func compare(_ a: Rho, _ b: Rho) -> Int? {
        if let x = a.exact, let y = b.exact {
            // Exact 128-bit cross products of positive 64-bit integers.
            let l = x.num.multipliedFullWidth(by: y.den)
            let r = y.num.multipliedFullWidth(by: x.den)
            if l.high != r.high { return l.high < r.high ? -1 : 1 }
            return l.low == r.low ? 0 : (l.low < r.low ? -1 : 1)
        }
        let scale = max(abs(a.value), abs(b.value))
        if abs(a.value - b.value) <= FastMES.tolerance * scale { return nil }
        return a.value < b.value ? -1 : 1
    }

    /// Per original voter payments (in voter order) from per class payments.
    func expandPayments(_ merged: [VoterPayment]) -> [VoterPayment] {
        var amount = [Double](repeating: 0, count: profile.classCount)
        for m in merged { amount[m.voter] = m.amount }
        var out: [VoterPayment] = []
        for v in 0..<instance.voterCount {
            let c = Int(profile.classOf[v])
            // A voter of weight w pays for w weight units (1 when unweighted).
            let w = Double(instance.weightUnits(v))
            if c >= 0, amount[c] > 0, w > 0 { out.append(VoterPayment(voter: v, amount: amount[c] * w)) }
        }
        return out
    }

    /// 1 if `condition` holds, else 0, without a branch.
    @inline(__always)
    static func indicator(_ condition: Bool) -> Int {
        condition ? 1 : 0
    }

    /// Sorts a nearly sorted array in place (each round only moves the few projects it evaluated).
    @inline(__always)
    static func insertionSort(_ a: inout [Int], by less: (Int, Int) -> Bool) {
        guard a.count > 1 else { return }
        for i in 1..<a.count {
            let x = a[i]
            var j = i
            while j > 0 && less(x, a[j - 1]) {
                a[j] = a[j - 1]
                j -= 1
            }
            a[j] = x
        }
    }
}
