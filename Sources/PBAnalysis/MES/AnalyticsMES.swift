import BigInt
import PBRules

/// pabutools' `method_of_equal_shares(..., analytics=True)` in exact rational arithmetic, round by
/// round as `mes_inner_algo` runs it: which candidates a round looks at (by their previous
/// affordability, stopping at the first that cannot beat the best so far), which it discards as
/// unaffordable, the voters' budgets before and after each purchase, and, with a skipped
/// project, that project's effective support.
///
/// Voters with the same ballot always hold the same budget, so they are merged into one group
/// with a multiplicity; every sum below is over groups, weighted.
///
/// Every budget is kept twice: exactly, over a common denominator, and as a `Double` whose error is
/// at most ``slack(_:)`` (a bound that grows by far more than the rounding of one payment per
/// round). A decision (can the supporters afford a project, is a supporter capped at a price, which
/// of two prices is lower, an effective support's floor) is taken in floating point when the two
/// sides are further apart than the error bound, and in exact arithmetic otherwise, so every
/// decision is the exact one. Prices are exact: a project's price factor comes from the capped
/// supporters that floating point finds, and is checked exactly against every supporter before use.
struct AnalyticsMES {
    /// One round that funded a project.
    struct Round {
        /// The candidates at the start of the round, in the order of pabutools' project set.
        var candidates: [Int]
        /// The candidates the round found unaffordable.
        var discarded: Set<Int>
        var selected: Int
        /// The groups' budgets before and after the purchase.
        var before: Budgets
        var after: Budgets
    }

    /// Every group's budget, `num[g] / den` (not reduced).
    struct Budgets {
        var num: [BigInt]
        var den: BigInt
    }

    let projectCount: Int
    let costs: [Int64]
    /// `costs` as BigInts.
    let wideCosts: [BigInt]
    /// `costs` as Doubles.
    let costD: [Double]
    /// Per project: (group, satisfaction, multiplicity) of every supporter group, as Doubles.
    let doubleSupporters: [[(group: Int, sat: Double, weight: Double)]]
    /// Per project: the number of its supporters (the sum of its groups' multiplicities).
    let supporterWeight: [Double]
    /// The initial budget per voter as a Double.
    let initialBudgetD: Double
    let tieRank: [Int32]
    /// Per project: (group, satisfaction) of every supporter group.
    let supporters: [[(group: Int, sat: Int64)]]
    /// `supporters` with BigInt satisfactions.
    let wideSupporters: [[(group: Int, sat: BigInt)]]
    let multiplicity: [Int]
    /// `multiplicity` as BigInts.
    let weight: [BigInt]
    let totalSat: [Int64]
    let initialBudget: Rational
    /// pabutools' candidates (some supporter, positive cost) in the order of its project set.
    let candidateOrder: [Int]

