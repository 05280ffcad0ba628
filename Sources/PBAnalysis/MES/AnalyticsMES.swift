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
        var budgetsBefore: [Rational]
        var budgetsAfter: [Rational]
    }

    let projectCount: Int
    let costs: [Int64]
    let tieRank: [Int32]
    /// Per project: (group, satisfaction) of every supporter group.
    let supporters: [[(group: Int, sat: Int64)]]
    let multiplicity: [Int]
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
        supporters = sup
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

    /// Runs MES. With `skipping`, that project is left out and its effective support returned.
    ///
    /// Budgets are kept as numerators over one common denominator, so a round costs integer
    /// products and no reduction; only affordabilities (a few per round) are reduced rationals.
    ///
    /// - Parameter deadline: checked between rounds; `nil` when it passes before the end.
    func run(skipping skipped: Int? = nil, record: Bool, deadline: ContinuousClock.Instant?)
        -> (rounds: [Round], selected: [Int], effectiveSupport: Int)?
    {
        var num = [BigInt](repeating: initialBudget.numerator, count: multiplicity.count)
        var den = initialBudget.denominator
        let mult = multiplicity.map { BigInt($0) }
        var live = Set(candidateOrder)
        if let skipped { live.remove(skipped) }
        var afford = (0..<projectCount).map { p in
            totalSat[p] > 0 ? Rational(BigInt(costs[p]), BigInt(totalSat[p])) : .zero
        }
        var order = (0..<projectCount).map { p in supporters[p].map(\.group) }
        let satOf = (0..<projectCount).map { p in
            Dictionary(uniqueKeysWithValues: supporters[p].map { ($0.group, BigInt($0.sat)) })
        }
        var rounds: [Round] = []
        var selected: [Int] = []
        var eff = 0
        func budgets() -> [Rational] { num.map { Rational($0, den) } }
        // ⌊100 · Σ_supporters min(b_i, ρ·sat_i(q)) / cost(q)⌋, or with every b_i when there is no price.
        func cover(_ q: Int, price: Rational?) -> Int {
            var total = BigInt(0)
            var scale = den
            if let price {
                scale = den * price.denominator
                for (g, sat) in supporters[q] {
                    let own = num[g] * price.denominator
                    let most = price.numerator * BigInt(sat) * den
                    total += (most < own ? most : own) * mult[g]
                }
            } else {
                for (g, _) in supporters[q] { total += num[g] * mult[g] }
            }
            return Int((total * 100) / (scale * BigInt(costs[q])))
        }
        while true {
            if let deadline, ContinuousClock.now > deadline { return nil }
            let candidates = candidateOrder.filter { live.contains($0) }
            // sorted(projects, key=affordability) is stable: ties keep the set's order.
            let visiting = candidates.enumerated().sorted {
                afford[$0.element] != afford[$1.element]
                    ? afford[$0.element] < afford[$1.element] : $0.offset < $1.offset
            }.map(\.element)
            var best: Rational?
            var tied: [Int] = []
            var discarded = Set<Int>()
            for p in visiting {
                var available = BigInt(0)
                for (g, _) in supporters[p] { available += num[g] * mult[g] }
                let cost = BigInt(costs[p])
                if available < cost * den {
                    live.remove(p)
                    discarded.insert(p)
                    continue
                }
                if let b = best, b < afford[p] { break }
                let sats = satOf[p]
                order[p].sort { a, c in num[a] * sats[c]! < num[c] * sats[a]! }
                // factor = (cost − contribution) / d, with contribution = paid / den.
                var paid = BigInt(0)
                var d = BigInt(totalSat[p])
                for g in order[p] {
                    let sat = sats[g]!
                    let x = cost * den - paid
                    if x * sat <= num[g] * d {
                        let factor = Rational(x, den * d)
                        afford[p] = factor
                        if best == nil || factor < best! {
                            best = factor
                            tied = [p]
                        } else if factor == best! {
                            tied.append(p)
                        }
                        break
                    }
                    paid += num[g] * mult[g]
                    d -= mult[g] * sat
                }
            }
            guard let price = best, let chosen = tied.min(by: { tieRank[$0] < tieRank[$1] }) else {
                if let skipped { eff = max(eff, cover(skipped, price: nil)) }
                return (rounds, selected, eff)
            }
            let before = record ? budgets() : []
            // New common denominator den·q for ρ = p/q: b − min(b, ρ·sat).
            for g in num.indices { num[g] *= price.denominator }
            for (g, sat) in supporters[chosen] {
                let due = price.numerator * BigInt(sat) * den
                num[g] = due < num[g] ? num[g] - due : 0
            }
            den *= price.denominator
            live.remove(chosen)
            selected.append(chosen)
            if record {
                rounds.append(
                    Round(
                        candidates: candidates, discarded: discarded, selected: chosen, budgetsBefore: before,
                        budgetsAfter: budgets()))
            }
            if let skipped { eff = max(eff, cover(skipped, price: price)) }
        }
    }
}
