extension EnvelopeKnapsack {
    /// Makes a rule's ranking of projects respect the budget and every envelope.
    ///
    /// A rule without envelopes (greedy, the Method of Equal Shares, …) ranks the projects it
    /// would fund, best first. This keeps that order as far as the envelopes allow:
    ///
    /// 1. **Walk.** Go through `priority` and fund a project when it fits the money left and
    ///    every maximum envelope, and every unmet minimum stays reachable afterwards; skip it
    ///    otherwise. A minimum is *reachable* when the projects not funded yet (including those
    ///    skipped and those not in `priority`) that still fit on their own could make up its
    ///    shortfall within the money left, counting fractions of projects, taken in decreasing
    ///    coefficient per cost; and when, for minimum envelopes that share out project costs
    ///    (domain envelopes), the shortfalls add up to at most the money left.
    /// 2. **Top up.** For each minimum still unmet, in envelope order, fund the best-ranked
    ///    projects not funded yet that count towards it (a coefficient above 0), fit the money
    ///    left and every maximum, and keep the other minimums reachable, until it is met.
    ///    Projects not in `priority` rank after all those that are, by index.
    /// 3. **Fallback.** If a minimum is still unmet (step 1's reachability test counts fractions,
    ///    so it can be too hopeful), return the exact optimum of
    ///    ``maximize(values:costs:budget:envelopes:tieRank:)`` with value `n − r` for the project
    ///    of rank `r` in `priority` (0 for projects not in it), listed in `priority` order: a
    ///    feasible selection that favours the best-ranked projects. It is `nil` exactly when no
    ///    selection meets the minimums, so the method returns `nil` only then.
    ///
    /// Without minimum envelopes only step 1 runs: it is the usual "fund in order, skip what no
    /// longer fits", with the maximums counted as well as the budget.
    ///
    /// ```swift
    /// let green = LinearEnvelope(coefficients: [0, 0, 3], min: 3, label: "domain green-space")
    /// EnvelopeKnapsack.constrainedSelection(priority: [0, 1, 2], costs: [4, 4, 3], budget: 8, envelopes: [green])
    /// // [0, 2]: project 1 would leave no room for the green-space minimum
    /// ```
    ///
    /// - Parameters:
    ///   - priority: The rule's ranking, best first: distinct project indices (not necessarily all).
    ///   - costs: The cost of each project, finite and `> 0`.
    ///   - budget: The budget.
    ///   - envelopes: The envelopes; each has one coefficient per project.
    /// - Returns: The funded projects, in the order they were funded (steps 1 and 2) or in
    ///   priority order (step 3); `nil` when no selection meets the minimums.
    /// - Complexity: O(*n* × *m* × *n*) for steps 1 and 2 with *m* minimum envelopes; step 3 is
    ///   an exact search.
    public static func constrainedSelection(
        priority: [Int], costs: [Double], budget: Double, envelopes: [LinearEnvelope]
    ) -> [Int]? {
        checkInputs(costs: costs, budget: budget, envelopes: envelopes)
        if let walk = walkSelection(priority: priority, costs: costs, budget: budget, envelopes: envelopes) {
            return walk
        }
        // Step 3: the exact fallback.
        let n = costs.count
        var rank = [Int](repeating: -1, count: n)
        for (r, project) in priority.enumerated() { rank[project] = r }
        let values = (0..<n).map { rank[$0] < 0 ? 0 : Double(n - rank[$0]) }
        let tieRank = (0..<n).map { rank[$0] < 0 ? n + $0 : rank[$0] }
        guard
            let exact = maximize(values: values, costs: costs, budget: budget, envelopes: envelopes, tieRank: tieRank)
        else { return nil }
        return exact.sorted { tieRank[$0] < tieRank[$1] }
    }

    /// Steps 1 and 2 of ``constrainedSelection(priority:costs:budget:envelopes:)``: the
    /// selection when it is feasible, `nil` when the fallback is needed.
    static func walkSelection(
        priority: [Int], costs: [Double], budget: Double, envelopes: [LinearEnvelope]
    ) -> [Int]? {
        let n = costs.count
        var rank = [Int](repeating: -1, count: n)
        for (r, project) in priority.enumerated() {
            precondition(rank.indices.contains(project), "constrainedSelection: project \(project) out of range")
            precondition(rank[project] < 0, "constrainedSelection: project \(project) ranked twice")
            rank[project] = r
        }
        let ranked = priority + (0..<n).filter { rank[$0] < 0 }

        var walk = ConstrainedWalk(costs: costs, budget: budget, envelopes: envelopes)
        // Step 1: walk the ranking.
        for project in priority where walk.fits(project) {
            walk.fund(project)
            if !walk.minimumsReachable() { walk.unfund(project) }
        }
        // Step 2: top up unmet minimums.
        for e in walk.minimumEnvelopes where !walk.isMet(e) {
            for project in ranked where !walk.funded[project] && envelopes[e].coefficients[project] > 0 {
                guard walk.fits(project) else { continue }
                walk.fund(project)
                if !walk.minimumsReachable() {
                    walk.unfund(project)
                    continue
                }
                if walk.isMet(e) { break }
            }
        }
        return isFeasible(walk.selection, costs: costs, budget: budget, envelopes: envelopes) ? walk.selection : nil
    }
}

