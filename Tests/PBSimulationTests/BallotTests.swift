import GSL
import PBRules
import PBScenario
import Testing

@testable import PBSimulation

/// Ballots cast from the small world's true benefits (no perception noise), checked by hand.
///
/// Per-person benefits: north-families school 0.42, clinic 0.045, park 0.2; south-elders clinic 0.81;
/// everyone-else park 0.04.
@Suite struct BallotTests {
    let world: World

    init() throws {
        world = World(scenario: try TestSupport.parse(TestSupport.smallYAML))
    }

    func cast(_ ballot: Scenario.Ballot, participants: [Int] = [2, 1, 1]) -> BallotBox {
        var builder = BallotBuilder(world: world, ballot: ballot, perceptionNoise: 0)
        return builder.cast(participants: participants, view: world.benefit, random: RandomSource(seed: 1))
    }

    func ballots(_ box: BallotBox) -> [[Int32]] {
        (0..<box.voterCount).map { Array(box.items[Int(box.offsets[$0])..<Int(box.offsets[$0 + 1])]) }
    }

    @Test("Approval by threshold: every proposal worth at least tau; nobody casts an empty ballot")
    func approvalThreshold() {
        let box = cast(.approval(.threshold(0.2)))
        // North: school 0.42 and park 0.2 (>= 0.2); south: clinic; everyone-else approves nothing.
        #expect(ballots(box) == [[0, 2], [0, 2], [1]])
        #expect(box.participants == [2, 1, 1])
        // Scores: votes times effective cost.
        let expected: [Double] = [2 * 400, 1 * 480, 2 * 300]
        #expect(box.scores == expected)
    }

    @Test("Approval of the top m: the m best proposals with any benefit")
    func approvalTop() {
        let box = cast(.approval(.top(2)))
        #expect(ballots(box) == [[0, 2], [0, 2], [1], [2]])
    }

    @Test("Cumulative points by largest remainder")
    func cumulative() {
        let box = cast(.cumulative(points: 10))
        // North: quotas 10 * (0.42, 0.045, 0.2) / 0.665 = 6.316, 0.677, 3.008: floors 6, 0, 3 and the
        // last point to the largest remainder (the clinic's 0.677).
        #expect(ballots(box) == [[0, 1, 2], [0, 1, 2], [1], [2]])
        #expect(box.points == [6, 1, 3, 6, 1, 3, 10, 10])
        #expect(box.scores == [12, 12, 16])
    }

    @Test("Cardinal ballots carry the perceived benefit, as millionths")
    func cardinal() {
        let box = cast(.cardinal)
        #expect(ballots(box) == [[0, 1, 2], [0, 1, 2], [1], [2]])
        #expect(box.points == [420_000, 45_000, 200_000, 420_000, 45_000, 200_000, 810_000, 40_000])
        #expect(close(box.scores[1], 2 * 0.045 + 0.81))
        #expect(box.kind == .scoring)
    }

    @Test("Approval with perception noise approves with the probability the model implies")
    func noisyApproval() {
        // A north-families member approves the park (u = 0.2) iff 0.2 * exp(s z - s^2/2) >= 0.2, i.e.
        // z >= s/2: with s = 0.5 the chance is P(Z >= 0.25) = 0.40129. Over 20,000 members the share's
        // standard error is sqrt(0.4013 * 0.5987 / 20000) = 0.0035; 4 standard errors is 0.014.
        var builder = BallotBuilder(world: world, ballot: .approval(.threshold(0.2)), perceptionNoise: 0.5)
        let box = builder.cast(participants: [20_000, 0, 0], view: world.benefit, random: RandomSource(seed: 5))
        let parks = box.items.filter { $0 == 2 }.count
        #expect(abs(Double(parks) / 20_000 - 0.40129) < 0.014)
    }

    @Test("Merged ballot profiles give satisfaction and exclusion by hand")
    func profileMeasures() {
        let box = cast(.approval(.threshold(0.2)))
        let instance = RuleInstance(
            costs: [400, 480, 300], budget: 1000, kind: .approval, offsets: box.offsets, items: box.items)
        let profile = BallotProfile(instance)
        #expect(profile.typeCount == 2)
        #expect(profile.multiplicity == [2, 1])
        // Funding the school: the two north voters get 400 / 1000 each, the south voter 0.
        #expect(close(profile.satisfaction(of: [0]), (0.4 + 0.4 + 0) / 3))
        #expect(close(profile.exclusion(of: [0]), 1.0 / 3))
        #expect(profile.exclusion(of: [0, 1]) == 0)
    }

    @Test("Points profiles measure the share of each voter's points on funded projects")
    func pointsProfile() {
        let box = cast(.cumulative(points: 10))
        let instance = RuleInstance(
            costs: [400, 480, 300], budget: 1000, kind: .cumulative, offsets: box.offsets, items: box.items,
            points: box.points)
        let profile = BallotProfile(instance)
        // Funding the park: north voters 3/10 each, south 0, everyone-else 10/10.
        #expect(close(profile.satisfaction(of: [2]), (0.3 + 0.3 + 0 + 1) / 4))
        #expect(close(profile.exclusion(of: [2]), 0.25))
    }
}
