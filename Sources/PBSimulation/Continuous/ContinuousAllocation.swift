import Foundation

/// Splitting a budget across domains with diminishing returns (MODEL.md section 4).
///
/// Find `x_k` with `lo_k <= x_k <= hi_k` and `Σ_k x_k = B` that maximises
///
///     W(x) = Σ_k w_k · s_k · log(1 + x_k / s_k)
///
/// where `w_k >= 0` is the weight of domain `k` (its need, as a regime sees it) and `s_k > 0`
/// its saturation scale: the first money spent on a domain is worth `w_k` per unit, and the
/// worth halves once `x_k = s_k`.
///
/// ```swift
/// let x = try ContinuousAllocation.solve(
///     weights: [3, 1], saturation: [100, 100], lower: [0, 0], upper: [.infinity, .infinity], total: 300)
/// // x ≈ [275, 25]: where the marginal worth w_k / (1 + x_k / s_k) is the same, 3 / 3.75 = 1 / 1.25
/// ```
///
/// ## Optimality (KKT)
///
/// `W` is concave and the constraints are linear, so the Karush–Kuhn–Tucker conditions are
/// necessary and sufficient. With a multiplier `ν` for `Σ x_k = B` and `α_k, β_k >= 0` for the
/// bounds, stationarity reads
///
///     ∂W/∂x_k = w_k / (1 + x_k / s_k) = ν − α_k + β_k,
///
/// so an optimum has, for each domain, `w_k / (1 + x_k / s_k) = ν` when `lo_k < x_k < hi_k`,
/// `<= ν` when `x_k = lo_k`, and `>= ν` when `x_k = hi_k`. Solving the equality for `x_k` and
/// writing `μ = 1 / ν` (the "water level"):
///
///     x_k(μ) = clamp(s_k · (w_k · μ − 1), lo_k, hi_k).
///
/// Each `x_k(μ)` is continuous and non-decreasing in `μ`, and piecewise linear with breakpoints
/// `(1 + lo_k / s_k) / w_k` and `(1 + hi_k / s_k) / w_k`, so `Σ_k x_k(μ) = B` is solved exactly by
/// sorting the breakpoints and interpolating on the segment that contains `B`: this is
/// *water-filling* (Boyd and Vandenberghe, *Convex Optimization*, 2004, example 5.2, with the
/// objective `log(α_k + x_k)` scaled per domain). Domains with `w_k > 0` are strictly concave, so
/// their spend is unique.
///
/// When the domains with `w_k > 0` cannot absorb the total even at their upper bounds, `ν = 0`
/// and any split of the rest among the zero-weight domains is optimal; both solvers then give it
/// to them in proportion to their saturation scales, `x_k = clamp(lo_k + t·s_k, lo_k, hi_k)`, so
/// the result is still a single, documented split.
public enum ContinuousAllocation {
    // MARK: - Objective

    /// The objective `W(x) = Σ_k w_k s_k log(1 + x_k / s_k)` of an allocation.
    ///
    /// - Parameters:
    ///   - weights: The weight `w_k >= 0` of each domain.
    ///   - saturation: The saturation scale `s_k > 0` of each domain.
    ///   - allocation: The spend `x_k >= 0` on each domain.
    /// - Returns: The value of the allocation, in weight × currency units.
    /// - Complexity: O(*k*).
    public static func objective(weights: [Double], saturation: [Double], allocation: [Double]) -> Double {
        var total = 0.0
        for k in weights.indices {
            total += weights[k] * saturation[k] * log1p(allocation[k] / saturation[k])
        }
        return total
    }

    // MARK: - Water-filling (closed form)

