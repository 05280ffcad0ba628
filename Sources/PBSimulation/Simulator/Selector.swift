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
}
