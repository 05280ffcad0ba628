import BigInt

/// The Method of Equal Shares in exact rational arithmetic: the reference path.
///
/// A direct transcription of pabutools' `method_of_equal_shares` (Peters & Skowron, *Proportional
/// participatory budgeting with additive utilities*, NeurIPS 2021): every voter starts with the
/// same budget; each round funds the project with the smallest price per unit of satisfaction ρ,
/// ties broken by id; supporters pay min(budget, ρ × satisfaction). Used when the fast path's
/// floating-point comparison is too close to call, and in tests as the oracle of the fast path.
enum ExactMES {
    static func run(
        _ instance: RuleInstance, setup: MESSetup, budgetPerVoter: Rational, explain: Bool
    ) -> (selected: [Int], rounds: [MESRound]) {
        // With weights, `budgetPerVoter` is per weight unit: voter i starts with it times w_i.
        var budgets =
            instance.voterWeights.map { weights in weights.units.map { budgetPerVoter * Rational($0) } }
            ?? [Rational](repeating: budgetPerVoter, count: instance.voterCount)
        var remaining = setup.candidates
        var lowerBound = [Rational](repeating: .zero, count: instance.projectCount)
        for p in remaining { lowerBound[p] = Rational(BigInt(instance.costs[p]), BigInt(setup.totalSat[p])) }
        var selected = setup.freeProjects
        var rounds: [MESRound] = []
        while true {
            remaining.sort {
                lowerBound[$0] < lowerBound[$1]
                    || (lowerBound[$0] == lowerBound[$1] && instance.tieRank[$0] < instance.tieRank[$1])
            }
            var best: (p: Int, rho: Rational)?
            var dropped: Set<Int> = []
            for p in remaining {
                if let b = best, lowerBound[p] > b.rho { break }
                let cost = Rational(instance.costs[p])
                var available = Rational.zero
                for k in setup.range(p) { available += budgets[Int(setup.supporters[k])] }
                if available < cost {
                    dropped.insert(p)
                    continue
                }
                let rho = affordability(p, cost: cost, budgets: budgets, setup: setup)
                lowerBound[p] = rho
                if let b = best {
                    if rho < b.rho || (rho == b.rho && instance.tieRank[p] < instance.tieRank[b.p]) { best = (p, rho) }
                } else {
                    best = (p, rho)
                }
            }
            remaining.removeAll { dropped.contains($0) }
            guard let (p, rho) = best else { break }
            remaining.removeAll { $0 == p }
            selected.append(p)
            var payers = 0
            var capped = 0
            var payments: [VoterPayment] = []
            var maxPayment = Rational.zero
            for k in setup.range(p) {
                let v = Int(setup.supporters[k])
                let due = rho * setup.weightedSat(k)
                let pay = budgets[v] <= due ? budgets[v] : due
                // A voter of weight w (a class of w identical voters) counts w times, and each of them
                // pays pay / w, as the fast path counts.
                let w = instance.weightUnits(v)
                if budgets[v] <= due { capped += Int(w) }
                if !pay.isZero { payers += Int(w) }
                let each = w == 1 ? pay : pay / Rational(w)
                if each > maxPayment { maxPayment = each }
                if explain { payments.append(VoterPayment(voter: v, amount: pay.doubleValue)) }
                budgets[v] -= pay
            }
            rounds.append(
                MESRound(
                    project: p, rho: rho.doubleValue, maxPayment: maxPayment.doubleValue, payers: payers,
                    payersCapped: capped, payments: payments))
        }
        return (selected, rounds)
    }

    /// The smallest ρ with Σ min(bᵢ, ρ·satᵢ) = cost, by pabutools' walk over supporters sorted by bᵢ/satᵢ.
    static func affordability(_ p: Int, cost: Rational, budgets: [Rational], setup: MESSetup) -> Rational {
        let entries = setup.range(p).map { k in (budget: budgets[Int(setup.supporters[k])], sat: setup.weightedSat(k)) }
            .sorted { $0.budget / $0.sat < $1.budget / $1.sat }
        var paid = Rational.zero
        var denominator = Rational(BigInt(setup.totalSat[p]))
        for e in entries {
            let rho = (cost - paid) / denominator
            if rho * e.sat <= e.budget { return rho }
            paid += e.budget
            denominator -= e.sat
        }
        // Unreachable when the supporters can afford the project.
        return (cost - paid) / Rational(1)
    }
}
