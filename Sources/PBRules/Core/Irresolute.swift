import BigInt

/// Irresolute outcomes: every funded set some tie-breaking order can produce, as pabutools'
/// `resoluteness=False`, for greedy and the Method of Equal Shares.
///
/// - Greedy: projects are scanned by satisfaction per cost; within each group of equal
///   density every order is tried (a branch per project that can come next).
/// - MES: each round branches on every project tied at the smallest ρ, in exact rational
///   arithmetic (the fast path's certificate does not cover branching).
///
/// The outcomes are distinct funded sets, in the order the search finds them (the first is the
/// resolute outcome under the instance's tie-breaking order). The search stops after `limit`
/// of them; ``Result/complete`` says whether it finished.
public enum Irresolute {
    /// Irresolute outcomes of a rule.
    public struct Result: Sendable, Hashable {
        /// Distinct funded sets, each in its selection order.
        public var outcomes: [[Int]]
        /// Whether every outcome was found (false when the search stopped at the limit).
        public var complete: Bool
    }

    /// The rules with an irresolute version.
    public static let rules: [RuleName] = [.greedyCost, .greedyCard, .mesCost, .mesCard, .mesBorda]

    /// Every outcome of `rule` over all tie-breaking orders, at most `limit` of them.
    ///
    /// - Throws: ``RuleError/notApplicable(rule:voteType:)`` if the rule does not take the ballots
    ///   or has no irresolute version here (see ``rules``).
    public static func outcomes(_ rule: RuleName, on instance: RuleInstance, limit: Int) throws(RuleError) -> Result {
        guard rule.voteTypes.contains(instance.kind) else {
            throw .notApplicable(rule: rule, voteType: instance.kind.rawValue)
        }
        guard instance.voterWeights == nil else { throw .weightsNotSupported(rule: rule) }
        var search = Search(limit: max(1, limit))
        switch rule {
        case .greedyCost, .greedyCard:
            let sat: Satisfaction =
                rule == .greedyCard
                ? .cardinality
                : instance.kind == .approval ? .cost : instance.kind == .ordinal ? .borda : .points
            search.greedy(instance, satisfaction: sat)
        case .mesCost, .mesCard, .mesBorda:
            let sat: Satisfaction =
                rule == .mesCard
                ? .cardinality : rule == .mesBorda ? .borda : instance.kind == .approval ? .cost : .points
            search.mes(instance, satisfaction: sat)
        default:
            throw .notApplicable(rule: rule, voteType: "irresolute")
        }
        return Result(outcomes: search.found, complete: !search.stopped)
    }

    struct Search {
        let limit: Int
        var found: [[Int]] = []
        var seen = Set<[Int]>()
        var stopped = false

        init(limit: Int) { self.limit = limit }

        mutating func record(_ selection: [Int]) {
            guard !stopped else { return }
            if seen.insert(selection.sorted()).inserted {
                found.append(selection)
                if found.count >= limit { stopped = true }
            }
        }

        /// Greedy over every order within groups of equal density.
        mutating func greedy(_ instance: RuleInstance, satisfaction: Satisfaction) {
            let total = instance.totalSatisfaction(satisfaction)
            let order = (0..<instance.projectCount).sorted { a, b in
                let c = Greedy.compareDensity(total[a], instance.costs[a], total[b], instance.costs[b])
                return c != 0 ? c > 0 : instance.tieRank[a] < instance.tieRank[b]
            }
            var groups: [[Int]] = []
            for p in order {
                if let last = groups.last?.last,
                    Greedy.compareDensity(total[p], instance.costs[p], total[last], instance.costs[last]) == 0
                {
                    groups[groups.count - 1].append(p)
                } else {
                    groups.append([p])
                }
            }
            var visited = Set<[Int]>()
            func scan(_ g: Int, _ left: [Int], _ chosen: [Int], _ remaining: Int64) {
                if stopped { return }
                if g == groups.count {
                    record(chosen)
                    return
                }
                if left.isEmpty {
                    scan(g + 1, g + 1 < groups.count ? groups[g + 1] : [], chosen, remaining)
                    return
                }
                // Only the projects of the group that still fit matter; the others are skipped in any order.
                let fitting = left.filter { instance.costs[$0] <= remaining }
                if fitting.isEmpty {
                    scan(g + 1, g + 1 < groups.count ? groups[g + 1] : [], chosen, remaining)
                    return
                }
                guard visited.insert([g] + chosen.sorted() + [-1] + fitting).inserted else { return }
                for p in fitting {
                    scan(g, fitting.filter { $0 != p }, chosen + [p], remaining - instance.costs[p])
                }
            }
            scan(0, groups.first ?? [], [], instance.budget)
        }

        /// MES in exact arithmetic, branching on every project tied at the smallest ρ.
        mutating func mes(_ instance: RuleInstance, satisfaction: Satisfaction) {
            guard instance.voterCount > 0 else {
                record([])
                return
            }
            let setup = MESSetup(instance, satisfaction: satisfaction)
            let start = Rational(BigInt(instance.budget), BigInt(instance.voterCount))
            var budgets = [Rational](repeating: start, count: instance.voterCount)
            func round(_ remaining: [Int], _ chosen: [Int], _ budgets: inout [Rational]) {
                if stopped { return }
                var best: Rational?
                var tied: [Int] = []
                for p in remaining {
                    let cost = Rational(instance.costs[p])
                    var available = Rational.zero
                    for k in setup.range(p) { available += budgets[Int(setup.supporters[k])] }
                    if available < cost { continue }
                    let rho = ExactMES.affordability(p, cost: cost, budgets: budgets, setup: setup)
                    if best == nil || rho < best! {
                        best = rho
                        tied = [p]
                    } else if rho == best! {
                        tied.append(p)
                    }
                }
                guard let rho = best else {
                    record(chosen)
                    return
                }
                tied.sort { instance.tieRank[$0] < instance.tieRank[$1] }
                for p in tied {
                    var next = budgets
                    for k in setup.range(p) {
                        let v = Int(setup.supporters[k])
                        let due = rho * Rational(setup.sat[k])
                        next[v] -= next[v] <= due ? next[v] : due
                    }
                    round(remaining.filter { $0 != p }, chosen + [p], &next)
                    if stopped { return }
                }
            }
            round(setup.candidates, setup.freeProjects, &budgets)
        }
    }
}