    /// The optimal split without bounds (`x_k >= 0` only), by water-filling.
    ///
    /// From the KKT conditions above with `lo_k = 0` and `hi_k = ∞`,
    /// `x_k = max(0, s_k · (w_k / ν − 1))` with the level `ν` that makes the spends add up to
    /// `total`; it is found exactly by sorting the domains' breakpoints `ν = w_k`.
    ///
    /// ```swift
    /// ContinuousAllocation.waterFilling(weights: [3, 1], saturation: [100, 100], total: 300)
    /// // [275, 25]: 3 / (1 + 2.75) = 1 / (1 + 0.25) = 0.8, the common marginal worth ν
    /// ```
    ///
    /// - Parameters:
    ///   - weights: The weight `w_k >= 0` of each domain (finite); a precondition.
    ///   - saturation: The saturation scale `s_k > 0` of each domain (finite); a precondition.
    ///   - total: The budget `B >= 0` to split (finite); a precondition.
    /// - Returns: The spend on each domain, adding up to `total`.
    /// - Complexity: O(*k*²) for *k* domains.
    public static func waterFilling(weights: [Double], saturation: [Double], total: Double) -> [Double] {
        let lower = [Double](repeating: 0, count: weights.count)
        let upper = [Double](repeating: .infinity, count: weights.count)
        do {
            return try waterFilling(weights: weights, saturation: saturation, lower: lower, upper: upper, total: total)
        } catch {
            preconditionFailure("waterFilling(weights:saturation:total:): \(error)")
        }
    }

    /// The optimal split with bounds, by water-filling: the exact optimum the numerical
    /// ``solve(weights:saturation:lower:upper:total:)`` is checked against.
    ///
    /// The spend of each domain is `x_k(μ) = clamp(s_k · (w_k · μ − 1), lo_k, hi_k)` at the water
    /// level `μ = 1 / ν` where the spends add up to `total` (see the KKT derivation above).
    /// `Σ_k x_k(μ)` is piecewise linear in `μ`, so the level is found exactly: evaluate it at
    /// every breakpoint `(1 + lo_k / s_k) / w_k` and `(1 + hi_k / s_k) / w_k`, and interpolate
    /// on the segment where it crosses `total`.
    ///
    /// ```swift
    /// try ContinuousAllocation.waterFilling(
    ///     weights: [3, 1], saturation: [100, 100], lower: [0, 80], upper: [.infinity, .infinity], total: 300)
    /// // [220, 80]: domain 1's minimum binds (its marginal worth 1/1.8 is below domain 0's 3/3.2)
    /// ```
    ///
    /// - Parameters:
    ///   - weights: The weight `w_k >= 0` of each domain (finite).
    ///   - saturation: The saturation scale `s_k > 0` of each domain (finite).
    ///   - lower: The least spend `lo_k >= 0` of each domain (finite).
    ///   - upper: The most spend `hi_k >= lo_k` of each domain; `.infinity` for none.
    ///   - total: The budget `B >= 0` to split (finite).
    /// - Returns: The spend on each domain, within the bounds and adding up to `total`.
    /// - Throws: ``AllocationError/infeasibleBounds(lowerSum:upperSum:total:)`` when
    ///   `Σ lo_k > B` or `Σ hi_k < B`; ``AllocationError/invalidArgument(_:)`` for arguments out
    ///   of range.
    /// - Complexity: O(*k*²) for *k* domains.
    public static func waterFilling(
        weights: [Double], saturation: [Double], lower: [Double], upper: [Double], total: Double
    ) throws(AllocationError) -> [Double] {
        try validate(weights: weights, saturation: saturation, lower: lower, upper: upper, total: total)
        let n = weights.count
        func spend(_ k: Int, level: Double) -> Double {
            guard weights[k] > 0 else { return lower[k] }
            return min(max(saturation[k] * (weights[k] * level - 1), lower[k]), upper[k])
        }
        func sum(level: Double) -> Double {
            var s = 0.0
            for k in 0..<n { s += spend(k, level: level) }
            return s
        }
        var weightedCapacity = 0.0
        for k in 0..<n { weightedCapacity += weights[k] > 0 ? upper[k] : lower[k] }
        guard weightedCapacity > total else {
            return levelSplit(weights: weights, saturation: saturation, lower: lower, upper: upper, total: total)
        }
        // Breakpoints of the piecewise-linear Σ x_k(μ), in increasing order, starting at 0.
        var breakpoints: [Double] = [0]
        for k in 0..<n where weights[k] > 0 {
            breakpoints.append((1 + lower[k] / saturation[k]) / weights[k])
            if upper[k] < .infinity { breakpoints.append((1 + upper[k] / saturation[k]) / weights[k]) }
        }
        breakpoints.sort()
        var low = 0.0
        var lowSum = sum(level: 0)
        var level: Double?
        for point in breakpoints where point > low {
            let pointSum = sum(level: point)
            if pointSum >= total {
                level = pointSum > lowSum ? low + (total - lowSum) * (point - low) / (pointSum - lowSum) : point
                break
            }
            low = point
            lowSum = pointSum
        }
        if level == nil {
            // Past the last breakpoint every weighted domain without an upper bound grows
            // linearly: Σ x_k(μ) = lowSum + (μ − low) · Σ s_k w_k over them.
            var slope = 0.0
            for k in 0..<n where weights[k] > 0 && upper[k] == .infinity { slope += saturation[k] * weights[k] }
            level = low + (total - lowSum) / slope
        }
        let allocation = (0..<n).map { spend($0, level: level!) }
        return clampAndBalance(allocation, lower: lower, upper: upper, total: total)
    }

