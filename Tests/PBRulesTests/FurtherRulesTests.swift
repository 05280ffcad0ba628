import PBRules
import Testing

/// A small election from ballots written as id lists (ids are the project names, in index order).
private func election(
    costs: [Int64], budget: Int64, kind: VoteKind, ballots: [[Int]], points: [[Int64]] = [], ids: [String]? = nil
) -> RuleInstance {
    var offsets: [Int32] = [0]
    var items: [Int32] = []
    for b in ballots {
        items += b.map(Int32.init)
        offsets.append(Int32(items.count))
    }
    return RuleInstance(
        costs: costs, budget: budget, kind: kind, offsets: offsets, items: items, points: points.flatMap { $0 },
        tieRank: RuleInstance.ranks(ofIDs: ids ?? costs.indices.map(String.init)))
}

@Suite("MES with Borda satisfaction and Add1 on cumulative ballots")
struct FurtherMESTests {
    /// 4 voters rank a > b > c, 2 rank c > b > a; budget 60, costs 30, 30, 20 (a, b, c = 0, 1, 2).
    /// Budgets are 10 each. Round 1: a costs 30 over 4 voters with Borda 2 each, ρ = 3.75; b 30
    /// over 6 voters with 1 each, ρ = 5; c 20 over the 2 voters with 2 each, ρ = 5. a is funded
    /// (the 4 keep 2.5). Round 2: b needs the 2 to pay 10 each (ρ = 10), c costs them 20 (ρ = 5):
    /// c. Then b is out of reach. The last-ranked project gives nothing, so the 4 do not support c.
    static let ranked = election(
        costs: [30, 30, 20], budget: 60, kind: .ordinal,
        ballots: [[0, 1, 2], [0, 1, 2], [0, 1, 2], [0, 1, 2], [2, 1, 0], [2, 1, 0]])

    @Test("mes-borda follows the definition on a hand-computed profile, unlike greedy")
    func bordaByHand() throws {
        let mes = try Rules.run(.mesBorda, on: Self.ranked, explain: true)
        #expect(mes.selected == [0, 2])
        #expect(mes.mesRounds.map(\.rho) == [3.75, 5])
        // Greedy by Borda score per cost: a (8/30), then b and c tie at 0.2 and b (smaller id) fits.
        #expect(try Rules.run(.greedyCost, on: Self.ranked).selected == [0, 1])
    }

    @Test("mes-borda applies to ranked ballots only")
    func bordaVoteTypes() {
        #expect(RuleName.mesBorda.voteTypes == [.ordinal])
        let approval = election(costs: [1], budget: 1, kind: .approval, ballots: [[0]])
        #expect(throws: RuleError.self) { try Rules.run(.mesBorda, on: approval) }
    }

    /// Cumulative ballots: Add1 uses points as satisfaction. 2 voters give 3 points to project 0
    /// and 1 to project 1, 1 voter gives 4 to project 2; budget 9, costs 6, 3, 3 (3 per voter).
    /// Plain MES: project 0 (ρ = 1) takes both budgets; project 2's voter alone covers 3 (ρ = 3/4,
    /// funded first). Project 1 is then out of reach for the first two: Add1 raises budgets until
    /// exhaustiveness or overspending.
    @Test("Add1 on cumulative ballots funds with points, and its greedy completion ranks by points per cost")
    func add1Cumulative() throws {
        let instance = election(
            costs: [6, 3, 3], budget: 9, kind: .cumulative, ballots: [[0, 1], [0, 1], [2]],
            points: [[3, 1], [3, 1], [4]])
        let plain = try Rules.run(.mesCost, on: instance)
        let add1 = try Rules.run(.mesCostAdd1, on: instance)
        let greedy = try Rules.run(.mesCostAdd1Greedy, on: instance)
        #expect(Set(plain.selected) == [0, 2])
        // Every Add1 outcome is within budget and a prefix of the completed one.
        #expect(add1.costUnits <= 9)
        #expect(Array(greedy.selected.prefix(add1.selected.count)) == add1.selected)
        #expect(RuleName.mesCostAdd1.voteTypes.contains(.cumulative))
    }
}

@Suite("PB-EAR")
struct PBEARTests {
    /// 4 voters, budget 4, so a project qualifies when its support reaches its cost.
    /// Rankings: 1 > 0, 1 > 2, 0 > 2, 2 > 0; costs 1, 2, 1.
    static let fourVoters = election(
        costs: [1, 2, 1], budget: 4, kind: .ordinal, ballots: [[1, 0], [1, 2], [0, 2], [2, 0]])

