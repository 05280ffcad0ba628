/// A way of splitting spend into categories, set beside each category's share of need.
///
/// Simulated worlds have a `district` breakdown (spend on proposals located in each district; city-wide
/// proposals are attributed to no district) and a `domain` breakdown (each proposal's effective cost
/// shared out by ``PBScenario/Scenario/domainShares(of:)``). Real elections have `category` and `target`
/// breakdowns (a project's cost shared equally among its categories, or target groups, as listed in
/// the `.pb` file).
///
/// Need shares are normalised over the categories; spend shares are shares of the whole selection's
/// spend, so they add up to less than 1 when part of it is attributed to no category (reported as
/// ``unattributedLabel``). The divergence compares the two after normalising spend over the categories.
public struct SpendBreakdown: Sendable, Hashable {
    /// `district`, `domain`, `category` or `target`.
    public var name: String
    /// The categories, in scenario (or first-appearance) order.
    public var labels: [String]
    /// Each category's share of need (world: people times need; election: assessed need weights).
    public var needShares: [Double]
    /// The name of spend attributed to no category (`city-wide` for districts), if there can be any.
    public var unattributedLabel: String?
    /// `attribution[j][l]`: the share of proposal `j`'s cost attributed to category `l`.
    var attribution: [[Double]]

    /// Creates a breakdown.
    ///
    /// - Parameters:
    ///   - name: The breakdown's name.
    ///   - labels: The categories.
    ///   - needShares: Each category's share of need.
    ///   - unattributedLabel: The name of unattributed spend, if any.
    ///   - attribution: Per proposal, the share of its cost attributed to each category.
    public init(
        name: String, labels: [String], needShares: [Double], unattributedLabel: String?, attribution: [[Double]]
    ) {
        self.name = name
        self.labels = labels
        self.needShares = needShares
        self.unattributedLabel = unattributedLabel
        self.attribution = attribution
    }

    /// The selection's spend share per category and the spend–need divergence.
    ///
    /// - Parameters:
    ///   - selection: The funded proposals.
    ///   - costs: The cost each proposal spends.
    /// - Returns: Spend shares of the whole spend (NaN when nothing is spent) and the total
    ///   variation distance between spend and need over the categories.
    func measure(selection: [Int], costs: [Double]) -> (shares: [Double], divergence: Double) {
        var spend = [Double](repeating: 0, count: labels.count)
        var total = 0.0
        for j in selection.sorted() {
            total += costs[j]
            let row = attribution[j]
            for l in row.indices where row[l] > 0 { spend[l] += costs[j] * row[l] }
        }
        guard total > 0 else { return (spend.map { _ in .nan }, .nan) }
        return (spend.map { $0 / total }, Measures.totalVariationDistance(spend, needShares))
    }
}

/// The co-produced ballots counted with one rule, summarised over the runs (MODEL.md section 3).
public struct RuleSensitivity: Sendable, Hashable {
    /// The rule, as the scenario file names it (`greedy`, `mes`, `mes-add1-greedy`).
    public var rule: String
    /// The summary of each metric, as for a regime.
    public var metrics: [Metric: MetricSummary]

    /// Creates a row.
    ///
    /// - Parameters:
    ///   - rule: The rule's name.
    ///   - metrics: The metric summaries.
    public init(rule: String, metrics: [Metric: MetricSummary]) {
        self.rule = rule
        self.metrics = metrics
    }
}

/// One regime's metrics summarised over the runs: means and 95% intervals of the outcomes.
///
/// Each ``GSL/Statistics/Summary`` gives the mean and the central 95% interval of the run outcomes
/// (the 2.5% and 97.5% quantiles); runs where a metric is undefined are left out of its summary.
public struct RegimeSummary: Sendable, Hashable {
    /// The regime.
    public var regime: RegimeID
    /// The summary of each metric that applies to the regime.
    public var metrics: [Metric: MetricSummary]
    /// The summary of each group's need coverage, in population order (empty with real ballots).
    public var coverageByGroup: [MetricSummary]
    /// For each breakdown of ``SimulationResult/breakdowns``, the summary of each category's spend share.
    public var spendShares: [[MetricSummary]]
    /// For each breakdown, the summary of the spend–need divergence.
    public var divergence: [MetricSummary]
    /// In how many runs the EJR-1 check found a violation (approval ballots only).
    public var ejrViolations: Int
    /// In how many runs the EJR-1 check could not decide within its node limit.
    public var ejrUndetermined: Int
    /// The share of runs that fund each proposal, in proposal order (MODEL.md section 3).
    public var fundingProbability: [Double]
    /// For the co-produced regime: the same ballots counted with other rules, each rule's metric
    /// summaries (empty for other regimes, or when not computed).
    public var ruleSensitivity: [RuleSensitivity]

