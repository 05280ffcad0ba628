import GSL
import Testing

@Suite struct SamplingTests {
    @Test("shuffle returns a permutation of the input")
    func shuffleIsPermutation() {
        let random = RandomSource(seed: 31)
        var array = Array(0..<100)
        random.shuffle(&array)
        #expect(array.sorted() == Array(0..<100))
        #expect(array != Array(0..<100))
    }

    @Test("shuffle makes all 120 orders of 5 elements equally likely, by a chi-square bound")
    func shuffleIsUniform() {
        // An off-by-one (drawing below i instead of i + 1) gives only cyclic permutations and
        // fails this at once; so does any bias towards some orders.
        let random = RandomSource(seed: 32)
        var counts: [[Int]: Int] = [:]
        for _ in 0..<120_000 {
            var array = [0, 1, 2, 3, 4]
            random.shuffle(&array)
            counts[array, default: 0] += 1
        }
        #expect(counts.count == 120)
        #expect(chiSquareAgainstUniform(Array(counts.values)) < chiSquareBound(degreesOfFreedom: 119))
    }

    @Test("shuffle leaves empty and one-element arrays alone")
    func shuffleSmallArrays() {
        let random = RandomSource(seed: 33)
        var empty: [String] = []
        random.shuffle(&empty)
        #expect(empty.isEmpty)
        var one = ["a"]
        random.shuffle(&one)
        #expect(one == ["a"])
    }

    @Test("sample returns distinct elements in their original order")
    func sampleKeepsOrder() {
        let random = RandomSource(seed: 34)
        let population = (0..<50).map { "p\($0)" }
        for _ in 0..<100 {
            let chosen = random.sample(count: 10, from: population)
            #expect(chosen.count == 10)
            #expect(Set(chosen).count == 10)
            let positions = chosen.map { population.firstIndex(of: $0)! }
            #expect(positions == positions.sorted())
        }
    }

    @Test("sample of all or none of the elements is the whole array or empty")
    func sampleEdges() {
        let random = RandomSource(seed: 35)
        #expect(random.sample(count: 4, from: [3, 1, 4, 1]) == [3, 1, 4, 1])
        #expect(random.sample(count: 0, from: [3, 1, 4, 1]).isEmpty)
        #expect(random.sample(count: 0, from: [Int]()).isEmpty)
    }

    @Test("sample makes all 10 pairs of 5 elements equally likely, by a chi-square bound")
    func sampleIsUniform() {
        let random = RandomSource(seed: 36)
        var counts: [[Int]: Int] = [:]
        for _ in 0..<50_000 {
            counts[random.sample(count: 2, from: [0, 1, 2, 3, 4]), default: 0] += 1
        }
        #expect(counts.count == 10)
        #expect(chiSquareAgainstUniform(Array(counts.values)) < chiSquareBound(degreesOfFreedom: 9))
    }
}
