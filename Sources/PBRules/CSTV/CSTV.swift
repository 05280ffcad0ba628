/// Cumulative Support Transfer Voting (Skowron, Slinko, Szufa and Talmon, *Participatory budgeting
/// with cumulative votes*, 2020, arXiv:2009.02690), for cumulative ballots.
///
/// pabutools 1.2.3's `cstv` refuses every pabulib file (it wants every ballot to spend the same
/// number of points and to list every project) and has two bugs (MTC runs MT; MT's
/// post-processing raises). pbsim implements the rule from the paper so that it runs on real
/// ballots. The choices, each one documented:
///
/// - **Donations.** Every voter with a positive point total is a donor and donates an equal share
///   B/n of the budget (n donors), split over the projects in proportion to their points. The
///   donations therefore add up to the budget; voters who gave no points donate nothing.
/// - **Eligible projects** are those whose support (total donations) reaches their cost and that
///   fit the remaining budget.
/// - **Selection** among eligible projects: the largest excess support (support − cost) for EWT
///   and MT ("greedy by excess"), the largest support / cost for EWTC and MTC. The funded
///   project's supporters keep the fraction cost/support of their donation on it; the rest of each
///   supporter's donation moves to their other remaining projects in proportion to what they give
///   them (lost if they give to none).
/// - **No eligible project, EWT/EWTC (elimination with transfers).** The project with the smallest
///   measure (excess support, or support / cost) is eliminated and its donations move to each
///   donor's other remaining projects in proportion. With one project left, it is eliminated and the
///   rounds end. Among tied projects the one tie-breaking ranks **last** is eliminated (pabutools
///   eliminates the first, which works against the order it breaks other ties by).
/// - **No eligible project, MT/MTC (minimal transfer).** Projects whose donors could not cover
///   their cost even with everything they still give are set aside (their donations stay on them,
///   for the post-processing). Then the project with the largest measure receives a minimal
///   transfer: each of its donors scales their donation to it by the same factor 1/r, taken from
///   their other projects in proportion, those who cannot pay that much giving everything, so that
///   its support is exactly its cost. pabutools' float thresholds (1e-14 ceilings, at most 10,000
///   loops) are not reproduced: r is solved directly.
/// - **Post-processing.** EWT/EWTC: reverse elimination (the eliminated projects, last eliminated
///   first, funded while they fit). MT/MTC: acceptance of under-supported projects (the set-aside
///   projects by the largest measure on their remaining donations, funded while they fit).
/// - **Arithmetic.** Donations are doubles; supports within a relative 1e-9 of the cost count as
///   reaching it, and measures within 1e-9 as tied (ties go to the tie-breaking order). Every
///   budget check is exact in integer units.
public enum CSTV {
    /// The four combinations of the paper.
    public enum Variant: String, Sendable, CaseIterable {
        /// Greedy by excess, elimination with transfers, reverse elimination.
        case ewt
        /// Greedy by support over cost, elimination with transfers, reverse elimination.
        case ewtc
        /// Greedy by excess, minimal transfer, acceptance of under-supported projects.
        case mt
        /// Greedy by support over cost, minimal transfer, acceptance of under-supported projects.
        case mtc

        var bySupportOverCost: Bool { self == .ewtc || self == .mtc }
        var minimalTransfer: Bool { self == .mt || self == .mtc }
    }

    /// The outcome and the steps (funded, eliminated, transferred to), for `--explain`.
    public struct Result: Sendable {
        public var selected: [Int]
        public var steps: [RuleStep]
    }

    static let tolerance = 1e-9

    public static func select(_ instance: RuleInstance, variant: Variant) -> Result {
        var run = Run(instance, variant: variant)
        return run.run()
    }

    struct Run {
        let instance: RuleInstance
        let variant: Variant
        /// Donor d's donations: entries `starts[d]..<starts[d + 1]` of `project` and `amount`.
        var starts: [Int] = [0]
        var project: [Int32] = []
        var amount: [Double] = []
        /// Donor entries per project.
        var entriesOf: [[Int]]
        /// Projects still in the running.
        var current: [Bool]
        var currentCount: Int
        var remaining: Int64
        var selected: [Int] = []
        var eliminated: [Int] = []
        var steps: [RuleStep] = []
        var support: [Double]
        /// The donor of each entry.
        var donorOf: [Int32] = []