    @Test("with several qualifying projects the first in tie-breaking order is funded, and --explain shows the set")
    func qualifyingSets() throws {
        let outcome = try Rules.run(.pbEar, on: Self.fourVoters, explain: true)
        // j = 1: supports 1, 2, 1 reach the costs 1, 2, 1: all qualify, 0 is the smallest id. Its
        // voter loses all weight (⌊4·1/4⌋ / ⌊1⌋ = 1); then 1 and 2 qualify, 1 is funded, then 2.
        #expect(outcome.selected == [0, 1, 2])
        #expect(outcome.steps.map(\.candidates) == [[0, 1, 2], [1, 2], [2]])
        #expect(outcome.steps.map(\.note) == ["j = 1", "j = 1", "j = 1"])
        // The most expensive first: 1, then 0 and 2 tie on cost and go by id.
        let maxCost = try Rules.run(.pbEar, on: Self.fourVoters.breakingTies(by: .maxCost), explain: true)
        #expect(maxCost.selected == [1, 0, 2])
    }

    @Test("j grows when nothing qualifies, and funded projects lower their voters' weights")
    func depthAndWeights() throws {
        // 4 voters, budget 4. Project 1 (cost 1) is everyone's first choice for two voters; project
        // 0 (cost 3) first for the other two. j = 1: 0 has support 2 < 3, 1 has 2 ≥ 1: fund 1; its
        // voters keep 1 − ⌊4/4⌋/⌊2⌋ = 1/2. j = 1 again: 0 has 2 < 3, so j = 2: 1/2 + 1/2 + 1 + 1 = 3.
        let instance = election(costs: [3, 1], budget: 4, kind: .ordinal, ballots: [[1, 0], [1, 0], [0], [0]])
        let outcome = try Rules.run(.pbEar, on: instance, explain: true)
        #expect(outcome.selected == [1, 0])
        #expect(outcome.steps.map(\.note) == ["j = 1", "j = 2"])
    }
}

@Suite("Maximin support")
struct MaximinSupportTests {
    /// Voters {a, b}, {a, b}, {a}, {c}, {c}; costs a = 3, b = 2, c = 2; budget 5 (a, b, c = 0, 1, 2).
    /// Step 1: every project alone has load 1 (3/3, 2/2, 2/2): a by id. Step 2: W ∪ {b} has load
    /// 5/3 (a and b shared by 3 voters), W ∪ {c} has load 1: c.
    static let small = election(
        costs: [3, 2, 2], budget: 5, kind: .approval, ballots: [[0, 1], [0, 1], [0], [2], [2]])

    @Test("funds the candidate with the smallest exact maximum load")
    func byHand() throws {
        let outcome = try Rules.run(.maximinSupport, on: Self.small, explain: true)
        #expect(outcome.selected == [0, 2])
        #expect(outcome.steps.map(\.note) == ["max load 1", "max load 1"])
        #expect(outcome.steps.first?.candidates == [0, 1, 2])
    }

    @Test("a project nobody approves comes last, while it fits (pabutools' infeasible LP)")
    func unapprovedLast() throws {
        let instance = election(
            costs: [3, 2, 2, 1], budget: 6, kind: .approval, ballots: [[0, 1], [0, 1], [0], [2], [2]])
        let outcome = try Rules.run(.maximinSupport, on: instance)
        #expect(outcome.selected == [0, 2, 3])
    }

    /// The rule by its definition, with each load computed by enumerating every subset S of the
    /// funded set plus the candidate: max cost(S) / |voters approving some project of S|.
    static func bruteForce(_ instance: RuleInstance) -> [Int] {
        let approvers = (0..<instance.projectCount).map { p in
            Set((0..<instance.voterCount).filter { v in instance.ballot(v).contains { instance.items[$0] == p } })
        }
        func load(_ set: [Int]) -> (Int64, Int64)? {
            let positive = set.filter { instance.costs[$0] > 0 }
            if positive.contains(where: { approvers[$0].isEmpty }) { return nil }
            var best: (Int64, Int64) = (0, 1)
            for mask in 1..<(1 << positive.count) {
                var cost: Int64 = 0
                var voters = Set<Int>()
                for (i, p) in positive.enumerated() where mask & (1 << i) != 0 {
                    cost += instance.costs[p]
                    voters.formUnion(approvers[p])
                }
                if cost * best.1 > best.0 * Int64(voters.count) { best = (cost, Int64(voters.count)) }
            }
            return best
        }
        var funded: [Int] = []
        var remaining = instance.budget
        while true {
            let open = (0..<instance.projectCount).filter { !funded.contains($0) && instance.costs[$0] <= remaining }
            if open.isEmpty { return funded }
            var best: (project: Int, load: (Int64, Int64)?)?
            for c in open {
                let z = load(funded + [c])
                guard let b = best else {
                    best = (c, z)
                    continue
                }
                let better: Bool
                switch (z, b.load) {
                case (nil, _): better = false
                case (.some, nil): better = true
                case (.some(let x), .some(let y)):
                    let l = x.0 * y.1
                    let r = y.0 * x.1
                    better = l < r || (l == r && instance.tieRank[c] < instance.tieRank[b.project])
                }
                if better || (z == nil && b.load == nil && instance.tieRank[c] < instance.tieRank[b.project]) {
                    best = (c, z)
                }
            }
            funded.append(best!.project)
            remaining -= instance.costs[best!.project]
        }
    }

