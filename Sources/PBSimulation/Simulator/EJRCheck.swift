/// Whether an outcome satisfies extended justified representation up to one project (EJR-1) for
/// approval ballots with cost utilities.
///
/// **The property** (Peters, Pierczyński and Skowron, "Proportional participatory budgeting with
/// additive utilities", NeurIPS 2021, Definition 3 with `u_i(a) = cost(a)` for an approved project
/// `a`, the satisfaction the Method of Equal Shares with cost utilities is built on; it guarantees
/// EJR up to one project). A group `N'` of voters is *T-cohesive* for a set of projects `T` when
/// every member approves every project of `T` and `|N'| / n >= cost(T) / B`. An outcome `W`
/// satisfies EJR-1 when every T-cohesive group has a member `i` with `u_i(W) >= cost(T)`, or with
/// `u_i(W ∪ {a}) > cost(T)` for some `a` in `T \ W`. Since `u_i(W ∪ {a}) = u_i(W) + cost(a)` for
/// `a ∉ W` approved by `i`, a voter is left short by `T` exactly when
/// `u_i(W) + max_{a in T \ W} cost(a) <= cost(T)`, and `W` violates EJR-1 exactly when for some `T`
/// (not inside `W`) the voters who approve all of `T` and are left short by it number at least
/// `n * cost(T) / B`.
///
/// pabutools' `is_EJR_one_approval` with `Cost_Sat` (what `analyze` prints under that name) asks for
/// `u_i(W) + max_{a in T \ W} cost(a) >= cost(T)`, `>=` where this definition has `>`: so EJR-1 here
/// implies pabutools' verdict, and the two differ only on ties (there, a single unfunded project is
/// never a violation). `MeasuresAgreeWithAnalysisTests` checks the implication.
///
/// **The check.** It is exact: a depth-first enumeration of the candidate sets `T`, in increasing
/// project index, in exact integer arithmetic, with two cuts that never remove a violation:
///
/// 1. *Cohesion*: a branch is cut as soon as the voters approving all of `T` number fewer than
///    `n * cost(T) / B` (adding projects only shrinks that group and raises the cost).
/// 2. *Shortfall*: a voter left short by a superset `T'` has `u_i(W) <= cost(T') - c_min`, where
///    `c_min` is the cheapest unfunded candidate, and a violation needs the short voters `s` to
///    afford `T'`: `cost(T') <= s * B / n`. So `s` is at most the fixed point `c` of
///    `c -> #{supporters of T with u_i(W) <= floor(c * B / n) - c_min}` (from `c = |supporters|`),
///    and the branch is cut when `c * B < n * cost(T)`. This is what keeps the search small when
///    most voters are already well served.
///
/// Voters are laid out as bits in increasing order of utility, so both counts are popcounts of a
/// prefix of the supporters' bitset. The number of sets visited is bounded by ``nodeLimit``; a
/// search that reaches it without finding a violation answers ``Verdict/undetermined`` (it is
/// never reported as satisfied).
///
/// - Complexity: Deciding EJR is coNP-hard in general; the search visits at most ``nodeLimit``
///   sets, each in O(*n* / 64) word operations for *n* voters (times the few steps of the
///   fixed point, each with a binary search). Setting up costs O(ballot entries + *t* log *t*)
///   for *t* distinct ballots.
///
/// ```swift
/// let verdict = EJRCheck.check(profile, selection: funded)
/// if case .violated(let witness) = verdict { print("cohesive group for", witness) }
/// ```
public enum EJRCheck {
    /// The most candidate sets the search visits before answering ``Verdict/undetermined``.
    public static let nodeLimit = 200_000

    /// The answer of the check.
    public enum Verdict: Sendable, Hashable {
        /// No cohesive group is left short: the outcome satisfies EJR up to one project.
        case satisfied
        /// A set `T` (project indices, ascending) whose cohesive group is left short.
        case violated(witness: [Int])
        /// The search reached ``nodeLimit`` without finding a violation.
        case undetermined

