public import GLPK
import PBRules

/// pabutools' `priceable(instance, profile, W).validate()`: whether a price system supports the
/// outcome W (Peters, Pierczyński and Skowron), decided by a linear program.
///
/// With W fixed, pabutools' mixed-integer program is a linear one. Its variables are the voter
/// budget b and the payments p_{i,c} ≥ 0 of voter i towards a funded project c they support:
/// * n·b ≥ B, and cost(W) ≤ B;
/// * Σ_c p_{i,c} ≤ b for every voter, and Σ_i p_{i,c} = cost(c) for every c in W;
/// * for every project c, the supporters' leftover Σ_{i supports c} (b − Σ_c' p_{i,c'}) is at most
///   cost(c), plus 10·B (pabutools' INF) when c is funded;
/// * with `exhaustive` (pabutools' default), cost(W) + cost(c) ≥ B + 1 for every unfunded c;
/// * pabutools' big M (10·B) also makes it require cost(c) ≤ 10·B of every unfunded c.
///
/// Voters with the same ballot are merged into one group whose payments are the members' total
/// (a solution for the members averages to one for the group and back), so the program has one
/// row per distinct ballot. Two exact shortcuts come first: the ``leftoverCertificate(_:funded:)``
/// proves that no price system exists, and a ``PriceSystemWitness`` (W bought by equal shares
/// restricted to W, checked in rationals) proves that one does. Otherwise GLPK solves the program;
/// small programs are confirmed in exact rational arithmetic (`glp_exact`), where pabutools relies
/// on CBC's floating-point tolerances.
public enum Priceability {
    /// Programs with at most this many payment variables are confirmed exactly.
    static let exactLimit = 20_000

    static func add(to out: inout MeasureSet, _ profile: AnalysisProfile, funded: [Bool], options: AnalysisOptions) {
        let keys = ["priceable", "priceable:exhaustive=False"]
        guard profile.instance.kind != .ordinal else {
            for k in keys { out.gap(k, .undefined, "priceability is defined for approval and cumulative ballots") }
            return
        }
        guard profile.voterCount > 0 else {
            for k in keys { out.gap(k, .undefined, "no voters") }
            return
        }
        let clock = ContinuousClock.now
        let feasible = solve(profile, funded: funded, timeLimit: options.timeLimit)
        for (key, exhaustive) in zip(keys, [true, false]) {
            switch feasible {
            case .feasible, .infeasible:
                let supported = feasible == .feasible
                out.set(key, .bool(supported && (!exhaustive || isExhaustive(profile, funded: funded))))
            case .timeLimit:
                if exhaustive && !isExhaustive(profile, funded: funded) {
                    out.set(key, .bool(false))
                } else {
                    out.gap(
                        key, .undetermined,
                        "no price-system witness, and the linear program was not solved within "
                            + "\(TimeLimit.text(options.timeLimit)) s (stopped after \(TimeLimit.elapsed(since: clock)) s)"
                    )
                }
            case .failed(let why):
                out.gap(key, .undetermined, why)
            }
        }
    }

    /// pabutools' exhaustiveness constraint: every unfunded project would overspend, with its
    /// `+1` of one currency unit: cost(W) + cost(c) ≥ B + 1.
    static func isExhaustive(_ profile: AnalysisProfile, funded: [Bool]) -> Bool {
        let inst = profile.instance
        let total = (0..<inst.projectCount).reduce(Int64(0)) { $0 + (funded[$1] ? inst.costs[$1] : 0) }
        return (0..<inst.projectCount).allSatisfy {
            funded[$0] || total + inst.costs[$0] >= inst.budget + profile.costDenominator
        }
    }