    init(_ profile: AnalysisProfile) {
        let inst = profile.instance
        projectCount = inst.projectCount
        costs = inst.costs
        tieRank = inst.tieRank
        var index = [[Int64]: Int](minimumCapacity: inst.voterCount)
        var mult: [Int] = []
        var sup = [[(group: Int, sat: Int64)]](repeating: [], count: inst.projectCount)
        for v in 0..<inst.voterCount {
            var key: [Int64] = []
            key.reserveCapacity(2 * inst.ballot(v).count)
            for k in inst.ballot(v) {
                let p = Int(inst.items[k])
                let sat = inst.points.isEmpty ? inst.costs[p] : inst.points[k]
                if sat > 0 {
                    key.append(Int64(p))
                    key.append(sat)
                }
            }
            if let g = index[key] {
                mult[g] += 1
                continue
            }
            let g = mult.count
            index[key] = g
            mult.append(1)
            for i in stride(from: 0, to: key.count, by: 2) { sup[Int(key[i])].append((g, key[i + 1])) }
        }
        multiplicity = mult
        // Few distinct multiplicities and satisfactions (one per project with cost satisfaction):
        // each is made a BigInt once.
        var wide: [Int64: BigInt] = [:]
        func big(_ x: Int64) -> BigInt {
            if let b = wide[x] { return b }
            let b = BigInt(integerLiteral: x)
            wide[x] = b
            return b
        }
        weight = mult.map { big(Int64($0)) }
        supporters = sup
        wideSupporters = sup.map { $0.map { (group: $0.group, sat: big($0.sat)) } }
        totalSat = sup.map { $0.reduce(Int64(0)) { $0 + Int64(mult[$1.group]) * $1.sat } }
        doubleSupporters = sup.map { $0.map { (group: $0.group, sat: Double($0.sat), weight: Double(mult[$0.group])) } }
        supporterWeight = sup.map { $0.reduce(0.0) { $0 + Double(mult[$1.group]) } }
        costD = inst.costs.map { Double($0) }
        wideCosts = inst.costs.map { BigInt(integerLiteral: $0) }
        initialBudget =
            inst.voterCount > 0 ? Rational(BigInt(inst.budget), BigInt(inst.voterCount)) : .zero
        initialBudgetD = Double(inst.budget) / Double(max(inst.voterCount, 1))
        // pabutools: Instance (a set, filled in file order) → instance.difference(set()) → the set of
        // MES projects → copy(projects), whose order every round's candidate list keeps.
        let hashes = profile.ids.map(PythonSet.stringHash)
        var instanceSet = PythonSet(hash: { hashes[$0] })
        for p in 0..<inst.projectCount { instanceSet.add(p) }
        var projects = PythonSet(hash: { hashes[$0] })
        let costs = inst.costs
        let totals = totalSat
        for p in instanceSet.differenceWithEmpty().elements where totals[p] > 0 && costs[p] > 0 { projects.add(p) }
        candidateOrder = projects.copy().elements
    }

    /// Whether pabutools treats `p` as an MES candidate.
    func isCandidate(_ p: Int) -> Bool { totalSat[p] > 0 && costs[p] > 0 }

    /// An exact price factor `num / den` (not reduced, both positive) with its nearest Double.
    struct Factor {
        var num: BigInt
        var den: BigInt
        var value: Double

        init(_ num: BigInt, _ den: BigInt) {
            self.num = num
            self.den = den
            value = AnalyticsMES.ratio(num, den)
        }

        /// -1, 0 or 1: by the Doubles when they are clearly apart, else exactly.
        func compare(_ other: Factor) -> Int {
            let gap = value - other.value
            if abs(gap) > 1e-12 * max(value, other.value) { return gap < 0 ? -1 : 1 }
            let l = num * other.den
            let r = other.num * den
            return l < r ? -1 : (l == r ? 0 : 1)
        }
    }

    /// The state of a run between rounds.
    struct State {
        /// Each group's budget is `num[g] / den`.
        var num: [BigInt]
        var den: BigInt
        /// Each group's budget as a Double, within ``slack(_:)`` of `num[g] / den`.
        var budget: [Double]
        /// The payments made so far (what bounds the Doubles' error).
        var payments: Int
        var live: Set<Int>
        /// Each project's affordability when last computed (a lower bound of its current one).
        var afford: [Factor]
        /// Per project, the positions in `supporters[p]` of its supporter groups, in the ascending
        /// order of budget per satisfaction when last sorted (sorting again is then nearly linear).
        var order: [[Int32]]
    }

    /// One round: what it looked at, and the project it funded at which price (`nil`: nothing was affordable).
    struct Step {
        var candidates: [Int]
        var discarded: Set<Int>
        var funded: (project: Int, price: Rational)?
    }

    /// The state before the first round.
    func start() -> State {
        State(
            num: [BigInt](repeating: initialBudget.numerator, count: multiplicity.count),
            den: initialBudget.denominator,
            budget: [Double](repeating: initialBudgetD, count: multiplicity.count), payments: 0,
            live: Set(candidateOrder),
            afford: (0..<projectCount).map { p in
                totalSat[p] > 0 ? Factor(wideCosts[p], BigInt(integerLiteral: totalSat[p])) : Factor(0, 1)
            },
            order: supporters.map { Array(0..<Int32($0.count)) })
    }

