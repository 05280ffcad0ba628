import PBRules
import Testing

extension SplitMix {
    /// A number in 0..<n (modulo bias is irrelevant for building test profiles).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// Random elections with many repeated ballots (listed in shuffled orders), free projects,
/// zero-point entries and budgets that leave Add1 work to do.
enum RandomProfiles {
    static func make(seed: UInt64, projects: Int, voters: Int, kind: VoteKind) -> RuleInstance {
        var rng = SplitMix(seed: seed)
        let costs = (0..<projects).map { _ in rng.below(10) == 0 ? Int64(0) : Int64(50 + rng.below(400)) }
        // A few ballot "types" so that identical ballots are common, each voter's copy shuffled.
        let types = (0..<(2 + rng.below(12))).map { _ -> [Int32] in
            let size = 1 + rng.below(min(projects, 6))
            var chosen = Set<Int32>()
            while chosen.count < size { chosen.insert(Int32(rng.below(projects))) }
            return chosen.sorted()
        }
        var offsets: [Int32] = [0]
        var items: [Int32] = []
        var points: [Int64] = []
        for _ in 0..<voters {
            var ballot =
                rng.below(5) == 0
                ? Set((0..<(1 + rng.below(3))).map { _ in Int32(rng.below(projects)) }).sorted()
                : types[rng.below(types.count)]
            for i in stride(from: ballot.count - 1, to: 0, by: -1) { ballot.swapAt(i, rng.below(i + 1)) }
            items += ballot
            if kind == .cumulative { points += ballot.map { Int64(($0 * 7 + 3) % 4) } }
            offsets.append(Int32(items.count))
        }
        let total = costs.reduce(0, +)
        let budget = max(1, total * Int64(20 + rng.below(50)) / 100)
        let ids = (0..<projects).map { String($0 * 3 % (projects + 5)) + "-\($0)" }
        return RuleInstance(
            costs: costs, budget: budget, kind: kind, offsets: offsets, items: items, points: points,
            tieRank: RuleInstance.ranks(ofIDs: ids)
        )
    }
}

@Suite("Certified floating point against exact rationals on random profiles")
struct CertifiedAgainstExactTests {
    static let approvalRules: [RuleName] = [.mesCost, .mesCard, .mesCostAdd1, .mesCostAdd1Greedy, .phragmen]

    @Test("approval rules agree, rounds and Add1 increment included", arguments: 0..<60)
    func approval(seed: Int) throws {
        let projects = [2, 5, 9, 14, 40][seed % 5]
        let instance = RandomProfiles.make(
            seed: UInt64(seed), projects: projects, voters: 20 + seed * 7, kind: .approval)
        for rule in Self.approvalRules {
            let fast = try Rules.run(rule, on: instance)
            let exact = try Rules.run(rule, on: instance, arithmetic: .exact)
            #expect(fast.selected == exact.selected, "\(rule.rawValue), seed \(seed)")
            #expect(fast.mesRounds.map(\.project) == exact.mesRounds.map(\.project), "\(rule.rawValue), seed \(seed)")
            #expect(
                fast.mesRounds.map(\.payersCapped) == exact.mesRounds.map(\.payersCapped),
                "\(rule.rawValue), seed \(seed)")
            #expect(fast.add1Increment == exact.add1Increment, "\(rule.rawValue), seed \(seed)")
            #expect(fast.costUnits <= instance.budget)
        }
    }

    @Test("MES with points agrees (cumulative ballots, zero-point entries)", arguments: 0..<30)
    func cumulative(seed: Int) throws {
        let instance = RandomProfiles.make(
            seed: 1000 + UInt64(seed), projects: 3 + seed % 11, voters: 30 + seed * 5, kind: .cumulative)
        let fast = try Rules.run(.mesCost, on: instance)
        let exact = try Rules.run(.mesCost, on: instance, arithmetic: .exact)
        #expect(fast.selected == exact.selected, "seed \(seed)")
        #expect(fast.mesRounds.map(\.payers) == exact.mesRounds.map(\.payers), "seed \(seed)")
    }

    @Test("more than 128 projects (voter classes by hash, not by bit set) agree", arguments: 0..<4)
    func manyProjects(seed: Int) throws {
        let instance = RandomProfiles.make(seed: 5000 + UInt64(seed), projects: 150, voters: 400, kind: .approval)
        for rule in [RuleName.mesCost, .mesCostAdd1] {
            let fast = try Rules.run(rule, on: instance)
            let exact = try Rules.run(rule, on: instance, arithmetic: .exact)
            #expect(fast.selected == exact.selected, "\(rule.rawValue), seed \(seed)")
            #expect(fast.add1Increment == exact.add1Increment, "\(rule.rawValue), seed \(seed)")
        }
    }
}

@Suite("Hand-made profiles")
struct ToyProfileTests {
    /// Approval ballots from lists of project indices.
    static func approval(costs: [Int64], budget: Int64, ballots: [[Int32]], ids: [String]? = nil) -> RuleInstance {
        var offsets: [Int32] = [0]
        for b in ballots { offsets.append(offsets.last! + Int32(b.count)) }
        return RuleInstance(
            costs: costs, budget: budget, kind: .approval, offsets: offsets, items: ballots.flatMap { $0 },
            tieRank: ids.map { RuleInstance.ranks(ofIDs: $0) }
        )
    }

