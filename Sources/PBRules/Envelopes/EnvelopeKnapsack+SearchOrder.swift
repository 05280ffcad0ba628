// The order in which the branch and bound meets the projects: values priced by the envelopes' Lagrangian
// multipliers.

extension EnvelopeKnapsack {
    /// The values that order the search: each project's value plus its envelopes' Lagrangian
    /// multipliers times its coefficients, `v_j + Σ_e (μ_e − λ_e)·a_ej`.
    ///
    /// NB: depth-first search in plain value-per-cost order decides the projects that a
    /// binding minimum needs only deep in the tree, so their choice is redone under every
    /// earlier choice. The multipliers of a relaxation that keeps only the budget (found by
    /// subgradient descent, as in `EnvelopeBranchAndBound.chooseMultipliers`) price each
    /// envelope: projects a minimum needs move up, projects a binding maximum limits move down,
    /// so the search meets the projects in the order of their worth under the envelopes.
    /// Without envelopes the values are unchanged.
    static func searchValues(
        values: [Double], costs: [Double], budget: Double, envelopes: [LinearEnvelope], lowerBound: Double?
    ) -> [Double] {
        let tolerance = tolerance(budget: budget)
        let bounded = envelopes.indices.filter { envelopes[$0].min != nil || envelopes[$0].max != nil }
        guard !bounded.isEmpty else { return values }
        let minimum = envelopes.map { $0.min.map { $0 - tolerance } ?? -.infinity }
        let maximum = envelopes.map { $0.max.map { $0 + tolerance } ?? .infinity }
        let capacity = budget + tolerance
        let n = costs.count
        var maximumWeights = [Double](repeating: 0, count: bounded.count)
        var minimumWeights = [Double](repeating: 0, count: bounded.count)
        var bestBound = Double.infinity
        var bestValues = values
        var schedule = SubgradientSchedule()
        var usage = [Double](repeating: 0, count: envelopes.count)
        for _ in 0..<150 {
            var adjusted = values
            var bound = 0.0
            for (i, e) in bounded.enumerated() {
                let weight = minimumWeights[i] - maximumWeights[i]
                if maximumWeights[i] > 0 { bound += maximumWeights[i] * maximum[e] }
                if minimumWeights[i] > 0 { bound -= minimumWeights[i] * minimum[e] }
                guard weight != 0 else { continue }
                for j in 0..<n { adjusted[j] += weight * envelopes[e].coefficients[j] }
            }
            // Dantzig's bound on the adjusted values: the budget only.
            let byDensity = (0..<n).filter { adjusted[$0] > 0 && costs[$0] <= capacity }
                .sorted { adjusted[$0] / costs[$0] > adjusted[$1] / costs[$1] }
            var left = capacity
            for e in envelopes.indices { usage[e] = 0 }
            for j in byDensity {
                guard left > 0 else { break }
                let share = min(1, left / costs[j])
                bound += adjusted[j] * share
                left -= costs[j] * share
                for e in bounded { usage[e] += envelopes[e].coefficients[j] * share }
            }
            let improved = bound < bestBound
            if improved {
                bestBound = bound
                bestValues = adjusted
            }
            schedule.record(improved: improved)
            let going = descend(
                envelopes: bounded, usage: usage, minimum: minimum, maximum: maximum, bound: bound,
                bestBound: bestBound, lowerBound: lowerBound, scale: schedule.scale,
                maximumWeights: &maximumWeights, minimumWeights: &minimumWeights)
            guard going else { break }
        }
        return bestValues
    }

    /// The step sizes of the two subgradient descents on the multipliers (the branch and bound's root
    /// bound and the search order): a scale of 2, halved after 8 steps in a row that found no better
    /// bound.
    struct SubgradientSchedule {
        private(set) var scale = 2.0
        private var stalled = 0

        /// Counts a step that found a better bound (`improved`) or not.
        mutating func record(improved: Bool) {
            if improved {
                stalled = 0
            } else {
                stalled += 1
                if stalled >= 8 {
                    scale /= 2
                    stalled = 0
                }
            }
        }
    }

    /// One projected subgradient step on the multipliers of `envelopes` (by index into `minimum` and
    /// `maximum`), with a Polyak step from `bound` towards `lowerBound` (or 95% of `bestBound` when
    /// none is known), scaled by `scale`.
    ///
    /// - Returns: `false` when the descent is over (the subgradient is 0, or the scale is spent), and
    ///   the multipliers are left as they are.
    static func descend(
        envelopes: [Int], usage: [Double], minimum: [Double], maximum: [Double], bound: Double, bestBound: Double,
        lowerBound: Double?, scale: Double, maximumWeights: inout [Double], minimumWeights: inout [Double]
    ) -> Bool {
        var gradientMaximum = [Double](repeating: 0, count: envelopes.count)
        var gradientMinimum = [Double](repeating: 0, count: envelopes.count)
        let norm = subgradient(
            envelopes: envelopes, usage: usage, minimum: minimum, maximum: maximum,
            maximumWeights: maximumWeights, minimumWeights: minimumWeights,
            gradientMaximum: &gradientMaximum, gradientMinimum: &gradientMinimum)
        guard norm > 0, scale > 1e-4 else { return false }
        let target = lowerBound.map { min($0, bestBound) } ?? 0.95 * bestBound
        let step = scale * max(bound - target, 1e-6 * max(abs(bound), 1)) / norm
        for i in envelopes.indices {
            maximumWeights[i] = max(0, maximumWeights[i] - step * gradientMaximum[i])
            minimumWeights[i] = max(0, minimumWeights[i] - step * gradientMinimum[i])
        }
        return true
    }

    /// The projected subgradient of a Lagrangian bound: for each envelope (by index into
    /// `envelopes`), the slack of its maximum (`max − a·x`) and of its minimum (`a·x − min`) at
    /// the relaxation's solution, zeroed where the multiplier is 0 and would turn negative.
    /// Returns the squared norm.
    static func subgradient(
        envelopes: [Int], usage: [Double], minimum: [Double], maximum: [Double],
        maximumWeights: [Double], minimumWeights: [Double],
        gradientMaximum: inout [Double], gradientMinimum: inout [Double]
    ) -> Double {
        var norm = 0.0
        for (i, e) in envelopes.enumerated() {
            if maximum[e] < .infinity {
                let g = maximum[e] - usage[e]
                if !(maximumWeights[i] == 0 && g > 0) {
                    gradientMaximum[i] = g
                    norm += g * g
                }
            }
            if minimum[e] > 0 {
                let g = usage[e] - minimum[e]
                if !(minimumWeights[i] == 0 && g > 0) {
                    gradientMinimum[i] = g
                    norm += g * g
                }
            }
        }
        return norm
    }
}
