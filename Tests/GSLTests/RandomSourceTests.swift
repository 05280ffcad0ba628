import GSL
import Testing

@Suite struct RandomSourceTests {
    // MARK: - Reference values

    @Test("Seed 5489 gives std::mt19937's first output 3499211612")
    func firstOutputMatchesStdMT19937() {
        // Reference: 5489 is std::mt19937's default seed; its first output 3499211612 is the
        // widely published value (and GSL's mt19937 uses the same 2002 seeding procedure).
        let random = RandomSource(seed: 5489)
        #expect(random.nextUInt32() == 3_499_211_612)
    }

    @Test("Seed 5489 gives 4123659995 as the 10000th output, as the C++ standard requires")
    func tenThousandthOutputMatchesCppStandard() {
        // Reference: ISO C++ [rand.predef]: "the 10000th consecutive invocation of a
        // default-constructed object of type mt19937 shall produce the value 4123659995".
        let random = RandomSource(seed: 5489)
        var value: UInt32 = 0
        for _ in 0..<10_000 { value = random.nextUInt32() }
        #expect(value == 4_123_659_995)
    }

    @Test("Seed 4357 gives 1186927261 as the 1000th output, as GSL's own test suite checks")
    func thousandthOutputMatchesGSLTestSuite() {
        // Reference: GSL rng/test.c, `rng_test (gsl_rng_mt19937, 4357, 1000, 1186927261)`.
        let random = RandomSource(seed: 4357)
        var value: UInt32 = 0
        for _ in 0..<1000 { value = random.nextUInt32() }
        #expect(value == 1_186_927_261)
    }

    @Test("Seed 0 reproduces the original default seed 4357, as GSL documents")
    func seedZeroIsDefaultSeed() {
        let zero = RandomSource(seed: 0)
        let original = RandomSource(seed: 4357)
        #expect((0..<100).map { _ in zero.nextUInt32() } == (0..<100).map { _ in original.nextUInt32() })
    }

    @Test("uniform() is the raw output divided by 2^32")
    func uniformIsRawOutputOverTwoToThe32() {
        // GSL documents gsl_rng_uniform as gsl_rng_get / (gsl_rng_max + 1); the quotient is exact.
        let random = RandomSource(seed: 5489)
        #expect(random.uniform() == 3_499_211_612.0 / 4_294_967_296.0)
    }

    // MARK: - Streams

    @Test("Stream seeds match Vigna's reference SplitMix64, applied as next(next(seed) ^ stream)")
    func streamSeedMatchesReferenceSplitMix64() {
        // Reference: Vigna's splitmix64.c (whose first output from state 0 is
        // 0xe220a8397b1dcdaf), compiled with gcc and run as
        // `x = seed; k = next(); x = k ^ stream; return next();`.
        #expect(RandomSource.streamSeed(seed: 0, stream: 0) == 12_035_550_249_420_947_055)
        #expect(RandomSource.streamSeed(seed: 42, stream: 0) == 6_332_618_229_526_065_668)
        #expect(RandomSource.streamSeed(seed: 42, stream: 1) == 17_532_488_217_563_185_893)
        #expect(RandomSource.streamSeed(seed: 42, stream: 7) == 1_587_005_860_896_957_696)
    }

    @Test("A stream is the generator seeded with its stream seed")
    func streamUsesStreamSeed() {
        let stream = RandomSource(seed: 42, stream: 7)
        let direct = RandomSource(seed: RandomSource.streamSeed(seed: 42, stream: 7))
        #expect((0..<100).map { _ in stream.nextUInt32() } == (0..<100).map { _ in direct.nextUInt32() })
    }

    @Test("The same seed and stream give identical sequences")
    func sameSeedAndStreamRepeat() {
        let a = RandomSource(seed: 2024, stream: 3)
        let b = RandomSource(seed: 2024, stream: 3)
        #expect((0..<1000).map { _ in a.uniform() } == (0..<1000).map { _ in b.uniform() })
    }

    @Test("Different streams of one seed start differently")
    func differentStreamsDiffer() {
        let firsts = (0..<200 as Range<UInt64>).map { RandomSource(seed: 2024, stream: $0).nextUInt32() }
        #expect(Set(firsts).count == firsts.count)
    }

