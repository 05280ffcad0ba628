/// Budget-constrained project selection with spending envelopes: exact maximum welfare, a
/// feasibility check, and a repair that makes any rule's ranking respect the envelopes.
///
/// A selection `x ∈ {0,1}^n` is *feasible* when `Σ_j costs[j]·x_j <= budget` and, for every
/// ``LinearEnvelope``, `min <= Σ_j coefficients[j]·x_j <= max`.
///
/// ```swift
/// let north = LinearEnvelope(coefficients: [4, 0, 3, 0], max: 5, label: "district north")
/// let best = EnvelopeKnapsack.maximize(
///     values: [10, 6, 9, 2], costs: [4, 3, 3, 2], budget: 9, envelopes: [north])
/// // best == [0, 1, 3]: projects 0 and 2 (value 19) would break the north envelope
/// ```
///
/// ## Tolerance
///
/// Costs, budgets and envelope limits are `Double` amounts, so every comparison allows a
/// rounding slack of `1e-9 × |budget|` (one part in a billion of the budget, all amounts being in
/// the budget's unit): a selection is within budget when its cost is at most
/// `budget + 1e-9·|budget|`, meets a minimum when its sum is at least `min − 1e-9·|budget|`, and
/// keeps a maximum when its sum is at most `max + 1e-9·|budget|`. ``isFeasible(_:costs:budget:envelopes:)``,
/// ``maximize(values:costs:budget:envelopes:tieRank:)`` and
/// ``constrainedSelection(priority:costs:budget:envelopes:)`` all use this same rule.
public enum EnvelopeKnapsack {
    /// The relative tolerance of every budget and envelope comparison, as a share of `|budget|`.
    public static let relativeTolerance = 1e-9