    @Test("A tie between identical projects goes to the smaller id as a string (\"10\" before \"9\")")
    func tieByStringID() throws {
        // Projects 0 ("9") and 1 ("10") have the same cost and the same supporters; only one fits.
        let instance = Self.approval(
            costs: [60, 60], budget: 100, ballots: [[0, 1], [1, 0], [0, 1], [0, 1]], ids: ["9", "10"])
        for rule in RuleName.allCases where rule.voteTypes.contains(.approval) {
            let outcome = try Rules.run(rule, on: instance)
            #expect(outcome.selected == [1], "\(rule.rawValue)")
        }
    }

    @Test("A project costing the whole budget, approved by everyone, is funded by every cost-satisfaction rule")
    func wholeBudget() throws {
        // Cardinality rules (greedy-card, mes-card, Phragmén) prefer the two cheap projects instead.
        let instance = Self.approval(costs: [90, 10, 10], budget: 90, ballots: [[0], [0, 1], [0, 2]])
        for rule in [RuleName.greedyCost, .maxWelfareCost, .mesCost, .mesCostAdd1, .mesCostAdd1Greedy] {
            let outcome = try Rules.run(rule, on: instance)
            #expect(outcome.selected == [0], "\(rule.rawValue)")
            #expect(outcome.costUnits == 90)
        }
    }

    @Test("Without voters, or with only empty ballots, MES funds nothing; Phragmén funds what fits at infinite load")
    func empty() throws {
        let none = Self.approval(costs: [10, 20], budget: 25, ballots: [])
        let blank = Self.approval(costs: [10, 20], budget: 25, ballots: [[], [], []])
        for instance in [none, blank] {
            for rule in [RuleName.mesCost, .mesCard, .mesCostAdd1] {
                #expect(try Rules.run(rule, on: instance).selected.isEmpty, "\(rule.rawValue)")
            }
            // pabutools gives an unsupported project the load +∞; when only such projects remain
            // they tie, and the first in id order is bought while every tied project still fits.
            // Here 10 + 20 > 25, so after project 0 the rule stops.
            #expect(try Rules.run(.phragmen, on: instance).selected == [0])
        }
    }

    @Test("Add1 jumps over the increments at which nothing is affordable, to the same result as unit steps")
    func add1Jump() throws {
        // 3 voters with 10 each; project 0 costs 25 and has 2 supporters: 2 × (10 + k) ≥ 25 first at k = 3.
        let instance = Self.approval(costs: [25], budget: 30, ballots: [[0], [0], []])
        for arithmetic in Arithmetic.allCases {
            let outcome = try Rules.run(.mesCostAdd1, on: instance, arithmetic: arithmetic)
            #expect(outcome.selected == [0])
            #expect(outcome.add1Increment == 3)
        }
        // Two units short of the budget: at k = 3 project 0 (cost 25) is funded; project 1 (cost 10)
        // then no longer fits, so the outcome is exhaustive.
        let two = Self.approval(costs: [25, 10], budget: 30, ballots: [[0], [0], [1]])
        let outcome = try Rules.run(.mesCostAdd1, on: two)
        #expect(outcome.selected == (try Rules.run(.mesCostAdd1, on: two, arithmetic: .exact)).selected)
        #expect(outcome.costUnits <= 30)
    }

    @Test(
        "Total satisfaction beyond 64 bits: no exact fraction, so a tie goes to the exact path, which breaks it by id")
    func satisfactionOverflow() throws {
        // 3 × 4e18 overflows Int64: ρ is then compared in floating point only, and the exact tie
        // between the two projects is too close to call there.
        let cost: Int64 = 4_000_000_000_000_000_000
        let instance = Self.approval(
            costs: [cost, cost], budget: 5_000_000_000_000_000_000, ballots: [[0, 1], [1, 0], [0, 1]], ids: ["b", "a"])
        let fast = try Rules.run(.mesCost, on: instance)
        let exact = try Rules.run(.mesCost, on: instance, arithmetic: .exact)
        #expect(fast.selected == [1])
        #expect(fast.selected == exact.selected)
        #expect(fast.usedExactArithmetic)
    }

    @Test("MES payments: each funded project is paid in full, nobody pays more than their budget")
    func payments() throws {
        let instance = RandomProfiles.make(seed: 77, projects: 12, voters: 300, kind: .approval)
        let outcome = try Rules.run(.mesCost, on: instance, explain: true)
        #expect(!outcome.mesRounds.isEmpty)
        var paid = [Double](repeating: 0, count: instance.voterCount)
        for round in outcome.mesRounds {
            let total = round.payments.reduce(0) { $0 + $1.amount }
            #expect(abs(total - Double(instance.costs[round.project])) <= 1e-6 * Double(instance.costs[round.project]))
            #expect(round.payments.count == round.payers)
            for p in round.payments { paid[p.voter] += p.amount }
        }
        let share = Double(instance.budget) / Double(instance.voterCount)
        #expect(paid.allSatisfy { $0 <= share * (1 + 1e-9) })
    }
}
