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
        var index: [[Int64]: Int] = [:]
        var mult: [Int] = []
        var sup = [[(group: Int, sat: Int64)]](repeating: [], count: inst.projectCount)
        for v in 0..<inst.voterCount {
            var key: [Int64] = []
            for k in inst.ballot(v) {
                let p = Int(inst.items[k])
                let sat = inst.points.isEmpty ? inst.costs[p] : inst.points[k]
                if sat > 0 { key += [Int64(p), sat] }
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
        weight = mult.map { BigInt($0) }
        supporters = sup
        wideSupporters = sup.map { $0.map { (group: $0.group, sat: BigInt($0.sat)) } }
        totalSat = sup.map { $0.reduce(Int64(0)) { $0 + Int64(mult[$1.group]) * $1.sat } }
        initialBudget =
            inst.voterCount > 0 ? Rational(BigInt(inst.budget), BigInt(inst.voterCount)) : .zero
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

    /// The state of a run between rounds.
    struct State {
        /// Each group's budget is `num[g] / den`.
        var num: [BigInt]
        var den: BigInt
        var live: Set<Int>
        /// Each project's affordability when last computed (a lower bound of its current one).
        var afford: [Rational]
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
            den: initialBudget.denominator, live: Set(candidateOrder),
            afford: (0..<projectCount).map { p in
                totalSat[p] > 0 ? Rational(BigInt(costs[p]), BigInt(totalSat[p])) : .zero
            },
            order: supporters.map { Array(0..<Int32($0.count)) })
    }

    /// Runs one round of `mes_inner_algo` on `s`: which candidates it looks at (by their previous
    /// affordability, stopping at the first that cannot beat the best so far), which it discards
    /// as unaffordable, and the purchase, whose payments it takes from the budgets.
    func step(_ s: inout State) -> Step {
        let candidates = candidateOrder.filter { s.live.contains($0) }
        // sorted(projects, key=affordability) is stable: ties keep the set's order.
        let afford = s.afford
        let visiting = candidates.enumerated().sorted {
            afford[$0.element] != afford[$1.element] ? afford[$0.element] < afford[$1.element] : $0.offset < $1.offset
        }.map(\.element)
        var best: Rational?
        var tied: [Int] = []
        var discarded = Set<Int>()
        for p in visiting {
            var available = BigInt(0)
            for (g, _) in supporters[p] { available += s.num[g] * weight[g] }
            let cost = BigInt(costs[p])
            if available < cost * s.den {
                s.live.remove(p)
                discarded.insert(p)
                continue
            }
            if let b = best, b < s.afford[p] { break }
            let factor = affordability(p, &s)
            s.afford[p] = factor
            if best == nil || factor < best! {
                best = factor
                tied = [p]
            } else if factor == best! {
                tied.append(p)
            }
        }
        guard let price = best, let chosen = tied.min(by: { tieRank[$0] < tieRank[$1] }) else {
            return Step(candidates: candidates, discarded: discarded, funded: nil)
        }
        // The common denominator becomes lcm(den, q) for ρ = p/q: b − min(b, ρ·sat).
        let g = ExactSum.gcd(s.den, price.denominator)
        let scale = price.denominator / g
        if scale != 1 {
            for i in s.num.indices { s.num[i] *= scale }
        }
        let unit = price.numerator * (s.den / g)
        s.den *= scale
        for (i, sat) in wideSupporters[chosen] {
            let due = unit * sat
            s.num[i] = due < s.num[i] ? s.num[i] - due : 0
        }
        s.live.remove(chosen)
        return Step(candidates: candidates, discarded: discarded, funded: (chosen, price))
    }

    /// The price factor at which `p`'s supporters pay its cost (the supporters with the least budget
    /// per satisfaction pay all they have), computed over `p`'s supporters in that order.
    func affordability(_ p: Int, _ s: inout State) -> Rational {
        let num = s.num
        let small = supporters[p]
        let wide = wideSupporters[p]
        s.order[p].sort { i, j in
            let (a, c) = (small[Int(i)], small[Int(j)])
            return a.sat == c.sat
                ? num[a.group] < num[c.group] : num[a.group] * wide[Int(j)].sat < num[c.group] * wide[Int(i)].sat
        }
        // factor = (cost − contribution) / d, with contribution = paid / den.
        let target = BigInt(costs[p]) * s.den
        var paid = BigInt(0)
        var d = BigInt(totalSat[p])
        for i in s.order[p] {
            let (g, sat) = wide[Int(i)]
            let x = target - paid
            if x * sat <= num[g] * d { return Rational(x, s.den * d) }
            paid += num[g] * weight[g]
            d -= weight[g] * sat
        }
        // Unreachable for an affordable project: the last supporter's test holds.
        return Rational(target - paid, s.den)
    }

    /// ⌊100 · Σ_supporters min(b_i, ρ·sat_i(q)) / cost(q)⌋ on the budgets of `s`, or with every
    /// b_i when there is no price.
    func cover(_ q: Int, _ s: State, price: Rational?) -> Int {
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
        return Int((total * 100) / (scale * BigInt(costs[q])))
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
