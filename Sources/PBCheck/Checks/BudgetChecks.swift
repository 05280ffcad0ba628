import Foundation

/// Budget, cost and count checks (`check_if_commas_in_floats`, `check_budgets`,
/// `check_number_of_votes`, `check_number_of_projects`).
extension CheckRun {
    /// The sentinel cost that marks a project withdrawn after the vote.
    static let sentinelCost = 999_999_999

    /// `int(math.floor(float(text)))`, or why Python would raise.
    static func floored(_ text: String) -> Result<Int, FloorFailure> {
        guard !text.isEmpty else { return .failure(.empty) }
        guard let x = Py.float(text.replacingOccurrences(of: ",", with: ".")) else { return .failure(.notNumber) }
        guard x.isFinite else { return .failure(.notFinite) }
        let f = x.rounded(.down)
        return .success(abs(f) < 9.2e18 ? Int(f) : (f > 0 ? Int.max : Int.min))
    }

    enum FloorFailure: Error {
        case empty, notNumber, notFinite
    }

    /// The floored cost of a project, recording the crash the checker would have on it.
    mutating func flooredCost(_ p: CheckedFile.Record) -> Int? {
        let text = file.project(p, "cost") ?? ""
        switch CheckRun.floored(text) {
        case .success(let v): return v
        case .failure(.empty):
            crash(
                "invalid projects field value", "Project ID `\(p.id)`: projects field 'cost' cannot be None or empty.",
                line: p.line)
        case .failure(.notNumber):
            crash(
                "incorrect projects field datatype", "Project ID `\(p.id)`: cost `\(text)` is not a number.",
                line: p.line)
        case .failure(.notFinite):
            crash(
                "invalid projects field value", "Project ID `\(p.id)`: cost `\(text)` is not a finite number.",
                line: p.line)
        }
        return nil
    }

    /// `int(selected)` where the checker evaluates it: nil for an absent or empty cell; a crash
    /// (and nil) for a value that is not an integer.
    mutating func selectedValue(_ p: CheckedFile.Record) -> Int? {
        guard let s = file.project(p, "selected"), !s.isEmpty else { return nil }
        if let v = Py.int(s) { return v }
        crash(
            "incorrect projects field datatype", "Project ID `\(p.id)`: selected `\(s)` is not an integer.",
            line: p.line)
        return nil
    }

    /// The budget as `check_budgets` floors it (0 when empty or not a number).
    mutating func flooredBudget() -> Int {
        let text = (file.meta.values["budget"] ?? "").replacingOccurrences(of: ",", with: ".")
        if text.isEmpty { return 0 }
        guard let x = Py.float(text), !x.isNaN else { return 0 }
        guard x.isFinite else {
            crash(
                "invalid meta field value", "budget `\(text)` is not a finite number.", line: file.meta.lines["budget"])
            return 0
        }
        let f = x.rounded(.down)
        return abs(f) < 9.2e18 ? Int(f) : (f > 0 ? Int.max : Int.min)
    }

    mutating func checkCommasInFloats() {
        let budget = file.meta.values["budget"] ?? ""
        if budget.contains(",") {
            error("comma in float!", "in budget", line: file.meta.lines["budget"])
            file.meta["budget"] = budget.replacingOccurrences(of: ",", with: ".")
        }
        if let m = file.meta.nonEmpty("max_sum_cost"), m.contains(",") {
            error("comma in float!", "in max_sum_cost", line: file.meta.lines["max_sum_cost"])
            file.meta["max_sum_cost"] = m.replacingOccurrences(of: ",", with: ".")
        }
        for k in file.projects.indices {
            let p = file.projects[k]
            guard let cost = file.project(p, "cost"), cost.contains(","),
                let c = file.projectLayouts[p.layout].column["cost"], c >= 0
            else { continue }
            error("comma in float!", "in project: `\(p.id)`, cost: `\(cost)`", line: p.line)
            let cut = String(cost[..<cost.firstIndex(of: ",")!])
            while file.projects[k].cells.count <= c { file.projects[k].cells.append("") }
            file.projects[k].cells[c] = cut
        }
    }