        /// 1 for satisfied, 0 for violated, NaN for undetermined: the per-run value of ``Metric/ejr``.
        public var indicator: Double {
            switch self {
            case .satisfied: 1
            case .violated: 0
            case .undetermined: .nan
            }
        }
    }

    /// Checks EJR up to one project for an outcome on approval ballots.
    ///
    /// - Parameters:
    ///   - profile: Approval ballots (points, if any, are ignored: each listed project is approved).
    ///   - selection: The funded projects.
    ///   - nodeLimit: The most candidate sets to visit.
    /// - Returns: The verdict.
    public static func check(_ profile: BallotProfile, selection: [Int], nodeLimit: Int = nodeLimit) -> Verdict {
        let n = Int128(profile.voterCount)
        let budget = Int128(profile.budget)
        guard n > 0, budget > 0 else { return .satisfied }
        let projectCount = profile.costs.count
        var funded = [Bool](repeating: false, count: projectCount)
        for j in selection { funded[j] = true }

        // Each type's utility u_i(W) and each project's support.
        let typeCount = profile.typeCount
        var utility = [Int64](repeating: 0, count: typeCount)
        var support = [Int](repeating: 0, count: projectCount)
        for t in 0..<typeCount {
            for k in profile.range(t) {
                let j = Int(profile.items[k])
                support[j] += profile.multiplicity[t]
                if funded[j] { utility[t] += profile.costs[j] }
            }
        }
        // A project can be in a cohesive T only if its own supporters could afford it.
        let candidates = (0..<projectCount).filter { j in
            Int128(support[j]) * budget >= n * Int128(profile.costs[j])
        }
        // Without an unfunded candidate, no T can leave anyone short.
        guard let minimumUnfunded = candidates.filter({ !funded[$0] }).map({ profile.costs[$0] }).min() else {
            return .satisfied
        }

        // NB: voters are laid out as bits in increasing order of utility, each type over as many
        // consecutive bits as it has voters, so that "supporters of T with utility at most x" is a
        // prefix of the supporters' bitset and is counted with popcounts.
        let order = (0..<typeCount).sorted { utility[$0] != utility[$1] ? utility[$0] < utility[$1] : $0 < $1 }
        var sortedUtility: [Int64] = []  // per voter position
        sortedUtility.reserveCapacity(profile.voterCount)
        var start = [Int](repeating: 0, count: typeCount)
        for t in order {
            start[t] = sortedUtility.count
            sortedUtility.append(contentsOf: repeatElement(utility[t], count: profile.multiplicity[t]))
        }
        let words = (profile.voterCount + 63) / 64
        var isCandidate = [Int](repeating: -1, count: projectCount)
        for (c, j) in candidates.enumerated() { isCandidate[j] = c }
        var bits = [UInt64](repeating: 0, count: candidates.count * words)
        for t in 0..<typeCount {
            for k in profile.range(t) {
                let c = isCandidate[Int(profile.items[k])]
                guard c >= 0 else { continue }
                Search.fill(&bits, base: c * words, from: start[t], count: profile.multiplicity[t])
            }
        }
        var search = Search(
            costs: candidates.map { profile.costs[$0] }, funded: candidates.map { funded[$0] },
            projects: candidates, n: n, budget: budget, words: words, bits: bits, sortedUtility: sortedUtility,
            minimumUnfunded: minimumUnfunded, nodeLimit: nodeLimit)
        return search.run()
    }

    /// The depth-first enumeration, with one bitset of common supporters per depth.
    private struct Search {
        let costs: [Int64]
        let funded: [Bool]
        let projects: [Int]
        let n: Int128
        let budget: Int128
        let words: Int
        let bits: [UInt64]
        let sortedUtility: [Int64]
        let minimumUnfunded: Int64
        let nodeLimit: Int
        var stack: [UInt64]
        var chosen: [Int] = []
        var nodes = 0
        var witness: [Int]?

