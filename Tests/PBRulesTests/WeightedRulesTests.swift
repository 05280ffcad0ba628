import Foundation
import PBModel
@testable import PBRules
import Testing

/// A small deterministic generator for random profiles (SplitMix64).
private struct Generator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// The profile in which voter `v` is repeated `weights[v]` times (a voter of weight 0 is left out).
private func duplicated(_ instance: RuleInstance, weights: [Int64]) -> RuleInstance {
    var offsets: [Int32] = [0]
    var items: [Int32] = []
    var points: [Int64] = []
    for v in 0..<instance.voterCount {
        for _ in 0..<weights[v] {
            for k in instance.ballot(v) {
                items.append(instance.items[k])
                if !instance.points.isEmpty { points.append(instance.points[k]) }
            }
            offsets.append(Int32(items.count))
        }
    }
    return RuleInstance(
        costs: instance.costs, budget: instance.budget, scale: instance.scale, kind: instance.kind, offsets: offsets,
        items: items, points: points, pointScale: instance.pointScale, tieRank: instance.tieRank)
}

/// A random election: `voters` ballots over `projects` projects, costs 1...20 (some 0), with many
/// repeated ballots and equal costs so that ties are common.
private func randomInstance(_ g: inout Generator, kind: VoteKind, voters: Int, projects: Int) -> RuleInstance {
    let costs = (0..<projects).map { _ in g.below(12) == 0 ? Int64(0) : Int64(1 + g.below(4) * 5) }
    let budget = Int64(5 + g.below(40))
    var offsets: [Int32] = [0]
    var items: [Int32] = []
    var points: [Int64] = []
    for _ in 0..<voters {
        var ballot = Array(0..<projects).filter { _ in g.below(3) == 0 }
        if kind == .ordinal {
            for i in ballot.indices.reversed() where i > 0 { ballot.swapAt(i, g.below(i + 1)) }
        }
        for p in ballot {
            items.append(Int32(p))
            if kind == .cumulative || kind == .scoring { points.append(Int64(1 + g.below(3))) }
        }
        offsets.append(Int32(items.count))
    }
    return RuleInstance(
        costs: costs, budget: budget, kind: kind, offsets: offsets, items: items, points: points,
        tieRank: RuleInstance.ranks(ofIDs: (0..<projects).map { "p\($0)" }))
}

/// The weighted rules defined on a kind of ballots.
private func weightedRules(for kind: VoteKind) -> [RuleName] {
    RuleName.weightedRules.filter { $0.voteTypes.contains(kind) }
}

/// Runs `rule` and returns what must agree between equivalent profiles.
private func result(_ rule: RuleName, _ instance: RuleInstance, _ arithmetic: Arithmetic = .certified) throws -> [Int] {
    try Rules.run(rule, on: instance, arithmetic: arithmetic).selected
}

@Suite("Weighted voters in the rules (MODEL.md 2.3)")
struct WeightedRulesTests {
    @Test(
        "with integer weights every weighted rule equals the rule on the profile with each voter repeated w times",
        arguments: [VoteKind.approval, .cumulative, .scoring, .ordinal])
    func integerWeightsAreRepeatedVoters(kind: VoteKind) throws {
        var g = Generator(state: 0x15 &+ UInt64(kind.rawValue.count))
        var compared = 0
        for _ in 0..<120 {
            let instance = randomInstance(&g, kind: kind, voters: 3 + g.below(12), projects: 2 + g.below(7))
            let units = (0..<instance.voterCount).map { _ in Int64(g.below(4)) }
            guard units.contains(where: { $0 > 0 }) else { continue }
            let weighted = try instance.weighted(by: VoterWeights(units: units))
            let repeated = duplicated(instance, weights: units)
            for rule in weightedRules(for: kind) {
                let expected = try result(rule, repeated)
                #expect(try result(rule, weighted) == expected, "\(rule.rawValue) weights \(units)")
                if rule != .greedyCost && rule != .greedyCard && rule != .maxWelfareCost {
                    // The exact rational path must agree too.
                    #expect(try result(rule, weighted, .exact) == expected, "\(rule.rawValue) exact, weights \(units)")
                }
                compared += 1
            }
        }
        #expect(compared > 100)
    }

    @Test("Add1's final increment is the repeated profile's (a voter of weight w gains w units per step)")
    func add1Increment() throws {
        var g = Generator(state: 99)
        for _ in 0..<60 {
            let instance = randomInstance(&g, kind: .approval, voters: 4 + g.below(8), projects: 3 + g.below(5))
            let units = (0..<instance.voterCount).map { _ in Int64(1 + g.below(3)) }
            let weighted = try Rules.run(.mesCostAdd1, on: instance.weighted(by: VoterWeights(units: units)))
            let repeated = try Rules.run(.mesCostAdd1, on: duplicated(instance, weights: units))
            #expect(weighted.add1Increment == repeated.add1Increment)
            #expect(weighted.selected == repeated.selected)
        }
    }

