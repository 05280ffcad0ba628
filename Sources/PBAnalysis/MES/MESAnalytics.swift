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
        guard let run = mes.run(record: true, deadline: deadline) else {
            for k in [lossKey, supportKey] {
                out.gap(
                    k, .undetermined,
                    "the exact MES run did not finish within \(TimeLimit.text(options.timeLimit)) s")
            }
            return
        }
        out.set(lossKey, projectLoss(profile, mes, run.rounds))
        var supports: [MeasureEntry] = []
        let funded = profile.mask(selected)
        for p in 0..<profile.projectCount {
            var value = 0
            if mes.isCandidate(p) {
                guard let r = mes.run(skipping: p, record: false, deadline: deadline) else {
                    out.gap(
                        supportKey, .undetermined,
                        "\(supports.count) of \(profile.projectCount) projects done within \(TimeLimit.text(options.timeLimit)) s"
                    )
                    return
                }
                value = r.effectiveSupport
            }
            if funded[p] || (mes.costs[p] == 0) { value = max(value, 100) }
            supports.append(MeasureEntry(profile.ids[p], .integer(value)))
        }
        out.set(supportKey, .object(supports))
    }

    static func projectLoss(_ profile: AnalysisProfile, _ mes: AnalyticsMES, _ rounds: [AnalyticsMES.Round])
        -> MeasureValue
    {
        let den = Rational(profile.costDenominator)
        // What each group has paid, per funded project, in order.
        var spent = [[(project: Int, amount: Rational)]](repeating: [], count: mes.multiplicity.count)
        var entries: [MeasureValue] = []
        func entry(_ p: Int, _ budgets: [Rational]) -> MeasureValue {
            var supportersBudget = Rational.zero
            var lost: [(Int, Rational)] = []
            for (g, _) in mes.supporters[p] {
                let m = Rational(mes.multiplicity[g])
                supportersBudget += budgets[g] * m
                for (q, amount) in spent[g] {
                    if let i = lost.firstIndex(where: { $0.0 == q }) {
                        lost[i].1 += amount * m
                    } else {
                        lost.append((q, amount * m))
                    }
                }
            }
            let total = lost.reduce(Rational.zero) { $0 + $1.1 }
            return .object([
                MeasureEntry("project", .string(profile.ids[p])),
                MeasureEntry("supporters_budget", .rational(supportersBudget / den)),
                MeasureEntry("total_budget_lost", lost.isEmpty ? .integer(0) : .rational(total / den)),
                MeasureEntry(
                    "budget_lost", .object(lost.map { MeasureEntry(profile.ids[$0.0], .rational($0.1 / den)) })),
            ])
        }
        for (k, round) in rounds.enumerated() {
            entries.append(entry(round.selected, round.budgetsBefore))
            for (g, _) in mes.supporters[round.selected] {
                spent[g].append((round.selected, round.budgetsBefore[g] - round.budgetsAfter[g]))
            }
            let last = k == rounds.count - 1
            for p in round.candidates where round.discarded.contains(p) || (last && p != round.selected) {
                entries.append(entry(p, round.budgetsAfter))
            }
        }
        return .list(entries)
    }
}