/// The state of ``EnvelopeKnapsack/constrainedSelection(priority:costs:budget:envelopes:)``.
private struct ConstrainedWalk {
    let costs: [Double]
    let envelopes: [LinearEnvelope]
    let budgetLimit: Double
    let roundingSlack: Double
    let minimum: [Double]
    let maximum: [Double]
    /// Envelopes with a minimum above zero.
    let minimumEnvelopes: [Int]
    /// Per envelope with a minimum: the projects counting towards it, by decreasing coefficient per cost.
    let reachOrder: [Int: [Int]]
    let families: [[Int]]

    var funded: [Bool]
    var selection: [Int] = []
    var spent = 0.0
    var sums: [Double]

    init(costs: [Double], budget: Double, envelopes: [LinearEnvelope]) {
        let tolerance = EnvelopeKnapsack.tolerance(budget: budget)
        self.costs = costs
        self.envelopes = envelopes
        budgetLimit = budget + tolerance
        roundingSlack = 1e-12 * max(abs(budget), 1)
        let minimum = envelopes.map { $0.min.map { $0 - tolerance } ?? -.infinity }
        self.minimum = minimum
        maximum = envelopes.map { $0.max.map { $0 + tolerance } ?? .infinity }
        let minimumEnvelopes = envelopes.indices.filter { minimum[$0] > 0 }
        self.minimumEnvelopes = minimumEnvelopes
        var reachOrder: [Int: [Int]] = [:]
        for e in minimumEnvelopes {
            let coefficients = envelopes[e].coefficients
            reachOrder[e] = costs.indices.filter { coefficients[$0] > 0 }.sorted { a, b in
                let ra = coefficients[a] / costs[a]
                let rb = coefficients[b] / costs[b]
                return ra != rb ? ra > rb : a < b
            }
        }
        self.reachOrder = reachOrder
        families = EnvelopeKnapsack.minimumFamilies(minimumEnvelopes, costs: costs, envelopes: envelopes)
        funded = [Bool](repeating: false, count: costs.count)
        sums = [Double](repeating: 0, count: envelopes.count)
    }

    func isMet(_ e: Int) -> Bool { sums[e] >= minimum[e] }

    /// Whether a project not funded yet fits the money left and every maximum.
    func fits(_ project: Int) -> Bool {
        guard spent + costs[project] <= budgetLimit else { return false }
        for e in envelopes.indices where maximum[e] < .infinity {
            if sums[e] + envelopes[e].coefficients[project] > maximum[e] { return false }
        }
        return true
    }

    mutating func fund(_ project: Int) {
        funded[project] = true
        selection.append(project)
        spent += costs[project]
        for e in envelopes.indices { sums[e] += envelopes[e].coefficients[project] }
    }

    mutating func unfund(_ project: Int) {
        precondition(selection.last == project, "unfund: only the last funded project can be withdrawn")
        funded[project] = false
        selection.removeLast()
        spent -= costs[project]
        for e in envelopes.indices { sums[e] -= envelopes[e].coefficients[project] }
    }

    /// The relaxed reachability test of step 1 (see the method's documentation).
    func minimumsReachable() -> Bool {
        let room = budgetLimit - spent
        for e in minimumEnvelopes where !isMet(e) {
            let need = minimum[e] - sums[e] - roundingSlack
            let coefficients = envelopes[e].coefficients
            var reached = 0.0
            var capacity = room
            for project in reachOrder[e] ?? [] where !funded[project] && fits(project) {
                let amount = min(costs[project], capacity)
                reached += coefficients[project] * (amount / costs[project])
                capacity -= amount
                if reached >= need || capacity <= 0 { break }
            }
            if reached < need { return false }
        }
        for family in families {
            var need = 0.0
            for e in family { need += max(0, minimum[e] - sums[e]) }
            if need > room * (1 + 1e-12) + roundingSlack { return false }
        }
        return true
    }
}
