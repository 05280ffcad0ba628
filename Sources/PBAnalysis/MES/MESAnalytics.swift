import BigInt
import PBRules

/// pabutools' `mesanalytics` for `mes-cost`: the budget each funded or rejected project's
/// supporters had and had spent before (`calculate_project_loss`), and each project's effective
/// support (`calculate_effective_supports`).
///
/// * `calculate_project_loss` always raises in pabutools 1.2.3 (it dereferences the final round,
///   which funds nothing), so pbsim reports it undefined and gives the reference's corrected call,
///   `calculate_project_loss:trailing_iteration_removed`, with pabutools' entry order.
/// * pabutools' `calculate_effective_supports` raises (`StopIteration`) when some project has no
///   supporter or costs nothing. pbsim computes it anyway: such a project's support is 0 (100 if
///   funded), and every other project's is pabutools' value.
public enum MESAnalytics {
    static func add(to out: inout MeasureSet, _ profile: AnalysisProfile, selected: [Int], options: AnalysisOptions) {
        let lossKey = "calculate_project_loss:trailing_iteration_removed"
        let supportKey = "calculate_effective_supports"
        guard profile.instance.kind == .approval || profile.instance.kind == .cumulative else {
            for k in [lossKey, supportKey] {
                out.gap(k, .undefined, "MES analytics are defined for approval and cumulative ballots")
            }
            return
        }
        out.gap(
            "calculate_project_loss", .undefined,
            "raises AttributeError in pabutools 1.2.3 (the final round funds nothing); see \(lossKey)")
        let deadline = TimeLimit.deadline(options.timeLimit)
        let mes = AnalyticsMES(profile)
        guard let run = mes.run(deadline: deadline) else {
            for k in [lossKey, supportKey] {
                out.gap(
                    k, .undetermined,
                    "the exact MES run did not finish within \(TimeLimit.text(options.timeLimit)) s")
            }
            return
        }
        out.set(lossKey, projectLoss(profile, mes, run.rounds))
        guard let effective = mes.effectiveSupports(run, deadline: deadline) else {
            out.gap(
                supportKey, .undetermined,
                "the MES runs without each project did not finish within \(TimeLimit.text(options.timeLimit)) s")
            return
        }
        let funded = profile.mask(selected)
        let supports = (0..<profile.projectCount).map { p in
            MeasureEntry(
                profile.ids[p], .integer(funded[p] || mes.costs[p] == 0 ? max(effective[p], 100) : effective[p]))
        }
        out.set(supportKey, .object(supports))
    }

    static func projectLoss(_ profile: AnalysisProfile, _ mes: AnalyticsMES, _ rounds: [AnalyticsMES.Round])
        -> MeasureValue
    {
        let unit = BigInt(integerLiteral: profile.costDenominator)
        // What each group has paid, per funded project, in order, over that round's denominator.
        var spent = [[(project: Int, amount: BigInt)]](repeating: [], count: mes.multiplicity.count)
        // The denominator after the round that funded a project (each is a multiple of the earlier ones).
        var paidOver = [BigInt?](repeating: nil, count: profile.projectCount)
        var entries: [MeasureValue] = []
        // Per project, its position in `lost` (-1: absent), reset after each entry.
        var slot = [Int](repeating: -1, count: profile.projectCount)
        // Sums of integers over one denominator, one reduction per value.
        func entry(_ p: Int, _ budgets: AnalyticsMES.Budgets) -> MeasureValue {
            var supportersBudget = BigInt(0)
            var lost: [(project: Int, amount: BigInt)] = []
            for (g, _) in mes.supporters[p] {
                let one = mes.multiplicity[g] == 1
                let m = mes.weight[g]
                supportersBudget += one ? budgets.num[g] : budgets.num[g] * m
                for (q, amount) in spent[g] {
                    let paid = one ? amount : amount * m
                    if slot[q] >= 0 {
                        lost[slot[q]].amount += paid
                    } else {
                        slot[q] = lost.count
                        lost.append((q, paid))
                    }
                }
            }
            for (q, _) in lost { slot[q] = -1 }
            let values = lost.map { (project: $0.project, value: Rational($0.amount, paidOver[$0.project]! * unit)) }
            // The total over the largest of these denominators, a multiple of the others.
            var total = Rational.zero
            if let last = lost.max(by: { paidOver[$0.project]!.bitWidth < paidOver[$1.project]!.bitWidth }) {
                let common = paidOver[last.project]!
                var sum = BigInt(0)
                for (q, amount) in lost {
                    let den = paidOver[q]!
                    sum += den == common ? amount : amount * (common / den)
                }
                total = Rational(sum, common * unit)
            }
            return .object([
                MeasureEntry("project", .string(profile.ids[p])),
                MeasureEntry("supporters_budget", .rational(Rational(supportersBudget, budgets.den * unit))),
                MeasureEntry("total_budget_lost", lost.isEmpty ? .integer(0) : .rational(total)),
                MeasureEntry(
                    "budget_lost", .object(values.map { MeasureEntry(profile.ids[$0.project], .rational($0.value)) })),
            ])
        }
        for (k, round) in rounds.enumerated() {
            entries.append(entry(round.selected, round.before))
            // The denominator after a round is a multiple of the one before.
            let scale = round.after.den / round.before.den
            for (g, _) in mes.supporters[round.selected] {
                spent[g].append((round.selected, round.before.num[g] * scale - round.after.num[g]))
            }
            paidOver[round.selected] = round.after.den
            let last = k == rounds.count - 1
            for p in round.candidates where round.discarded.contains(p) || (last && p != round.selected) {
                entries.append(entry(p, round.after))
            }
        }
        return .list(entries)
    }
}
