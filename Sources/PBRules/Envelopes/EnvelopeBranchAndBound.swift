/// The depth-first branch and bound behind ``EnvelopeKnapsack/maximize(values:costs:budget:envelopes:tieRank:)``.
///
/// Projects are renumbered as *positions* in the search order; `order[position]` is the
/// project's index. A node at `position` has decided every earlier position; the later ones
/// are free. All limits already include the tolerance: `minimum = min − tol`,
/// `maximum = max + tol`, `budgetLimit = budget + tol`.
///
/// The bound at a node is the smaller of two relaxations, each an upper bound on every
/// feasible completion:
///
/// - the *plain* relaxation: the linear relaxation over the budget and the laminar envelopes
///   (disjoint envelopes whose coefficients are full costs), every other envelope dropped;
/// - the *Lagrangian* relaxation: the same, with the other envelopes moved into the objective
///   with fixed multipliers `λ ≥ 0` (Fisher, "The Lagrangian relaxation method for solving
///   integer programming problems", Management Science 27(1), 1981), chosen once at the root by
///   subgradient descent. For any `λ ≥ 0` and any feasible completion `x`,
///   `v·x <= v·x + Σ λ_max (slack − a·x) + Σ λ_min (a·x − need)`, whose maximum over the
///   laminar relaxation is the bound; so the bound stays valid at every node.
final class EnvelopeBranchAndBound {
    private struct Term {
        let envelope: Int
        let coefficient: Double
    }

    /// One linear relaxation over the budget and the laminar envelopes: the values it uses,
    /// and the orders its greedy fill takes positions in.
    private struct Relaxation {
        /// Value per position (the project's value, or its Lagrangian value).
        var value: [Double]
        /// Value per cost per position.
        var density: [Double]
        /// Every position, by decreasing density (ties by position).
        var order: [Int]
        /// Whether `order` is the search order itself (`order[k] == k`).
        var isSearchOrder: Bool
        /// Per laminar envelope: its positions by decreasing density.
        var laminarOrder: [[Int]]
        /// Multipliers of relaxed maximums `(envelope, λ)` and minimums `(envelope, μ)`.
        var maximumMultipliers: [(envelope: Int, weight: Double)] = []
        var minimumMultipliers: [(envelope: Int, weight: Double)] = []
    }

    // MARK: - Problem, by position

    private let order: [Int]
    private let value: [Double]
    private let cost: [Double]
    private let count: Int
    private let budgetLimit: Double
    /// Slack for cuts that compare amounts computed in different orders (rounding only).
    private let roundingSlack: Double
    /// Values closer than this count as equal (see the tie rule of `maximize`).
    private let tieSlack: Double

    private let minimum: [Double]
    private let maximum: [Double]
    /// Per envelope, per position: the coefficient.
    private let coefficients: [[Double]]
    /// Per position: the envelopes with a nonzero coefficient for it.
    private let terms: [[Term]]
    /// Per position: the envelopes with a maximum and a nonzero coefficient for it.
    private let maximumTerms: [[Term]]
    /// Envelopes with a minimum above zero.
    private let minimumEnvelopes: [Int]
    /// Per minimum envelope (parallel to `minimumEnvelopes`): suffix sums of its coefficients.
    private let suffix: [[Double]]
    /// Per minimum envelope: the largest coefficient per cost.
    private let ratio: [Double]
    /// Families of minimum envelopes (indices into `minimumEnvelopes`) that share out costs.
    private let families: [[Int]]
    /// Disjoint envelopes whose coefficients are the full cost or 0 (kept in the relaxation).
    private let laminar: [Int]
    /// Per position: index into `laminar` of the envelope holding it, or -1.
    private let laminarOf: [Int]
    /// The envelopes the plain relaxation drops.
    private let relaxed: [Int]

    private let plain: Relaxation
    private var lagrangian: Relaxation?

    // MARK: - Search state

    private var spent = 0.0
    private var sums: [Double]
    private var current = 0.0
    private var unmet = 0
    private var taken: [Bool]
    private var best = -Double.infinity
    private var bestTaken: [Bool]?

    // Scratch space of the relaxations.
    private var fraction: [Double]
    private var touched: [Int] = []
    private var slack: [Double]

