import GLPK
import PBRules

/// pabutools' `is_in_core(instance, profile, sat_class, W)`: whether no group of voters could do
/// better for all its members on its own share of the budget.
///
/// W is outside the core when some voters V and projects T with cost(T)·n ≤ |V|·B leave every
/// voter of V strictly better off with T than with W. For a given T the best V is everyone who
/// is better off with T, so W is in the core exactly when every T has
/// |{i : sat_i(T) > sat_i(W)}|·B < cost(T)·n. pabutools enumerates all 2^n · 2^m pairs (V, T);
/// pbsim decides it in one of two ways:
/// * **Enumeration** when the projects someone could gain from are few (2^r · their supporters
///   within ``enumerationLimit``): every T over them, in Gray-code order, so one project changes
///   per step and only its supporters are updated. Exact.
/// * **A branch and bound** otherwise (``Problem/search(deadline:)``, in `Core+Search.swift`): over
///   project sets, keeping only sets where every project has its share cost in voters who gain
///   only with it, and dropping subtrees whose bound is below zero. A set it reaches is checked in
///   integers; "in core" means the whole tree was dropped. Exact. At the time limit the answer is
///   undetermined, with the search nodes taken and how far the best set found was from blocking.
///
/// `method: .program` instead runs a 0-1 program (GLPK's branch and bound): x_p for T, z_g for the
/// voters of V (merged by identical satisfactions), n·Σ cost_p·x_p ≤ B·Σ |g|·z_g,
/// Σ_p sat_g(p)·x_p ≥ (sat_g(W) + 1)·z_g (satisfactions are integers in their units, so "strictly
/// better" is "one unit better") and Σ z_g ≥ 1. A coalition it finds is confirmed in exact
/// arithmetic, but when it proves that none exists, W is in the core only up to GLPK's
/// floating-point tolerances (as pabutools' own program, `is_in_core_lp`, relies on Gurobi's), so
/// `analyze` no longer uses it; it stays as a cross-check of the search.
enum Core {
    /// The most Gray-code steps times supporters the enumeration may take.
    static let enumerationLimit = 50_000_000

    enum Verdict: Equatable {
        case inCore, blocked, undetermined(String)
    }

    static func key(_ sat: Satisfaction) -> String { "is_in_core:\(sat.pabutoolsName)" }

    static func add(to out: inout MeasureSet, _ profile: AnalysisProfile, funded: [Bool], options: AnalysisOptions) {
        // One time limit for the core under every class, as for the other expensive checks.
        let end = TimeLimit.deadline(options.timeLimit)
        for sat in profile.satisfactionClasses {
            switch decide(profile, sat, funded: funded, timeLimit: TimeLimit.seconds(until: end)) {
            case .inCore: out.set(key(sat), .bool(true))
            case .blocked: out.set(key(sat), .bool(false))
            case .undetermined(let why): out.gap(key(sat), .undetermined, why)
            }
        }
    }

    /// Decides the core for one satisfaction class; `method` forces the enumeration or the program.
    static func decide(
        _ profile: AnalysisProfile, _ sat: Satisfaction, funded: [Bool], timeLimit: Double?,
        method: Method? = nil
    ) -> Verdict {
        let problem = Problem(profile, sat, funded: funded)
        guard !problem.gainers.isEmpty else { return .inCore }
        let work = Double(problem.supporterEntries) * pow2(problem.relevant.count)
        switch method ?? (work <= Double(enumerationLimit) ? .enumeration : .search) {
        case .enumeration:
            return problem.enumerate(deadline: TimeLimit.deadline(timeLimit))
        case .search:
            if problem.singletonBlocks() { return .blocked }
            return problem.search(deadline: TimeLimit.deadline(timeLimit)).verdict
        case .program:
            if problem.singletonBlocks() { return .blocked }
            let end = TimeLimit.deadline(timeLimit)
            // First with V's voters counted fractionally: a relaxation, so "no coalition" is final.
            if let verdict = problem.program(timeLimit: timeLimit, wholeVoters: false) { return verdict }
            return problem.program(timeLimit: TimeLimit.seconds(until: end), wholeVoters: true)
                ?? .undetermined("the 0-1 program gave no answer")
        }
    }

    enum Method { case enumeration, search, program }

    private static func pow2(_ k: Int) -> Double {
        k >= 1000 ? .infinity : Double(sign: .plus, exponent: k, significand: 1)
    }

    /// The rows that could gain and the projects they could gain from.
    struct Problem {
        let n: Int128
        let budget: Int128
        let costs: [Int64]
        let rows: UtilityGroups
        /// Per row, sat_g(W).
        let satFunded: [Int128]
        /// Rows whose satisfaction with every project exceeds sat_g(W): only they can be in V.
        let gainers: [Int]
        /// Projects some gainer values, ascending: only they are worth putting in T.
        let relevant: [Int]
        /// Per relevant position, the gainers who value it and how much.
        let supporters: [[(row: Int, utility: Int64)]]
        var supporterEntries: Int { supporters.reduce(0) { $0 + $1.count } }