    /// A bound on the error of every `State.budget` after `payments` payments: each payment adds at
    /// most a few roundings of the initial budget (a paid share is below the budget it comes from),
    /// and the bound adds 10⁻¹⁴ of it, about fifty.
    func slack(_ payments: Int) -> Double { Double(payments + 2) * 1e-14 * initialBudgetD }

    /// `n / d` (`n ≥ 0`, `d > 0`) as a Double, from their two leading words: relative error below 10⁻¹⁵.
    static func ratio(_ n: BigInt, _ d: BigInt) -> Double {
        func lead(_ m: BigUInt) -> (Double, Int) {
            let c = m.words.count
            if c == 0 { return (0, 0) }
            if c == 1 { return (Double(m.words[0]), 0) }
            return (Double(m.words[c - 1]) * 0x1p64 + Double(m.words[c - 2]), 64 * (c - 2))
        }
        let (a, ea) = lead(n.magnitude)
        let (b, eb) = lead(d.magnitude)
        return a / b * Double(sign: .plus, exponent: ea - eb, significand: 1)
    }

    /// Whether the supporters of `p` hold at least its cost: in floating point unless too close to call.
    func affordable(_ p: Int, _ s: State) -> Bool {
        var available = 0.0
        for (g, _, w) in doubleSupporters[p] { available += w * s.budget[g] }
        let cost = costD[p]
        // The Doubles' error, and the sum's rounding (at most one ε of the sum per term).
        let error =
            supporterWeight[p] * slack(s.payments) + 2.3e-16 * Double(supporters[p].count + 4) * (available + cost)
        if available < cost - error { return false }
        if available > cost + error { return true }
        var exact = BigInt(0)
        for (g, _) in supporters[p] where !s.num[g].isZero {
            exact += multiplicity[g] == 1 ? s.num[g] : s.num[g] * weight[g]
        }
        return !(exact < wideCosts[p] * s.den)
    }

    /// Runs one round of `mes_inner_algo` on `s`: which candidates it looks at (by their previous
    /// affordability, stopping at the first that cannot beat the best so far), which it discards
    /// as unaffordable, and the purchase, whose payments it takes from the budgets.
    func step(_ s: inout State) -> Step {
        let candidates = candidateOrder.filter { s.live.contains($0) }
        // sorted(projects, key=affordability) is stable: ties keep the set's order.
        let afford = s.afford
        let visiting = candidates.enumerated().sorted {
            let c = afford[$0.element].compare(afford[$1.element])
            return c != 0 ? c < 0 : $0.offset < $1.offset
        }.map(\.element)
        var best: Factor?
        var tied: [Int] = []
        var discarded = Set<Int>()
        for p in visiting {
            if !affordable(p, s) {
                s.live.remove(p)
                discarded.insert(p)
                continue
            }
            if let b = best, b.compare(s.afford[p]) < 0 { break }
            let factor = affordability(p, &s)
            s.afford[p] = factor
            let c = best.map { factor.compare($0) } ?? -1
            if c < 0 {
                best = factor
                tied = [p]
            } else if c == 0 {
                tied.append(p)
            }
        }
        guard let factor = best, let chosen = tied.min(by: { tieRank[$0] < tieRank[$1] }) else {
            return Step(candidates: candidates, discarded: discarded, funded: nil)
        }
        let price = Rational(factor.num, factor.den)
        pay(chosen, price, &s)
        s.live.remove(chosen)
        return Step(candidates: candidates, discarded: discarded, funded: (chosen, price))
    }

