internal import CGSL

extension RandomSource {
    /// Shuffles the elements of an array in place, each permutation equally likely.
    ///
    /// This is the Fisher–Yates shuffle (Knuth, TAOCP vol. 2, Algorithm 3.4.2 P) written in
    /// Swift over ``uniformInt(below:)``, drawing in the same order as `gsl_ran_shuffle`: for
    /// `i` from `count - 1` down to 1, swap element `i` with element `uniformInt(below: i + 1)`.
    /// It is not a call to `gsl_ran_shuffle`, which moves raw bytes and so cannot be used
    /// with arbitrary Swift values.
    ///
    /// ```swift
    /// var order = Array(proposals.indices)
    /// random.shuffle(&order)
    /// ```
    ///
    /// - Parameter array: The array to shuffle.
    /// - Complexity: O(*n*), with *n − 1* draws.
    public func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = uniformInt(below: i + 1)
            array.swapAt(i, j)
        }
    }

    /// Returns `count` elements chosen at random, without replacement, in their original order.
    ///
    /// Every subset of size `count` is equally likely. GSL chooses the indices by selection
    /// sampling (Knuth, TAOCP vol. 2, Algorithm 3.4.2 S), one uniform draw per element
    /// examined, and the result keeps the order of `array`:
    ///
    /// ```swift
    /// let panel = random.sample(count: 3, from: ["a", "b", "c", "d", "e"])  // e.g. ["a", "d", "e"]
    /// ```
    ///
    /// - Parameters:
    ///   - count: How many elements to choose, in `0 ... array.count` (a precondition).
    ///   - array: The population to choose from.
    /// - Returns: The chosen elements, in the order they appear in `array`.
    /// - Complexity: O(*n*) for *n* elements in `array`.
    ///
    /// The corresponding GSL function is `gsl_ran_choose`.
    public func sample<T>(count: Int, from array: [T]) -> [T] {
        precondition(
            count >= 0 && count <= array.count,
            "sample(count:from:): count must be in 0...\(array.count), got \(count)")
        guard count > 0 else { return [] }
        // NB: GSL copies raw bytes, which is only sound for trivial types: choose indices
        // (plain Ints) and map them back to the elements.
        var population = Array(array.indices)
        let size = MemoryLayout<Int>.stride
        let chosen = [Int](unsafeUninitializedCapacity: count) { chosen, initialized in
            let status = population.withUnsafeMutableBufferPointer { population in
                gsl_ran_choose(rng, chosen.baseAddress, count, population.baseAddress, population.count, size)
            }
            precondition(status == GSL_SUCCESS, "gsl_ran_choose failed with GSL code \(status)")
            initialized = count
        }
        return chosen.map { array[$0] }
    }
}
