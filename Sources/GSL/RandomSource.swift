internal import CGSL

/// A seeded stream of random numbers: GSL's MT19937 Mersenne Twister.
///
/// Every random draw in pbsim takes an explicit `RandomSource`, so a result depends only on
/// the seeds, never on a global generator or an environment variable (this type never calls
/// `gsl_rng_env_setup` or uses `gsl_rng_default`).
///
/// A Monte Carlo simulation gives run *i* its own source, derived from the pair
/// (base seed, *i*) by ``init(seed:stream:)``. Runs can then be spread over any number of
/// threads, in any order, and produce the same numbers:
///
/// ```swift
/// let results = (0..<runs).map { run in
///     let random = RandomSource(seed: 42, stream: UInt64(run))
///     return simulate(using: random)
/// }
/// ```
///
/// A `RandomSource` is a reference type that owns its GSL generator and frees it when the
/// last reference goes away. It is deliberately not `Sendable`: draws mutate the generator's
/// state, so use one source per task.
///
/// The generator is MT19937 (Matsumoto and Nishimura, "Mersenne Twister: a 623-dimensionally
/// equidistributed uniform pseudorandom number generator", ACM TOMACS 8(1), 1998), with the
/// 2002 seeding procedure; it yields 32 random bits per draw.
public final class RandomSource {
    let rng: UnsafeMutablePointer<gsl_rng>

    /// Creates a source seeded directly with `seed`.
    ///
    /// The sequence matches any other MT19937 seeded with the same 32-bit value: with seed
    /// 5489 (the C++ `std::mt19937` default), the first ``nextUInt32()`` is 3499211612.
    ///
    /// - Note: MT19937 takes a 32-bit seed. GSL uses the low 32 bits of `seed`, so seeds that
    ///   differ only above bit 31 give the same sequence, and GSL replaces the seed 0 by 4357
    ///   (the generator's original default). To give each run of a simulation its own stream,
    ///   use ``init(seed:stream:)`` rather than adding the run index to a seed.
    ///
    /// - Parameter seed: The seed; only its low 32 bits are used.
    ///
    /// The corresponding GSL functions are `gsl_rng_alloc` (with `gsl_rng_mt19937`) and `gsl_rng_set`.
    public init(seed: UInt64) {
        _ = gslErrorHandlerDisabled
        guard let rng = gsl_rng_alloc(cgsl_rng_type_mt19937()) else {
            fatalError("gsl_rng_alloc failed: out of memory")
        }
        gsl_rng_set(rng, UInt(truncatingIfNeeded: seed))
        self.rng = rng
    }

    /// Creates the source for one stream of a base seed, such as one run of a simulation.
    ///
    /// The generator is seeded with ``streamSeed(seed:stream:)``, a SplitMix64 hash of the
    /// pair, so neighbouring streams (run 0, run 1, …) and neighbouring base seeds get
    /// unrelated generator states. The derivation is a pure function of the pair: creating
    /// stream 5 before stream 2, on another thread, or in another process gives the same
    /// numbers.
    ///
    /// ```swift
    /// let run7 = RandomSource(seed: 2024, stream: 7)
    /// ```
    ///
    /// - Note: MT19937 takes a 32-bit seed, so the streams of all (seed, stream) pairs share
    ///   2³² generator states. Two of *n* runs land on the same state with probability about
    ///   n² / 2³³: about 1.2 % for 10,000 runs, 0.01 % for 1,000.
    ///
    /// - Parameters:
    ///   - seed: The base seed, e.g. the `--seed` of a simulation.
    ///   - stream: The stream index, e.g. the run number.
    ///
    /// The corresponding GSL function is `gsl_rng_set`.
    public convenience init(seed: UInt64, stream: UInt64) {
        self.init(seed: RandomSource.streamSeed(seed: seed, stream: stream))
    }

    deinit {
        gsl_rng_free(rng)
    }

    /// The generator seed that ``init(seed:stream:)`` uses for a (base seed, stream) pair.
    ///
    /// The derivation uses SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom
    /// number generators", OOPSLA 2014; constants from Vigna's reference `splitmix64.c`):
    /// with `next(s)` the first output of a SplitMix64 generator whose state is `s`,
    ///
    /// ```
    /// streamSeed(seed, stream) = next(next(seed) ^ stream)
    /// ```
    ///
    /// For a fixed base seed this is a bijection of the stream index, so distinct streams
    /// get distinct 64-bit values before GSL keeps their low 32 bits.
    ///
    /// - Parameters:
    ///   - seed: The base seed.
    ///   - stream: The stream index.
    /// - Returns: The seed passed to ``init(seed:)``.
    public static func streamSeed(seed: UInt64, stream: UInt64) -> UInt64 {
        splitMix64Next(state: splitMix64Next(state: seed) ^ stream)
    }

    /// The first output of a SplitMix64 generator whose state is `state` (Vigna's `next()`).
    private static func splitMix64Next(state: UInt64) -> UInt64 {
        var z = state &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    // MARK: - Uniform draws

    /// Returns the generator's next raw output: 32 uniformly random bits.
    ///
    /// ```swift
    /// RandomSource(seed: 5489).nextUInt32()  // 3499211612, as std::mt19937
    /// ```
    ///
    /// - Returns: A value in `0...UInt32.max`.
    ///
    /// The corresponding GSL function is `gsl_rng_get`.
    public func nextUInt32() -> UInt32 {
        UInt32(truncatingIfNeeded: gsl_rng_get(rng))
    }

    /// Returns a double uniformly distributed in `[0, 1)`.
    ///
    /// The value is the next raw output divided by 2³², so it can be 0 but never 1.
    ///
    /// - Returns: A value in `0 ..< 1`.
    ///
    /// The corresponding GSL function is `gsl_rng_uniform`.
    public func uniform() -> Double {
        gsl_rng_uniform(rng)
    }

    /// Returns a double uniformly distributed in `(0, 1)`, excluding 0.
    ///
    /// Use it where 0 would be invalid, e.g. as the argument of a logarithm.
    ///
    /// - Returns: A value in the open interval `(0, 1)`.
    ///
    /// The corresponding GSL function is `gsl_rng_uniform_pos`.
    public func uniformPositive() -> Double {
        gsl_rng_uniform_pos(rng)
    }

    /// Returns an integer uniformly distributed in `0 ..< n`.
    ///
    /// GSL draws without modulo bias, by rejecting raw outputs that would over-represent
    /// small values.
    ///
    /// ```swift
    /// let die = random.uniformInt(below: 6) + 1
    /// ```
    ///
    /// - Parameter n: The number of possible values; `1 ... UInt32.max` (a precondition:
    ///   the generator's range is 32 bits).
    /// - Returns: A value in `0 ..< n`.
    ///
    /// The corresponding GSL function is `gsl_rng_uniform_int`.
    public func uniformInt(below n: Int) -> Int {
        precondition(n > 0, "uniformInt(below:): n must be positive, got \(n)")
        precondition(n <= Int(UInt32.max), "uniformInt(below:): n must be at most \(UInt32.max), got \(n)")
        return Int(gsl_rng_uniform_int(rng, UInt(n)))
    }
}

// NB: a RandomSource mutates its generator on every draw and has no locking: sharing one
// between tasks would make results depend on scheduling. Spelled out so the compiler says so.
@available(*, unavailable, message: "RandomSource is not thread-safe: give each task its own stream")
extension RandomSource: Sendable {}
