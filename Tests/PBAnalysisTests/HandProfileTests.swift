import PBAnalysis
import PBModel
import PBRules
import Testing

/// Profiles small enough that every measure is known by hand.
private func profile(_ text: String) throws -> AnalysisProfile {
    try AnalysisProfile(PabulibReader.parse(text))
}

private func approval(budget: Int, costs: [(String, Int)], ballots: [String]) -> String {
    var s = "META\nkey;value\nbudget;\(budget)\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
    for (id, c) in costs { s += "\(id);\(c)\n" }
    s += "VOTES\nvoter_id;vote\n"
    for (i, b) in ballots.enumerated() { s += "v\(i);\(b)\n" }
    return s
}

private func measures(_ p: AnalysisProfile, _ ids: [String]) -> MeasureSet {
    OutcomeAnalysis.measures(p, selected: ids.map { id in p.ids.firstIndex(of: id)! })
}

private func rational(_ n: Int, _ d: Int = 1) -> MeasureValue { .rational(Rational(n) / Rational(d)) }

@Suite struct HandProfileTests {
    /// a (6) and b (4) funded; voters {a,b}, {a}, {c}, and an empty ballot.
    let small = approval(budget: 10, costs: [("a", 6), ("b", 4), ("c", 5)], ballots: ["a,b", "a", "c", ""])

    @Test func satisfactionCountsTheEmptyBallot() throws {
        let m = measures(try profile(small), ["a", "b"])
        // Cost satisfaction 10, 6, 0, 0 over 4 voters.
        #expect(m["avg_satisfaction:Cost_Sat"] == rational(4))
        #expect(m["percent_positive_satisfaction:Cost_Sat"] == rational(1, 2))
        #expect(m["avg_satisfaction:Cardinality_Sat"] == rational(3, 4))
        #expect(m["percent_non_empty_handed"] == rational(1, 2))
        // Sorted 0, 0, 6, 10: (5 − 2·(6·2 + 10·1)/16) / 4 = 9/16.
        #expect(m["gini_coefficient_of_satisfaction:Cost_Sat"] == rational(9, 16))
    }

    @Test func histogramBinsAgainstTheLargestBallot() throws {
        let m = measures(try profile(small), ["a", "b"])
        guard case .list(let bins)? = m["satisfaction_histogram:Cost_Sat"] else {
            Issue.record("no histogram")
            return
        }
        // M = 10 (ballot a,b): 10 → bin 20, 6 → ⌈6·20/10⌉ = 12, the two zeros → bin 0.
        let values = bins.compactMap(\.doubleValue)
        #expect(values.count == 21)
        #expect(values[0] == 0.5 && values[12] == 0.25 && values[20] == 0.25)
        #expect(values.reduce(0, +) == 1)
    }

    @Test func nobodySatisfiedGivesGiniZeroAsAnInteger() throws {
        let m = measures(try profile(small), [])
        #expect(m["gini_coefficient_of_satisfaction:Cost_Sat"] == .integer(0))
        #expect(m["avg_satisfaction:Cost_Sat"] == rational(0))
    }

    @Test func instanceProperties() throws {
        let m = InstanceMeasures.compute(try profile(small))
        #expect(m["sum_project_cost"] == rational(15))
        #expect(m["funding_scarcity"] == rational(3, 2))
        #expect(m["avg_ballot_length"] == rational(1))
        // Lengths 2, 1, 1, 0: the median 1.0 truncated.
        #expect(m["median_ballot_length"] == .integer(1))
        #expect(m["median_project_cost"] == .real(5))
        // c is approved once, a twice, b once.
        #expect(
            m["votes_count_by_project"]
                == .object([.init("a", .integer(2)), .init("b", .integer(1)), .init("c", .integer(1))]))
    }

    /// Two pairs of voters; x is wanted by v0, v1; y and z by v2, v3. B = 4, each costs 2, so each pair
    /// deserves one project.
    let pairs = approval(budget: 4, costs: [("x", 2), ("y", 2), ("z", 2)], ballots: ["x", "x", "y,z", "y,z"])

    @Test func ejrViolationWhenOnePairGetsEverything() throws {
        let m = measures(try profile(pairs), ["y", "z"])
        // ({v0, v1}, {x}) is cohesive (2·4 ≥ 2·4) and both get nothing.
        #expect(m["is_EJR_approval:Cost_Sat"] == .bool(false))
        #expect(m["is_PJR_approval:Cost_Sat"] == .bool(false))
        #expect(m["is_EJR_approval:Cardinality_Sat"] == .bool(false))
        // Up to one project (x itself) they are served.
        #expect(m["is_EJR_one_approval:Cost_Sat"] == .bool(true))
        #expect(m["is_PJR_one_approval:Cost_Sat"] == .bool(true))
        // v0 and v1 keep money (b ≥ 2 for v2, v3 to buy y and z) that would buy x: not priceable.
        #expect(m["priceable:exhaustive=False"] == .bool(false))
        #expect(m["priceable"] == .bool(false))
    }

    @Test func proportionalOutcomeSatisfiesEJRAndIsPriceable() throws {
        let m = measures(try profile(pairs), ["x", "y"])
        #expect(m["is_EJR_approval:Cost_Sat"] == .bool(true))
        #expect(m["is_PJR_approval:Cost_Sat"] == .bool(true))
        #expect(m["is_strong_EJR_approval:Cost_Sat"] == .bool(true))
        // b = 1: each pair pays its project; z's supporters have nothing left; W + z overspends.
        #expect(m["priceable"] == .bool(true))
        #expect(m["priceable:exhaustive=False"] == .bool(true))
    }

    @Test func nonExhaustiveOutcomeIsOnlyPriceableWithoutExhaustiveness() throws {
        let m = measures(try profile(pairs), ["x"])
        // cost(W) + cost(y) = 4 < B + 1.
        #expect(m["priceable"] == .bool(false))
    }

    @Test func projectCostingOverTenBudgetsMakesLeavingItOutUnpriceable() throws {
        // pabutools' big M is 10·B: its constraint cost(c) − 10·B ≤ payments(c) = 0 fails for c unfunded.
        let m = measures(try profile(approval(budget: 1, costs: [("p", 20)], ballots: ["p", "p", ""])), [])
        #expect(m["priceable:exhaustive=False"] == .bool(false))
        let cheap = measures(try profile(approval(budget: 2, costs: [("p", 20)], ballots: ["p", "p", ""])), [])
        #expect(cheap["priceable:exhaustive=False"] == .bool(true))
    }

    @Test func cumulativeVoterWithZeroPoints() throws {
        let text = """
            META
            key;value
            budget;10
            vote_type;cumulative
            PROJECTS
            project_id;cost
            a;5
            b;5
            VOTES
            voter_id;vote;points
            1;a,b;3,0
            2;b;2
            """
        let m = measures(try profile(text), ["a"])
        // Points: voter 1 gets 3, voter 2 gets 0; voter 1 lists a (cost 5).
        #expect(m["avg_satisfaction:Additive_Cardinal_Sat"] == rational(3, 2))
        #expect(m["percent_positive_satisfaction:Additive_Cardinal_Sat"] == rational(1, 2))
        #expect(m["avg_satisfaction:Cost_Sat"] == rational(5, 2))
        // CC_Sat on cumulative ballots: the most points given to a funded project.
        #expect(m["percent_non_empty_handed"] == rational(3, 2))
        #expect(m["is_EJR_approval:Cost_Sat"] == nil)
    }
}
