/// The maximin support rule (Aziz, Lee and Talmon's *generalised sequential Phragmén*, AAMAS 2018),
/// for approval ballots, as pabutools 1.2.3's `maximin_support` but computed exactly.
///
/// The funded set W grows one project at a time. At each step every project c that fits the
/// remaining budget gets the smallest possible maximum voter load when the cost of W ∪ {c} is
/// split among approvers: min z such that each project's cost is paid by its approvers and no
/// voter pays more than z. The candidate with the smallest load is funded (ties to the first in
/// tie-breaking order); the rule never stops early, so the outcome is exhaustive. A project with
/// a positive cost and no approver makes the load infinite: such projects come last, in
/// tie-breaking order, while they fit (as in pabutools, where the LP is infeasible).
///
/// **Exact loads.** By the max-flow/min-cut theorem the smallest maximum load is the densest
/// subset ratio max over S ⊆ W ∪ {c} of cost(S) / |voters approving some project of S|. pbsim
/// computes it with Dinkelbach's iteration, each step a maximum-closure problem solved as an
/// integer maximum flow (Dinic) on voters merged into classes with the same approvals in W ∪ {c}.
/// The loads are exact fractions and compared exactly, where pabutools compares the
/// floating-point values of one CBC linear program per candidate. Candidates are visited in
/// order of a lower bound on their load (the load of W, of c alone, and of W ∪ {c} as a whole)
/// and one flow at the best load so far discards most of them.
public enum MaximinSupport {
    /// The outcome and, for `--explain`, one step per funded project with the candidates tied at
    /// its load.
    public struct Result: Sendable {
        public var selected: [Int]
        public var steps: [RuleStep]
    }

    /// A load cost / voters (voters > 0), in the instance's cost units.
    struct Load: Equatable {
        var cost: Int128
        var voters: Int128
        static func < (a: Load, b: Load) -> Bool { a.cost * b.voters < b.cost * a.voters }
        static func == (a: Load, b: Load) -> Bool { a.cost * b.voters == b.cost * a.voters }
        static func max(_ a: Load, _ b: Load) -> Load { a < b ? b : a }
    }

    public static func select(_ instance: RuleInstance) -> Result {
        var state = State(instance)
        return state.run()
    }

    struct State {
        let instance: RuleInstance
        let profile: MergedProfile
        /// Multiplicity of each base class (voters with identical ballots).
        var multiplicity: [Int64]
        /// Each base class's class among the approvals restricted to the funded positive-cost projects (-1: none).
        var wClass: [Int32]
        /// Per W-class: its voters and the funded positive-cost projects they approve.
        var wVoters: [Int64] = []
        var wProjects: [[Int]] = []
        /// The funded positive-cost projects, and their total cost.
        var wPositive: [Int] = []
        var wCost: Int128 = 0
        /// Voters approving some funded positive-cost project.
        var wSupporters: Int64 = 0
        /// The load of W (0/1 while W has no positive-cost project).
        var wLoad = Load(cost: 0, voters: 1)
        /// A lower bound on each candidate's load from earlier steps: W only grows, so a load
        /// (or a bound) found for W ∪ {c} still bounds it from below.
        var knownBound: [Load]

        init(_ instance: RuleInstance) {
            self.instance = instance
            profile = MergedProfile(instance, satisfaction: .cardinality)
            multiplicity = [Int64](repeating: 0, count: profile.classCount)
            for p in 0..<instance.projectCount {
                for k in Int(profile.starts[p])..<Int(profile.starts[p + 1]) {
                    multiplicity[Int(profile.classes[k])] = Int64(profile.weight[k])
                }
            }
            wClass = [Int32](repeating: -1, count: profile.classCount)
            knownBound = [Load](repeating: Load(cost: 0, voters: 1), count: instance.projectCount)
        }

        func supporters(_ p: Int) -> Range<Int> { Int(profile.starts[p])..<Int(profile.starts[p + 1]) }