    /// Whether the price-system program (without the exhaustiveness constraint) has a solution.
    ///
    /// - Parameter certificate: look for ``leftoverCertificate(_:funded:)`` and a
    ///   ``PriceSystemWitness`` first (off only to test them).
    public static func solve(
        _ profile: AnalysisProfile, funded: [Bool], timeLimit: Double?, certificate: Bool = true
    ) -> LinearProgram.Outcome {
        let inst = profile.instance
        let total = (0..<inst.projectCount).reduce(Int64(0)) { $0 + (funded[$1] ? inst.costs[$1] : 0) }
        guard total <= inst.budget else { return .infeasible }
        guard inst.budget > 0 else { return .failed("the budget is not positive") }
        // pabutools' big M is INF = 10·B, and its constraint cost(c) + (x_c − 1)·INF ≤ Σ_i p_{i,c} then
        // requires cost(c) ≤ 10·B of every unfunded project too: a project costing more makes every
        // outcome that leaves it out unpriceable.
        guard (0..<inst.projectCount).allSatisfy({ funded[$0] || inst.costs[$0] <= 10 * inst.budget }) else {
            return .infeasible
        }
        if certificate && leftoverCertificate(profile, funded: funded) != nil { return .infeasible }
        let end = TimeLimit.deadline(timeLimit)
        let groups = UtilityGroups(profile, .cardinality)
        if certificate && PriceSystemWitness(profile, funded: funded, groups: groups, deadline: end).exists() {
            return .feasible
        }
        // The witness may have used the whole limit: then there is no time to build the program.
        if let end, ContinuousClock.now >= end { return .timeLimit }
        let budget = Double(inst.budget)
        let cost = inst.costs.map { Double($0) / budget }  // in budgets
        let infinity = 10.0
        let lp = LinearProgram()
        let b = lp.addColumns(1, bound: .lower(0))
        lp.addRow([(b, Double(inst.voterCount))], bound: .lower(1))
        // Payment columns per group, for its funded projects.
        var paymentColumns: [[(project: Int, column: Int)]] = []
        paymentColumns.reserveCapacity(groups.count)
        var payersOf = [[(column: Int, weight: Double)]](repeating: [], count: inst.projectCount)
        for g in 0..<groups.count {
            let fundedHere = groups.projects(of: g).filter { funded[$0] }
            guard !fundedHere.isEmpty else {
                paymentColumns.append([])
                continue
            }
            let first = lp.addColumns(fundedHere.count, bound: .lower(0))
            let cols = fundedHere.enumerated().map { (project: $1, column: first + $0) }
            paymentColumns.append(cols)
            for (p, c) in cols { payersOf[p].append((c, 1)) }
            lp.addRow(cols.map { ($0.column, 1.0) } + [(b, -Double(groups.multiplicity[g]))], bound: .upper(0))
        }
        for p in 0..<inst.projectCount where funded[p] {
            lp.addRow(payersOf[p].map { ($0.column, $0.weight) }, bound: .fixed(cost[p]))
        }
        // Leftover of each project's supporters.
        var supporters = [[Int]](repeating: [], count: inst.projectCount)
        for g in 0..<groups.count { for p in groups.projects(of: g) { supporters[p].append(g) } }
        for p in 0..<inst.projectCount where !supporters[p].isEmpty {
            var row: [(column: Int, value: Double)] = []
            var mass = 0
            for g in supporters[p] {
                mass += groups.multiplicity[g]
                for (_, c) in paymentColumns[g] { row.append((c, -1)) }
            }
            row.append((b, Double(mass)))
            lp.addRow(row, bound: .upper(cost[p] + (funded[p] ? infinity : 0)))
        }
        return lp.solve(timeLimit: TimeLimit.seconds(until: end), exact: lp.columns <= exactLimit)
    }

    /// An unfunded project whose supporters keep more than its cost in every price system, if there
    /// is one: then no price system exists. A voter can pay only for the funded projects on their
    /// ballot, and no more than each one's cost, so they spend at most K_i, the cost of those
    /// projects, and keep at least b − K_i ≥ B/n − K_i. In integers: the project c with
    /// Σ_{i supports c} max(0, B − n·K_i) > n·cost(c). Exact and linear in the ballots; it decides
    /// greedy outcomes of large elections, whose program GLPK does not finish (Warsaw Mokotów 2021,
    /// Łódź 2022).
    static func leftoverCertificate(_ profile: AnalysisProfile, funded: [Bool]) -> Int? {
        let inst = profile.instance
        let n = Int128(inst.voterCount)
        let budget = Int128(inst.budget)
        var kept = [Int128](repeating: 0, count: inst.projectCount)
        for v in 0..<inst.voterCount {
            let ballot = inst.ballot(v)
            let payable = ballot.reduce(Int128(0)) {
                let p = Int(inst.items[$1])
                return $0 + (funded[p] ? Int128(inst.costs[p]) : 0)
            }
            let floor = budget - n * payable
            guard floor > 0 else { continue }
            for k in ballot where !funded[Int(inst.items[k])] { kept[Int(inst.items[k])] += floor }
        }
        return (0..<inst.projectCount).first { !funded[$0] && kept[$0] > n * Int128(inst.costs[$0]) }
    }
}