    /// Takes `chosen`'s payments at `price` from the budgets: b − min(b, ρ·sat).
    func pay(_ chosen: Int, _ price: Rational, _ s: inout State) {
        // The common denominator becomes lcm(den, q) for ρ = p/q.
        let g = ExactSum.gcd(s.den, price.denominator)
        let scale = price.denominator / g
        if scale != 1 {
            for i in s.num.indices where !s.num[i].isZero { s.num[i] *= scale }
        }
        let unit = price.numerator * (s.den / g)
        s.den *= scale
        let rho = Self.ratio(price.numerator, price.denominator)
        for ((i, sat), (_, satD, _)) in zip(wideSupporters[chosen], doubleSupporters[chosen]) where !s.num[i].isZero {
            let due = unit * sat
            if due < s.num[i] {
                s.num[i] -= due
                s.budget[i] = max(0, s.budget[i] - rho * satD)
            } else {
                s.num[i] = 0
                s.budget[i] = 0
            }
        }
        s.payments += 1
    }

    /// The price factor at which `p`'s supporters pay its cost (the supporters with the least budget
    /// per satisfaction pay all they have, the others factor × satisfaction). The capped supporters
    /// are found in floating point, the factor computed from them exactly, and checked exactly
    /// against every supporter whose budget is too close to its share to call; when the check fails,
    /// ``sortedAffordability(_:_:)`` computes it.
    func affordability(_ p: Int, _ s: inout State) -> Factor {
        let sup = doubleSupporters[p]
        let cost = costD[p]
        // pabutools' fixed point in floating point: those who cannot pay ρ·sat pay what they have.
        var capped = [Bool](repeating: false, count: sup.count)
        var poorBudget = 0.0
        var richSat = Double(totalSat[p])
        while true {
            let rho = (cost - poorBudget) / richSat
            var changed = false
            for (k, (g, sat, w)) in sup.enumerated() where !capped[k] && s.budget[g] < rho * sat {
                capped[k] = true
                poorBudget += w * s.budget[g]
                richSat -= w * sat
                changed = true
            }
            if !changed || !(richSat > 0) { break }
        }
        // The exact factor these capped supporters give: (cost − Σ capped budgets) / Σ other sat.
        var paid = BigInt(0)
        var d = totalSat[p]
        for (k, (g, sat)) in supporters[p].enumerated() where capped[k] {
            d -= Int64(multiplicity[g]) * sat
            if s.num[g].isZero { continue }
            paid += multiplicity[g] == 1 ? s.num[g] : s.num[g] * weight[g]
        }
        let x = wideCosts[p] * s.den - paid
        guard d > 0, x.sign == .plus, !x.isZero else { return sortedAffordability(p, &s) }
        let wideD = BigInt(integerLiteral: d)
        let factor = Factor(x, s.den * wideD)
        // Capped exactly when budget < factor × sat.
        let margin = slack(s.payments)
        for (k, (g, sat, _)) in sup.enumerated() {
            let share = factor.value * sat
            let gap = s.budget[g] - share
            if abs(gap) > margin + 1e-12 * share {
                if (gap < 0) != capped[k] { return sortedAffordability(p, &s) }
                continue
            }
            let below = s.num[g] * wideD < x * wideSupporters[p][k].sat
            if below != capped[k] { return sortedAffordability(p, &s) }
        }
        return factor
    }

    /// ``affordability(_:_:)`` as pabutools computes it, over `p`'s supporters sorted by budget per
    /// satisfaction, in exact arithmetic.
    func sortedAffordability(_ p: Int, _ s: inout State) -> Factor {
        let num = s.num
        let small = supporters[p]
        let wide = wideSupporters[p]
        s.order[p].sort { i, j in
            let (a, c) = (small[Int(i)], small[Int(j)])
            return a.sat == c.sat
                ? num[a.group] < num[c.group] : num[a.group] * wide[Int(j)].sat < num[c.group] * wide[Int(i)].sat
        }
        // factor = (cost − contribution) / d, with contribution = paid / den.
        let target = wideCosts[p] * s.den
        var paid = BigInt(0)
        var d = BigInt(integerLiteral: totalSat[p])
        for i in s.order[p] {
            let (g, sat) = wide[Int(i)]
            let x = target - paid
            if x * sat <= num[g] * d { return Factor(x, s.den * d) }
            paid += num[g] * weight[g]
            d -= weight[g] * sat
        }
        // Unreachable for an affordable project: the last supporter's test holds.
        return Factor(target - paid, s.den)
    }