    /// The exact maximum of `Σ values[j]·x_j` over the feasible selections.
    ///
    /// The problem is a 0/1 knapsack with side constraints (the envelopes), solved exactly by
    /// depth-first branch and bound in the manner of Martello and Toth (*Knapsack Problems:
    /// Algorithms and Computer Implementations*, Wiley 1990, chapter 2): projects are decided one
    /// at a time in a fixed order, "fund" before "skip", and a node is cut when an upper bound
    /// on what its undecided projects can still add cannot beat the best selection found so far.
    ///
    /// **The bound.** At a node with money `r` left, the bound is the smaller of two linear
    /// relaxations over the undecided projects, each solved exactly by a greedy fill in
    /// decreasing value per cost:
    ///
    /// - projects that cannot fit on their own (their cost exceeds `r`, or their coefficient
    ///   exceeds the room left in some maximum envelope) are left out, since no completion can
    ///   fund them;
    /// - envelopes whose coefficients are each project's full cost or 0 (district envelopes)
    ///   and whose projects are disjoint are kept, minimum and maximum: with the budget they
    ///   form a laminar family of capacities on spend, whose relaxation is solved exactly by
    ///   filling each unmet minimum with its densest projects, then the money left greedily
    ///   (greedy is optimal over a polymatroid; with the budget alone this is Dantzig's bound,
    ///   Martello and Toth section 2.2.1);
    /// - the other envelopes (domain envelopes, whose coefficients are shares of cost) are
    ///   dropped in the first relaxation, and moved into the objective with Lagrangian
    ///   multipliers `λ ≥ 0` in the second (Fisher, Management Science 27(1), 1981). The
    ///   multipliers are chosen once, by subgradient descent at the root; any `λ ≥ 0` gives an
    ///   upper bound, so the bound is valid at every node.
    ///
    /// Minimums are also cut directly: a node is dropped when an unmet minimum could not be met
    /// even by funding every undecided project that counts towards it, or by spending all the
    /// money left on the projects with the most coefficient per cost, or when the unmet
    /// minimums of envelopes that share out a project's cost add up to more than the money
    /// left. Every cut keeps all selections that could beat the best so far, so the result is
    /// optimal (up to the tie slack below).
    ///
    /// **Order.** Without envelopes, projects are decided in decreasing value per cost. With
    /// envelopes, in decreasing *priced* value per cost, `(v_j + Σ_e (μ_e − λ_e)·a_ej) / c_j`,
    /// where `μ_e` and `λ_e` are Lagrangian multipliers of each envelope's minimum and maximum
    /// in the relaxation that keeps only the budget (subgradient descent, Held, Wolfe and
    /// Crowder, Mathematical Programming 6, 1974): projects a minimum needs come earlier and
    /// projects a binding maximum limits come later, which keeps the search small. Ties in
    /// that order go to more value per cost, then smaller `tieRank`, then smaller index.
    ///
    /// **Ties.** A node counts as the selection of its funded projects as soon as it is reached
    /// (every later project skipped), and it replaces the best so far only when its value is
    /// larger by more than `1e-12` of the sum of all values (so rounding in the last bits never
    /// decides). The result is the first optimum met in the order above, "fund" before "skip"
    /// ("skip" first for a project of value 0, so that one is funded only when a minimum
    /// needs it). Among interchangeable projects (equal value, cost and coefficient in every
    /// envelope) the result funds those of smallest `tieRank`, then index.
    ///
    /// - Parameters:
    ///   - values: The value of each project, finite and `>= 0`.
    ///   - costs: The cost of each project, finite and `> 0`, in the budget's unit.
    ///   - budget: The budget, finite.
    ///   - envelopes: The envelopes; each has one coefficient per project.
    ///   - tieRank: The tie-breaking order of projects (smaller first), or `nil` for the index order.
    /// - Returns: The funded projects of an optimum, as increasing indices, or `nil` when no
    ///   selection is feasible (a minimum cannot be met within the budget and maximums).
    /// - Complexity: Exponential in the worst case, as for any exact knapsack method; each node
    ///   costs O(*n* × *m*) for *n* projects and *m* envelopes. Random instances of 300
    ///   projects take about a millisecond without envelopes; tight minimum envelopes can make
    ///   an unlucky instance take seconds.
    public static func maximize(
        values: [Double],
        costs: [Double],
        budget: Double,
        envelopes: [LinearEnvelope],
        tieRank: [Int]? = nil
    ) -> [Int]? {
        checkInputs(costs: costs, budget: budget, envelopes: envelopes)
        precondition(values.count == costs.count, "maximize: values and costs differ in length")
        for value in values {
            precondition(value.isFinite && value >= 0, "maximize: values must be finite and >= 0, got \(value)")
        }
        if let tieRank {
            precondition(tieRank.count == costs.count, "maximize: tieRank and costs differ in length")
        }
        let tieRank = tieRank ?? Array(costs.indices)
        // A feasible selection, if the greedy walk finds one, aims the choice of multipliers.
        var lowerBound: Double?
        if envelopes.contains(where: { $0.min != nil || $0.max != nil }) {
            let priority = costs.indices.sorted { a, b in
                let da = values[a] / costs[a]
                let db = values[b] / costs[b]
                return da != db ? da > db : (tieRank[a] != tieRank[b] ? tieRank[a] < tieRank[b] : a < b)
            }
            if let walk = walkSelection(priority: priority, costs: costs, budget: budget, envelopes: envelopes) {
                lowerBound = walk.reduce(0) { $0 + values[$1] }
            }
        }
        let priority = searchValues(
            values: values, costs: costs, budget: budget, envelopes: envelopes, lowerBound: lowerBound)
        let search = EnvelopeBranchAndBound(
            values: values, costs: costs, budget: budget, envelopes: envelopes, tieRank: tieRank, priority: priority)
        guard let selection = search.run(lowerBound: lowerBound) else { return nil }
        return preferringTieRank(
            selection, values: values, costs: costs, envelopes: envelopes, tieRank: tieRank)
    }

    /// Replaces funded projects by interchangeable unfunded ones of smaller `tieRank` (then
    /// index): projects are interchangeable when their values, costs and every envelope
    /// coefficient are equal, so the swap changes neither feasibility nor value.
    static func preferringTieRank(
        _ selection: [Int], values: [Double], costs: [Double], envelopes: [LinearEnvelope], tieRank: [Int]
    ) -> [Int] {
        struct Profile: Hashable {
            let value: Double
            let cost: Double
            let coefficients: [Double]
        }
        var groups: [Profile: [Int]] = [:]
        for j in costs.indices {
            let profile = Profile(value: values[j], cost: costs[j], coefficients: envelopes.map { $0.coefficients[j] })
            groups[profile, default: []].append(j)
        }
        let funded = Set(selection)
        var result: [Int] = []
        for members in groups.values {
            let chosen = members.filter { funded.contains($0) }.count
            guard chosen > 0 else { continue }
            let preferred = members.sorted { tieRank[$0] != tieRank[$1] ? tieRank[$0] < tieRank[$1] : $0 < $1 }
            result.append(contentsOf: preferred.prefix(chosen))
        }
        return result.sorted()
    }