        mutating func run() -> Result {
            let costs = instance.costs
            var remaining = instance.budget
            var available = (0..<instance.projectCount).filter { costs[$0] >= 0 && costs[$0] <= instance.budget }
            var selected: [Int] = []
            var steps: [RuleStep] = []
            var infinite = false  // W holds a positive-cost project nobody approves
            while true {
                available.removeAll { costs[$0] > remaining }
                if available.isEmpty { break }
                var finite: [(project: Int, bound: Load, exact: Bool)] = []
                var unsupported: [Int] = []
                if !infinite {
                    for c in available {
                        if costs[c] == 0 {
                            finite.append((c, wLoad, true))
                        } else if profile.supporterCount[c] == 0 {
                            unsupported.append(c)
                        } else {
                            finite.append((c, Load.max(knownBound[c], lowerBound(c)), false))
                        }
                    }
                } else {
                    unsupported = available
                }
                let chosen: Int
                var chosenLoad: Load?
                let note: String
                var tied: [Int]
                if finite.isEmpty {
                    unsupported.sort { instance.tieRank[$0] < instance.tieRank[$1] }
                    chosen = unsupported[0]
                    tied = unsupported
                    note = "max load infinite (no approver)"
                } else {
                    finite.sort {
                        $0.bound < $1.bound
                            || ($0.bound == $1.bound && instance.tieRank[$0.project] < instance.tieRank[$1.project])
                    }
                    var best: (project: Int, load: Load)?
                    tied = []
                    for f in finite {
                        if let b = best, b.load < f.bound { break }
                        let c = f.project
                        let z: Load
                        if f.exact {
                            z = f.bound
                        } else if let b = best {
                            guard closure(c, at: b.load) == nil else {
                                knownBound[c] = b.load  // its load is above the best
                                continue
                            }
                            z = optimalLoad(c, from: f.bound)
                        } else {
                            z = optimalLoad(c, from: f.bound)
                        }
                        knownBound[c] = z
                        if let b = best, b.load == z {
                            tied.append(c)
                            if instance.tieRank[c] < instance.tieRank[b.project] { best = (c, z) }
                        } else if best == nil || z < best!.load {
                            best = (c, z)
                            tied = [c]
                        }
                    }
                    let b = best!
                    chosen = b.project
                    chosenLoad = b.load
                    tied.sort { instance.tieRank[$0] < instance.tieRank[$1] }
                    note = "max load \(MaximinSupport.describe(b.load, scale: instance.scale))"
                }
                selected.append(chosen)
                steps.append(RuleStep(project: chosen, candidates: tied, note: note))
                remaining -= costs[chosen]
                available.removeAll { $0 == chosen }
                if costs[chosen] > 0 {
                    if profile.supporterCount[chosen] == 0 { infinite = true } else { fund(chosen, load: chosenLoad!) }
                }
            }
            return Result(selected: selected, steps: steps)
        }

        /// Voters approving `c` per W-class (index wVoters.count: those approving nothing funded).
        func split(_ c: Int) -> [Int64] {
            var count = [Int64](repeating: 0, count: wVoters.count + 1)
            for k in supporters(c) {
                let w = wClass[Int(profile.classes[k])]
                count[w < 0 ? wVoters.count : Int(w)] += multiplicity[Int(profile.classes[k])]
            }
            return count
        }

        /// max(load of W, load of {c}, load of W ∪ {c} as a whole): each is some subset's ratio.
        func lowerBound(_ c: Int) -> Load {
            let alone = Load(cost: Int128(instance.costs[c]), voters: Int128(profile.supporterCount[c]))
            let newVoters = split(c).last!
            let whole = Load(cost: wCost + Int128(instance.costs[c]), voters: Int128(wSupporters + newVoters))
            return Load.max(wLoad, Load.max(alone, whole))
        }

        /// Dinkelbach's iteration from a lower bound that some subset attains.
        func optimalLoad(_ c: Int, from bound: Load) -> Load {
            var z = bound
            while let better = closure(c, at: z) { z = better }
            return z
        }

