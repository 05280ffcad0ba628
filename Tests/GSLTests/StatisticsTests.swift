import GSL
import Testing

@Suite struct StatisticsTests {
    @Test("Mean, sample variance and standard deviation of [1, 2, 3, 4] are 2.5, 5/3 and sqrt(5/3)")
    func momentsOfOneToFour() {
        // Squared deviations from 2.5: 2.25 + 0.25 + 0.25 + 2.25 = 5, over n - 1 = 3.
        #expect(Statistics.mean([1, 2, 3, 4]) == 2.5)
        #expect(isClose(Statistics.variance([1, 2, 3, 4]), 5.0 / 3, relativeTolerance: 1e-15))
        #expect(isClose(Statistics.standardDeviation([1, 2, 3, 4]), (5.0 / 3).squareRoot(), relativeTolerance: 1e-15))
    }

    @Test("Empty input gives NaN, and a single value has a NaN sample variance")
    func emptyAndSingle() {
        #expect(Statistics.mean([]).isNaN)
        #expect(Statistics.variance([]).isNaN)
        #expect(Statistics.standardDeviation([]).isNaN)
        #expect(Statistics.median([]).isNaN)
        #expect(Statistics.quantile(sorted: [], 0.5).isNaN)
        #expect(Statistics.mean([7]) == 7)
        #expect(Statistics.variance([7]).isNaN)
        #expect(Statistics.standardDeviation([7]).isNaN)
        #expect(Statistics.median([7]) == 7)
        #expect(Statistics.quantile(sorted: [7], 0.3) == 7)
    }

    @Test(
        "Quantiles follow GSL's definition: linear interpolation at (n - 1) p",
        arguments: [(0.0, 1.0), (0.25, 1.75), (0.5, 2.5), (0.9, 3.7), (1.0, 4.0)]
    )
    func quantilesOfOneToFour(p: Double, expected: Double) {
        // [1, 2, 3, 4]: delta = 3p, e.g. p = 0.9 gives delta = 2.7, so 3 + 0.7 * (4 - 3) = 3.7.
        #expect(isClose(Statistics.quantile(sorted: [1, 2, 3, 4], p), expected, relativeTolerance: 1e-15))
    }

    @Test("The median sorts its input and averages the middle pair")
    func median() {
        #expect(Statistics.median([3, 1, 2]) == 2)
        #expect(Statistics.median([4, 1, 3, 2]) == 2.5)
    }

    @Test("summarize(0...100) has mean 50, 95% outcome interval [2.5, 97.5] and sd sqrt(858.5)")
    func summaryOfZeroToHundred() {
        // 101 values: the 2.5% quantile sits at index 100 * 0.025 = 2.5, the 97.5% at 97.5.
        // Sum of squared deviations: 2 * (1^2 + ... + 50^2) = 2 * 42925 = 85850, over 100.
        var values = (0...100).map(Double.init)
        values.reverse()
        let summary = Statistics.summarize(values)
        #expect(summary.mean == 50)
        #expect(isClose(summary.lo, 2.5, relativeTolerance: 1e-12))
        #expect(isClose(summary.hi, 97.5, relativeTolerance: 1e-12))
        #expect(isClose(summary.sd, (858.5).squareRoot(), relativeTolerance: 1e-12))
        #expect(summary.count == 101)
    }

    @Test("summarize at level 0.9 uses the 5% and 95% quantiles")
    func summaryAtNinetyPercent() {
        let summary = Statistics.summarize((0...100).map(Double.init), level: 0.9)
        #expect(isClose(summary.lo, 5, relativeTolerance: 1e-12))
        #expect(isClose(summary.hi, 95, relativeTolerance: 1e-12))
    }

    @Test("summarize of nothing is all NaN with count 0; of one value, that value with a NaN sd")
    func summaryEdges() {
        let empty = Statistics.summarize([])
        #expect(empty.mean.isNaN && empty.lo.isNaN && empty.hi.isNaN && empty.sd.isNaN)
        #expect(empty.count == 0)
        let single = Statistics.summarize([7])
        #expect(single.mean == 7 && single.lo == 7 && single.hi == 7)
        #expect(single.sd.isNaN)
        #expect(single.count == 1)
        let withNaN = Statistics.summarize([1, .nan, 3])
        #expect(withNaN.mean.isNaN && withNaN.lo.isNaN && withNaN.hi.isNaN)
        #expect(withNaN.count == 3)
    }

