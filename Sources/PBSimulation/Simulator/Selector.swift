import PBRules

/// Picks selections within the budget and every envelope: greedy by score per cost, a rule's ranking
/// made to respect the envelopes, or the exact maximum of a score.
///
/// Every selection the simulator makes goes through here, so every one of them respects the budget
/// and the envelopes (``EnvelopeKnapsack`` does the work).
struct Selector: Sendable {
    /// The cost the budget pays for each proposal.
    let costs: [Double]
    /// The budget.
    let budget: Double
    /// The envelopes.
    let envelopes: [LinearEnvelope]

    /// The proposals with a positive score, best score per cost first (ties to the lower index).
    ///
    /// - Parameter scores: One score `>= 0` per proposal.
    /// - Returns: The ranking.
    func ranking(byScorePerCost scores: [Double]) -> [Int] {
        let ratio = scores.indices.map { scores[$0] / costs[$0] }
        return scores.indices.filter { scores[$0] > 0 }.sorted { a, b in
            ratio[a] != ratio[b] ? ratio[a] > ratio[b] : a < b
        }
    }

    /// Greedy by score per cost: fund the proposals in ``ranking(byScorePerCost:)`` order, skipping
    /// what no longer fits the money left or an envelope (then topping up unmet minimums).
    ///
    /// - Parameter scores: One score `>= 0` per proposal.
    /// - Returns: The funded proposals, ascending.
    func greedy(scores: [Double]) -> [Int] {
        constrain(ranking(byScorePerCost: scores))
    }

    /// A rule's ranking (or selection in order) made to respect the budget and every envelope.
    ///
    /// - Parameter priority: Distinct proposal indices, best first.
    /// - Returns: The funded proposals, ascending.
    func constrain(_ priority: [Int]) -> [Int] {
        guard
            let selection = EnvelopeKnapsack.constrainedSelection(
                priority: priority, costs: costs, budget: budget, envelopes: envelopes)
        else {
            // NB: the simulator checks at set-up that some selection meets every minimum, which is
            // exactly when this cannot be nil.
            preconditionFailure("constrainedSelection found no feasible selection after a feasible optimum")
        }
        return selection.sorted()
    }

    /// The exact maximum of the total score within the budget and every envelope.
    ///
    /// - Parameter values: One value `>= 0` per proposal.
    /// - Returns: The funded proposals, ascending, or `nil` when no selection meets the minimums.
    func maximum(values: [Double]) -> [Int]? {
        EnvelopeKnapsack.maximize(values: values, costs: costs, budget: budget, envelopes: envelopes)?.sorted()
    }

    /// A greedy selection by score per cost, or `nil` when no selection meets the minimums.
    func greedyIfFeasible(scores: [Double]) -> [Int]? {
        EnvelopeKnapsack.constrainedSelection(
            priority: ranking(byScorePerCost: scores), costs: costs, budget: budget, envelopes: envelopes)?.sorted()
    }

    /// The second pot of a split (MODEL.md section 2.4): a selection among the proposals not in
    /// `funded`, within `budget`, with every envelope counting what `funded` already spends in it.
    ///
    /// Minimums the first pot has not met bind the second; if no selection can meet them any more,
    /// they are dropped (the maximums and the budget always hold).
    ///
    /// - Parameters:
    ///   - funded: The proposals the first pot funded.
    ///   - costs: Every proposal's cost.
    ///   - budget: The second pot's money.
    ///   - envelopes: The envelopes on the total.
    ///   - scores: Every proposal's score.
    ///   - exact: Whether to maximise the total score (else greedy by score per cost).
    /// - Returns: The proposals the second pot funds, ascending, disjoint from `funded`.
    static func rest(
        funded: [Int], costs: [Double], budget: Double, envelopes: [LinearEnvelope], scores: [Double], exact: Bool
    ) -> [Int] {
        var isFunded = [Bool](repeating: false, count: costs.count)
        for j in funded { isFunded[j] = true }
        let remaining = costs.indices.filter { !isFunded[$0] }
        guard !remaining.isEmpty, budget > 0 else { return [] }
        let tolerance = EnvelopeKnapsack.relativeTolerance * max(abs(budget), 1)
        func reduced(keepingMinimums: Bool) -> [LinearEnvelope] {
            envelopes.map { envelope in
                var fixed = 0.0
                for j in funded { fixed += envelope.coefficients[j] }
                let minimum = keepingMinimums ? envelope.min.flatMap { $0 - fixed > tolerance ? $0 - fixed : nil } : nil
                return LinearEnvelope(
                    coefficients: remaining.map { envelope.coefficients[$0] }, min: minimum,
                    max: envelope.max.map { max(0, $0 - fixed) }, label: envelope.label)
            }
        }
        let subScores = remaining.map { scores[$0] }
        for keepingMinimums in [true, false] {
            let selector = Selector(
                costs: remaining.map { costs[$0] }, budget: budget, envelopes: reduced(keepingMinimums: keepingMinimums)
            )
            let picked = exact ? selector.maximum(values: subScores) : selector.greedyIfFeasible(scores: subScores)
            if let picked { return picked.map { remaining[$0] }.sorted() }
        }
        return []
    }
}
