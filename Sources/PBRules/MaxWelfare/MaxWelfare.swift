/// Exact utilitarian maximum welfare: the 0/1 knapsack `max Σ W(p) s.t. Σ cost(p) ≤ budget`.
///
/// With cost satisfaction, W(p) = cost(p) × approvals(p). Solved exactly by depth-first branch
/// and bound (Martello & Toth, *Knapsack Problems*, 1990, ch. 2): items in decreasing W/cost,
/// include before exclude, pruned by the Dantzig (fractional) upper bound computed in integers.
///
/// Tie-breaking among equally good optima (the reference keeps whatever its ILP solver returns):
/// pbsim keeps the first optimum met in that search order, i.e. the one that prefers projects
/// with more approvals per unit of cost, then smaller ids, earliest in the order. Projects that
/// add no welfare (no support, or free) are never funded.
public enum MaxWelfare {
    /// The funded projects of an optimum, ordered by decreasing density.
    ///
    /// - Parameters:
    ///   - weights: the welfare W(p) of each project (≥ 0).
    ///   - costs: the cost of each project.
    ///   - budget: the budget.
    ///   - tieRank: tie-breaking order of projects.
    ///   - nodeLimit: the most search nodes; past it the search stops.
    /// - Returns: the selection and its welfare; `complete` is false when the search stopped at
    ///   `nodeLimit` (the selection is then the best found, and `bound` the Dantzig bound on the optimum).
    public static func solve(
        weights: [Int128], costs: [Int64], budget: Int64, tieRank: [Int32], nodeLimit: Int = .max
    ) -> (selected: [Int], welfare: Int128, complete: Bool, bound: Int128) {
        let items = (0..<costs.count).filter { weights[$0] > 0 && costs[$0] > 0 && costs[$0] <= budget }
            .sorted { a, b in
                let c = Greedy.compareDensity(weights[a], costs[a], weights[b], costs[b])
                if c != 0 { return c > 0 }
                return tieRank[a] < tieRank[b]
            }
        let n = items.count
        let c = items.map { costs[$0] }
        let w = items.map { weights[$0] }
        var prefixC = [Int64](repeating: 0, count: n + 1)
        var prefixW = [Int128](repeating: 0, count: n + 1)
        for i in 0..<n {
            prefixC[i + 1] = prefixC[i] + c[i]
            prefixW[i + 1] = prefixW[i] + w[i]
        }
        // Dantzig bound on the welfare still reachable from item i with `cap` left.
        func bound(_ i: Int, _ cap: Int64) -> Int128 {
            // Largest j ≥ i with prefixC[j] - prefixC[i] ≤ cap.
            var lo = i
            var hi = n
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if prefixC[mid] - prefixC[i] <= cap { lo = mid } else { hi = mid - 1 }
            }
            var b = prefixW[lo] - prefixW[i]
            if lo < n {
                let left = cap - (prefixC[lo] - prefixC[i])
                b += w[lo] * Int128(left) / Int128(c[lo])
            }
            return b
        }
        var best: Int128 = -1
        var bestTake: [Bool] = []
        var take = [Bool](repeating: false, count: n)
        var nodes = 0
        var stopped = false
        func search(_ i: Int, _ cap: Int64, _ value: Int128) {
            nodes += 1
            if nodes > nodeLimit { stopped = true }
            if stopped { return }
            if value > best {
                best = value
                bestTake = take
            }
            if i == n { return }
            if value + bound(i, cap) <= best { return }
            if c[i] <= cap {
                take[i] = true
                search(i + 1, cap - c[i], value + w[i])
                take[i] = false
            }
            search(i + 1, cap, value)
        }
        search(0, budget, 0)
        let selected = (0..<n).filter { bestTake.indices.contains($0) && bestTake[$0] }.map { items[$0] }
        return (selected, max(best, 0), !stopped, stopped ? bound(0, budget) : max(best, 0))
    }
}
