/// What one regime chose in one Monte Carlo run, and how it measured.
///
/// ```swift
/// let run = try simulator.outcome(ofRun: 0)
/// let coProduced = run.regimes[simulator.regimes.firstIndex(of: .coProduced)!]
/// coProduced.selection                  // funded proposal indices, ascending
/// coProduced.values[.efficiency]        // e.g. 0.93
/// ```
public struct RegimeRun: Sendable, Hashable {
    /// The funded proposals (indices into the scenario's proposals, or the election's projects), ascending.
    public var selection: [Int]
    /// The run's value of each metric that applies (NaN where it is undefined in this run).
    public var values: [Metric: Double]
    /// Need coverage of each group, in population order (empty with real ballots).
    public var coverageByGroup: [Double]
    /// For each spend breakdown (see ``SimulationResult/breakdowns``), the share of the selection's
    /// spend attributed to each of its categories.
    public var spendShares: [[Double]]
    /// For each spend breakdown, the total variation distance between spend and need over its
    /// categories (NaN when nothing is attributed to them).
    public var divergence: [Double]
    /// The EJR-1 verdict, for approval ballots.
    public var ejr: EJRCheck.Verdict?

    /// Creates a record.
    ///
    /// - Parameters:
    ///   - selection: The funded proposals, ascending.
    ///   - values: The metric values.
    ///   - coverageByGroup: Coverage per group.
    ///   - spendShares: Spend shares per breakdown.
    ///   - divergence: Spend–need divergence per breakdown.
    ///   - ejr: The EJR-1 verdict, if checked.
    public init(
        selection: [Int], values: [Metric: Double], coverageByGroup: [Double], spendShares: [[Double]],
        divergence: [Double], ejr: EJRCheck.Verdict?
    ) {
        self.selection = selection
        self.values = values
        self.coverageByGroup = coverageByGroup
        self.spendShares = spendShares
        self.divergence = divergence
        self.ejr = ejr
    }
}

/// Everything one Monte Carlo run produced: one ``RegimeRun`` per regime, in the simulator's regime order.
public struct RunOutcome: Sendable, Hashable {
    /// The run index (its random stream).
    public var run: Int
    /// One record per regime, aligned with ``Simulator/regimes``.
    public var regimes: [RegimeRun]
    /// The number of ballots cast in the co-produced process (the real ballots' count with an election).
    public var voters: Int
    /// The co-produced ballots of this run counted with each rule of ``Simulator/sensitivityRules``
    /// (MODEL.md section 3, rule sensitivity), aligned with it; empty when not computed.
    public var ruleSensitivity: [RegimeRun]

    /// Creates a run record.
    ///
    /// - Parameters:
    ///   - run: The run index.
    ///   - regimes: One record per regime.
    ///   - voters: The number of ballots cast.
    ///   - ruleSensitivity: The same ballots counted with other rules.
    public init(run: Int, regimes: [RegimeRun], voters: Int, ruleSensitivity: [RegimeRun] = []) {
        self.run = run
        self.regimes = regimes
        self.voters = voters
        self.ruleSensitivity = ruleSensitivity
    }
}