    @Test("The 95% CI of the mean of [1, 2, 3, 4] uses t(0.975, 3) = 3.182446")
    func meanConfidenceInterval() {
        // t(0.975, 3) = 3.182446 from Student's t table; SE = sqrt(5/3) / 2.
        let halfWidth = 3.182446 * (5.0 / 3).squareRoot() / 2
        let ci = Statistics.meanConfidenceInterval([1, 2, 3, 4])
        #expect(isClose(ci.lo, 2.5 - halfWidth, relativeTolerance: 1e-6))
        #expect(isClose(ci.hi, 2.5 + halfWidth, relativeTolerance: 1e-6))
    }

    @Test("The 99% CI of the mean of [0, 2] is 1 ± t(0.995, 1) = 1 ± 63.65674")
    func meanConfidenceIntervalOneDegreeOfFreedom() {
        // Mean 1, sd sqrt(2), SE 1; t(0.995, 1) = tan(0.49 pi) = 63.656741.
        let ci = Statistics.meanConfidenceInterval([0, 2], level: 0.99)
        #expect(isClose(ci.lo, 1 - 63.656741, relativeTolerance: 1e-6))
        #expect(isClose(ci.hi, 1 + 63.656741, relativeTolerance: 1e-6))
    }

    @Test("The CI of the mean of fewer than two values is NaN")
    func meanConfidenceIntervalEdges() {
        #expect(Statistics.meanConfidenceInterval([]).lo.isNaN)
        #expect(Statistics.meanConfidenceInterval([5]).hi.isNaN)
    }
}

@Suite struct WeightedGiniTests {
    @Test("One person of four holding everything gives 0.75")
    func oneOfFour() {
        // Sum over ordered pairs of |xi - xj| = 6, W = 4, mean 1/4: 6 / (2 * 16 * 1/4) = 0.75.
        #expect(
            isClose(
                Statistics.weightedGini(values: [0, 0, 0, 1], weights: [1, 1, 1, 1]), 0.75,
                relativeTolerance: 1e-12))
        #expect(
            isClose(
                Statistics.weightedGini(values: [1, 0, 0, 0], weights: [1, 1, 1, 1]), 0.75,
                relativeTolerance: 1e-12))
    }

    @Test("Equal values give 0, including all zero")
    func equality() {
        #expect(Statistics.weightedGini(values: [5, 5, 5], weights: [1, 20, 300]) == 0)
        #expect(Statistics.weightedGini(values: [0, 0, 0], weights: [1, 2, 3]) == 0)
    }

    @Test("A weight counts like that many people: [1, 2] weighted [3, 1] is 0.15, as [1, 1, 1, 2]")
    func weightsCountPeople() {
        // Pairs: |1 - 2| for 3 * 1 * 2 = 6 ordered pairs; W = 4, mean 5/4: 6 / (2 * 16 * 5/4) = 0.15.
        let weighted = Statistics.weightedGini(values: [1, 2], weights: [3, 1])
        let expanded = Statistics.weightedGini(values: [1, 1, 1, 2], weights: [1, 1, 1, 1])
        #expect(isClose(weighted, 0.15, relativeTolerance: 1e-12))
        #expect(isClose(expanded, 0.15, relativeTolerance: 1e-12))
    }

    @Test("Groups of 99 with nothing and 1 with everything give 0.99")
    func populationWeighted() {
        // 2 * 99 * 1 * |0 - 1| = 198; W = 100, mean 0.01: 198 / (2 * 10000 * 0.01) = 0.99.
        #expect(isClose(Statistics.weightedGini(values: [0, 1], weights: [99, 1]), 0.99, relativeTolerance: 1e-12))
    }

    @Test("Zero-weight entries are ignored")
    func zeroWeights() {
        #expect(
            isClose(Statistics.weightedGini(values: [1, 100, 2], weights: [3, 0, 1]), 0.15, relativeTolerance: 1e-12))
    }

    @Test("No values, or weights summing to 0, give NaN")
    func emptyInput() {
        #expect(Statistics.weightedGini(values: [], weights: []).isNaN)
        #expect(Statistics.weightedGini(values: [1, 2], weights: [0, 0]).isNaN)
    }
}
