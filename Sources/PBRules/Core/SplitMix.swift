/// SplitMix64's finaliser (Steele, Lea & Flood, OOPSLA 2014; Vigna's constants): a cheap,
/// well-mixing 64-bit hash step, shared by the code that merges identical ballots
/// (``MergedProfile`` here, `BallotProfile` in PBSimulation).
package enum SplitMix {
    @inline(__always)
    package static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
