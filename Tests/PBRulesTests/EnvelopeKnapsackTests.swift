import PBRules
import Testing

// MARK: - Test support

/// A random knapsack instance with envelopes.
private struct Instance: CustomStringConvertible {
    var values: [Double]
    var costs: [Double]
    var budget: Double
    var envelopes: [LinearEnvelope]
    var description: String {
        "values \(values) costs \(costs) budget \(budget) envelopes \(envelopes.map { ($0.coefficients, $0.min, $0.max) })"
    }
}

/// What kind of envelopes a random instance of the envelope knapsack tests carries.
enum EnvelopeMix: String, CaseIterable, CustomTestStringConvertible {
    case none, maximums, minimums, mixed
    var testDescription: String { rawValue }
}

private func randomInstance(count n: Int, mix: EnvelopeMix, integers: Bool, using random: inout SplitMix) -> Instance {
    func amount(_ range: ClosedRange<Double>) -> Double {
        integers ? Double(Int(Double.random(in: range, using: &random))) : Double.random(in: range, using: &random)
    }
    let costs = (0..<n).map { _ in max(1, amount(1...20)) }
    // About one value in six is 0 (a project nobody benefits from).
    let values = (0..<n).map { _ in Int.random(in: 0..<6, using: &random) == 0 ? 0 : amount(0...30) }
    let total = costs.reduce(0, +)
    let budget = (total * Double.random(in: 0.2...0.8, using: &random)).rounded()
    var envelopes: [LinearEnvelope] = []
    guard mix != .none else { return Instance(values: values, costs: costs, budget: budget, envelopes: []) }
    // Districts: each project in one of 3 districts or city-wide; coefficients are full costs.
    let district = (0..<n).map { _ in Int.random(in: -1..<3, using: &random) }
    // Domains: each project's cost shared out over 3 domains.
    let shares = (0..<n).map { _ -> [Double] in
        let raw = (0..<3).map { _ in
            Int.random(in: 0..<3, using: &random) == 0 ? 0 : Double.random(in: 0.1...1, using: &random)
        }
        let sum = raw.reduce(0, +)
        return sum > 0 ? raw.map { $0 / sum } : [1, 0, 0]
    }
    let wantMax = mix == .maximums || mix == .mixed
    let wantMin = mix == .minimums || mix == .mixed
    for d in 0..<3 where Bool.random(using: &random) {
        let coefficients = (0..<n).map { district[$0] == d ? costs[$0] : 0 }
        let inside = coefficients.reduce(0, +)
        let minimum =
            wantMin && Bool.random(using: &random)
            ? (inside * Double.random(in: 0...0.6, using: &random)).rounded() : nil
        let maximum =
            wantMax && Bool.random(using: &random)
            ? (budget * Double.random(in: 0.1...0.6, using: &random)).rounded() : nil
        guard minimum != nil || maximum != nil else { continue }
        envelopes.append(
            LinearEnvelope(
                coefficients: coefficients, min: minimum, max: maximum.map { max($0, minimum ?? 0) },
                label: "district \(d)"))
    }
    for k in 0..<3 where Bool.random(using: &random) {
        let coefficients = (0..<n).map { costs[$0] * shares[$0][k] }
        let inside = coefficients.reduce(0, +)
        let minimum = wantMin && Bool.random(using: &random) ? inside * Double.random(in: 0...0.5, using: &random) : nil
        let maximum =
            wantMax && Bool.random(using: &random) ? budget * Double.random(in: 0.1...0.7, using: &random) : nil
        guard minimum != nil || maximum != nil else { continue }
        envelopes.append(
            LinearEnvelope(
                coefficients: coefficients, min: minimum, max: maximum.map { max($0, minimum ?? 0) },
                label: "domain \(k)"))
    }
    return Instance(values: values, costs: costs, budget: budget, envelopes: envelopes)
}

/// The oracle: every one of the 2^n subsets, with the documented tolerance written out here.
private struct BruteForce {
    var bestValue: Double?
    var feasibleCount = 0

