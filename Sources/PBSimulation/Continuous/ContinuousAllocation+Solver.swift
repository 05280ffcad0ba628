import Foundation
import GSL

// ContinuousAllocation's numerical solver: GSL's BFGS minimiser over a smooth reparametrisation of the
// bounded simplex (the closed form it is checked against is water-filling, in ContinuousAllocation.swift).

extension ContinuousAllocation {
    /// The optimal split, found by GSL's multidimensional minimiser over a smooth
    /// reparametrisation of the bounded simplex.
    ///
    /// Spend above the lower bounds, `y_k = x_k − lo_k`, lives in the bounded simplex
    /// `{0 <= y_k <= u_k, Σ y_k = R}` with `R = B − Σ lo_k` and `u_k = min(hi_k − lo_k, R)`. Every
    /// point of its interior is
    ///
    ///     y_k = u_k · σ(θ_k + τ(θ)),   σ(z) = 1 / (1 + e^−z),
    ///
    /// for some `θ ∈ ℝ^(m−1)` (with `θ_0 = 0`), where `τ(θ)` is the unique root of
    /// `Σ_k u_k σ(θ_k + τ) = R` (found by safeguarded Newton steps). The map is smooth, so `−W`
    /// is minimised over `θ` without constraints by BFGS (GSL's `vector_bfgs2`) with the exact
    /// gradient, `∂(−W)/∂θ_j = u_j σ'_j (g_j − ḡ)` where `g_k = −∂W/∂x_k` and `ḡ` is the mean of
    /// `g` weighted by `u_k σ'_k` (from the implicit function theorem on `τ`). Domains with weight
    /// 0, or with `lo_k = hi_k`, are fixed at `lo_k` (where the optimum puts them) and left out of
    /// `θ`.
    ///
    /// An optimum on a bound lies at `θ_k → ±∞`, where the gradient vanishes, so a first BFGS
    /// step that overshoots there would leave the domain stuck, and the objective is too flat
    /// there for the minimiser to tell a spend of a few units from none. So the objective
    /// carries a small logarithmic barrier `−ε Σ_k [log(y_k / u_k) + log(1 − y_k / u_k)]`
    /// (`ε = 1e-6` in units where the objective's scale is 1) that keeps every domain off its
    /// bounds, as an interior-point method does; the minimiser's point is then typically within
    /// `1e-3 × B` of the optimum.
    ///
    /// With `polish` (the default) that point is finished by an active-set step, as
    /// interior-point solvers of linear programs finish with a "crossover": domains near a
    /// bound are put on it, the level `μ` of the others is solved exactly from `Σ x_k = B`, and
    /// domains are moved on and off their bounds until the KKT conditions hold (if they do not
    /// settle, the minimiser's point is kept). In every case the split is finally clamped into
    /// the bounds and the rounding residual of the sum moved to the domain with most room, so
    /// that it meets every bound and sums to `total` to within rounding.
    ///
    /// ``waterFilling(weights:saturation:lower:upper:total:)`` computes the same optimum in
    /// closed form; the tests check one against the other.
    ///
    /// - Parameters:
    ///   - weights: The weight `w_k >= 0` of each domain (finite).
    ///   - saturation: The saturation scale `s_k > 0` of each domain (finite).
    ///   - lower: The least spend `lo_k >= 0` of each domain (finite).
    ///   - upper: The most spend `hi_k >= lo_k` of each domain; `.infinity` for none.
    ///   - total: The budget `B >= 0` to split (finite).
    ///   - polish: Whether to finish with the active-set step; `false` returns the minimiser's own
    ///     point (clamped and balanced), e.g. to check the minimiser.
    /// - Returns: The spend on each domain.
    /// - Throws: ``AllocationError/infeasibleBounds(lowerSum:upperSum:total:)`` when
    ///   `Σ lo_k > B` or `Σ hi_k < B`; ``AllocationError/invalidArgument(_:)`` for arguments out
    ///   of range; ``AllocationError/solverFailed(_:)`` when GSL fails.
    /// - Complexity: One BFGS minimisation in `m − 1` dimensions for `m` free domains.
    public static func solve(
        weights: [Double], saturation: [Double], lower: [Double], upper: [Double], total: Double,
        polish: Bool = true
    ) throws(AllocationError) -> [Double] {
        try validate(weights: weights, saturation: saturation, lower: lower, upper: upper, total: total)
        let n = weights.count
        let lowerSum = lower.reduce(0, +)
        let remainder = total - lowerSum
        guard remainder > 1e-12 * max(total, 1) else {
            return clampAndBalance(lower, lower: lower, upper: upper, total: total)
        }
        // NB: when the weighted domains cannot absorb the total, ν = 0 and the split of the rest
        // is not unique; the closed form's documented split is used, as water-filling does.
        var weightedCapacity = 0.0
        for k in 0..<n { weightedCapacity += weights[k] > 0 ? upper[k] : lower[k] }
        guard weightedCapacity > total else {
            return levelSplit(weights: weights, saturation: saturation, lower: lower, upper: upper, total: total)
        }
        let free = (0..<n).filter { weights[$0] > 0 && upper[$0] > lower[$0] }
        var allocation = lower
        if free.count == 1 {
            allocation[free[0]] += remainder
            return clampAndBalance(allocation, lower: lower, upper: upper, total: total)
        }
        var problem = SimplexProblem(
            weights: free.map { weights[$0] }, saturation: free.map { saturation[$0] },
            lower: free.map { lower[$0] }, capacity: free.map { min(upper[$0] - lower[$0], remainder) },
            remainder: remainder)
        problem.barrier = barrier
        var point = [Double](repeating: 0, count: free.count - 1)
        do {
            // NB: BFGS can stop early when a line search makes no progress; a restart from where
            // it stopped resets its Hessian estimate.
            for _ in 0..<3 {
                let result = try Minimizer.minimize(
                    start: point, stepSize: 0.5, lineTolerance: 0.1, gradientTolerance: 1e-9,
                    maxIterations: 1000, problem.value, gradient: problem.gradient)
                point = result.point
                if result.converged || result.iterations <= 1 { break }
            }
        } catch {
            throw .solverFailed(error.description)
        }
        let spend = problem.spend(at: point)
        for (i, k) in free.enumerated() { allocation[k] = lower[k] + spend[i] }
        if polish,
            let exact = activeSetPolish(
                allocation, free: free, weights: weights, saturation: saturation, lower: lower, upper: upper,
                total: total)
        {
            allocation = exact
        }
        return clampAndBalance(allocation, lower: lower, upper: upper, total: total)
    }