    /// Prepares the search.
    ///
    /// - Parameter priority: Per project, its value adjusted by the envelopes' multipliers
    ///   (see ``EnvelopeKnapsack/searchValues(values:costs:budget:envelopes:lowerBound:)``); the
    ///   search takes projects in decreasing `priority / cost`, then decreasing value per cost,
    ///   then increasing `tieRank`, then increasing index.
    init(
        values: [Double], costs: [Double], budget: Double, envelopes: [LinearEnvelope], tieRank: [Int],
        priority: [Double]
    ) {
        let tolerance = EnvelopeKnapsack.tolerance(budget: budget)
        budgetLimit = budget + tolerance
        roundingSlack = 1e-12 * max(abs(budget), 1)
        let minimum = envelopes.map { $0.min.map { $0 - tolerance } ?? -.infinity }
        let maximum = envelopes.map { $0.max.map { $0 + tolerance } ?? .infinity }
        self.minimum = minimum
        self.maximum = maximum

        // Only projects that can be funded on their own take part.
        let candidates = costs.indices.filter { j in
            costs[j] <= budget + tolerance
                && envelopes.indices.allSatisfy { envelopes[$0].coefficients[j] <= maximum[$0] }
        }
        let order = candidates.sorted { a, b in
            let pa = priority[a] / costs[a]
            let pb = priority[b] / costs[b]
            if pa != pb { return pa > pb }
            let da = values[a] / costs[a]
            let db = values[b] / costs[b]
            if da != db { return da > db }
            if tieRank[a] != tieRank[b] { return tieRank[a] < tieRank[b] }
            return a < b
        }
        self.order = order
        count = order.count
        let value = order.map { values[$0] }
        let cost = order.map { costs[$0] }
        self.value = value
        self.cost = cost
        var totalValue = 0.0
        for v in values { totalValue += v }
        tieSlack = 1e-12 * totalValue

        let coefficients = envelopes.map { envelope in order.map { envelope.coefficients[$0] } }
        self.coefficients = coefficients
        let terms = order.indices.map { position in
            envelopes.indices.compactMap { e in
                coefficients[e][position] > 0 ? Term(envelope: e, coefficient: coefficients[e][position]) : nil
            }
        }
        self.terms = terms
        maximumTerms = terms.map { $0.filter { maximum[$0.envelope] < .infinity } }

        let minimumEnvelopes = envelopes.indices.filter { minimum[$0] > 0 }
        self.minimumEnvelopes = minimumEnvelopes
        var suffix: [[Double]] = []
        var ratio: [Double] = []
        for e in minimumEnvelopes {
            var column = [Double](repeating: 0, count: order.count + 1)
            var largest = 0.0
            for position in stride(from: order.count - 1, through: 0, by: -1) {
                column[position] = column[position + 1] + coefficients[e][position]
                largest = max(largest, coefficients[e][position] / cost[position])
            }
            suffix.append(column)
            ratio.append(largest)
        }
        self.suffix = suffix
        self.ratio = ratio
        let positionEnvelopes = envelopes.indices.map { e in
            LinearEnvelope(coefficients: coefficients[e], min: envelopes[e].min, max: envelopes[e].max)
        }
        let familiesByEnvelope = EnvelopeKnapsack.minimumFamilies(
            minimumEnvelopes, costs: cost, envelopes: positionEnvelopes)
        families = familiesByEnvelope.map { family in family.map { minimumEnvelopes.firstIndex(of: $0)! } }

        // Laminar envelopes: coefficient == cost or 0 for every candidate, disjoint supports.
        var laminar: [Int] = []
        var laminarOf = [Int](repeating: -1, count: order.count)
        var laminarPositions: [[Int]] = []
        var relaxed: [Int] = []
        for e in envelopes.indices where minimum[e] > 0 || maximum[e] < .infinity {
            let positions = order.indices.filter { coefficients[e][$0] > 0 }
            guard positions.allSatisfy({ coefficients[e][$0] == cost[$0] && laminarOf[$0] < 0 }) else {
                relaxed.append(e)
                continue
            }
            for position in positions { laminarOf[position] = laminar.count }
            laminar.append(e)
            laminarPositions.append(positions)
        }
        self.laminar = laminar
        self.laminarOf = laminarOf
        self.relaxed = relaxed
        let density = order.indices.map { value[$0] / cost[$0] }
        let byDensity = { (a: Int, b: Int) -> Bool in density[a] != density[b] ? density[a] > density[b] : a < b }
        let plainOrder = order.indices.sorted(by: byDensity)
        plain = Relaxation(
            value: value, density: density, order: plainOrder,
            isSearchOrder: plainOrder.elementsEqual(order.indices),
            laminarOrder: laminarPositions.map { $0.sorted(by: byDensity) })

        sums = [Double](repeating: 0, count: envelopes.count)
        unmet = minimumEnvelopes.count
        taken = [Bool](repeating: false, count: order.count)
        fraction = [Double](repeating: 0, count: order.count)
        slack = [Double](repeating: 0, count: laminar.count)
    }

