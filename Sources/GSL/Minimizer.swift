internal import CGSL

/// Minimisers of functions of several variables.
///
/// ``minimize(start:stepSize:tolerance:maxIterations:_:)`` needs only function values
/// (the Nelder–Mead simplex); ``minimize(start:stepSize:lineTolerance:gradientTolerance:maxIterations:_:gradient:)``
/// also takes the gradient and converges in far fewer evaluations on smooth problems (BFGS).
///
/// ```swift
/// // Rosenbrock's function has its minimum 0 at (1, 1).
/// let result = try Minimizer.minimize(start: [-1.2, 1], stepSize: 0.5, tolerance: 1e-10, maxIterations: 10_000) { x in
///     let a = 1 - x[0], b = x[1] - x[0] * x[0]
///     return a * a + 100 * b * b
/// }
/// // result.point ≈ [1, 1], result.converged == true
/// ```
///
/// The objective should return a finite value wherever the minimiser looks. Both
/// minimisers throw ``GSLError`` with code ``GSLError/Code/badFunction`` when the value at
/// the start is NaN or infinite; the simplex minimiser treats a non-finite value at a later
/// trial point as worse than any finite one and backs away from it (see
/// ``minimize(start:stepSize:tolerance:maxIterations:_:)``). To keep the search inside a
/// feasible region, prefer a smooth reparametrisation or a large finite penalty.
public enum Minimizer {
    /// Minimises a function with the Nelder–Mead simplex method, using function values only.
    ///
    /// GSL's `nmsimplex2` variant (Nelder and Mead, "A simplex method for function
    /// minimization", Computer Journal 7(4), 1965) starts from a simplex around `start` whose
    /// edges are `stepSize` long along each axis. It stops when the simplex's size (the mean
    /// distance from its centre to its vertices) falls below `tolerance`, or after
    /// `maxIterations` iterations.
    ///
    /// Choose `tolerance` with the objective's rounding in mind: near a minimum `x*` with
    /// value `f*`, values differ from `f*` by about `c · δ²` at distance `δ` (for curvature
    /// `c`), which is lost in rounding once it is below `f*` times the machine epsilon
    /// (2.2e-16). The simplex cannot then tell its vertices apart, so a tolerance below about
    /// `sqrt(2.2e-16 × |f*| / c)` is never met and the call runs to `maxIterations`.
    ///
    /// A NaN or infinite value at the start or at a vertex of the first simplex is an error
    /// (``GSLError/Code/badFunction``). At a later trial point, GSL treats it as worse than
    /// any finite value and moves elsewhere, so NaN can mark an infeasible region; it is an
    /// error (``GSLError/Code/failed``) only if shrinking the whole simplex towards its best
    /// vertex lands on non-finite values.
    ///
    /// ```swift
    /// let result = try Minimizer.minimize(start: [0, 0], stepSize: 1, tolerance: 1e-8, maxIterations: 1000) { x in
    ///     (x[0] - 3) * (x[0] - 3) + 2 * (x[1] + 1) * (x[1] + 1) + 5
    /// }
    /// // result.point ≈ [3, -1], result.value ≈ 5
    /// ```
    ///
    /// - Parameters:
    ///   - start: The starting point; at least one coordinate, all finite.
    ///   - stepSize: The initial step along each axis; finite and `> 0`.
    ///   - tolerance: The simplex size at which to stop; finite and `> 0`.
    ///   - maxIterations: The most iterations to run; `>= 0`.
    ///   - f: The objective. It receives a point with as many coordinates as `start` and
    ///     must return a finite value.
    /// - Returns: The best point found, its value, the iterations run and whether the size
    ///   test passed.
    /// - Throws: ``GSLError`` with code ``GSLError/Code/domain`` for an invalid argument, or
    ///   the GSL failure: ``GSLError/Code/badFunction`` when `f` is not finite on the first
    ///   simplex, ``GSLError/Code/failed`` when a contraction lands on non-finite values.
    ///
    /// The corresponding GSL functions are `gsl_multimin_fminimizer_alloc` (with
    /// `gsl_multimin_fminimizer_nmsimplex2`), `gsl_multimin_fminimizer_set`,
    /// `gsl_multimin_fminimizer_iterate` and `gsl_multimin_test_size`.
    public static func minimize(
        start: [Double],
        stepSize: Double,
        tolerance: Double,
        maxIterations: Int,
        _ f: ([Double]) -> Double
    ) throws(GSLError) -> MinimizationResult {
        let function = "Minimizer.minimize(start:stepSize:tolerance:maxIterations:_:)"
        try validate(start: start, maxIterations: maxIterations, function: function)
        guard stepSize.isFinite && stepSize > 0 else {
            throw .domain(function, "stepSize: expected a finite value > 0, got \(stepSize)")
        }
        guard tolerance.isFinite && tolerance > 0 else {
            throw .domain(function, "tolerance: expected a finite value > 0, got \(tolerance)")
        }
        return try withoutActuallyEscaping(f) { (f) throws(GSLError) -> MinimizationResult in
            let objective = Objective(dimension: start.count, function: f, gradient: nil)
            return try withExtendedLifetime(objective) { () throws(GSLError) -> MinimizationResult in
                try runSimplex(
                    objective, start: start, stepSize: stepSize, tolerance: tolerance,
                    maxIterations: maxIterations)
            }
        }
    }