    init(_ instance: Instance) {
        let n = instance.costs.count
        let tolerance = 1e-9 * abs(instance.budget)
        for mask in 0..<(1 << n) {
            var cost = 0.0
            var value = 0.0
            for j in 0..<n where mask & (1 << j) != 0 {
                cost += instance.costs[j]
                value += instance.values[j]
            }
            guard cost <= instance.budget + tolerance else { continue }
            var ok = true
            for envelope in instance.envelopes {
                var sum = 0.0
                for j in 0..<n where mask & (1 << j) != 0 { sum += envelope.coefficients[j] }
                if let min = envelope.min, sum < min - tolerance { ok = false }
                if let max = envelope.max, sum > max + tolerance { ok = false }
            }
            guard ok else { continue }
            feasibleCount += 1
            if bestValue.map({ value > $0 }) ?? true { bestValue = value }
        }
    }
}

private func value(of selection: [Int], _ instance: Instance) -> Double {
    selection.reduce(0) { $0 + instance.values[$1] }
}

/// Budget and maximums checked by hand (not through `isFeasible`), with the documented tolerance.
private func respectsBudgetAndMaximums(_ selection: [Int], _ instance: Instance) -> Bool {
    let tolerance = 1e-9 * abs(instance.budget)
    guard Set(selection).count == selection.count else { return false }
    guard selection.reduce(0, { $0 + instance.costs[$1] }) <= instance.budget + tolerance else { return false }
    return instance.envelopes.allSatisfy { envelope in
        guard let max = envelope.max else { return true }
        return selection.reduce(0, { $0 + envelope.coefficients[$1] }) <= max + tolerance
    }
}

private func meetsMinimums(_ selection: [Int], _ instance: Instance) -> Bool {
    let tolerance = 1e-9 * abs(instance.budget)
    return instance.envelopes.allSatisfy { envelope in
        guard let min = envelope.min else { return true }
        return selection.reduce(0, { $0 + envelope.coefficients[$1] }) >= min - tolerance
    }
}

// MARK: - Exact maximum

