/// What a finished task produced: its outcomes and metrics, as stored in the results database.
public struct TaskResult: Sendable, Hashable {
    /// One selection: a rule's outcome on an election, or a regime's selection in a simulation's run 0.
    public struct OutcomeRecord: Sendable, Hashable {
        /// The rule variant (election tasks) or the regime key (`service-led`, `blend-0.5`, ...).
        public var regime: String
        /// The funded project or proposal ids: in selection order for rules, in proposal order for regimes.
        public var selected: [String]
        /// The total cost: exact decimal text for elections (`1234567.89`), the effective cost for regimes.
        public var cost: String

        /// Creates a record.
        public init(regime: String, selected: [String], cost: String) {
            self.regime = regime
            self.selected = selected
            self.cost = cost
        }
    }

    /// One measured value: for a simulation the mean over the task's runs with the central 95% interval,
    /// for an election one value (no interval).
    public struct MetricRecord: Sendable, Hashable {
        /// The rule variant or regime key (`all` for what concerns every regime, e.g. `voters`).
        public var regime: String
        /// The metric's name (`efficiency`, `coverage:families-east`, `budget_use`, ...).
        public var metric: String
        /// The value or mean; `nil` when undefined (NaN).
        public var value: Double?
        /// The 2.5% quantile over the runs, for simulations.
        public var low: Double?
        /// The 97.5% quantile over the runs, for simulations.
        public var high: Double?

        /// Creates a record; NaN and infinities are stored as `nil`.
        public init(regime: String, metric: String, value: Double?, low: Double? = nil, high: Double? = nil) {
            self.regime = regime
            self.metric = metric
            self.value = value.flatMap { $0.isFinite ? $0 : nil }
            self.low = low.flatMap { $0.isFinite ? $0 : nil }
            self.high = high.flatMap { $0.isFinite ? $0 : nil }
        }
    }

    /// The outcomes.
    public var outcomes: [OutcomeRecord]
    /// The metrics.
    public var metrics: [MetricRecord]

    /// Creates a result.
    public init(outcomes: [OutcomeRecord], metrics: [MetricRecord]) {
        self.outcomes = outcomes
        self.metrics = metrics
    }
}
