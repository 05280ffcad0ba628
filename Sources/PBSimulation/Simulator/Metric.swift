/// A measure of one regime's selection in one run (MODEL.md section 3), always computed on the
/// true benefits, or with real ballots on what can be observed.
///
/// Shares are fractions (`0.71` is 71%). The raw value keys JSON and CSV output.
///
/// ```swift
/// let efficiency = result.summary(of: .coProduced)?.metrics[.efficiency]?.mean
/// ```
public enum Metric: String, Sendable, Hashable, CaseIterable, Codable {
    /// True welfare `W(S) = sum_g n_g * sum_{j in S} u[j][g]`, in benefit units times people.
    case welfare
    /// `W(S) / W(S*)`, in `[0, 1]` (1 when `W(S*)` is 0).
    case efficiency
    /// Need met (MODEL.md section 3), population-weighted over groups: a group's need met is
    /// `sum_k min(b[g][k], N[g][k]) / sum_k N[g][k]` with `b[g][k] = sum_{j in S} r[j][g] a_j e[j][k]
    /// N[g][k]`, capped per domain, so in `[0, 1]` (1 for a group without need). With real ballots it
    /// is absent.
    case coverage
    /// Population-weighted Gini coefficient of need coverage across groups, in `[0, 1]`.
    case gini
    /// The share of people in groups that get zero true benefit from the selection; with real
    /// ballots, the share of voters none of whose approved (or pointed) projects is funded.
    case exclusion
    /// Planned effective spend divided by the budget.
    case budgetUse = "budget_use"
    /// Realised effective spend (costs drawn with their `cost_sigma`) divided by the budget.
    case realisedBudgetUse = "realised_budget_use"
    /// 1 when the realised spend exceeds the budget, else 0; its mean is the probability of overspend.
    case overspend
    /// The mean voter's satisfaction: for approval ballots the effective cost of the voter's approved
    /// and funded proposals as a share of the budget; for cumulative and cardinal ballots the share of
    /// the voter's points that landed on funded proposals.
    case satisfaction
    /// 1 when the selection satisfies EJR up to one project for the approval ballots, 0 when it does
    /// not; runs where the bounded search could not decide are left out (see ``EJRCheck``). It is the
    /// literature's strict definition, which implies pabutools' `is_EJR_one_approval:Cost_Sat`
    /// (`analyze`'s measure of that name) and differs from it only on ties.
    case ejr
    /// The lowest need met of any group (the worst-off group), in `[0, 1]`.
    case worstGroup = "worst_group"
    /// The population-weighted need met of the seldom-heard groups (present only when the scenario
    /// has some).
    case seldomHeard = "seldom_heard"
    /// The share of people in groups whose need met is below 10% (``exclusion`` counts only groups
    /// with no benefit at all).
    case leftBehind = "left_behind"
    /// The share of the budget left unspent, `1 - budget_use`.
    case unspent
    /// The share of funded proposals that delivered nothing (MODEL.md 2.5; present when the scenario
    /// has delivery risk, an overrun cut, a process cost or outreach).
    case deliveryFailures = "delivery_failures"
    /// The true welfare of what was delivered (funded, not cut by an overrun, not failed) over
    /// `W(S*)` (present with ``deliveryFailures``).
    case deliveredWelfare = "delivered_welfare"
    /// What the regime's process (a vote's process cost and outreach, a panel's cost) took from the
    /// budget before it chose, as a share of the budget (present with ``deliveryFailures``).
    case processCost = "process_cost"

    /// A short label for tables: `efficiency`, `need coverage`, `budget use`, ….
    public var title: String {
        switch self {
        case .welfare: "welfare"
        case .efficiency: "efficiency"
        case .coverage: "need met"
        case .gini: "Gini of need met"
        case .exclusion: "excluded"
        case .budgetUse: "budget use"
        case .realisedBudgetUse: "realised budget use"
        case .overspend: "P(overspend)"
        case .satisfaction: "voter satisfaction"
        case .ejr: "EJR-1 holds"
        case .worstGroup: "worst-off group"
        case .seldomHeard: "seldom heard"
        case .leftBehind: "left behind (<10%)"
        case .unspent: "unspent"
        case .deliveryFailures: "delivery failures"
        case .deliveredWelfare: "delivered welfare"
        case .processCost: "process cost"
        }
    }

    /// Whether the value is a share, shown as a percentage (everything but welfare and the Gini coefficient).
    public var isShare: Bool {
        switch self {
        case .welfare, .gini: false
        default: true
        }
    }

    /// Whether the value is a 0/1 indicator whose mean is a probability (overspend, EJR).
    public var isIndicator: Bool {
        self == .overspend || self == .ejr
    }
}
