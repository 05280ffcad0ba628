/// SplitMix64 (Steele, Lea & Flood, OOPSLA 2014; Vigna's constants): a seeded generator whose
/// sequence is the same on every run and platform (the package's tests build their random
/// instances with it), and its finaliser, a cheap, well-mixing 64-bit hash step shared by the code
/// that merges identical ballots (``MergedProfile`` here, `BallotProfile` in PBSimulation).
package struct SplitMix: RandomNumberGenerator {
    /// The generator's state: the seed, then advanced by the golden-ratio increment per number.
    package var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        let current = state
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(current)
    }

    /// Adds the increment to `x` and mixes it: the output of a generator whose state was `x`.
    @inline(__always)
    package static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
