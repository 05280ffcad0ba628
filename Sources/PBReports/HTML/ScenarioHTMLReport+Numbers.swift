import PBModel
import PBScenario
import PBSimulation

extension ScenarioPage {
    // MARK: Names and numbers

    func proposalTitle(_ j: Int) -> String {
        if let election, j < election.projects.count {
            return election.projectField("name", of: j) ?? election.projects[j].id
        }
        if j < scenario.proposals.count { return scenario.proposals[j].title }
        return result.proposalIDs[j]
    }

    func proposalCost(_ j: Int) -> Double {
        if let election, j < election.projects.count { return election.projects[j].cost.doubleValue }
        if j < scenario.proposals.count { return scenario.proposals[j].cost }
        return .nan
    }

    static func percent(_ x: Double, _ decimals: Int = 0) -> String {
        x.isFinite ? NumberText.percent(x, decimals: decimals) : "n/a"
    }

    /// A metric's mean in its usual form: a percentage, or a Gini coefficient with three decimals.
    static func value(_ metric: Metric, _ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        if metric == .welfare { return NumberText.grouped(x) }
        if metric == .gini { return NumberText.grouped(x, decimals: 3) }
        return NumberText.percent(x, decimals: metric.isIndicator ? 0 : 1)
    }

    /// `71.3% (68.0–74.1%)`.
    static func withRange(_ metric: Metric, _ s: MetricSummary) -> String {
        guard s.mean.isFinite else { return "n/a" }
        if metric.isIndicator || !s.lo.isFinite { return value(metric, s.mean) }
        return "\(value(metric, s.mean)) (\(value(metric, s.lo))–\(value(metric, s.hi)))"
    }

    static func shareRange(_ s: MetricSummary) -> String {
        guard s.mean.isFinite else { return "n/a" }
        guard s.lo.isFinite, s.hi.isFinite else { return percent(s.mean) }
        return "\(percent(s.mean)) (\(NumberText.grouped(s.lo * 100, decimals: 0))–\(percent(s.hi)))"
    }
}