    /// ⌊100 · Σ_supporters min(b_i, ρ·sat_i(q)) / cost(q)⌋ on the budgets of `s`, or with every
    /// b_i when there is no price: in floating point unless it is too close to an integer.
    func cover(_ q: Int, _ s: State, price: Rational?) -> Int {
        let rho = price.map { Self.ratio($0.numerator, $0.denominator) }
        var total = 0.0
        for (g, sat, w) in doubleSupporters[q] {
            let b = s.budget[g]
            total += w * (rho.map { min(b, $0 * sat) } ?? b)
        }
        let scaled = 100 * total / costD[q]
        let error =
            200 * supporterWeight[q] * slack(s.payments) / costD[q]
            + 2.3e-16 * Double(supporters[q].count + 8) * (scaled + 1)
        let low = (scaled - error).rounded(.down)
        if low >= 0 && low == (scaled + error).rounded(.down) { return Int(low) }
        return exactCover(q, s, price: price)
    }

    /// ``cover(_:_:price:)`` in exact arithmetic.
    func exactCover(_ q: Int, _ s: State, price: Rational?) -> Int {
        var total = BigInt(0)
        var scale = s.den
        if let price {
            scale = s.den * price.denominator
            let unit = price.numerator * s.den
            for (g, sat) in wideSupporters[q] {
                let own = s.num[g] * price.denominator
                let most = unit * sat
                total += (most < own ? most : own) * weight[g]
            }
        } else {
            for (g, _) in supporters[q] { total += s.num[g] * weight[g] }
        }
        return Int((total * 100) / (scale * wideCosts[q]))
    }

    /// A full run, recorded: every funding round, the states before each of them and the last state.
    ///
    /// - Parameter deadline: checked between rounds; `nil` when it passes before the end.
    func run(deadline: ContinuousClock.Instant?) -> (rounds: [Round], prices: [Rational], states: [State])? {
        var s = start()
        var rounds: [Round] = []
        var prices: [Rational] = []
        var states: [State] = []
        while true {
            if let deadline, ContinuousClock.now > deadline { return nil }
            let before = s
            let step = step(&s)
            guard let (chosen, price) = step.funded else {
                states.append(s)
                return (rounds, prices, states)
            }
            states.append(before)
            prices.append(price)
            rounds.append(
                Round(
                    candidates: step.candidates, discarded: step.discarded, selected: chosen,
                    before: Budgets(num: before.num, den: before.den), after: Budgets(num: s.num, den: s.den)))
        }
    }

    /// pabutools' effective support of each project (0 for a project that is not a candidate): the
    /// best cover of a run without it. Such a run is the full run's until the round that funded the
    /// project (its presence changes no choice before), so only the rest is run again.
    ///
    /// - Parameter deadline: checked between rounds; `nil` when it passes before the end.
    func effectiveSupports(
        _ full: (rounds: [Round], prices: [Rational], states: [State]), deadline: ContinuousClock.Instant?
    ) -> [Int]? {
        var out = [Int](repeating: 0, count: projectCount)
        let fundedIn = Dictionary(
            uniqueKeysWithValues: full.rounds.enumerated().map { ($0.element.selected, $0.offset) })
        for q in candidateOrder {
            if let deadline, ContinuousClock.now > deadline { return nil }
            // Rounds before the one that funded q (all of them when none did), on the full run's budgets.
            let shared = fundedIn[q] ?? full.rounds.count
            var eff = 0
            for k in 0..<shared { eff = max(eff, cover(q, full.states[k + 1], price: full.prices[k])) }
            guard shared < full.rounds.count else {
                out[q] = max(eff, cover(q, full.states[shared], price: nil))
                continue
            }
            var s = full.states[shared]
            s.live.remove(q)
            while true {
                if let deadline, ContinuousClock.now > deadline { return nil }
                guard let (_, price) = step(&s).funded else { break }
                eff = max(eff, cover(q, s, price: price))
            }
            out[q] = max(eff, cover(q, s, price: nil))
        }
        return out
    }
}