    @Test("Different base seeds give different sequences for the same stream")
    func differentSeedsDiffer() {
        let a = RandomSource(seed: 1, stream: 0)
        let b = RandomSource(seed: 2, stream: 0)
        #expect((0..<10).map { _ in a.nextUInt32() } != (0..<10).map { _ in b.nextUInt32() })
    }

    @Test("A stream does not depend on which streams were created or used before it")
    func streamsAreIndependentOfCallOrder() {
        let fiveFirst = RandomSource(seed: 99, stream: 5)
        let fiveValues = (0..<100).map { _ in fiveFirst.uniform() }
        let twoSecond = RandomSource(seed: 99, stream: 2)
        let twoValues = (0..<100).map { _ in twoSecond.uniform() }

        let two = RandomSource(seed: 99, stream: 2)
        let five = RandomSource(seed: 99, stream: 5)
        var twoInterleaved: [Double] = []
        var fiveInterleaved: [Double] = []
        for _ in 0..<100 {
            twoInterleaved.append(two.uniform())
            fiveInterleaved.append(five.uniform())
        }
        #expect(twoInterleaved == twoValues)
        #expect(fiveInterleaved == fiveValues)
    }

    @Test("Neighbouring streams are uncorrelated")
    func neighbouringStreamsAreUncorrelated() {
        // Under independence the sample correlation of n pairs has standard error ~ 1/sqrt(n).
        let n = 100_000
        let a = RandomSource(seed: 7, stream: 0)
        let b = RandomSource(seed: 7, stream: 1)
        var sumAB = 0.0
        var sumA = 0.0
        var sumB = 0.0
        var sumAA = 0.0
        var sumBB = 0.0
        for _ in 0..<n {
            let x = a.uniform()
            let y = b.uniform()
            sumA += x
            sumB += y
            sumAB += x * y
            sumAA += x * x
            sumBB += y * y
        }
        let count = Double(n)
        let covariance = sumAB / count - (sumA / count) * (sumB / count)
        let varianceA = sumAA / count - (sumA / count) * (sumA / count)
        let varianceB = sumBB / count - (sumB / count) * (sumB / count)
        let correlation = covariance / (varianceA * varianceB).squareRoot()
        #expect(isWithin(correlation, standardErrors: 4, of: 0, standardError: 1 / count.squareRoot()))
    }

    // MARK: - Uniform draws

    @Test("uniform() over 100,000 draws has mean 0.5 within 4 standard errors, all in [0, 1)")
    func uniformMean() {
        let n = 100_000
        let random = RandomSource(seed: 11)
        let draws = (0..<n).map { _ in random.uniform() }
        #expect(draws.allSatisfy { $0 >= 0 && $0 < 1 })
        let mean = draws.reduce(0, +) / Double(n)
        // Var(U[0,1)) = 1/12.
        #expect(isWithin(mean, standardErrors: 4, of: 0.5, standardError: (1.0 / 12 / Double(n)).squareRoot()))
    }

    @Test("uniformPositive() never returns 0")
    func uniformPositiveExcludesZero() {
        let random = RandomSource(seed: 12)
        #expect(
            (0..<100_000).allSatisfy { _ in
                let u = random.uniformPositive()
                return u > 0 && u < 1
            })
    }

    @Test("uniformInt(below: 6) hits each face equally often, by a chi-square bound")
    func uniformIntIsUniform() {
        let random = RandomSource(seed: 13)
        var counts = Array(repeating: 0, count: 6)
        for _ in 0..<60_000 {
            let face = random.uniformInt(below: 6)
            #expect(face >= 0 && face < 6)
            counts[face] += 1
        }
        #expect(chiSquareAgainstUniform(counts) < chiSquareBound(degreesOfFreedom: 5))
    }

    @Test("uniformInt(below: 1) is always 0")
    func uniformIntBelowOne() {
        let random = RandomSource(seed: 14)
        #expect((0..<100).allSatisfy { _ in random.uniformInt(below: 1) == 0 })
    }
}