    /// Minimises a smooth function with the BFGS quasi-Newton method, using its gradient.
    ///
    /// GSL's `vector_bfgs2` (Fletcher, *Practical Methods of Optimization*, 2nd ed., 1987,
    /// algorithms 2.6.2 and 2.6.4) builds an approximation of the inverse Hessian from
    /// successive gradients. It stops when the gradient's Euclidean norm falls below
    /// `gradientTolerance`, when no further progress is possible, or after `maxIterations`.
    ///
    /// ```swift
    /// let result = try Minimizer.minimize(
    ///     start: [0, 0], stepSize: 0.1, gradientTolerance: 1e-8, maxIterations: 100
    /// ) { x in
    ///     (x[0] - 3) * (x[0] - 3) + 2 * (x[1] + 1) * (x[1] + 1)
    /// } gradient: { x in
    ///     [2 * (x[0] - 3), 4 * (x[1] + 1)]
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - start: The starting point; at least one coordinate, all finite.
    ///   - stepSize: The length of the first trial step; finite and `> 0`.
    ///   - lineTolerance: The accuracy of each line search, as GSL's `tol`; in `(0, 1)`, 0.1 by default.
    ///   - gradientTolerance: The gradient norm at which to stop; finite and `> 0`.
    ///   - maxIterations: The most iterations to run; `>= 0`.
    ///   - f: The objective; must return a finite value.
    ///   - gradient: The gradient of `f`: one partial derivative per coordinate.
    /// - Returns: The best point found, its value, the iterations run and whether the
    ///   gradient test passed there.
    /// - Throws: ``GSLError`` with code ``GSLError/Code/domain`` for an invalid argument or a
    ///   gradient of the wrong length; ``GSLError/Code/badFunction`` when `f` or `gradient`
    ///   is not finite at `start` or `f` is not finite where the search ends; or the GSL
    ///   failure of a step.
    ///
    /// The corresponding GSL functions are `gsl_multimin_fdfminimizer_alloc` (with
    /// `gsl_multimin_fdfminimizer_vector_bfgs2`), `gsl_multimin_fdfminimizer_set`,
    /// `gsl_multimin_fdfminimizer_iterate` and `gsl_multimin_test_gradient`.
    public static func minimize(
        start: [Double],
        stepSize: Double,
        lineTolerance: Double = 0.1,
        gradientTolerance: Double,
        maxIterations: Int,
        _ f: ([Double]) -> Double,
        gradient: ([Double]) -> [Double]
    ) throws(GSLError) -> MinimizationResult {
        let function = "Minimizer.minimize(start:stepSize:lineTolerance:gradientTolerance:maxIterations:_:gradient:)"
        try validate(start: start, maxIterations: maxIterations, function: function)
        guard stepSize.isFinite && stepSize > 0 else {
            throw .domain(function, "stepSize: expected a finite value > 0, got \(stepSize)")
        }
        guard lineTolerance > 0 && lineTolerance < 1 else {
            throw .domain(function, "lineTolerance: expected a value in (0, 1), got \(lineTolerance)")
        }
        guard gradientTolerance.isFinite && gradientTolerance > 0 else {
            throw .domain(function, "gradientTolerance: expected a finite value > 0, got \(gradientTolerance)")
        }
        return try withoutActuallyEscaping(f) { (f) throws(GSLError) -> MinimizationResult in
            try withoutActuallyEscaping(gradient) { (gradient) throws(GSLError) -> MinimizationResult in
                let objective = Objective(dimension: start.count, function: f, gradient: gradient)
                return try withExtendedLifetime(objective) { () throws(GSLError) -> MinimizationResult in
                    try runBFGS(
                        objective, start: start, stepSize: stepSize, lineTolerance: lineTolerance,
                        gradientTolerance: gradientTolerance, maxIterations: maxIterations)
                }
            }
        }
    }

    // MARK: - Input checks

