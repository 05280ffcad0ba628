import BigInt
import PBModel
import PBRules
import Testing

@testable import PBAnalysis

/// The analytics MES (groups of identical ballots, budgets over a common denominator that grows by
/// least common multiples, effective supports from the full run's rounds) against a straightforward
/// run of pabutools' `mes_inner_algo`, voter by voter in rationals, with one full run per skipped
/// project, on random small approval and cumulative elections.
@Suite struct AnalyticsMESTests {
    /// A random election: small with few distinct costs and points, so that ties (equal
    /// affordability, equal budgets) are common; or `large`, with many voters and spread costs, so
    /// that most decisions are clear in floating point and the capped supporters it finds are used.
    static func election(seed: UInt64, cumulative: Bool, large: Bool = false) -> String {
        var rng = SplitMix(seed: seed)
        let m = large ? Int.random(in: 4...8, using: &rng) : Int.random(in: 1...7, using: &rng)
        let n = large ? Int.random(in: 30...90, using: &rng) : Int.random(in: 1...30, using: &rng)
        let costs = (0..<m).map { _ in
            large
                ? Int.random(in: 20...400, using: &rng)
                : Int.random(in: 0...4, using: &rng) * 5 + Int.random(in: 0...1, using: &rng)
        }
        let budget = large ? Int.random(in: 300...1500, using: &rng) : Int.random(in: 10...60, using: &rng)
        var s = "META\nkey;value\nbudget;\(budget)\n"
        s += "vote_type;\(cumulative ? "cumulative" : "approval")\n"
        if cumulative { s += "max_sum_points;10\n" }
        s += "PROJECTS\nproject_id;cost\n"
        for (p, c) in costs.enumerated() { s += "p\(p);\(c)\n" }
        s += cumulative ? "VOTES\nvoter_id;vote;points\n" : "VOTES\nvoter_id;vote\n"
        for v in 0..<n {
            let ballot = (0..<m).filter { _ in Int.random(in: 0..<5, using: &rng) < 2 }
            s += "v\(v);\(ballot.map { "p\($0)" }.joined(separator: ","))"
            if cumulative {
                s += ";" + ballot.map { _ in String(Int.random(in: 0...3, using: &rng)) }.joined(separator: ",")
            }
            s += "\n"
        }
        return s
    }

    /// One round of the straightforward run.
    struct Round: Equatable {
        var candidates: [Int]
        var discarded: Set<Int>
        var selected: Int
        var budgetsAfter: [Rational]
    }

