/// Greedy utilitarian welfare: fund projects in order of satisfaction per unit of cost.
///
/// Reproduces pabutools' `greedy_utilitarian_welfare` (additive path): density S(p)/cost(p)
/// (+∞ for a supported free project, 0 for an unsupported one), sorted largest first with ties
/// broken by id, then one pass that adds every project that still fits and skips the others.
/// Unsupported projects are not excluded: they come last and are funded if they still fit.
/// All arithmetic is exact (integers, cross-multiplied in 128 bits).
public enum Greedy {
    /// Runs greedy from `initial` (already funded projects, kept first in the result).
    ///
    /// - Parameters:
    ///   - instance: the election.
    ///   - satisfaction: the satisfaction measure.
    ///   - initial: projects already funded; their cost is taken from the budget.
    ///   - excludeUnsupported: leave unsupported projects out (a documented departure from the reference).
    /// - Returns: the funded projects in selection order.
    /// - Complexity: O(entries + m log m) for m projects.
    public static func select(
        _ instance: RuleInstance, satisfaction: Satisfaction, initial: [Int] = [], excludeUnsupported: Bool = false
    ) -> [Int] {
        let total = instance.totalSatisfaction(satisfaction)
        var funded = [Bool](repeating: false, count: instance.projectCount)
        for p in initial { funded[p] = true }
        let candidates = (0..<instance.projectCount).filter { !funded[$0] }
        let order = candidates.sorted { a, b in
            let c = compareDensity(total[a], instance.costs[a], total[b], instance.costs[b])
            if c != 0 { return c > 0 }
            return instance.tieRank[a] < instance.tieRank[b]
        }
        var remaining = instance.budget - instance.cost(of: initial)
        var result = initial
        for p in order {
            if excludeUnsupported && total[p] == 0 { continue }
            if instance.costs[p] <= remaining {
                result.append(p)
                remaining -= instance.costs[p]
            }
        }
        return result
    }

    /// Compares S₁/c₁ with S₂/c₂ as pabutools' densities: 1 if the first is larger, -1 if smaller, 0 if equal.
    static func compareDensity(_ s1: Int128, _ c1: Int64, _ s2: Int128, _ c2: Int64) -> Int {
        func cls(_ s: Int128, _ c: Int64) -> Int { s <= 0 ? 0 : (c == 0 ? 2 : 1) }  // 0: zero, 1: finite, 2: infinite
        let k1 = cls(s1, c1)
        let k2 = cls(s2, c2)
        if k1 != k2 { return k1 > k2 ? 1 : -1 }
        if k1 != 1 { return 0 }
        let l = s1 * Int128(c2)
        let r = s2 * Int128(c1)
        return l == r ? 0 : (l > r ? 1 : -1)
    }
}