    private static func validate(start: [Double], maxIterations: Int, function: String) throws(GSLError) {
        guard !start.isEmpty else {
            throw .domain(function, "start: expected at least one coordinate, got none")
        }
        if let index = start.firstIndex(where: { !$0.isFinite }) {
            throw .domain(function, "start[\(index)]: expected a finite value, got \(start[index])")
        }
        guard maxIterations >= 0 else {
            throw .domain(function, "maxIterations: expected a value >= 0, got \(maxIterations)")
        }
    }

    // MARK: - Nelder–Mead simplex

    private static func runSimplex(
        _ objective: Objective,
        start: [Double],
        stepSize: Double,
        tolerance: Double,
        maxIterations: Int
    ) throws(GSLError) -> MinimizationResult {
        let state = SimplexState(dimension: start.count)
        let x = Vector(start)
        let steps = Vector(Array(repeating: stepSize, count: start.count))
        // NB: Swift may release an object right after its last use, which here is reading
        // `.pointer`, before GSL uses that pointer; keep the owners alive to the end.
        defer { withExtendedLifetime((state, x, steps)) {} }
        var callbacks = gsl_multimin_function(
            f: { x, params in
                guard let x, let params else { return .nan }
                return Unmanaged<Objective>.fromOpaque(params).takeUnretainedValue().value(at: x)
            },
            n: start.count,
            params: Unmanaged.passUnretained(objective).toOpaque()
        )
        // NB: the minimiser keeps the pointer to `callbacks` after `set` returns, so every GSL
        // call that may evaluate the function happens inside this one pointer scope.
        return try withUnsafeMutablePointer(to: &callbacks) { (callbacks) throws(GSLError) -> MinimizationResult in
            try check(
                gsl_multimin_fminimizer_set(state.pointer, callbacks, x.pointer, steps.pointer),
                "gsl_multimin_fminimizer_set")
            var iterations = 0
            var converged = false
            while iterations < maxIterations {
                iterations += 1
                try check(gsl_multimin_fminimizer_iterate(state.pointer), "gsl_multimin_fminimizer_iterate")
                let status = gsl_multimin_test_size(gsl_multimin_fminimizer_size(state.pointer), tolerance)
                if status == GSL_SUCCESS {
                    converged = true
                    break
                }
                if status != GSL_CONTINUE {
                    try check(status, "gsl_multimin_test_size")
                }
            }
            // NB: GSL records the minimiser's best value only in `iterate`; before the first
            // iteration its `x` is the start, so evaluate the objective there instead.
            guard iterations > 0 else {
                return MinimizationResult(
                    point: start, value: objective.function(start), iterations: 0, converged: false)
            }
            return MinimizationResult(
                point: Vector.elements(of: gsl_multimin_fminimizer_x(state.pointer)),
                value: gsl_multimin_fminimizer_minimum(state.pointer),
                iterations: iterations,
                converged: converged
            )
        }
    }

    // MARK: - BFGS

