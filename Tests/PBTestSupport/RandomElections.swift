/// Random small elections as pabulib text, for the tests that compare two computations of a measure.
package enum RandomElections {
    /// An approval election with few distinct costs (multiples of 5 up to 30), so that exact payments
    /// and ties are common; each voter approves each project with probability 2/5. Draws, in order:
    /// the project count, the voter count, the budget, each cost, each ballot (and, with
    /// `nonEmptyBallots`, one project for a ballot that came out empty).
    package static func approval(
        projects: ClosedRange<Int>, voters: ClosedRange<Int>, budget: ClosedRange<Int>, nonEmptyBallots: Bool = false,
        using rng: inout some RandomNumberGenerator
    ) -> String {
        let m = Int.random(in: projects, using: &rng)
        let n = Int.random(in: voters, using: &rng)
        var s = "META\nkey;value\nbudget;\(Int.random(in: budget, using: &rng))\nvote_type;approval\n"
        s += "PROJECTS\nproject_id;cost\n"
        for p in 0..<m { s += "p\(p);\(Int.random(in: 1...6, using: &rng) * 5)\n" }
        s += "VOTES\nvoter_id;vote\n"
        for v in 0..<n {
            var ballot = (0..<m).filter { _ in Int.random(in: 0..<5, using: &rng) < 2 }
            if nonEmptyBallots && ballot.isEmpty { ballot = [Int.random(in: 0..<m, using: &rng)] }
            s += "v\(v);\(ballot.map { "p\($0)" }.joined(separator: ","))\n"
        }
        return s
    }
}