        init(_ instance: RuleInstance, variant: Variant) {
            self.instance = instance
            self.variant = variant
            var donors: [Int] = []
            for v in 0..<instance.voterCount {
                var total: Int64 = 0
                for k in instance.ballot(v) { total += instance.points.isEmpty ? 1 : instance.points[k] }
                if total > 0 { donors.append(v) }
            }
            let share = donors.isEmpty ? 0 : Double(instance.budget) / Double(donors.count)
            entriesOf = [[Int]](repeating: [], count: instance.projectCount)
            for v in donors {
                let r = instance.ballot(v)
                var total: Int64 = 0
                for k in r { total += instance.points.isEmpty ? 1 : instance.points[k] }
                for k in r {
                    let pts = instance.points.isEmpty ? 1 : instance.points[k]
                    guard pts > 0 else { continue }
                    entriesOf[Int(instance.items[k])].append(project.count)
                    project.append(instance.items[k])
                    amount.append(share * Double(pts) / Double(total))
                }
                starts.append(project.count)
            }
            current = [Bool](repeating: true, count: instance.projectCount)
            currentCount = instance.projectCount
            remaining = instance.budget
            support = [Double](repeating: 0, count: instance.projectCount)
            donorOf = [Int32](repeating: 0, count: project.count)
            for d in 0..<starts.count - 1 { for e in starts[d]..<starts[d + 1] { donorOf[e] = Int32(d) } }
        }

        var donorCount: Int { starts.count - 1 }

        mutating func computeSupport() {
            for p in 0..<instance.projectCount { support[p] = 0 }
            for e in 0..<project.count { support[Int(project[e])] += amount[e] }
        }

        func reaches(_ p: Int) -> Bool {
            instance.costs[p] <= remaining && support[p] >= Double(instance.costs[p]) * (1 - CSTV.tolerance)
        }

        /// The selection measure (larger is better).
        func measure(_ p: Int) -> Double {
            let cost = Double(instance.costs[p])
            if variant.bySupportOverCost { return cost == 0 ? .infinity : support[p] / cost }
            return support[p] - cost
        }

        /// Whether measure a is tied with b within the tolerance.
        static func tied(_ a: Double, _ b: Double) -> Bool {
            if a == b { return true }
            return abs(a - b) <= CSTV.tolerance * max(abs(a), abs(b), 1)
        }

        /// The project with the best (or worst) measure; ties to the first (or last) in tie-breaking order.
        func extreme(_ candidates: [Int], best: Bool) -> Int {
            var chosen = candidates[0]
            for p in candidates.dropFirst() {
                let a = measure(p)
                let b = measure(chosen)
                if Run.tied(a, b) {
                    let earlier = instance.tieRank[p] < instance.tieRank[chosen]
                    if earlier == best { chosen = p }
                } else if (a > b) == best {
                    chosen = p
                }
            }
            return chosen
        }

        /// Moves `moved` of donor d's money over their other current projects (not `except`) in
        /// proportion to what they give them; lost if they give to none.
        mutating func spread(_ moved: Double, donor d: Int, except: Int) {
            var total = 0.0
            for e in starts[d]..<starts[d + 1] where current[Int(project[e])] && Int(project[e]) != except {
                total += amount[e]
            }
            guard total > 0 else { return }
            for e in starts[d]..<starts[d + 1] where current[Int(project[e])] && Int(project[e]) != except {
                amount[e] += moved * amount[e] / total
            }
        }

        mutating func run() -> Result {
            while true {
                if currentCount == 0 { break }
                computeSupport()
                var eligible = (0..<instance.projectCount).filter { current[$0] && reaches($0) }
                var ended = false
                while eligible.isEmpty {
                    if !(variant.minimalTransfer ? minimalTransfer() : eliminateWithTransfer()) {
                        ended = true
                        break
                    }
                    computeSupport()
                    eligible = (0..<instance.projectCount).filter { current[$0] && reaches($0) }
                }
                if ended { break }
                let p = extreme(eligible, best: true)
                fund(p)
            }
            postProcess()
            return Result(selected: selected, steps: steps)
        }

        mutating func fund(_ p: Int) {
            let cost = Double(instance.costs[p])
            let excess = support[p] - cost
            steps.append(
                RuleStep(project: p, note: "funded, support \(Run.text(support[p])) for cost \(Run.text(cost))"))
            selected.append(p)
            current[p] = false
            currentCount -= 1
            remaining -= instance.costs[p]
            let keep = excess > cost * CSTV.tolerance && support[p] > 0 ? cost / support[p] : 1
            for e in entriesOf[p] where amount[e] > 0 {
                let d = Int(donorOf[e])
                let excessShare = amount[e] * (1 - keep)
                amount[e] = 0
                if excessShare > 0 { spread(excessShare, donor: d, except: p) }
            }
        }