    private static func runBFGS(
        _ objective: Objective,
        start: [Double],
        stepSize: Double,
        lineTolerance: Double,
        gradientTolerance: Double,
        maxIterations: Int
    ) throws(GSLError) -> MinimizationResult {
        let state = GradientState(dimension: start.count)
        let x = Vector(start)
        defer { withExtendedLifetime((state, x)) {} }  // NB: as in `runSimplex`.
        var callbacks = gsl_multimin_function_fdf(
            f: { x, params in
                guard let x, let params else { return .nan }
                return Unmanaged<Objective>.fromOpaque(params).takeUnretainedValue().value(at: x)
            },
            df: { x, params, g in
                guard let x, let params, let g else { return }
                Unmanaged<Objective>.fromOpaque(params).takeUnretainedValue().gradient(at: x, into: g)
            },
            fdf: { x, params, f, g in
                guard let x, let params, let f, let g else { return }
                let objective = Unmanaged<Objective>.fromOpaque(params).takeUnretainedValue()
                f.pointee = objective.value(at: x)
                objective.gradient(at: x, into: g)
            },
            n: start.count,
            params: Unmanaged.passUnretained(objective).toOpaque()
        )
        // NB: as for the simplex, the minimiser keeps the pointer to `callbacks`.
        return try withUnsafeMutablePointer(to: &callbacks) { (callbacks) throws(GSLError) -> MinimizationResult in
            let status = gsl_multimin_fdfminimizer_set(state.pointer, callbacks, x.pointer, stepSize, lineTolerance)
            try objective.rethrowStoredError()
            try check(status, "gsl_multimin_fdfminimizer_set")
            // NB: unlike nmsimplex2's, bfgs2's `set` does not check the values it computes;
            // report a non-finite start the way the simplex does, with GSL's own code.
            let startGradient = Vector.elements(of: gsl_multimin_fdfminimizer_gradient(state.pointer))
            guard gsl_multimin_fdfminimizer_minimum(state.pointer).isFinite, startGradient.allSatisfy(\.isFinite) else {
                throw GSLError(status: Int32(GSL_EBADFUNC), function: "gsl_multimin_fdfminimizer_set")
            }
            var iterations = 0
            while iterations < maxIterations {
                iterations += 1
                let status = gsl_multimin_fdfminimizer_iterate(state.pointer)
                try objective.rethrowStoredError()
                // NB: GSL_ENOPROG means the line search cannot improve on the current point,
                // which is where BFGS ends up at a minimum; the gradient test below decides
                // whether that point counts as converged.
                if status == GSL_ENOPROG {
                    break
                }
                try check(status, "gsl_multimin_fdfminimizer_iterate")
                if gsl_multimin_test_gradient(gsl_multimin_fdfminimizer_gradient(state.pointer), gradientTolerance)
                    == GSL_SUCCESS
                {
                    break
                }
            }
            let point = Vector.elements(of: gsl_multimin_fdfminimizer_x(state.pointer))
            let value = gsl_multimin_fdfminimizer_minimum(state.pointer)
            guard value.isFinite else {
                throw GSLError(status: Int32(GSL_EBADFUNC), function: "gsl_multimin_fdfminimizer_iterate")
            }
            let converged =
                gsl_multimin_test_gradient(gsl_multimin_fdfminimizer_gradient(state.pointer), gradientTolerance)
                == GSL_SUCCESS
            return MinimizationResult(point: point, value: value, iterations: iterations, converged: converged)
        }
    }
}

// MARK: - Callback state

/// The Swift side of a minimisation, reached from GSL's callbacks through `void *params`.
///
/// NB: a C callback cannot throw, so an error found inside one (a gradient of the wrong
/// length) is stored here, the callback hands GSL a NaN, and the caller checks ``error``
/// after every GSL call.
private final class Objective {
    let dimension: Int
    let function: ([Double]) -> Double
    let gradientFunction: (([Double]) -> [Double])?
    var error: GSLError?

    init(dimension: Int, function: @escaping ([Double]) -> Double, gradient: (([Double]) -> [Double])?) {
        self.dimension = dimension
        self.function = function
        self.gradientFunction = gradient
    }

    func value(at x: UnsafePointer<gsl_vector>) -> Double {
        function(Vector.elements(of: x))
    }

    func gradient(at x: UnsafePointer<gsl_vector>, into g: UnsafeMutablePointer<gsl_vector>) {
        guard let gradientFunction else {
            gsl_vector_set_all(g, .nan)
            return
        }
        let components = gradientFunction(Vector.elements(of: x))
        guard components.count == dimension else {
            if error == nil {
                error = .domain(
                    "Minimizer.minimize(start:stepSize:lineTolerance:gradientTolerance:maxIterations:_:gradient:)",
                    "gradient: expected \(dimension) components, got \(components.count)")
            }
            gsl_vector_set_all(g, .nan)
            return
        }
        Vector.store(components, into: g)
    }

    /// Throws the error a callback stored, if any.
    func rethrowStoredError() throws(GSLError) {
        if let error { throw error }
    }
}

/// The single owner of a Nelder–Mead minimiser, which it frees in `deinit`.
private final class SimplexState {
    let pointer: UnsafeMutablePointer<gsl_multimin_fminimizer>

    init(dimension: Int) {
        _ = gslErrorHandlerDisabled
        guard let pointer = gsl_multimin_fminimizer_alloc(cgsl_multimin_nmsimplex2(), dimension) else {
            fatalError("gsl_multimin_fminimizer_alloc failed: out of memory")
        }
        self.pointer = pointer
    }

    deinit {
        gsl_multimin_fminimizer_free(pointer)
    }
}

/// The single owner of a gradient minimiser, which it frees in `deinit`.
private final class GradientState {
    let pointer: UnsafeMutablePointer<gsl_multimin_fdfminimizer>

    init(dimension: Int) {
        _ = gslErrorHandlerDisabled
        guard let pointer = gsl_multimin_fdfminimizer_alloc(cgsl_multimin_vector_bfgs2(), dimension) else {
            fatalError("gsl_multimin_fdfminimizer_alloc failed: out of memory")
        }
        self.pointer = pointer
    }

    deinit {
        gsl_multimin_fdfminimizer_free(pointer)
    }
}