    /// Runs the search; the funded projects of the optimum as increasing indices, or `nil`.
    ///
    /// - Parameter lowerBound: The value of a feasible selection, if one is known; it only
    ///   aims the choice of multipliers.
    func run(lowerBound: Double?) -> [Int]? {
        // NB: an empty selection breaking a maximum (a negative maximum, or a negative budget) is
        // infeasible, and every other selection then is too, as coefficients and costs are >= 0.
        guard 0 <= budgetLimit, maximum.allSatisfy({ 0 <= $0 }) else { return nil }
        if !relaxed.isEmpty { chooseMultipliers(lowerBound: lowerBound) }
        visit(0)
        guard let bestTaken else { return nil }
        return bestTaken.indices.filter { bestTaken[$0] }.map { order[$0] }.sorted()
    }

    // MARK: - Depth-first search

    private func visit(_ position: Int) {
        if unmet == 0 && current > best + tieSlack {
            best = current
            bestTaken = taken
        }
        guard position < count else { return }
        guard let bound = upperBound(from: position), current + bound > best + tieSlack else { return }
        // NB: "fund" first, except for a project of value 0, which should be funded only when
        // a minimum needs it: skipping it first finds the selections without it first.
        let fundFirst = value[position] > 0
        if !fundFirst { visit(position + 1) }
        if fits(position) {
            include(position)
            visit(position + 1)
            remove(position)
        }
        if fundFirst { visit(position + 1) }
    }

    private func fits(_ position: Int) -> Bool {
        guard spent + cost[position] <= budgetLimit else { return false }
        for term in maximumTerms[position] where sums[term.envelope] + term.coefficient > maximum[term.envelope] {
            return false
        }
        return true
    }

    private func include(_ position: Int) {
        taken[position] = true
        spent += cost[position]
        current += value[position]
        for term in terms[position] {
            let before = sums[term.envelope]
            let after = before + term.coefficient
            sums[term.envelope] = after
            let threshold = minimum[term.envelope]
            if threshold > 0 && before < threshold && after >= threshold { unmet -= 1 }
        }
    }

    private func remove(_ position: Int) {
        taken[position] = false
        spent -= cost[position]
        current -= value[position]
        for term in terms[position] {
            let before = sums[term.envelope]
            let after = before - term.coefficient
            sums[term.envelope] = after
            let threshold = minimum[term.envelope]
            if threshold > 0 && before >= threshold && after < threshold { unmet += 1 }
        }
    }

    // MARK: - Bounds

    /// An upper bound on the value that projects from `position` on can add to the current
    /// selection while keeping it feasible, or `nil` when no completion is feasible.
    private func upperBound(from position: Int) -> Double? {
        let room = budgetLimit - spent
        // Unmet minimums, one at a time and by family.
        for (m, e) in minimumEnvelopes.enumerated() where sums[e] < minimum[e] {
            let need = minimum[e] - sums[e] - roundingSlack
            if suffix[m][position] < need || room * ratio[m] * (1 + 1e-12) < need { return nil }
        }
        for family in families {
            var need = 0.0
            for m in family { need += max(0, minimum[minimumEnvelopes[m]] - sums[minimumEnvelopes[m]]) }
            if need > room * (1 + 1e-12) + roundingSlack { return nil }
        }
        guard let plainBound = solve(plain, from: position) else { return nil }
        guard let lagrangian else { return plainBound }
        guard let lagrangianBound = solve(lagrangian, from: position) else { return nil }
        return min(plainBound, lagrangianBound)
    }

    /// The optimum of a linear relaxation over the positions from `position` on, in the current
    /// state: fill each unmet laminar minimum with its densest admissible positions, then the
    /// money left with the densest positive ones (greedy is optimal over this laminar family of
    /// capacities). Adds the multipliers' constant terms. `nil` when a laminar minimum cannot
    /// be met.
    ///
    /// - Parameter usage: When given, receives `a·x` of the solution `x` for each envelope.
    private func solve(_ relaxation: Relaxation, from position: Int, usage: UsageBuffer? = nil) -> Double? {
        let room = budgetLimit - spent
        var capacity = room
        for (p, e) in laminar.enumerated() { slack[p] = maximum[e] - sums[e] }
        var bound = 0.0
        for (e, weight) in relaxation.maximumMultipliers { bound += weight * (maximum[e] - sums[e]) }
        for (e, weight) in relaxation.minimumMultipliers { bound -= weight * (minimum[e] - sums[e]) }
        defer {
            for t in touched { fraction[t] = 0 }
            touched.removeAll(keepingCapacity: true)
        }
        for (p, e) in laminar.enumerated() where sums[e] < minimum[e] {
            var need = minimum[e] - sums[e]
            for j in relaxation.laminarOrder[p] where j >= position {
                guard need > 0 else { break }
                guard admissible(j, room: room) else { continue }
                let amount = min(cost[j], need, slack[p], capacity)
                guard amount > 0 else { break }
                fraction[j] = amount / cost[j]
                touched.append(j)
                bound += relaxation.density[j] * amount
                need -= amount
                slack[p] -= amount
                capacity -= amount
            }
            if need > roundingSlack { return nil }
        }
        var k = relaxation.isSearchOrder ? position : 0
        let order = relaxation.order
        while k < count && capacity > 0 {
            let j = order[k]
            k += 1
            guard j >= position else { continue }
            guard relaxation.density[j] > 0 else { break }
            guard admissible(j, room: room) else { continue }
            var amount = cost[j] * (1 - fraction[j])
            let p = laminarOf[j]
            if p >= 0 { amount = min(amount, slack[p]) }
            amount = min(amount, capacity)
            guard amount > 0 else { continue }
            if fraction[j] == 0 { touched.append(j) }
            fraction[j] += amount / cost[j]
            bound += relaxation.density[j] * amount
            capacity -= amount
            if p >= 0 { slack[p] -= amount }
        }
        if let usage {
            for e in usage.values.indices {
                var total = 0.0
                for j in touched { total += coefficients[e][j] * fraction[j] }
                usage.values[e] = total
            }
        }
        return bound
    }