        /// EWT/EWTC: eliminates the worst project and moves its donations; false when the rounds end.
        mutating func eliminateWithTransfer() -> Bool {
            let open = (0..<instance.projectCount).filter { current[$0] }
            if open.count < 2 {
                if let last = open.first {
                    current[last] = false
                    currentCount -= 1
                    eliminated.append(last)
                    steps.append(RuleStep(project: last, note: "eliminated (last project)"))
                }
                return false
            }
            let p = extreme(open, best: false)
            current[p] = false
            currentCount -= 1
            eliminated.append(p)
            steps.append(RuleStep(project: p, candidates: open, note: "eliminated, support \(Run.text(support[p]))"))
            for e in entriesOf[p] where amount[e] > 0 {
                let moved = amount[e]
                amount[e] = 0
                spread(moved, donor: Int(donorOf[e]), except: p)
            }
            return true
        }

        /// MT/MTC: sets aside unreachable projects, then moves just enough to the best one; false
        /// when no project is left.
        mutating func minimalTransfer() -> Bool {
            var given = [Double](repeating: 0, count: donorCount)
            for d in 0..<donorCount {
                for e in starts[d]..<starts[d + 1] where current[Int(project[e])] { given[d] += amount[e] }
            }
            for p in 0..<instance.projectCount where current[p] {
                var reach = 0.0
                for e in entriesOf[p] where amount[e] > 0 { reach += given[Int(donorOf[e])] }
                if reach < Double(instance.costs[p]) * (1 - CSTV.tolerance) || instance.costs[p] > remaining {
                    current[p] = false
                    currentCount -= 1
                    eliminated.append(p)
                    steps.append(RuleStep(project: p, note: "set aside, its donors give \(Run.text(reach)) in all"))
                }
            }
            let open = (0..<instance.projectCount).filter { current[$0] }
            guard !open.isEmpty else { return false }
            let p = extreme(open, best: true)
            let cost = Double(instance.costs[p])
            // Solve Σ min(given_d, x_d / r) = cost over p's donors.
            let donors = entriesOf[p].filter { amount[$0] > 0 }
            var capped = [Bool](repeating: false, count: donors.count)
            var r = support[p] / cost
            while true {
                var uncappedSum = 0.0
                var cappedTotal = 0.0
                var changed = false
                for (i, e) in donors.enumerated() {
                    let d = Int(donorOf[e])
                    if !capped[i] && amount[e] / r > given[d] {
                        capped[i] = true
                        changed = true
                    }
                    if capped[i] { cappedTotal += given[d] } else { uncappedSum += amount[e] }
                }
                if !changed { break }
                let need = cost - cappedTotal
                if need <= 0 || uncappedSum <= 0 { break }
                r = uncappedSum / need
            }
            steps.append(
                RuleStep(
                    project: p, candidates: open,
                    note: "minimal transfer: its donors scale their donations by \(Run.text(1 / r))"))
            for (i, e) in donors.enumerated() {
                let d = Int(donorOf[e])
                let target = capped[i] ? given[d] : amount[e] / r
                let take = target - amount[e]
                guard take > 0 else { continue }
                let others = given[d] - amount[e]
                if others > 0 {
                    let factor = max(0, 1 - take / others)
                    for f in starts[d]..<starts[d + 1] where current[Int(project[f])] && f != e { amount[f] *= factor }
                }
                amount[e] = target
            }
            var reached = 0.0
            for e in entriesOf[p] { reached += amount[e] }
            if reached < cost * (1 - CSTV.tolerance) {
                // Rounding left it short: set it aside rather than transfer again.
                current[p] = false
                currentCount -= 1
                eliminated.append(p)
            }
            return true
        }

        mutating func postProcess() {
            if variant.minimalTransfer {
                computeSupport()
                var left = eliminated
                while !left.isEmpty {
                    let p = extreme(left, best: true)
                    left.removeAll { $0 == p }
                    if instance.costs[p] <= remaining {
                        selected.append(p)
                        remaining -= instance.costs[p]
                        steps.append(RuleStep(project: p, note: "accepted, under-supported"))
                    }
                }
            } else {
                for p in eliminated.reversed() where instance.costs[p] <= remaining {
                    selected.append(p)
                    remaining -= instance.costs[p]
                    steps.append(RuleStep(project: p, note: "reverse elimination"))
                }
            }
        }

        static func text(_ x: Double) -> String {
            let r = (x * 100).rounded() / 100
            return r == r.rounded() ? String(Int64(r)) : String(r)
        }
    }
}