    @Test("equals the rule computed by enumerating subsets, on random profiles", arguments: 0..<40)
    func againstBruteForce(seed: Int) throws {
        var rng = SplitMix(seed: 0x3A_7000 + UInt64(seed))
        let projects = 2 + rng.below(6)
        let costs = (0..<projects).map { _ in
            rng.below(8) == 0 ? Int64(0) : Int64(1 + rng.below(seed % 2 == 0 ? 3 : 40))
        }
        let ballots = (0..<(1 + rng.below(12))).map { _ in
            (0..<projects).filter { _ in rng.below(3) == 0 }
        }
        let total = costs.reduce(0, +)
        let instance = election(
            costs: costs, budget: max(1, total * Int64(30 + rng.below(60)) / 100), kind: .approval, ballots: ballots)
        for tie in TieBreaking.allCases {
            let broken = instance.breakingTies(by: tie)
            #expect(
                try Rules.run(.maximinSupport, on: broken).selected == Self.bruteForce(broken),
                "seed \(seed), \(tie.rawValue)")
        }
    }
}

@Suite("CSTV")
struct CSTVTests {
    /// Budget 12, 4 voters: 3 each. Voter 1 puts everything on a, voter 2 half on a and half on b,
    /// voter 3 everything on b, voter 4 everything on c (a, b, c = 0, 1, 2; costs 6, 4, 5).
    /// Donations: a 4.5, b 4.5, c 3. Only b reaches its cost; its supporters keep 8/9 of their
    /// donation and voter 2's surplus (1/6) moves to a, voter 3's is lost. Nothing else reaches
    /// its cost: EWT eliminates c (excess −2 < −4/3), then a; reverse elimination funds a (6 of
    /// the 8 left), not c. MT sets both aside (their donors cannot reach the costs) and accepts a,
    /// the better supported one, first.
    static let donations = election(
        costs: [6, 4, 5], budget: 12, kind: .cumulative, ballots: [[0], [0, 1], [1], [2]],
        points: [[10], [5, 5], [10], [10]])

    @Test(
        "the four combinations on a hand-computed profile", arguments: [RuleName.cstvEwt, .cstvEwtc, .cstvMt, .cstvMtc])
    func byHand(rule: RuleName) throws {
        let outcome = try Rules.run(rule, on: Self.donations, explain: true)
        #expect(outcome.selected == [1, 0])
        #expect(outcome.steps.first?.project == 1)
    }

    @Test("EWT and EWTC select differently when excess and support per cost disagree")
    func excessAgainstRatio() throws {
        // Voters 1–3 give everything to a (cost 8), voter 4 to b (cost 2); budget 12: a has 9
        // (excess 1, ratio 9/8), b has 3 (excess 1, ratio 3/2): EWT ties and goes by id (a),
        // EWTC funds b first.
        let instance = election(
            costs: [8, 2], budget: 12, kind: .cumulative, ballots: [[0], [0], [0], [1]],
            points: [[1], [1], [1], [1]])
        #expect(try Rules.run(.cstvEwt, on: instance).selected.first == 0)
        #expect(try Rules.run(.cstvEwtc, on: instance).selected.first == 1)
    }

    @Test("minimal transfer moves just enough for the best project")
    func minimalTransfer() throws {
        // Two voters split 6 each between a (cost 8) and b (cost 8): 3 + 3 and 3 + 3 (budget 12).
        // Nothing reaches its cost. MT gives a (tie, by id) a minimal transfer: both donors move 1
        // from b to a, a is funded, b (4 left) is accepted only if it fits (it does not: 4 left).
        let instance = election(
            costs: [8, 8], budget: 12, kind: .cumulative, ballots: [[0, 1], [0, 1]], points: [[1, 1], [1, 1]])
        let mt = try Rules.run(.cstvMt, on: instance, explain: true)
        #expect(mt.selected == [0])
        // EWT eliminates b (the last in id order of the tied pair), whose donations then fund a.
        #expect(try Rules.run(.cstvEwt, on: instance).selected == [0])
    }
}