    /// The weight `ε` of the barrier in ``solve(weights:saturation:lower:upper:total:polish:)``,
    /// in units where the objective's scale is 1.
    static let barrier = 1e-6
}

// MARK: - The reparametrised problem

/// `−W` over the bounded simplex, as a smooth function of the free parameters `θ_1 … θ_(m−1)`,
/// plus a logarithmic barrier `−ε Σ_k [log(y_k / u_k) + log(1 − y_k / u_k)]` that keeps every
/// domain off its bounds (the solver shrinks `ε` towards 0).
///
/// Values are divided by `max_k w_k · R` so that the gradient is of order 1 whatever the
/// currency and weights.
private struct SimplexProblem {
    let weights: [Double]
    let saturation: [Double]
    let lower: [Double]
    let capacity: [Double]
    let remainder: Double
    let scale: Double
    /// The barrier's weight `ε`, in the scaled units of the objective.
    var barrier = 0.0

    init(weights: [Double], saturation: [Double], lower: [Double], capacity: [Double], remainder: Double) {
        self.weights = weights
        self.saturation = saturation
        self.lower = lower
        self.capacity = capacity
        self.remainder = remainder
        scale = (weights.max() ?? 1) * remainder
    }

    /// The spend above the lower bounds, `y_k = u_k σ(θ_k + τ)`, at a parameter point.
    func spend(at point: [Double]) -> [Double] {
        let theta = [0] + point
        let tau = shift(theta)
        return theta.indices.map { capacity[$0] * sigmoid(theta[$0] + tau) }
    }

    func value(_ point: [Double]) -> Double {
        let theta = [0] + point
        let tau = shift(theta)
        var total = 0.0
        var penalty = 0.0
        for k in theta.indices {
            let z = theta[k] + tau
            let y = capacity[k] * sigmoid(z)
            total += weights[k] * saturation[k] * log1p((lower[k] + y) / saturation[k])
            // −log σ(z) − log(1 − σ(z)) = softplus(−z) + softplus(z), finite for every z.
            penalty += softplus(-z) + softplus(z)
        }
        return -total / scale + barrier * penalty
    }

    /// The gradient `∂f/∂θ_j = d_j (g_j − ḡ)`, with `d_k = ∂y_k/∂z_k = u_k σ(1 − σ)`, `g_k = ∂f/∂y_k`
    /// and `ḡ = Σ g_k d_k / Σ d_k` (the implicit derivative of `τ`). The products `g_k d_k` are
    /// formed directly, as the barrier's `g_k` is unbounded near a bound while `g_k d_k` is not.
    func gradient(_ point: [Double]) -> [Double] {
        let theta = [0] + point
        let tau = shift(theta)
        var gd = [Double](repeating: 0, count: theta.count)
        var d = [Double](repeating: 0, count: theta.count)
        var weighted = 0.0
        var mass = 0.0
        for k in theta.indices {
            let s = sigmoid(theta[k] + tau)
            let y = capacity[k] * s
            d[k] = capacity[k] * s * (1 - s)
            let marginal = weights[k] / (1 + (lower[k] + y) / saturation[k])
            gd[k] = -marginal / scale * d[k] - barrier * (1 - 2 * s)
            weighted += gd[k]
            mass += d[k]
        }
        let mean = mass > 0 ? weighted / mass : 0
        return (1..<theta.count).map { gd[$0] - d[$0] * mean }
    }

    /// The root `τ` of `Σ_k u_k σ(θ_k + τ) = R`, by Newton steps kept inside a bracket.
    func shift(_ theta: [Double]) -> Double {
        let totalCapacity = capacity.reduce(0, +)
        let share = remainder / totalCapacity
        let logit = log(share) - log1p(-share)
        var low = logit - (theta.max() ?? 0)
        var high = logit - (theta.min() ?? 0)
        var tau = (low + high) / 2
        for _ in 0..<200 {
            var h = -remainder
            var slope = 0.0
            for k in theta.indices {
                let s = sigmoid(theta[k] + tau)
                h += capacity[k] * s
                slope += capacity[k] * s * (1 - s)
            }
            if abs(h) <= 1e-15 * remainder { return tau }
            if h < 0 { low = tau } else { high = tau }
            var next = slope > 0 ? tau - h / slope : (low + high) / 2
            if !(next > low && next < high) { next = (low + high) / 2 }
            // NB: Newton converges quadratically; once steps reach the last bits of τ they only
            // bounce between neighbouring values.
            if abs(next - tau) <= 1e-15 * max(1, abs(tau)) || high - low <= 1e-15 * max(1, abs(tau)) { return next }
            tau = next
        }
        return tau
    }

    func sigmoid(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
    }

    /// `log(1 + e^x)`, without overflow.
    func softplus(_ x: Double) -> Double {
        max(x, 0) + log1p(exp(-abs(x)))
    }
}