        /// A subset S of W ∪ {c} whose ratio exceeds `z`, as its load, or nil if none does
        /// (then `z` is at least the optimal load): the maximum closure of
        /// voters(z)·cost(S) − cost(z)·|N(S)| as a minimum cut.
        func closure(_ c: Int, at z: Load) -> Load? {
            let projects = wPositive + [c]
            let count = split(c)
            // Nodes: 0 source, 1 sink, 2... projects, then voter classes.
            var classNodes: [(voters: Int64, projects: [Int], withC: Bool)] = []
            for w in 0..<wVoters.count {
                let withC = count[w]
                if withC > 0 { classNodes.append((withC, wProjects[w], true)) }
                if wVoters[w] - withC > 0 { classNodes.append((wVoters[w] - withC, wProjects[w], false)) }
            }
            if count[wVoters.count] > 0 { classNodes.append((count[wVoters.count], [], true)) }
            var index = [Int32](repeating: -1, count: instance.projectCount)
            for (i, p) in projects.enumerated() { index[p] = Int32(2 + i) }
            let firstClass = 2 + projects.count
            var network = MaxFlow(nodes: firstClass + classNodes.count)
            var supply: Int128 = 0
            for (i, p) in projects.enumerated() {
                let cap = z.voters * Int128(instance.costs[p])
                supply += cap
                network.addEdge(0, 2 + i, cap)
            }
            for (k, node) in classNodes.enumerated() {
                for p in node.projects { network.addEdge(Int(index[p]), firstClass + k, MaxFlow.infinity) }
                if node.withC { network.addEdge(Int(index[c]), firstClass + k, MaxFlow.infinity) }
                network.addEdge(firstClass + k, 1, z.cost * Int128(node.voters))
            }
            let flow = network.run(source: 0, sink: 1)
            guard supply - flow > 0 else { return nil }
            let side = network.reachable(from: 0)
            var cost: Int128 = 0
            var voters: Int128 = 0
            for (i, p) in projects.enumerated() where side[2 + i] { cost += Int128(instance.costs[p]) }
            for (k, node) in classNodes.enumerated() where side[firstClass + k] { voters += Int128(node.voters) }
            return Load(cost: cost, voters: voters)
        }

        /// Adds an approved positive-cost project to W (whose load with it is `load`): splits the
        /// W-classes and updates W's load.
        mutating func fund(_ c: Int, load newLoad: Load) {
            var moved: [Int32: Int32] = [:]
            for k in supporters(c) {
                let base = Int(profile.classes[k])
                let old = wClass[base]
                let m = multiplicity[base]
                if let target = moved[old] {
                    wClass[base] = target
                } else {
                    let target = Int32(wVoters.count)
                    wVoters.append(0)
                    wProjects.append((old < 0 ? [] : wProjects[Int(old)]) + [c])
                    moved[old] = target
                    wClass[base] = target
                }
                wVoters[Int(wClass[base])] += m
                if old >= 0 { wVoters[Int(old)] -= m } else { wSupporters += m }
            }
            wPositive.append(c)
            wCost += Int128(instance.costs[c])
            wLoad = newLoad
            // Drop emptied classes (their voters all moved on).
            if wVoters.contains(0) {
                var renumber = [Int32](repeating: -1, count: wVoters.count)
                var keptVoters: [Int64] = []
                var keptProjects: [[Int]] = []
                for w in 0..<wVoters.count where wVoters[w] > 0 {
                    renumber[w] = Int32(keptVoters.count)
                    keptVoters.append(wVoters[w])
                    keptProjects.append(wProjects[w])
                }
                for b in 0..<wClass.count where wClass[b] >= 0 { wClass[b] = renumber[Int(wClass[b])] }
                wVoters = keptVoters
                wProjects = keptProjects
            }
        }
    }

    /// A load in currency units as an exact fraction in lowest terms (`1250/3`).
    static func describe(_ load: Load, scale: Int) -> String {
        var unit: Int128 = 1
        for _ in 0..<scale { unit *= 10 }
        var (a, b) = (load.cost, load.voters * unit)
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        if x > 1 { (a, b) = (a / x, b / x) }
        return b == 1 ? "\(a)" : "\(a)/\(b)"
    }
}