    @Test("the same real weights at another decimal scale give the same outcomes")
    func scaleFree() throws {
        var g = Generator(state: 7)
        for kind in [VoteKind.approval, .cumulative] {
            for _ in 0..<40 {
                let instance = randomInstance(&g, kind: kind, voters: 4 + g.below(8), projects: 3 + g.below(5))
                let units = (0..<instance.voterCount).map { _ in Int64(g.below(5)) }
                guard units.contains(where: { $0 > 0 }) else { continue }
                let coarse = try instance.weighted(by: VoterWeights(units: units))
                let fine = try instance.weighted(by: VoterWeights(units: units.map { $0 * 1000 }, scale: 3))
                for rule in weightedRules(for: kind) {
                    #expect(try result(rule, coarse) == result(rule, fine), "\(rule.rawValue)")
                }
            }
        }
    }

    @Test("weights that are all 1 leave the instance unweighted")
    func allOneIsUnweighted() throws {
        var g = Generator(state: 3)
        let instance = randomInstance(&g, kind: .approval, voters: 6, projects: 4)
        let ones = try VoterWeights(real: [Double](repeating: 1, count: 6))
        #expect(ones.allOne)
        #expect(try instance.weighted(by: ones).voterWeights == nil)
        #expect(try instance.weighted(by: VoterWeights(units: [1, 1, 1, 1, 1, 2])).voterWeights != nil)
    }

    @Test("rules without a weighted version, irresolute outcomes and bad weights are refused")
    func refusals() throws {
        var g = Generator(state: 5)
        let approval = randomInstance(&g, kind: .approval, voters: 5, projects: 4)
        let weighted = try approval.weighted(by: VoterWeights(units: [1, 2, 1, 1, 3]))
        #expect(throws: RuleError.weightsNotSupported(rule: .maximinSupport)) {
            try Rules.run(.maximinSupport, on: weighted)
        }
        #expect(throws: RuleError.weightsNotSupported(rule: .mesCost)) {
            try Irresolute.outcomes(.mesCost, on: weighted, limit: 5)
        }
        #expect(throws: RuleError.self) { try VoterWeights(units: [1, -1]) }
        #expect(throws: RuleError.self) { try VoterWeights(real: [1, .nan]) }
        #expect(throws: RuleError.self) { try approval.weighted(by: VoterWeights(units: [1, 2])) }
        #expect(RuleError.weightsNotSupported(rule: .pbEar).description.contains("mes-cost"))
    }

    @Test("the weighted code paths with every weight 1 give the reference outcomes", arguments: Fixtures.cases)
    func forcedOnesMatchReference(_ c: OracleCase) throws {
        guard c.rule.takesWeights, let election = Fixtures.elections[c.instance] else { return }
        let instance = try RuleInstance(election)
        let ones = try VoterWeights(units: [Int64](repeating: 1_000_000, count: instance.voterCount), scale: 6)
        let outcome = try Rules.run(c.rule, on: instance.forcingWeights(ones))
        let ids = outcome.selected.map { election.projects[$0].id }
        #expect(Fixtures.sortedIDs(ids) == Fixtures.sortedIDs(c.selected))
        #expect(outcome.selected == (try Rules.run(c.rule, on: instance).selected))
    }

    /// A few real elections, each with random integer weights 1-3 against the file with every voter
    /// repeated.
    static let realFiles = [
        "poland_warszawa_2017_sadul", "poland_gdansk_2020_matarnia", "poland_czestochowa_2020_kiedrzyn",
        "poland_gdansk_2020_wrzeszcz-dolny", "poland_warszawa_2017_zerzen", "poland_warszawa_2017_kamionek",
    ]

    @Test("on real elections integer weights equal repeated voters", arguments: realFiles)
    func realElections(_ name: String) throws {
        let election = try PabulibReader.read(path: Fixtures.root.appendingPathComponent("pabulib/\(name).pb").path)
        let instance = try RuleInstance(election)
        var g = Generator(state: UInt64(name.utf8.count))
        let units = (0..<instance.voterCount).map { _ in Int64(1 + g.below(3)) }
        let weighted = try instance.weighted(by: VoterWeights(units: units))
        let repeated = duplicated(instance, weights: units)
        for rule in weightedRules(for: instance.kind) {
            #expect(try result(rule, weighted) == result(rule, repeated), "\(name) \(rule.rawValue)")
        }
    }
}