    /// `mes_inner_algo` voter by voter; with `skipping`, that project's effective support too.
    static func straightforward(_ profile: AnalysisProfile, order: [Int], skipping: Int? = nil) -> (
        rounds: [Round], effective: Int
    ) {
        let inst = profile.instance
        var budget = [Rational](
            repeating: Rational(BigInt(inst.budget), BigInt(inst.voterCount)), count: inst.voterCount)
        var supporters = [[(voter: Int, sat: Rational)]](repeating: [], count: inst.projectCount)
        for v in 0..<inst.voterCount {
            for k in inst.ballot(v) {
                let p = Int(inst.items[k])
                let sat = inst.points.isEmpty ? inst.costs[p] : inst.points[k]
                if sat > 0 { supporters[p].append((v, Rational(sat))) }
            }
        }
        var afford = (0..<inst.projectCount).map { p in
            let total = supporters[p].reduce(Rational.zero) { $0 + $1.sat }
            return total.isZero ? Rational.zero : Rational(inst.costs[p]) / total
        }
        var live = Set(order)
        if let skipping { live.remove(skipping) }
        var rounds: [Round] = []
        var effective = 0
        func cover(_ q: Int, _ price: Rational?) -> Int {
            let total = supporters[q].reduce(Rational.zero) { sum, s in
                guard let price else { return sum + budget[s.voter] }
                let most = price * s.sat
                return sum + (budget[s.voter] < most ? budget[s.voter] : most)
            }
            let scaled = total * Rational(100) / Rational(inst.costs[q])
            return Int(scaled.numerator / scaled.denominator)
        }
        while true {
            let candidates = order.filter { live.contains($0) }
            let visiting = candidates.enumerated().sorted {
                afford[$0.element] != afford[$1.element]
                    ? afford[$0.element] < afford[$1.element] : $0.offset < $1.offset
            }.map(\.element)
            var best: Rational?
            var tied: [Int] = []
            var discarded = Set<Int>()
            for p in visiting {
                let cost = Rational(inst.costs[p])
                if supporters[p].reduce(Rational.zero, { $0 + budget[$1.voter] }) < cost {
                    live.remove(p)
                    discarded.insert(p)
                    continue
                }
                if let b = best, b < afford[p] { break }
                let sorted = supporters[p].enumerated().sorted {
                    let (a, c) = (budget[$0.element.voter] / $0.element.sat, budget[$1.element.voter] / $1.element.sat)
                    return a != c ? a < c : $0.offset < $1.offset
                }.map(\.element)
                var paid = Rational.zero
                var d = supporters[p].reduce(Rational.zero) { $0 + $1.sat }
                for s in sorted {
                    let factor = (cost - paid) / d
                    if !(budget[s.voter] / s.sat < factor) {
                        afford[p] = factor
                        if best == nil || factor < best! {
                            best = factor
                            tied = [p]
                        } else if factor == best! {
                            tied.append(p)
                        }
                        break
                    }
                    paid += budget[s.voter]
                    d -= s.sat
                }
            }
            guard let price = best, let chosen = tied.min(by: { inst.tieRank[$0] < inst.tieRank[$1] }) else {
                if let skipping { effective = max(effective, cover(skipping, nil)) }
                return (rounds, effective)
            }
            for s in supporters[chosen] {
                let due = price * s.sat
                budget[s.voter] = budget[s.voter] < due ? .zero : budget[s.voter] - due
            }
            live.remove(chosen)
            rounds.append(Round(candidates: candidates, discarded: discarded, selected: chosen, budgetsAfter: budget))
            if let skipping { effective = max(effective, cover(skipping, price)) }
        }
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func matchesTheStraightforwardRun(cumulative: Bool, large: Bool) throws {
        var rounds = 0
        for seed in 0..<(large ? 30 : 250) {
            let profile = try AnalysisProfile(
                PabulibReader.parse(Self.election(seed: UInt64(seed), cumulative: cumulative, large: large)))
            let mes = AnalyticsMES(profile)
            let want = Self.straightforward(profile, order: mes.candidateOrder)
            let got = try #require(mes.run(deadline: nil))
            #expect(got.rounds.map(\.selected) == want.rounds.map(\.selected), "seed \(seed)")
            #expect(got.rounds.map(\.candidates) == want.rounds.map(\.candidates), "seed \(seed)")
            #expect(got.rounds.map(\.discarded) == want.rounds.map(\.discarded), "seed \(seed)")
            // The groups' budgets, each as many times as it has voters, are the voters' budgets.
            for (g, w) in zip(got.rounds, want.rounds) {
                var groups: [Rational] = []
                for (i, num) in g.after.num.enumerated() {
                    groups += Array(repeating: Rational(num, g.after.den), count: mes.multiplicity[i])
                }
                #expect(groups.sorted() == w.budgetsAfter.sorted(), "seed \(seed)")
            }
            let effective = try #require(mes.effectiveSupports(got, deadline: nil))
            for q in 0..<profile.projectCount {
                let expected =
                    mes.isCandidate(q)
                    ? Self.straightforward(profile, order: mes.candidateOrder, skipping: q).effective : 0
                #expect(effective[q] == expected, "seed \(seed) project \(q)")
            }
            rounds += got.rounds.count
        }
        // Enough rounds that the effective supports of funded projects (runs continued from a
        // round's state) are exercised, not only the full run's.
        #expect(rounds > (large ? 60 : 200))
    }
}