        init(
            costs: [Int64], funded: [Bool], projects: [Int], n: Int128, budget: Int128, words: Int, bits: [UInt64],
            sortedUtility: [Int64], minimumUnfunded: Int64, nodeLimit: Int
        ) {
            self.costs = costs
            self.funded = funded
            self.projects = projects
            self.n = n
            self.budget = budget
            self.words = words
            self.bits = bits
            self.sortedUtility = sortedUtility
            self.minimumUnfunded = minimumUnfunded
            self.nodeLimit = nodeLimit
            stack = [UInt64](repeating: 0, count: words * (costs.count + 1))
            Search.fill(&stack, base: 0, from: 0, count: sortedUtility.count)
        }

        /// Sets `count` bits from bit `from` of the bitset starting at word `base`.
        static func fill(_ bits: inout [UInt64], base: Int, from: Int, count: Int) {
            var position = from
            let end = from + count
            while position < end {
                let word = position / 64
                let offset = position % 64
                let span = min(64 - offset, end - position)
                let mask: UInt64 = span == 64 ? ~0 : ((1 << UInt64(span)) - 1) << UInt64(offset)
                bits[base + word] |= mask
                position += span
            }
        }

        mutating func run() -> Verdict {
            let complete = visit(from: 0, depth: 0, cost: 0, shortfall: 0)
            if let witness { return .violated(witness: witness.sorted()) }
            return complete ? .satisfied : .undetermined
        }

        /// The number of voters with utility at most `x` (a prefix of the voter positions).
        func voters(withUtilityAtMost x: Int64) -> Int {
            var lo = 0
            var hi = sortedUtility.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if sortedUtility[mid] <= x { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }

        /// The number of set bits among the first `prefix` bits of the bitset at word `base`.
        func count(base: Int, prefix: Int) -> Int {
            var total = 0
            let full = prefix / 64
            for w in 0..<full { total += stack[base + w].nonzeroBitCount }
            let rest = prefix % 64
            if rest > 0 { total += (stack[base + full] & ((1 << UInt64(rest)) - 1)).nonzeroBitCount }
            return total
        }

        /// Extends the current set with candidates from position `from` on; returns false when the
        /// node limit stopped the search, and stops early (returning true) once a witness is found.
        mutating func visit(from: Int, depth: Int, cost: Int64, shortfall: Int64) -> Bool {
            let parent = depth * words
            let child = (depth + 1) * words
            for position in from..<costs.count {
                let newCost = cost + costs[position]
                let newShortfall = funded[position] ? shortfall : max(shortfall, costs[position])
                var common = 0
                for w in 0..<words {
                    let word = stack[parent + w] & bits[position * words + w]
                    stack[child + w] = word
                    common += word.nonzeroBitCount
                }
                // Not even all common supporters can afford T: no superset can be cohesive either.
                guard Int128(common) * budget >= n * Int128(newCost) else { continue }
                nodes += 1
                if nodes > nodeLimit { return false }
                chosen.append(projects[position])
                defer { chosen.removeLast() }
                // Is T itself violated: do the voters left short afford it?
                if newShortfall > 0 {
                    let short = count(base: child, prefix: voters(withUtilityAtMost: newCost - newShortfall))
                    if Int128(short) * budget >= n * Int128(newCost) {
                        witness = chosen
                        return true
                    }
                }
                // NB: a bound for every superset T' of T: its short voters number s <= c for the fixed
                // point c of c -> #{common supporters of T with u <= floor(c B / n) - min unfunded cost}
                // (short voters have u <= cost(T') - max unfunded cost in T', and cost(T') <= s B / n),
                // and a violation needs s B >= n cost(T') >= n cost(T).
                var bound = common
                while true {
                    let affordable = Int64(Int128(bound) * budget / n)
                    let next = count(base: child, prefix: voters(withUtilityAtMost: affordable - minimumUnfunded))
                    if next >= bound { break }
                    bound = next
                }
                guard Int128(bound) * budget >= n * Int128(newCost) else { continue }
                let complete = visit(from: position + 1, depth: depth + 1, cost: newCost, shortfall: newShortfall)
                if witness != nil { return true }
                if !complete { return false }
            }
            return true
        }
    }
}