    /// Creates a summary.
    ///
    /// - Parameters:
    ///   - regime: The regime.
    ///   - metrics: The metric summaries.
    ///   - coverageByGroup: Coverage summaries per group.
    ///   - spendShares: Spend-share summaries per breakdown and category.
    ///   - divergence: Divergence summaries per breakdown.
    ///   - ejrViolations: Runs with an EJR-1 violation.
    ///   - ejrUndetermined: Runs where the EJR-1 check did not decide.
    ///   - fundingProbability: The share of runs funding each proposal.
    ///   - ruleSensitivity: The ballots counted with other rules.
    public init(
        regime: RegimeID, metrics: [Metric: MetricSummary], coverageByGroup: [MetricSummary],
        spendShares: [[MetricSummary]], divergence: [MetricSummary], ejrViolations: Int,
        ejrUndetermined: Int, fundingProbability: [Double] = [], ruleSensitivity: [RuleSensitivity] = []
    ) {
        self.fundingProbability = fundingProbability
        self.ruleSensitivity = ruleSensitivity
        self.regime = regime
        self.metrics = metrics
        self.coverageByGroup = coverageByGroup
        self.spendShares = spendShares
        self.divergence = divergence
        self.ejrViolations = ejrViolations
        self.ejrUndetermined = ejrUndetermined
    }
}

extension RegimeSummary {
    /// Whether every figure of the two summaries is the same, NaN matching NaN (which `==` does not
    /// say, and a summary of one run has a NaN standard deviation).
    ///
    /// - Parameter other: Another regime's summary.
    /// - Returns: `true` when the regimes and all their figures are equal.
    public func hasSameFigures(as other: RegimeSummary) -> Bool {
        func same(_ a: MetricSummary, _ b: MetricSummary) -> Bool {
            func equal(_ x: Double, _ y: Double) -> Bool { x == y || (x.isNaN && y.isNaN) }
            return equal(a.mean, b.mean) && equal(a.lo, b.lo) && equal(a.hi, b.hi) && equal(a.sd, b.sd)
                && a.count == b.count
        }
        func same(_ a: [Metric: MetricSummary], _ b: [Metric: MetricSummary]) -> Bool {
            a.count == b.count && a.allSatisfy { key, value in b[key].map { same(value, $0) } ?? false }
        }
        func same(_ a: [MetricSummary], _ b: [MetricSummary]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
        }
        return regime == other.regime && same(metrics, other.metrics)
            && same(coverageByGroup, other.coverageByGroup)
            && spendShares.count == other.spendShares.count
            && zip(spendShares, other.spendShares).allSatisfy { same($0, $1) }
            && same(divergence, other.divergence) && ejrViolations == other.ejrViolations
            && ejrUndetermined == other.ejrUndetermined && fundingProbability == other.fundingProbability
            && ruleSensitivity.count == other.ruleSensitivity.count
            && zip(ruleSensitivity, other.ruleSensitivity).allSatisfy {
                $0.rule == $1.rule && same($0.metrics, $1.metrics)
            }
    }
}

/// The result of `pbsim simulate`: every regime's metrics over the runs, and run 0's selections.
///
/// ```swift
/// let result = try Simulator(scenario: scenario).run(runs: 200, seed: 42)
/// let co = result.summary(of: .coProduced)!
/// print(co.metrics[.coverage]!.mean)
/// ```
public struct SimulationResult: Sendable, Hashable {
    /// The scenario's name.
    public var scenario: String
    /// The scenario's currency.
    public var currency: String
    /// The master seed.
    public var seed: UInt64
    /// The number of Monte Carlo runs.
    public var runs: Int
    /// The budget `B`.
    public var budget: Double
    /// Whether the proposals and ballots came from a real election (MODEL.md section 6).
    public var realBallots: Bool
    /// The kind of ballots (`approval`, `cumulative`, `cardinal`, or the election's vote type).
    public var ballotKind: String
    /// The regimes' summaries, in the simulator's order.
    public var regimes: [RegimeSummary]
    /// The proposal ids.
    public var proposalIDs: [String]
    /// The group ids, in population order (empty with real ballots).
    public var groupIDs: [String]
    /// The group sizes, in population order.
    public var groupSizes: [Int]
    /// The spend breakdowns.
    public var breakdowns: [SpendBreakdown]
    /// The number of ballots cast per run.
    public var voters: MetricSummary
    /// Every run's outcome, in run order.
    public var outcomes: [RunOutcome]

