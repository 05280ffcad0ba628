import PBRules

/// The equal-shares rules as pabulib-checker 1.0.8 defines them, computed with pbsim's exact
/// Method of Equal Shares (``MethodOfEqualShares``): approval ballots, costs and budget floored
/// to integers, every voter starting with budget / voters, only projects with a positive cost
/// and at least one approver, ties broken by lower cost and then more approvers.
extension CheckRun {
    mutating func verifyEqualShares(rule: String) {
        guard file.meta.values["vote_type"] == "approval" else {
            warning(
                "equalshares unsupported vote_type",
                "Rule '\(rule)' currently supports only approval ballots in the checker.",
                line: file.meta.lines["rule"])
            return
        }
        var costs: [Int] = []
        for p in file.projects {
            guard let c = flooredCost(p) else { return }
            costs.append(c)
        }
        var selected: Set<String> = []
        for p in file.projects {
            let s = file.project(p, "selected") ?? ""
            guard let v = s.isEmpty ? 0 : Py.int(s) else {
                crash(
                    "incorrect projects field datatype", "Project ID `\(p.id)`: selected `\(s)` is not an integer.",
                    line: p.line)
                return
            }
            if v == 1 { selected.insert(p.id) }
        }
        // Approvers per project (a ballot naming a project twice counts once here).
        var approvals = [Int](repeating: 0, count: file.projects.count)
        var approved: [[Int]] = []
        approved.reserveCapacity(file.voters.count)
        for (vi, v) in file.voters.enumerated() {
            var seen: Set<Int> = []
            var b: [Int] = []
            for id in ballots[vi] {
                guard let k = file.projectIndex[id], seen.insert(k).inserted else { continue }
                b.append(k)
                approvals[k] += 1
            }
            approved.append(b)
        }
        var winners: [Int] = []
        if !file.voters.isEmpty {
            let budgetText = file.meta.values["budget"] ?? ""
            let floored = CheckRun.floored(budgetText)
            guard case .success(let total) = floored else {
                crash(
                    floored == .failure(.notNumber) ? "incorrect meta field datatype" : "invalid meta field value",
                    "budget `\(budgetText)` is not a finite number, so the equal-shares outcome cannot be computed.",
                    line: file.meta.lines["budget"])
                return
            }
            let mes = EqualSharesInstance(costs: costs, approvals: approvals, ballots: approved)
            winners = mes.winners(budget: total)
            if rule.hasPrefix("equalshares/add1") {
                let n = file.voters.count
                // Python's floor division, then one unit more per voter at a time while the
                // outcome stays within the real budget (stopping, unlike the checker, once
                // every candidate is funded: it would loop for ever there).
                var artificial = (total >= 0 ? total / n : -((-total + n - 1) / n)) * n
                while winners.count < mes.candidateCount {
                    let w = mes.winners(budget: artificial + n)
                    guard w.reduce(0, { $0 + costs[$1] }) <= total else { break }
                    artificial += n
                    winners = w
                }
            }
            if rule.hasSuffix("-comparison") {
                winners = compareWithGreedy(
                    winners, costs: costs, approvals: approvals, ballots: approved, budget: total)
            }
        }
        let ruleSet = Set(winners.map { file.projects[$0].id })
        if let d = CheckRun.difference(rule: ruleSet, file: selected) {
            error("\(rule) rule not followed", d, line: file.meta.lines["rule"])
        }
    }

    /// The comparison step: greedy by approvals within the budget; if more voters approve more
    /// of the greedy winners than of the equal-shares winners, the greedy set is the outcome.
    func compareWithGreedy(_ winners: [Int], costs: [Int], approvals: [Int], ballots: [[Int]], budget: Int) -> [Int] {
        let order = costs.indices.sorted {
            approvals[$0] > approvals[$1] || (approvals[$0] == approvals[$1] && $0 < $1)
        }
        var greedy: [Int] = []
        var spent = 0
        for p in order where spent + costs[p] <= budget {
            greedy.append(p)
            spent += costs[p]
        }
        let inMES = Set(winners)
        let inGreedy = Set(greedy)
        var prefersMES = 0
        var prefersGreedy = 0
        for b in ballots {
            let m = b.reduce(0) { $0 + (inMES.contains($1) ? 1 : 0) }
            let g = b.reduce(0) { $0 + (inGreedy.contains($1) ? 1 : 0) }
            if m > g { prefersMES += 1 } else if g > m { prefersGreedy += 1 }
        }
        return prefersGreedy > prefersMES ? greedy : winners
    }
}

/// The checker's equal-shares instance laid out for ``MethodOfEqualShares``: only candidates
/// (positive cost, at least one approver), tie-breaking by lower cost, then more approvers, then
/// file order.
struct EqualSharesInstance {
    let candidates: [Int]
    let costs: [Int64]
    let offsets: [Int32]
    let items: [Int32]
    let tieRank: [Int32]

    var candidateCount: Int { candidates.count }

    init(costs all: [Int], approvals: [Int], ballots: [[Int]]) {
        let candidates = all.indices.filter { all[$0] > 0 && approvals[$0] > 0 }
        self.candidates = candidates
        var dense = [Int32](repeating: -1, count: all.count)
        for (k, p) in candidates.enumerated() { dense[p] = Int32(k) }
        costs = candidates.map { Int64(all[$0]) }
        var offsets: [Int32] = [0]
        var items: [Int32] = []
        for b in ballots {
            for p in b where dense[p] >= 0 { items.append(dense[p]) }
            offsets.append(Int32(items.count))
        }
        self.offsets = offsets
        self.items = items
        let order = candidates.indices.sorted { a, b in
            let (pa, pb) = (candidates[a], candidates[b])
            if all[pa] != all[pb] { return all[pa] < all[pb] }
            if approvals[pa] != approvals[pb] { return approvals[pa] > approvals[pb] }
            return a < b
        }
        var rank = [Int32](repeating: 0, count: candidates.count)
        for (r, k) in order.enumerated() { rank[k] = Int32(r) }
        tieRank = rank
    }

    /// The MES winners (file positions) for a total budget.
    func winners(budget: Int) -> [Int] {
        guard !candidates.isEmpty else { return [] }
        let instance = RuleInstance(
            costs: costs, budget: Int64(budget), kind: .approval, offsets: offsets, items: items, tieRank: tieRank)
        return MethodOfEqualShares.select(instance, satisfaction: .cost).selected.map { candidates[$0] }
    }
}
