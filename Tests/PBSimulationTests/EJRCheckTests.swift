import GSL
import PBRules
import Testing

@testable import PBSimulation

@Suite struct EJRCheckTests {
    /// Approval ballots as a rule instance.
    static func instance(costs: [Int64], budget: Int64, ballots: [[Int]]) -> RuleInstance {
        var offsets: [Int32] = [0]
        var items: [Int32] = []
        for ballot in ballots {
            items += ballot.sorted().map { Int32($0) }
            offsets.append(Int32(items.count))
        }
        return RuleInstance(costs: costs, budget: budget, kind: .approval, offsets: offsets, items: items)
    }

    @Test("A cohesive pair whose approved project is left out is a violation; funding it satisfies EJR-1")
    func knownProfile() {
        // Four projects of cost 1, budget 2, four voters: {a, b}, {a, b}, {c}, {d}. The first two voters
        // are half the electorate and can afford one project (2/4 * 2 = 1): T = {a} is cohesive.
        let profile = BallotProfile(
            Self.instance(costs: [1, 1, 1, 1], budget: 2, ballots: [[0, 1], [0, 1], [2], [3]]))
        #expect(EJRCheck.check(profile, selection: [2, 3]) == .violated(witness: [0]))
        #expect(EJRCheck.check(profile, selection: [0, 2]) == .satisfied)
        #expect(EJRCheck.check(profile, selection: [1, 3]) == .satisfied)
    }

    @Test("Up to one project: a group whose next approved project would lift it above cost(T) is satisfied")
    func upToOne() {
        // Costs a = 3, b = 1; budget 4; two voters both approving {a, b}: T = {a, b} (cost 4) is cohesive.
        // W = {b}: utility 1; adding a gives 4, not more than cost(T) = 4, so the pair is left short.
        // (T = {a} alone does not: 1 + 3 > 3.)
        let profile = BallotProfile(Self.instance(costs: [3, 1], budget: 4, ballots: [[0, 1], [0, 1]]))
        #expect(EJRCheck.check(profile, selection: [1]) == .violated(witness: [0, 1]))
        // W = {a}: utility 3; adding b gives 4 = cost(T), not more than it, so the pair is still short.
        #expect(EJRCheck.check(profile, selection: [0]) == .violated(witness: [0, 1]))
        #expect(EJRCheck.check(profile, selection: [0, 1]) == .satisfied)
    }

    /// EJR up to one project decided straight from the definition, over every subset T.
    static func bruteForce(costs: [Int64], budget: Int64, ballots: [[Int]], selection: Set<Int>) -> Bool {
        let n = Int64(ballots.count)
        func utility(_ ballot: [Int], _ set: Set<Int>) -> Int64 {
            ballot.filter { set.contains($0) }.reduce(0) { $0 + costs[$1] }
        }
        for mask in 1..<(1 << costs.count) {
            let t = (0..<costs.count).filter { mask & (1 << $0) != 0 }
            let cost = t.reduce(0) { $0 + costs[$1] }
            let outside = t.filter { !selection.contains($0) }
            var short: Int64 = 0
            for ballot in ballots where t.allSatisfy(ballot.contains) {
                let u = utility(ballot, selection)
                let satisfied = u >= cost || outside.contains { utility(ballot, selection.union([$0])) > cost }
                if !satisfied { short += 1 }
            }
            if short * budget >= n * cost { return false }
        }
        return true
    }

    @Test("The check agrees with brute force on 400 random small profiles", .timeLimit(.minutes(2)))
    func agreesWithBruteForce() {
        let random = RandomSource(seed: 11)
        var violations = 0
        for _ in 0..<400 {
            let projects = 2 + random.uniformInt(below: 5)
            let costs = (0..<projects).map { _ in Int64(1 + random.uniformInt(below: 6)) }
            let budget = Int64(2 + random.uniformInt(below: 12))
            let voters = 1 + random.uniformInt(below: 9)
            let ballots = (0..<voters).map { _ in (0..<projects).filter { _ in random.uniform() < 0.5 } }
            let selection = Set((0..<projects).filter { _ in random.uniform() < 0.4 })
            let profile = BallotProfile(Self.instance(costs: costs, budget: budget, ballots: ballots))
            let verdict = EJRCheck.check(profile, selection: Array(selection))
            let expected = Self.bruteForce(costs: costs, budget: budget, ballots: ballots, selection: selection)
            #expect(verdict != .undetermined)
            #expect(
                (verdict == .satisfied) == expected, "costs \(costs) budget \(budget) ballots \(ballots) W \(selection)"
            )
            if case .violated = verdict { violations += 1 }
        }
        // NB: the sample must exercise both answers for the comparison to mean anything.
        #expect(violations > 20 && violations < 380)
    }

    @Test("Outcomes of the Method of Equal Shares satisfy EJR-1 (Peters, Pierczyński and Skowron 2021)")
    func equalSharesSatisfiesEJR() throws {
        let random = RandomSource(seed: 12)
        for _ in 0..<200 {
            let projects = 3 + random.uniformInt(below: 6)
            let costs = (0..<projects).map { _ in Int64(1 + random.uniformInt(below: 20)) }
            let budget = Int64(10 + random.uniformInt(below: 40))
            let voters = 2 + random.uniformInt(below: 30)
            let ballots = (0..<voters).map { _ in (0..<projects).filter { _ in random.uniform() < 0.4 } }
            let instance = Self.instance(costs: costs, budget: budget, ballots: ballots)
            let outcome = try Rules.run(.mesCost, on: instance)
            #expect(EJRCheck.check(BallotProfile(instance), selection: outcome.selected) == .satisfied)
        }
    }

    @Test("A search that reaches the node limit is undetermined, never satisfied")
    func nodeLimit() {
        // 12 projects of cost 1 approved by all 10 voters, budget 1000, the first 11 funded: each voter
        // has utility 11, and only T = all 12 projects (cost 12) leaves them short (11 + 1 <= 12). The
        // depth-first search reaches it at its 12th set, so a limit of 3 sets cannot decide.
        let ballots = Array(repeating: Array(0..<12), count: 10)
        let profile = BallotProfile(
            Self.instance(costs: Array(repeating: 1, count: 12), budget: 1000, ballots: ballots))
        #expect(EJRCheck.check(profile, selection: Array(0..<12)) == .satisfied)
        #expect(EJRCheck.check(profile, selection: Array(0..<11)) == .violated(witness: Array(0..<12)))
        #expect(EJRCheck.check(profile, selection: Array(0..<11), nodeLimit: 3) == .undetermined)
    }
}