    mutating func checkBudgets() {
        let budget = flooredBudget()
        var spent = 0
        var total = 0
        var costs: [Int?] = []
        for p in file.projects {
            let selected = selectedValue(p)
            let cost = flooredCost(p)
            costs.append(cost)
            guard let cost else { continue }
            total &+= cost
            if selected == 1 {
                if cost == CheckRun.sentinelCost {
                    error(
                        "selected sentinel-cost project",
                        "project `\(p.id)` is marked as selected even though its sentinel cost `\(cost)` indicates it should be excluded from implementation.",
                        line: p.line)
                }
                if file.project(p, "name") == nil {
                    crash(
                        "missing projects field value",
                        "Project ID `\(p.id)`: a selected project needs a 'name' column (pabulib-checker 1.0.8 fails without it).",
                        line: p.line)
                }
                spent &+= cost
            }
            if cost == 0 {
                error("project with no cost", "project: `\(p.id)` has no cost!", line: p.line)
            } else if cost > budget {
                if cost == CheckRun.sentinelCost {
                    warning(
                        "single project exceeded whole budget",
                        "project `\(p.id)` exceeds the whole budget (cost: `\(cost)` vs budget: `\(budget)`), but this sentinel value is intentional and is reported as a warning",
                        line: p.line)
                } else {
                    error(
                        "single project exceeded whole budget",
                        "project `\(p.id)` has exceeded the whole budget! cost: `\(cost)` vs budget: `\(budget)`",
                        line: p.line)
                }
            }
        }
        if spent > budget {
            error("budget exceeded", "Budget: `\(budget)`, cost of selected projects: \(spent)")
        }
        if let flag = file.meta.nonEmpty("fully_funded") {
            guard let v = Py.int(flag) else {
                crash(
                    "incorrect meta field datatype", "fully_funded `\(flag)` is not an integer.",
                    line: file.meta.lines["fully_funded"])
                return
            }
            if v == 1 {
                if budget < total {
                    error(
                        "wrong fully_funded flag",
                        "budget: \(CheckRun.spaced(budget)), lower than cost of all projects: \(CheckRun.spaced(total))",
                        line: file.meta.lines["fully_funded"])
                }
            } else {
                error("fully_funded flag different than 1!", "value: \(flag)", line: file.meta.lines["fully_funded"])
            }
            return
        }
        if budget >= total {
            error(
                "all projects funded",
                "budget: \(CheckRun.spaced(budget)), cost of all projects: \(CheckRun.spaced(total))",
                line: file.meta.lines["budget"])
        }
        let rule = file.meta.values["rule"] ?? ""
        guard ["greedy", "greedy-threshold", "greedy-exclusive", "greedy-custom"].contains(rule) else { return }
        var candidates: [(id: String, cost: Int, score: Double)] = []
        for (k, p) in file.projects.enumerated() {
            guard selectedValue(p) == 0, let cost = costs[k] else { continue }
            let raw = file.project(p, resultsField) ?? "0"
            guard let score = Py.float(raw) else {
                crash(
                    raw.isEmpty ? "invalid projects field value" : "incorrect projects field datatype",
                    "Project ID `\(p.id)`: \(resultsField) `\(raw)` is not a number.", line: p.line)
                return
            }
            if threshold > 0 && score <= Double(threshold) { continue }
            candidates.append((p.id, cost, score))
        }
        let order = candidates.indices.sorted {
            candidates[$0].score > candidates[$1].score
                || (!(candidates[$1].score > candidates[$0].score) && $0 < $1)
        }
        var remaining = budget - spent
        var fundable: [String] = []
        for k in order where candidates[k].cost <= remaining {
            fundable.append(candidates[k].id)
            remaining -= candidates[k].cost
        }
        guard !fundable.isEmpty else { return }
        let message = "projects \(fundable.joined(separator: ", ")) can be funded but are not selected"
        if rule == "greedy" || rule == "greedy-threshold" {
            error("unused budget", message)
        } else {
            warning(
                "unused budget",
                message + " (note: unused budget can be expected with non-standard greedy variants)")
        }
    }

    /// `110180` → `110 180`, as the checker prints budgets.
    static func spaced(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out.append(" ") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    mutating func checkNumberOfVotes() {
        let line = file.meta.lines["num_votes"]
        let count = file.voters.count
        let text = file.meta.values["num_votes"] ?? ""
        if file.meta.missing.contains("num_votes") || Py.isBlank(text) {
            error(
                "missing num_votes field",
                "num_votes field is missing or empty in META section, but found \(count) votes in file", line: line)
            return
        }
        guard let n = Py.int(text) else {
            error(
                "invalid num_votes field",
                "num_votes field has invalid value: `\(text)`, expected integer, but found \(count) votes in file",
                line: line)
            return
        }
        if n != count {
            error(
                "different number of votes", "votes number in META: `\(text)` vs counted from file: `\(count)`",
                line: line)
        }
    }

    mutating func checkNumberOfProjects() {
        let text = file.meta.values["num_projects"] ?? ""
        let n = text.isEmpty ? 0 : (Py.int(text) ?? 0)
        if n != file.projects.count {
            error(
                "different number of projects",
                "projects number in meta: `\(text)` vs counted from file: `\(file.projects.count)`",
                line: file.meta.lines["num_projects"])
        }
    }
}