    // MARK: - Shared steps

    /// Checks the arguments of both solvers.
    static func validate(
        weights: [Double], saturation: [Double], lower: [Double], upper: [Double], total: Double
    ) throws(AllocationError) {
        let n = weights.count
        guard n > 0 else { throw .invalidArgument("weights: expected at least one domain, got none") }
        for (name, array) in [("saturation", saturation), ("lower", lower), ("upper", upper)] where array.count != n {
            throw .invalidArgument("\(name): expected \(n) values (one per domain), got \(array.count)")
        }
        guard total.isFinite && total >= 0 else {
            throw .invalidArgument("total: expected a finite value >= 0, got \(total)")
        }
        for k in 0..<n {
            guard weights[k].isFinite && weights[k] >= 0 else {
                throw .invalidArgument("weights[\(k)]: expected a finite value >= 0, got \(weights[k])")
            }
            guard saturation[k].isFinite && saturation[k] > 0 else {
                throw .invalidArgument("saturation[\(k)]: expected a finite value > 0, got \(saturation[k])")
            }
            guard lower[k].isFinite && lower[k] >= 0 else {
                throw .invalidArgument("lower[\(k)]: expected a finite value >= 0, got \(lower[k])")
            }
            guard upper[k] >= lower[k] else {
                throw .invalidArgument("upper[\(k)]: expected a value >= lower[\(k)] = \(lower[k]), got \(upper[k])")
            }
        }
        let lowerSum = lower.reduce(0, +)
        let upperSum = upper.reduce(0, +)
        let slack = 1e-12 * max(total, 1)
        guard lowerSum <= total + slack && upperSum >= total - slack else {
            throw .infeasibleBounds(lowerSum: lowerSum, upperSum: upperSum, total: total)
        }
    }

    /// The split when the weighted domains are all at their upper bounds: the rest goes to the
    /// zero-weight domains as `clamp(lo_k + t·s_k, lo_k, hi_k)`, with `t` set by the total.
    static func levelSplit(
        weights: [Double], saturation: [Double], lower: [Double], upper: [Double], total: Double
    ) -> [Double] {
        let n = weights.count
        var allocation = (0..<n).map { weights[$0] > 0 ? upper[$0] : lower[$0] }
        let zero = (0..<n).filter { weights[$0] == 0 && upper[$0] > lower[$0] }
        var rest = total - allocation.reduce(0, +)
        guard rest > 0, !zero.isEmpty else {
            return clampAndBalance(allocation, lower: lower, upper: upper, total: total)
        }
        // Raise the common level t through each domain's breakpoint (hi_k − lo_k) / s_k.
        var open = zero
        var level = 0.0
        while rest > 0 && !open.isEmpty {
            let rate = open.reduce(0.0) { $0 + saturation[$1] }
            let next = open.map { (upper[$0] - lower[$0]) / saturation[$0] }.min()!
            let step = min(next - level, rest / rate)
            level += step
            rest -= step * rate
            for k in open { allocation[k] = min(lower[k] + level * saturation[k], upper[k]) }
            open = open.filter { lower[$0] + level * saturation[$0] < upper[$0] }
        }
        return clampAndBalance(allocation, lower: lower, upper: upper, total: total)
    }

