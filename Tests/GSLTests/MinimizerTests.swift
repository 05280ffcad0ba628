import GSL
import Testing

@Suite(.timeLimit(.minutes(1))) struct MinimizerTests {
    private static let simplexAPI = "Minimizer.minimize(start:stepSize:tolerance:maxIterations:_:)"

    private static func rosenbrock(_ x: [Double]) -> Double {
        let a = 1 - x[0]
        let b = x[1] - x[0] * x[0]
        return a * a + 100 * b * b
    }

    private static func rosenbrockGradient(_ x: [Double]) -> [Double] {
        let b = x[1] - x[0] * x[0]
        return [-2 * (1 - x[0]) - 400 * x[0] * b, 200 * b]
    }

    // MARK: - Nelder–Mead

    @Test("The simplex finds the minimum 5 of a shifted quadratic at (3, -1)")
    func simplexShiftedQuadratic() throws {
        // NB: with f* = 5, values within ~3e-8 of the minimum round to 5.0, so the simplex
        // cannot shrink below that: tolerance 1e-6 is reachable, 1e-8 is not.
        let result = try Minimizer.minimize(start: [0, 0], stepSize: 1, tolerance: 1e-6, maxIterations: 1000) { x in
            (x[0] - 3) * (x[0] - 3) + 2 * (x[1] + 1) * (x[1] + 1) + 5
        }
        #expect(result.converged)
        #expect(abs(result.point[0] - 3) < 1e-5)
        #expect(abs(result.point[1] + 1) < 1e-5)
        #expect(abs(result.value - 5) < 1e-10)
        #expect(result.iterations > 0 && result.iterations < 1000)
    }

    @Test("The simplex finds Rosenbrock's minimum at (1, 1) from (-1.2, 1)")
    func simplexRosenbrock() throws {
        let result = try Minimizer.minimize(
            start: [-1.2, 1], stepSize: 0.5, tolerance: 1e-10, maxIterations: 10_000, Self.rosenbrock)
        #expect(result.converged)
        #expect(abs(result.point[0] - 1) < 1e-4)
        #expect(abs(result.point[1] - 1) < 1e-4)
        #expect(result.value < 1e-8)
    }

    @Test("The simplex works in one dimension")
    func simplexOneDimension() throws {
        let result = try Minimizer.minimize(start: [10], stepSize: 1, tolerance: 1e-10, maxIterations: 1000) { x in
            (x[0] + 2.5) * (x[0] + 2.5)
        }
        #expect(result.converged)
        #expect(result.point.count == 1)
        #expect(abs(result.point[0] + 2.5) < 1e-6)
    }

    @Test("Reaching the iteration limit is reported as not converged")
    func simplexIterationLimit() throws {
        let limited = try Minimizer.minimize(
            start: [-1.2, 1], stepSize: 0.5, tolerance: 1e-10, maxIterations: 3, Self.rosenbrock)
        #expect(!limited.converged)
        #expect(limited.iterations == 3)
        let none = try Minimizer.minimize(
            start: [-1.2, 1], stepSize: 0.5, tolerance: 1e-10, maxIterations: 0, Self.rosenbrock)
        #expect(!none.converged)
        #expect(none.iterations == 0)
        #expect(none.point == [-1.2, 1])
        #expect(none.value == Self.rosenbrock([-1.2, 1]))
    }

    @Test("An objective that returns NaN is reported as GSL_EBADFUNC, not a crash")
    func simplexNaNObjective() {
        let error = #expect(throws: GSLError.self) {
            try Minimizer.minimize(start: [0, 0], stepSize: 1, tolerance: 1e-8, maxIterations: 100) { _ in .nan }
        }
        #expect(error?.code == .badFunction)
        #expect(
            error?.description
                == "gsl_multimin_fminimizer_set failed: problem with user-supplied function (GSL code 9)")
    }

    @Test("NaN beyond x = 2 acts as a barrier: the simplex stops at the edge, below the minimum at 3")
    func simplexNaNBarrier() throws {
        var nanSeen = false
        let result = try Minimizer.minimize(start: [0], stepSize: 1, tolerance: 1e-8, maxIterations: 1000) { x in
            if x[0] > 2 {
                nanSeen = true
                return .nan
            }
            return (x[0] - 3) * (x[0] - 3)
        }
        #expect(nanSeen)
        #expect(result.point[0] <= 2)
        #expect(abs(result.point[0] - 2) < 1e-6)
        #expect(result.value.isFinite)
    }

    @Test("A NaN at a vertex of the first simplex is GSL_EBADFUNC")
    func simplexNaNOnFirstSimplex() {
        let error = #expect(throws: GSLError.self) {
            try Minimizer.minimize(start: [0, 0], stepSize: 1, tolerance: 1e-8, maxIterations: 100) { x in
                x[1] > 0.5 ? .nan : x[0] * x[0] + x[1] * x[1]
            }
        }
        #expect(error?.code == .badFunction)
        #expect(error?.function == "gsl_multimin_fminimizer_set")
    }

    @Test("Invalid arguments throw domain errors with the parameter named")
    func simplexInvalidArguments() {
        let empty = #expect(throws: GSLError.self) {
            try Minimizer.minimize(start: [], stepSize: 1, tolerance: 1e-8, maxIterations: 10) { _ in 0 }
        }
        #expect(
            empty?.description
                == "\(Self.simplexAPI): start: expected at least one coordinate, got none"
        )
        let step = #expect(throws: GSLError.self) {
            try Minimizer.minimize(start: [0], stepSize: 0, tolerance: 1e-8, maxIterations: 10) { _ in 0 }
        }
        #expect(
            step?.description
                == "\(Self.simplexAPI): stepSize: expected a finite value > 0, got 0.0"
        )
        let start = #expect(throws: GSLError.self) {
            try Minimizer.minimize(start: [0, .infinity], stepSize: 1, tolerance: 1e-8, maxIterations: 10) { _ in 0 }
        }
        #expect(start?.code == .domain)
        #expect(start?.message == "start[1]: expected a finite value, got inf")
    }

    // MARK: - BFGS

    @Test("BFGS finds the minimum of a shifted quadratic at (3, -1)")
    func bfgsShiftedQuadratic() throws {
        let result = try Minimizer.minimize(start: [0, 0], stepSize: 0.1, gradientTolerance: 1e-8, maxIterations: 100) {
            x in
            (x[0] - 3) * (x[0] - 3) + 2 * (x[1] + 1) * (x[1] + 1) + 5
        } gradient: { x in
            [2 * (x[0] - 3), 4 * (x[1] + 1)]
        }
        #expect(result.converged)
        #expect(abs(result.point[0] - 3) < 1e-6)
        #expect(abs(result.point[1] + 1) < 1e-6)
        #expect(abs(result.value - 5) < 1e-10)
    }

    @Test("BFGS finds Rosenbrock's minimum at (1, 1) from (-1.2, 1)")
    func bfgsRosenbrock() throws {
        let result = try Minimizer.minimize(
            start: [-1.2, 1], stepSize: 0.01, gradientTolerance: 1e-6, maxIterations: 1000,
            Self.rosenbrock, gradient: Self.rosenbrockGradient)
        #expect(abs(result.point[0] - 1) < 1e-4)
        #expect(abs(result.point[1] - 1) < 1e-4)
        #expect(result.value < 1e-8)
    }

    @Test("BFGS with no iterations returns the start and its value")
    func bfgsNoIterations() throws {
        let result = try Minimizer.minimize(
            start: [-1.2, 1], stepSize: 0.01, gradientTolerance: 1e-6, maxIterations: 0,
            Self.rosenbrock, gradient: Self.rosenbrockGradient)
        #expect(result.point == [-1.2, 1])
        #expect(result.value == Self.rosenbrock([-1.2, 1]))
        #expect(result.iterations == 0)
        #expect(!result.converged)
    }

    @Test("A gradient of the wrong length is a domain error, not a crash")
    func bfgsWrongGradientLength() {
        let error = #expect(throws: GSLError.self) {
            try Minimizer.minimize(start: [0, 0], stepSize: 0.1, gradientTolerance: 1e-8, maxIterations: 100) { x in
                x[0] * x[0] + x[1] * x[1]
            } gradient: { x in
                [2 * x[0]]
            }
        }
        #expect(error?.message == "gradient: expected 2 components, got 1")
    }

    @Test("A NaN objective under BFGS is GSL_EBADFUNC, not a crash")
    func bfgsNaNObjective() {
        let error = #expect(throws: GSLError.self) {
            try Minimizer.minimize(start: [0, 0], stepSize: 0.1, gradientTolerance: 1e-8, maxIterations: 100) { _ in
                .nan
            } gradient: { _ in
                [0, 0]
            }
        }
        #expect(
            error?.description
                == "gsl_multimin_fdfminimizer_set failed: problem with user-supplied function (GSL code 9)")
    }
}