    /// Creates a result.
    ///
    /// - Parameters:
    ///   - scenario: The scenario's name.
    ///   - currency: The currency.
    ///   - seed: The master seed.
    ///   - runs: The number of runs.
    ///   - budget: The budget.
    ///   - realBallots: Whether the ballots are real.
    ///   - ballotKind: The kind of ballots.
    ///   - regimes: The regime summaries.
    ///   - proposalIDs: The proposal ids.
    ///   - groupIDs: The group ids.
    ///   - groupSizes: The group sizes.
    ///   - breakdowns: The spend breakdowns.
    ///   - voters: Ballots cast per run.
    ///   - outcomes: Every run's outcome.
    public init(
        scenario: String, currency: String, seed: UInt64, runs: Int, budget: Double, realBallots: Bool,
        ballotKind: String, regimes: [RegimeSummary], proposalIDs: [String], groupIDs: [String], groupSizes: [Int],
        breakdowns: [SpendBreakdown], voters: MetricSummary, outcomes: [RunOutcome]
    ) {
        self.scenario = scenario
        self.currency = currency
        self.seed = seed
        self.runs = runs
        self.budget = budget
        self.realBallots = realBallots
        self.ballotKind = ballotKind
        self.regimes = regimes
        self.proposalIDs = proposalIDs
        self.groupIDs = groupIDs
        self.groupSizes = groupSizes
        self.breakdowns = breakdowns
        self.voters = voters
        self.outcomes = outcomes
    }

    /// The summary of a regime, if the simulation has it.
    ///
    /// - Parameter regime: The regime.
    /// - Returns: Its summary, or `nil`.
    public func summary(of regime: RegimeID) -> RegimeSummary? {
        regimes.first { $0.regime == regime }
    }

    /// The proposal ids each regime funded in run 0, in proposal order, aligned with ``regimes``.
    public var exampleRun: [[String]] {
        guard let first = outcomes.first else { return regimes.map { _ in [] } }
        return first.regimes.map { run in run.selection.map { proposalIDs[$0] } }
    }

    /// Summarises run outcomes into regime summaries.
    ///
    /// - Parameters:
    ///   - regimes: The regimes, aligned with each outcome's records.
    ///   - outcomes: The runs.
    ///   - groupCount: The number of groups.
    ///   - breakdowns: The spend breakdowns.
    /// - Returns: One summary per regime.
    static func summarize(
        regimes: [RegimeID], outcomes: [RunOutcome], groupCount: Int, breakdowns: [SpendBreakdown],
        proposalCount: Int = 0, sensitivityRules: [String] = []
    ) -> [RegimeSummary] {
        regimes.indices.map { r in
            let records = outcomes.map { $0.regimes[r] }
            let metrics = metricSummaries(records)
            var funded = [Int](repeating: 0, count: proposalCount)
            for record in records {
                for j in record.selection where j < proposalCount { funded[j] += 1 }
            }
            let funding = funded.map { Double($0) / Double(max(records.count, 1)) }
            var sensitivity: [RuleSensitivity] = []
            if regimes[r] == .coProduced {
                for (i, rule) in sensitivityRules.enumerated() {
                    let rows = outcomes.compactMap {
                        $0.ruleSensitivity.indices.contains(i) ? $0.ruleSensitivity[i] : nil
                    }
                    if !rows.isEmpty { sensitivity.append(RuleSensitivity(rule: rule, metrics: metricSummaries(rows))) }
                }
            }
            let coverage = (0..<groupCount).map { g in
                Measures.summarizeDefined(records.map { $0.coverageByGroup.isEmpty ? .nan : $0.coverageByGroup[g] })
            }
            let shares = breakdowns.indices.map { b in
                breakdowns[b].labels.indices.map { l in
                    Measures.summarizeDefined(records.map { $0.spendShares[b][l] })
                }
            }
            let divergence = breakdowns.indices.map { b in
                Measures.summarizeDefined(records.map { $0.divergence[b] })
            }
            var violations = 0
            var undetermined = 0
            for record in records {
                switch record.ejr {
                case .violated: violations += 1
                case .undetermined: undetermined += 1
                default: break
                }
            }
            return RegimeSummary(
                regime: regimes[r], metrics: metrics, coverageByGroup: coverage, spendShares: shares,
                divergence: divergence, ejrViolations: violations, ejrUndetermined: undetermined,
                fundingProbability: funding, ruleSensitivity: sensitivity)
        }
    }

    /// The summary of every metric the records carry (runs where one is undefined left out).
    static func metricSummaries(_ records: [RegimeRun]) -> [Metric: MetricSummary] {
        var metrics: [Metric: MetricSummary] = [:]
        for metric in Metric.allCases where records.first?.values[metric] != nil {
            metrics[metric] = Measures.summarizeDefined(records.map { $0.values[metric] ?? .nan })
        }
        return metrics
    }
}