    /// Whether the project at `position` could still be funded on its own.
    private func admissible(_ position: Int, room: Double) -> Bool {
        guard cost[position] <= room else { return false }
        for term in maximumTerms[position] where sums[term.envelope] + term.coefficient > maximum[term.envelope] {
            return false
        }
        return true
    }

    // MARK: - Multipliers

    /// Receives the envelope sums of a relaxation's solution (a class, so `solve` can fill it).
    private final class UsageBuffer {
        var values: [Double]
        init(count: Int) { values = [Double](repeating: 0, count: count) }
    }

    /// The Lagrangian relaxation with multipliers `maximumWeights`/`minimumWeights` on `relaxed`.
    private func relaxation(maximumWeights: [Double], minimumWeights: [Double]) -> Relaxation {
        var adjusted = value
        for (i, e) in relaxed.enumerated() {
            let weight = minimumWeights[i] - maximumWeights[i]
            guard weight != 0 else { continue }
            for position in 0..<count { adjusted[position] += weight * coefficients[e][position] }
        }
        let density = (0..<count).map { adjusted[$0] / cost[$0] }
        let byDensity = { (a: Int, b: Int) -> Bool in density[a] != density[b] ? density[a] > density[b] : a < b }
        let order = (0..<count).sorted(by: byDensity)
        var result = Relaxation(
            value: adjusted, density: density, order: order, isSearchOrder: order.elementsEqual(0..<count),
            laminarOrder: plain.laminarOrder.map { $0.sorted(by: byDensity) })
        for (i, e) in relaxed.enumerated() {
            if maximumWeights[i] > 0 { result.maximumMultipliers.append((e, maximumWeights[i])) }
            if minimumWeights[i] > 0 { result.minimumMultipliers.append((e, minimumWeights[i])) }
        }
        return result
    }

    /// Chooses the multipliers of the Lagrangian relaxation by projected subgradient descent on
    /// the root bound (Held, Wolfe and Crowder, "Validation of subgradient optimization",
    /// Mathematical Programming 6, 1974), with Polyak steps towards `lowerBound` (the value of
    /// a feasible selection, when one is known). Keeps them only if they beat the plain bound.
    private func chooseMultipliers(lowerBound: Double?) {
        guard let plainRoot = upperBound(from: 0) else { return }
        var maximumWeights = [Double](repeating: 0, count: relaxed.count)
        var minimumWeights = [Double](repeating: 0, count: relaxed.count)
        var bestBound = plainRoot
        var bestRelaxation: Relaxation?
        var schedule = EnvelopeKnapsack.SubgradientSchedule()
        let usage = UsageBuffer(count: sums.count)
        for _ in 0..<200 {
            let candidate = relaxation(maximumWeights: maximumWeights, minimumWeights: minimumWeights)
            guard let bound = solve(candidate, from: 0, usage: usage) else { return }
            let improved = bound < bestBound - roundingSlack
            if improved {
                bestBound = bound
                bestRelaxation = candidate
            }
            schedule.record(improved: improved)
            let going = EnvelopeKnapsack.descend(
                envelopes: relaxed, usage: usage.values, minimum: minimum, maximum: maximum, bound: bound,
                bestBound: bestBound, lowerBound: lowerBound, scale: schedule.scale,
                maximumWeights: &maximumWeights, minimumWeights: &minimumWeights)
            guard going else { break }
        }
        lagrangian = bestRelaxation
    }
}
