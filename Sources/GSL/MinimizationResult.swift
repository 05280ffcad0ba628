/// Where a minimiser stopped, and whether it met its convergence test there.
///
/// ```swift
/// let result = try Minimizer.minimize(start: [0, 0], stepSize: 1, tolerance: 1e-8, maxIterations: 1000) { x in
///     (x[0] - 3) * (x[0] - 3) + (x[1] + 1) * (x[1] + 1)
/// }
/// if result.converged { print(result.point, result.value) }  // ≈ [3, -1] 0
/// ```
public struct MinimizationResult: Sendable, Hashable, Codable {
    /// The best point found: the minimiser's estimate of the minimum.
    public var point: [Double]
    /// The objective at ``point``.
    public var value: Double
    /// How many iterations ran (each evaluates the objective one or more times).
    public var iterations: Int
    /// Whether the convergence test passed; `false` when the iteration limit was reached first.
    public var converged: Bool

    /// Creates a result from its fields.
    ///
    /// - Parameters:
    ///   - point: The best point found.
    ///   - value: The objective at `point`.
    ///   - iterations: The number of iterations run.
    ///   - converged: Whether the convergence test passed.
    public init(point: [Double], value: Double, iterations: Int, converged: Bool) {
        self.point = point
        self.value = value
        self.iterations = iterations
        self.converged = converged
    }
}