    /// Whether a selection is within the budget and every envelope, with the tolerance of
    /// ``relativeTolerance`` times `|budget|`.
    ///
    /// ```swift
    /// let green = LinearEnvelope(coefficients: [0, 5, 5], min: 5)
    /// EnvelopeKnapsack.isFeasible([0], costs: [4, 5, 5], budget: 9, envelopes: [green])     // false
    /// EnvelopeKnapsack.isFeasible([0, 1], costs: [4, 5, 5], budget: 9, envelopes: [green])  // true
    /// ```
    ///
    /// - Parameters:
    ///   - selection: Project indices, each at most once.
    ///   - costs: The cost of each project.
    ///   - budget: The budget.
    ///   - envelopes: The envelopes; each has one coefficient per project.
    /// - Returns: `true` when the selection's cost is at most `budget` and every envelope's sum
    ///   lies between its minimum and maximum (each up to the tolerance).
    /// - Complexity: O(*s* × (*m* + 1)) for *s* selected projects and *m* envelopes.
    public static func isFeasible(
        _ selection: [Int], costs: [Double], budget: Double, envelopes: [LinearEnvelope]
    ) -> Bool {
        let tolerance = tolerance(budget: budget)
        var seen = Set<Int>()
        var spent = 0.0
        for project in selection {
            precondition(costs.indices.contains(project), "isFeasible: project \(project) out of range")
            precondition(seen.insert(project).inserted, "isFeasible: project \(project) selected twice")
            spent += costs[project]
        }
        guard spent <= budget + tolerance else { return false }
        for envelope in envelopes {
            let sum = envelope.total(of: selection)
            if let min = envelope.min, sum < min - tolerance { return false }
            if let max = envelope.max, sum > max + tolerance { return false }
        }
        return true
    }

    // MARK: - Shared helpers

    /// The absolute slack of every comparison: ``relativeTolerance`` times `|budget|`.
    static func tolerance(budget: Double) -> Double {
        relativeTolerance * abs(budget)
    }

    /// Programmer-error checks common to every entry point.
    static func checkInputs(costs: [Double], budget: Double, envelopes: [LinearEnvelope]) {
        precondition(budget.isFinite, "EnvelopeKnapsack: budget must be finite, got \(budget)")
        for cost in costs {
            precondition(cost.isFinite && cost > 0, "EnvelopeKnapsack: costs must be finite and > 0, got \(cost)")
        }
        for envelope in envelopes {
            precondition(
                envelope.coefficients.count == costs.count,
                "EnvelopeKnapsack: envelope '\(envelope.label)' has \(envelope.coefficients.count) coefficients for \(costs.count) projects"
            )
            for coefficient in envelope.coefficients {
                precondition(
                    coefficient.isFinite && coefficient >= 0,
                    "EnvelopeKnapsack: envelope '\(envelope.label)' coefficients must be finite and >= 0, got \(coefficient)"
                )
            }
        }
    }

    /// Groups minimum envelopes (given by index) into families whose coefficients add up, for
    /// every project, to at most its cost (up to one part in 10^12): within a family, the
    /// extra spend needed to meet every unmet minimum adds up to at most the extra money spent.
    ///
    /// Domain envelopes, which share out each project's cost, all fall into one family;
    /// district envelopes, which are disjoint, too. Greedy first fit, in envelope order.
    static func minimumFamilies(_ minimums: [Int], costs: [Double], envelopes: [LinearEnvelope]) -> [[Int]] {
        var families: [[Int]] = []
        var columnSums: [[Double]] = []
        for e in minimums {
            let coefficients = envelopes[e].coefficients
            var placed = false
            for f in families.indices {
                var fits = true
                for j in costs.indices where columnSums[f][j] + coefficients[j] > costs[j] * (1 + 1e-12) {
                    fits = false
                    break
                }
                if fits {
                    families[f].append(e)
                    for j in costs.indices { columnSums[f][j] += coefficients[j] }
                    placed = true
                    break
                }
            }
            if !placed {
                guard costs.indices.allSatisfy({ coefficients[$0] <= costs[$0] * (1 + 1e-12) }) else { continue }
                families.append([e])
                columnSums.append(coefficients)
            }
        }
        return families
    }
}