@Suite("Tie-breaking options")
struct TieBreakingTests {
    /// Approval, budget 3: projects 0 (cost 2) and 1 (cost 3) each approved by 2 voters tie for
    /// greedy by cost satisfaction (whose density is the vote count).
    static let tied = election(costs: [2, 3, 1], budget: 3, kind: .approval, ballots: [[0, 1], [0, 1], [2]])

    @Test("greedy: lexico and min-cost fund 0 then 2, max-cost funds 1")
    func greedy() throws {
        #expect(try Rules.run(.greedyCost, on: Self.tied).selected == [0, 2])
        #expect(try Rules.run(.greedyCost, on: Self.tied.breakingTies(by: .minCost)).selected == [0, 2])
        #expect(try Rules.run(.greedyCost, on: Self.tied.breakingTies(by: .maxCost)).selected == [1])
    }

    @Test("app-score puts the most approved project first, then ids")
    func appScore() {
        let instance = election(costs: [1, 1, 1], budget: 1, kind: .approval, ballots: [[2], [1, 2], [0, 1, 2]])
        let ranks = instance.breakingTies(by: .appScore).tieRank
        #expect(ranks == [2, 1, 0])
        #expect(instance.breakingTies(by: .lexico).tieRank == instance.tieRank)
    }

    @Test("MES breaks equal ρ by the option")
    func mes() throws {
        // Voters {0}, {1}, {0, 1} with 2 each (budget 6); projects 0 and 1 cost 4: both have ρ = 1/2.
        // Whichever is funded first takes the shared voter's budget and the other is out of reach.
        let instance = election(costs: [4, 4], budget: 6, kind: .approval, ballots: [[0], [1], [0, 1]])
        #expect(try Rules.run(.mesCost, on: instance).selected == [0])
        let reversed = election(
            costs: [4, 4], budget: 6, kind: .approval, ballots: [[0], [1], [0, 1]], ids: ["b", "a"])
        #expect(try Rules.run(.mesCost, on: reversed).selected == [1])
    }
}

@Suite("Irresolute outcomes")
struct IrresoluteTests {
    @Test("greedy: both orders of a tied pair, and the limit stops the search")
    func greedy() throws {
        let r = try Irresolute.outcomes(.greedyCost, on: TieBreakingTests.tied, limit: 10)
        #expect(Set(r.outcomes.map { Set($0) }) == [[0, 2], [1]])
        #expect(r.outcomes.first == [0, 2])  // the resolute outcome comes first
        #expect(r.complete)
        let one = try Irresolute.outcomes(.greedyCost, on: TieBreakingTests.tied, limit: 1)
        #expect(one.outcomes.count == 1)
        #expect(!one.complete)
    }

    @Test("MES: each project tied at the smallest ρ can be funded first")
    func mes() throws {
        let instance = election(costs: [4, 4], budget: 6, kind: .approval, ballots: [[0], [1], [0, 1]])
        let r = try Irresolute.outcomes(.mesCost, on: instance, limit: 10)
        #expect(Set(r.outcomes.map { Set($0) }) == [[0], [1]])
        #expect(r.complete)
    }

    @Test("rules without an irresolute version are refused")
    func refused() {
        #expect(throws: RuleError.self) { try Irresolute.outcomes(.phragmen, on: TieBreakingTests.tied, limit: 5) }
    }

    @Test("every tie-breaking option's outcome is among the irresolute outcomes, on random profiles", arguments: 0..<30)
    func containsResolute(seed: Int) throws {
        var rng = SplitMix(seed: 0x1AA_0000 + UInt64(seed))
        let projects = 2 + rng.below(5)
        // Few distinct costs and ballots, so that ties are common.
        let costs = (0..<projects).map { _ in Int64(1 + rng.below(3)) }
        let ballots = (0..<(2 + rng.below(6))).map { _ in (0..<projects).filter { _ in rng.below(2) == 0 } }
        let instance = election(
            costs: costs, budget: max(1, costs.reduce(0, +) / 2), kind: .approval, ballots: ballots)
        for rule in [RuleName.greedyCost, .greedyCard, .mesCost, .mesCard] {
            let all = Set(try Irresolute.outcomes(rule, on: instance, limit: 1000).outcomes.map { Set($0) })
            for tie in TieBreaking.allCases {
                let one = Set(try Rules.run(rule, on: instance.breakingTies(by: tie)).selected)
                #expect(all.contains(one), "seed \(seed), \(rule.rawValue), \(tie.rawValue)")
            }
        }
    }
}