    /// The active-set polish of the minimiser's point (a "crossover", as interior-point solvers
    /// of linear programs do): domains within `1e-3 × R` of a bound start on it, the others'
    /// common level `μ` is solved from `Σ x_k = B` (on them `x_k = s_k (w_k μ − 1)`, one linear
    /// equation), then domains are moved between the sets as the KKT conditions demand: one whose
    /// level spend leaves its bounds goes onto the bound, one on a bound that is worth more (at
    /// its lower bound) or less (at its upper bound) than `ν = 1/μ` comes off it. Returns `nil`,
    /// keeping the minimiser's point, if this does not settle within `2m + 2` steps.
    static func activeSetPolish(
        _ x: [Double], free: [Int], weights: [Double], saturation: [Double], lower: [Double], upper: [Double],
        total: Double
    ) -> [Double]? {
        let near = 1e-3 * (total - lower.reduce(0, +))
        var onLower = Set(free.filter { x[$0] - lower[$0] <= near })
        var onUpper = Set(free.filter { x[$0] - lower[$0] > near && upper[$0] - x[$0] <= near })
        var fixedSum = 0.0
        let isFree = Set(free)
        for k in x.indices where !isFree.contains(k) { fixedSum += lower[k] }
        for _ in 0..<(2 * free.count + 2) {
            var result = lower
            var sum = fixedSum
            for k in onLower { sum += lower[k] }
            for k in onUpper {
                result[k] = upper[k]
                sum += upper[k]
            }
            let interior = free.filter { !onLower.contains($0) && !onUpper.contains($0) }
            var saturationSum = 0.0
            var slope = 0.0
            for k in interior {
                saturationSum += saturation[k]
                slope += saturation[k] * weights[k]
            }
            guard slope > 0 else { return nil }
            let level = (total - sum + saturationSum) / slope
            var moved = false
            for k in interior {
                result[k] = saturation[k] * (weights[k] * level - 1)
                if result[k] < lower[k] {
                    onLower.insert(k)
                    moved = true
                } else if result[k] > upper[k] {
                    onUpper.insert(k)
                    moved = true
                }
            }
            if moved { continue }
            let nu = 1 / level
            let leaveLower = onLower.filter { weights[$0] / (1 + lower[$0] / saturation[$0]) > nu * (1 + 1e-12) }
            let leaveUpper = onUpper.filter { weights[$0] / (1 + upper[$0] / saturation[$0]) < nu * (1 - 1e-12) }
            if leaveLower.isEmpty && leaveUpper.isEmpty { return result }
            onLower.subtract(leaveLower)
            onUpper.subtract(leaveUpper)
        }
        return nil
    }

    /// Clamps into the bounds and moves the rounding residual of the sum to the domain with the
    /// most room in its direction, so the result sums to `total` (to the last few bits).
    static func clampAndBalance(_ allocation: [Double], lower: [Double], upper: [Double], total: Double) -> [Double] {
        var x = allocation.indices.map { min(max(allocation[$0], lower[$0]), upper[$0]) }
        for _ in 0..<x.count {
            let residual = total - x.reduce(0, +)
            guard residual != 0 else { break }
            let room = x.indices.map { residual > 0 ? upper[$0] - x[$0] : x[$0] - lower[$0] }
            guard let k = room.indices.max(by: { room[$0] < room[$1] }), room[k] > 0 else { break }
            x[k] += residual > 0 ? min(residual, room[k]) : -min(-residual, room[k])
        }
        return x
    }
}