@Suite(.timeLimit(.minutes(1))) struct EnvelopeKnapsackTests {
    private static let instancesPerCase = 100

    @Test(
        "maximize reaches the brute-force optimum on random small instances",
        arguments: EnvelopeMix.allCases, [false, true])
    func maximizeMatchesBruteForce(mix: EnvelopeMix, integers: Bool) throws {
        var random = SplitMix(
            seed: 0xE17E_0000 + UInt64(EnvelopeMix.allCases.firstIndex(of: mix)!) * 2 + (integers ? 1 : 0))
        var feasibleInstances = 0
        var infeasibleInstances = 0
        for _ in 0..<Self.instancesPerCase {
            let n = Int.random(in: 1...14, using: &random)
            let instance = randomInstance(count: n, mix: mix, integers: integers, using: &random)
            let oracle = BruteForce(instance)
            let result = EnvelopeKnapsack.maximize(
                values: instance.values, costs: instance.costs, budget: instance.budget, envelopes: instance.envelopes)
            guard let best = oracle.bestValue else {
                infeasibleInstances += 1
                #expect(result == nil, "no feasible selection exists: \(instance)")
                continue
            }
            feasibleInstances += 1
            let selection = try #require(result, "a feasible selection exists: \(instance)")
            #expect(selection == selection.sorted())
            #expect(
                EnvelopeKnapsack.isFeasible(
                    selection, costs: instance.costs, budget: instance.budget, envelopes: instance.envelopes),
                "\(selection) is infeasible: \(instance)")
            #expect(respectsBudgetAndMaximums(selection, instance) && meetsMinimums(selection, instance))
            // Relative 1e-9: the optimum's value, summed in a different order.
            #expect(abs(value(of: selection, instance) - best) <= 1e-9 * max(best, 1), "optimum \(best): \(instance)")
        }
        #expect(feasibleInstances > 0)
        if mix == .none || mix == .maximums { #expect(infeasibleInstances == 0) }
    }

    @Test("maximize is exact on 300 projects with a district maximum, against dynamic programming over integer costs")
    func maximizeMatchesDynamicProgramming() throws {
        var random = SplitMix(seed: 2027)
        let n = 300
        let costs = (0..<n).map { _ in Double(Int.random(in: 1...40, using: &random)) }
        let values = (0..<n).map { _ in Double(Int.random(in: 0...100, using: &random)) }
        let north = (0..<n).map { _ in Bool.random(using: &random) }
        let budget = 600
        let northMax = 200
        let envelope = LinearEnvelope(
            coefficients: (0..<n).map { north[$0] ? costs[$0] : 0 }, max: Double(northMax), label: "district north")
        // best[b][d]: the most value with spend b in all, d of it in the north (exact integers).
        var best = [[Int]](repeating: [Int](repeating: -1, count: northMax + 1), count: budget + 1)
        best[0][0] = 0
        for j in 0..<n {
            let c = Int(costs[j])
            let dc = north[j] ? c : 0
            for b in stride(from: budget, through: c, by: -1) {
                for d in stride(from: northMax, through: dc, by: -1) where best[b - c][d - dc] >= 0 {
                    best[b][d] = max(best[b][d], best[b - c][d - dc] + Int(values[j]))
                }
            }
        }
        let optimum = best.flatMap { $0 }.max()!
        let selection = try #require(
            EnvelopeKnapsack.maximize(values: values, costs: costs, budget: Double(budget), envelopes: [envelope]))
        #expect(EnvelopeKnapsack.isFeasible(selection, costs: costs, budget: Double(budget), envelopes: [envelope]))
        #expect(Int(selection.reduce(0) { $0 + values[$1] }) == optimum)
    }

    @Test("A minimum that no selection can meet gives nil")
    func infeasibleMinimum() {
        let costs = [4.0, 5, 6]
        // Green projects 1 and 2 cost 11 together, but the budget is 10.
        let green = LinearEnvelope(coefficients: [0, 5, 6], min: 11, label: "domain green")
        #expect(EnvelopeKnapsack.maximize(values: [1, 1, 1], costs: costs, budget: 10, envelopes: [green]) == nil)
        #expect(
            EnvelopeKnapsack.constrainedSelection(priority: [0, 1, 2], costs: costs, budget: 10, envelopes: [green])
                == nil)
        // Two minimums each reachable alone but not together.
        let a = LinearEnvelope(coefficients: [4, 0, 0], min: 4)
        let b = LinearEnvelope(coefficients: [0, 0, 6], min: 6)
        #expect(EnvelopeKnapsack.maximize(values: [1, 1, 1], costs: costs, budget: 9, envelopes: [a, b]) == nil)
        #expect(
            EnvelopeKnapsack.constrainedSelection(priority: [1, 0, 2], costs: costs, budget: 9, envelopes: [a, b])
                == nil)
    }

    @Test("A minimum makes maximize fund a project of value 0, and only then")
    func zeroValueProjects() {
        let costs = [3.0, 2, 2]
        #expect(EnvelopeKnapsack.maximize(values: [5, 0, 0], costs: costs, budget: 10, envelopes: []) == [0])
        let need = LinearEnvelope(coefficients: [0, 0, 2], min: 1)
        #expect(EnvelopeKnapsack.maximize(values: [5, 0, 0], costs: costs, budget: 10, envelopes: [need]) == [0, 2])
    }

    @Test("Interchangeable projects are funded by tie rank, then index")
    func tieBreaking() {
        // Projects 0 and 1 are interchangeable; so are 2, 3 and 4 (same value, cost, coefficients).
        #expect(EnvelopeKnapsack.maximize(values: [2, 2], costs: [1, 1], budget: 1, envelopes: []) == [0])
        #expect(
            EnvelopeKnapsack.maximize(values: [2, 2], costs: [1, 1], budget: 1, envelopes: [], tieRank: [1, 0]) == [1])
        // Two of the north projects fit the envelope, and one of 0 and 1 the budget left.
        let north = LinearEnvelope(coefficients: [0, 0, 3, 3, 3], max: 6)
        #expect(
            EnvelopeKnapsack.maximize(
                values: [1, 1, 5, 5, 5], costs: [1, 1, 3, 3, 3], budget: 7, envelopes: [north],
                tieRank: [0, 1, 4, 2, 3]
            ) == [0, 3, 4])
        // Equal totals from different projects: either optimum, deterministically.
        let first = EnvelopeKnapsack.maximize(values: [6, 3, 3], costs: [3, 1, 2], budget: 3, envelopes: [])
        #expect(first == [0] || first == [1, 2])
        #expect(EnvelopeKnapsack.maximize(values: [6, 3, 3], costs: [3, 1, 2], budget: 3, envelopes: []) == first)
    }

    @Test("The tolerance is one part in a billion of the budget")
    func tolerance() {
        let budget = 1_000_000.0
        #expect(EnvelopeKnapsack.isFeasible([0], costs: [budget + 0.0009], budget: budget, envelopes: []))
        #expect(!EnvelopeKnapsack.isFeasible([0], costs: [budget + 0.0011], budget: budget, envelopes: []))
        let cap = LinearEnvelope(coefficients: [500_000.0009], max: 500_000)
        #expect(EnvelopeKnapsack.isFeasible([0], costs: [500_000], budget: budget, envelopes: [cap]))
        #expect(EnvelopeKnapsack.maximize(values: [1], costs: [budget + 0.0009], budget: budget, envelopes: []) == [0])
        #expect(EnvelopeKnapsack.maximize(values: [1], costs: [budget + 0.0011], budget: budget, envelopes: []) == [])
    }

    // MARK: - Constrained selection

    @Test(
        "constrainedSelection keeps the budget and maximums, and meets the minimums whenever some selection can",
        arguments: EnvelopeMix.allCases)
    func constrainedSelectionIsFeasible(mix: EnvelopeMix) throws {
        var random = SplitMix(seed: 0xC0_5E1E + UInt64(EnvelopeMix.allCases.firstIndex(of: mix)!))
        var repaired = 0
        for _ in 0..<150 {
            let n = Int.random(in: 1...12, using: &random)
            let instance = randomInstance(count: n, mix: mix, integers: Bool.random(using: &random), using: &random)
            var priority = Array(0..<n).shuffled(using: &random)
            // Sometimes the rule ranks only some projects (e.g. the Method of Equal Shares).
            if Bool.random(using: &random) { priority.removeLast(Int.random(in: 0..<n, using: &random)) }
            let oracle = BruteForce(instance)
            let result = EnvelopeKnapsack.constrainedSelection(
                priority: priority, costs: instance.costs, budget: instance.budget, envelopes: instance.envelopes)
            guard oracle.feasibleCount > 0 else {
                #expect(result == nil, "no feasible selection exists: \(instance)")
                continue
            }
            let selection = try #require(result, "a feasible selection exists: \(instance), priority \(priority)")
            #expect(respectsBudgetAndMaximums(selection, instance), "\(selection): \(instance)")
            #expect(meetsMinimums(selection, instance), "\(selection): \(instance)")
            if !Set(selection).isSubset(of: priority) { repaired += 1 }
        }
        if mix == .none || mix == .maximums { #expect(repaired == 0) }
    }

    @Test("Without minimums, constrainedSelection funds in priority order and skips what does not fit")
    func constrainedSelectionWithoutMinimumsIsTheGreedyWalk() {
        var random = SplitMix(seed: 77)
        for _ in 0..<200 {
            let n = Int.random(in: 1...20, using: &random)
            let instance = randomInstance(count: n, mix: .maximums, integers: false, using: &random)
            let priority = Array(0..<n).shuffled(using: &random)
            // The walk, written out: fund when the budget and every maximum still hold.
            var expected: [Int] = []
            for project in priority where respectsBudgetAndMaximums(expected + [project], instance) {
                expected.append(project)
            }
            let result = EnvelopeKnapsack.constrainedSelection(
                priority: priority, costs: instance.costs, budget: instance.budget, envelopes: instance.envelopes)
            #expect(result == expected, "\(instance)")
        }
    }

    @Test("constrainedSelection leaves room for a minimum that the ranking reaches late")
    func constrainedSelectionReservesRoom() {
        // Green project 2 is ranked last; funding project 1 would leave no money for it.
        let green = LinearEnvelope(coefficients: [0, 0, 3], min: 3, label: "domain green-space")
        let result = EnvelopeKnapsack.constrainedSelection(
            priority: [0, 1, 2], costs: [4, 4, 3], budget: 8, envelopes: [green])
        #expect(result == [0, 2])
        // Project 3 is unranked but is the only way to meet the minimum: it is topped up.
        let culture = LinearEnvelope(coefficients: [0, 0, 0, 2], min: 2, label: "domain culture")
        let topped = EnvelopeKnapsack.constrainedSelection(
            priority: [0, 1], costs: [4, 4, 3, 2], budget: 8, envelopes: [culture])
        #expect(topped == [0, 3])
    }
}
