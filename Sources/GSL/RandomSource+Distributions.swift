internal import CGSL

// MARK: - Continuous distributions

extension RandomSource {
    /// Returns a draw from the normal distribution with mean 0 and standard deviation `sigma`.
    ///
    /// Uses the Marsaglia–Tsang ziggurat method (Marsaglia and Tsang, "The ziggurat method for
    /// generating random variables", J. Stat. Software 5(8), 2000), as implemented by GSL.
    ///
    /// ```swift
    /// let z = random.gaussian()            // standard normal
    /// let noise = 10 + random.gaussian(sigma: 2)
    /// ```
    ///
    /// - Parameter sigma: The standard deviation; finite and `>= 0` (a precondition).
    /// - Returns: A normally distributed value.
    ///
    /// The corresponding GSL function is `gsl_ran_gaussian_ziggurat`.
    public func gaussian(sigma: Double = 1) -> Double {
        precondition(sigma.isFinite && sigma >= 0, "gaussian(sigma:): sigma must be finite and >= 0, got \(sigma)")
        return gsl_ran_gaussian_ziggurat(rng, sigma)
    }

    /// Returns a draw from the lognormal distribution: `exp(zeta + sigma * z)` with `z` standard normal.
    ///
    /// The mean is `exp(zeta + sigma² / 2)`, so `zeta = -sigma * sigma / 2` gives a
    /// multiplicative noise factor with mean 1:
    ///
    /// ```swift
    /// let sigma = 0.3
    /// let realCost = plannedCost * random.lognormal(zeta: -sigma * sigma / 2, sigma: sigma)
    /// ```
    ///
    /// - Parameters:
    ///   - zeta: The mean of the underlying normal, on the log scale; finite (a precondition).
    ///   - sigma: The standard deviation of the underlying normal; finite and `>= 0` (a precondition).
    /// - Returns: A positive value (or exactly `exp(zeta)` when `sigma` is 0).
    ///
    /// The corresponding GSL function is `gsl_ran_lognormal`.
    public func lognormal(zeta: Double, sigma: Double) -> Double {
        precondition(zeta.isFinite, "lognormal(zeta:sigma:): zeta must be finite, got \(zeta)")
        precondition(
            sigma.isFinite && sigma >= 0, "lognormal(zeta:sigma:): sigma must be finite and >= 0, got \(sigma)")
        return gsl_ran_lognormal(rng, zeta, sigma)
    }
}

// MARK: - Discrete distributions

extension RandomSource {
    /// Returns the number of successes in `trials` independent trials with success probability `p`.
    ///
    /// Large `trials` are cheap: GSL uses the BTPE algorithm (Kachitvichyanukul and Schmeiser,
    /// "Binomial random variate generation", CACM 31(2), 1988), whose cost does not grow with
    /// `trials`. A typical use is the number of members of a group of 50,000 who take part:
    ///
    /// ```swift
    /// let voters = try random.binomial(p: 0.3, trials: 50_000)
    /// ```
    ///
    /// - Parameters:
    ///   - p: The success probability, in `[0, 1]`.
    ///   - trials: The number of trials, in `0 ... UInt32.max`.
    /// - Returns: A count in `0 ... trials`.
    /// - Throws: ``GSLError`` with code ``GSLError/Code/domain`` if `p` is not in `[0, 1]`
    ///   (including NaN) or `trials` is out of range.
    ///
    /// The corresponding GSL function is `gsl_ran_binomial`.
    public func binomial(p: Double, trials: Int) throws(GSLError) -> Int {
        let function = "RandomSource.binomial(p:trials:)"
        guard p >= 0 && p <= 1 else {
            throw .domain(function, "p: expected a value in [0, 1], got \(p)")
        }
        guard trials >= 0 && trials <= Int(UInt32.max) else {
            throw .domain(function, "trials: expected a value in 0...\(UInt32.max), got \(trials)")
        }
        return Int(gsl_ran_binomial(rng, p, UInt32(trials)))
    }

    /// Returns a draw from the Poisson distribution with the given mean.
    ///
    /// ```swift
    /// let arrivals = try random.poisson(mean: 3.5)
    /// ```
    ///
    /// - Parameter mean: The mean (and variance), finite, in `0 ... 2³¹`. The upper bound
    ///   keeps every draw far inside GSL's 32-bit result.
    /// - Returns: A count `>= 0`.
    /// - Throws: ``GSLError`` with code ``GSLError/Code/domain`` if `mean` is negative, NaN
    ///   or too large.
    ///
    /// The corresponding GSL function is `gsl_ran_poisson`.
    public func poisson(mean: Double) throws(GSLError) -> Int {
        // NB: at mean 2^31 the standard deviation is ~46,341, so reaching the 32-bit limit
        // (2^32) would take a draw ~46,000 standard deviations above the mean.
        guard mean >= 0 && mean <= 2_147_483_648 else {
            throw .domain("RandomSource.poisson(mean:)", "mean: expected a value in [0, 2^31], got \(mean)")
        }
        return Int(gsl_ran_poisson(rng, mean))
    }

    /// Returns how many of `trials` draws fall in each category, for categories chosen with
    /// the given probabilities.
    ///
    /// The probabilities are weights: GSL divides them by their sum, so `[1, 1, 2]` means
    /// `[0.25, 0.25, 0.5]`. The counts always add up to `trials`.
    ///
    /// ```swift
    /// let panel = try random.multinomial(trials: 30, probabilities: groupSizes)
    /// ```
    ///
    /// - Parameters:
    ///   - trials: The number of draws, in `0 ... UInt32.max`.
    ///   - probabilities: One finite weight `>= 0` per category, at least one of them positive.
    /// - Returns: One count per category, in the order of `probabilities`.
    /// - Throws: ``GSLError`` with code ``GSLError/Code/domain`` if `trials` is out of range,
    ///   `probabilities` is empty, any weight is negative or not finite, or all are zero.
    /// - Complexity: O(*k*) for *k* categories (one binomial draw per category).
    ///
    /// The corresponding GSL function is `gsl_ran_multinomial`.
    public func multinomial(trials: Int, probabilities: [Double]) throws(GSLError) -> [Int] {
        let function = "RandomSource.multinomial(trials:probabilities:)"
        guard trials >= 0 && trials <= Int(UInt32.max) else {
            throw .domain(function, "trials: expected a value in 0...\(UInt32.max), got \(trials)")
        }
        guard !probabilities.isEmpty else {
            throw .domain(function, "probabilities: expected at least one category, got none")
        }
        if let index = probabilities.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
            throw .domain(
                function, "probabilities[\(index)]: expected a finite value >= 0, got \(probabilities[index])")
        }
        let total = probabilities.reduce(0, +)
        guard total > 0 && total.isFinite else {
            throw .domain(function, "probabilities: expected a finite positive sum, got \(total)")
        }
        let categories = probabilities.count
        let counts = [UInt32](unsafeUninitializedCapacity: categories) { counts, initialized in
            probabilities.withUnsafeBufferPointer { weights in
                gsl_ran_multinomial(rng, categories, UInt32(trials), weights.baseAddress, counts.baseAddress)
            }
            initialized = categories
        }
        return counts.map { Int($0) }
    }
}