        init(_ profile: AnalysisProfile, _ sat: Satisfaction, funded: [Bool]) {
            let inst = profile.instance
            n = Int128(inst.voterCount)
            budget = Int128(inst.budget)
            costs = inst.costs
            rows = UtilityGroups(profile, sat)
            satFunded = rows.satisfaction(with: funded)
            let everything = rows.satisfaction(with: [Bool](repeating: true, count: inst.projectCount))
            let funded = satFunded
            let gainers = (0..<rows.count).filter { everything[$0] > funded[$0] }
            self.gainers = gainers
            var byProject = [[(row: Int, utility: Int64)]](repeating: [], count: inst.projectCount)
            for g in gainers {
                for i in rows.range(g) { byProject[rows.projects[i]].append((g, rows.utilities[i])) }
            }
            relevant = (0..<inst.projectCount).filter { !byProject[$0].isEmpty }
            supporters = relevant.map { byProject[$0] }
        }

        func blocks(cost: Int128, mass: Int128) -> Bool { mass > 0 && mass * budget >= cost * n }

        /// Whether one project alone blocks W (checked before the program, since it is cheap).
        func singletonBlocks() -> Bool {
            supporters.indices.contains { k in
                let mass = supporters[k].reduce(Int128(0)) {
                    $0 + (Int128($1.utility) > satFunded[$1.row] ? Int128(rows.multiplicity[$1.row]) : 0)
                }
                return blocks(cost: Int128(costs[relevant[k]]), mass: mass)
            }
        }

        /// Every T over the relevant projects, in Gray-code order.
        func enumerate(deadline: ContinuousClock.Instant?) -> Verdict {
            var gain = [Int128](repeating: 0, count: rows.count)
            var better = Int128(0)
            var cost = Int128(0)
            var inT = [Bool](repeating: false, count: relevant.count)
            let r = relevant.count
            var step: UInt64 = 1
            let end: UInt64 = 1 << UInt64(r)
            while step < end {
                if step & 4095 == 0, let deadline, ContinuousClock.now > deadline {
                    return .undetermined(
                        "no blocking coalition among the first \(step) project sets; time limit reached")
                }
                let k = step.trailingZeroBitCount
                inT[k].toggle()
                let sign: Int128 = inT[k] ? 1 : -1
                cost += sign * Int128(costs[relevant[k]])
                for (g, u) in supporters[k] {
                    let was = gain[g] > satFunded[g]
                    gain[g] += sign * Int128(u)
                    let now = gain[g] > satFunded[g]
                    if was != now { better += (now ? 1 : -1) * Int128(rows.multiplicity[g]) }
                }
                if blocks(cost: cost, mass: better) { return .blocked }
                step += 1
            }
            return .inCore
        }

        /// The 0-1 program, with an exact check of any coalition it finds. With `wholeVoters` false,
        /// the voters' columns are continuous: a relaxation, whose "no coalition" is final and whose
        /// coalition may not hold (then the answer is `nil`, to run the whole program).
        func program(timeLimit: Double?, wholeVoters: Bool) -> Verdict? {
            let lp = LinearProgram()
            let x = lp.addColumns(relevant.count, bound: .range(0, 1), integer: true)
            let z = lp.addColumns(gainers.count, bound: .range(0, 1), integer: wholeVoters)
            let scale = Double(max(budget, 1)) * Double(n)
            var size: [(column: Int, value: Double)] = []
            for (i, p) in relevant.enumerated() { size.append((x + i, Double(costs[p]) * Double(n) / scale)) }
            for (j, g) in gainers.enumerated() {
                size.append((z + j, -Double(budget) * Double(rows.multiplicity[g]) / scale))
            }
            lp.addRow(size, bound: .upper(0))
            var rowOf = [Int](repeating: -1, count: rows.count)
            for (j, g) in gainers.enumerated() { rowOf[g] = j }
            var gainRows = [[(column: Int, value: Double)]](repeating: [], count: gainers.count)
            for (i, list) in supporters.enumerated() {
                for (g, u) in list { gainRows[rowOf[g]].append((x + i, Double(u))) }
            }
            for (j, g) in gainers.enumerated() {
                let need = Double(satFunded[g] + 1)
                lp.addRow(gainRows[j].map { ($0.column, $0.value / need) } + [(z + j, -1)], bound: .lower(0))
            }
            lp.addRow((0..<gainers.count).map { (z + $0, 1.0) }, bound: .lower(1))
            switch lp.solve(timeLimit: timeLimit) {
            case .infeasible:
                return .inCore
            case .feasible:
                let chosen = (0..<relevant.count).filter { lp.value(column: x + $0) > 0.5 }
                var inT = [Bool](repeating: false, count: costs.count)
                for i in chosen { inT[relevant[i]] = true }
                let cost = chosen.reduce(Int128(0)) { $0 + Int128(costs[relevant[$1]]) }
                let gains = rows.satisfaction(with: inT)
                let mass = gainers.reduce(Int128(0)) {
                    $0 + (gains[$1] > satFunded[$1] ? Int128(rows.multiplicity[$1]) : 0)
                }
                if blocks(cost: cost, mass: mass) { return .blocked }
                if !wholeVoters { return nil }
                return .undetermined("GLPK's coalition of \(chosen.count) projects did not hold in exact arithmetic")
            case .timeLimit:
                return .undetermined(
                    "the 0-1 program was not solved within \(TimeLimit.text(timeLimit)) s")
            case .failed(let why):
                return .undetermined(why)
            }
        }
    }
}
