import Foundation

/// The recorded `selected` set against the declared `rule` (`verify_selected`).
extension CheckRun {
    static let validRules: Set<String> = [
        "greedy", "greedy-no-skip", "greedy-threshold", "greedy-exclusive", "greedy-custom", "equalshares",
        "equalshares-comparison", "equalshares/add1", "equalshares/add1-comparison", "unknown",
    ]

    /// A project as the greedy walks read it.
    struct Ranked {
        var id: String
        var score: Double
        var scoreText: String
        var cost: Double
        var selected: Int
    }

    mutating func verifySelected() {
        guard let first = file.projects.first, let s = file.project(first, "selected"), !s.isEmpty else {
            warning(
                "missing selected field in projects",
                "PROJECTS has no 'selected' field. Maybe 'selected' is not formally obligatory, but it is super important for checking data consistency, so rule compliance cannot be verified."
            )
            return
        }
        guard let order = rankedOrder() else { return }
        let budgetText = (file.meta.values["budget"] ?? "").replacingOccurrences(of: ",", with: ".")
        let budget = budgetText.isEmpty ? 0 : (Py.float(budgetText) ?? 0)
        let rule = file.meta.values["rule"] ?? ""
        let ruleLine = file.meta.lines["rule"]
        guard CheckRun.validRules.contains(rule) else {
            error(
                "unknown rule value",
                "The rule '\(rule)' is not recognized. Valid rules are: \(CheckRun.validRules.sorted().joined(separator: ", ")).",
                line: ruleLine)
            return
        }
        switch rule {
        case "unknown":
            warning(
                "rule validation skipped", "Rule is 'unknown', so rule compliance cannot be verified.", line: ruleLine)
        case "equalshares", "equalshares-comparison", "equalshares/add1", "equalshares/add1-comparison":
            verifyEqualShares(rule: rule)
        case "greedy":
            if file.meta.values["min_project_score_threshold"] != nil {
                error(
                    "incorrect rule with threshold",
                    "Rule is 'greedy' but 'min_project_score_threshold' field exists. Should use 'greedy-threshold' instead.",
                    line: ruleLine)
                return
            }
            guard let ranked = rankedProjects(order) else { return }
            verifyGreedy(budget: budget, ranked, ruleName: "greedy")
        case "greedy-no-skip":
            guard let ranked = rankedProjects(order) else { return }
            verifyGreedyNoSkip(budget: budget, ranked)
        case "greedy-threshold":
            if file.meta.values["min_project_score_threshold"] == nil {
                error(
                    "missing threshold field",
                    "Rule is 'greedy-threshold' but 'min_project_score_threshold' field is missing in META section.",
                    line: ruleLine)
                return
            }
            guard let ranked = rankedProjects(order) else { return }
            verifyGreedy(budget: budget, ranked, ruleName: "greedy-threshold")
        case "greedy-exclusive", "greedy-custom":
            if rule == "greedy-custom" && file.meta.nonEmpty("comment") == nil {
                warning(
                    "missing comment for greedy-custom",
                    "Rule is 'greedy-custom' but no 'comment' field found in META section. Custom rules should be documented in the comment field.",
                    line: ruleLine)
            }
            if rule == "greedy-custom" && file.meta.values["unit"] == "Poznań" {
                guard let ranked = rankedProjects(order, readsScore: false) else { return }
                verifyPoznan(budget: budget, ranked)
                return
            }
            guard let ranked = rankedProjects(order) else { return }
            let before = errors.count
            verifyGreedy(budget: budget, ranked, ruleName: "greedy")
            if let k = errors[before...].firstIndex(where: { $0.check == "greedy rule not followed" }) {
                let details = errors.remove(at: k).message
                if rule == "greedy-exclusive" {
                    warning(
                        "greedy-exclusive potential mismatch",
                        "Standard greedy algorithm would select different projects: \(details) This may be correct for 'greedy-exclusive' if conflicting projects are handled by hierarchy rules.",
                        line: ruleLine)
                } else {
                    warning(
                        "greedy-custom cannot be verified",
                        "Standard greedy algorithm would select different projects: \(details) This may be correct for 'greedy-custom' due to special logic. Please verify the custom rule implementation manually.",
                        line: ruleLine)
                }
            }
        default:
            break
        }
    }

    /// Project positions by the recorded result, best first, file order among equals (the
    /// first project's `score` key if it has one, else `votes`, else file order).
    mutating func rankedOrder() -> [Int]? {
        let first = file.projects[0]
        let key: String
        if file.project(first, "score") != nil {
            key = "score"
        } else if file.project(first, "votes") != nil {
            key = "votes"
        } else {
            return Array(file.projects.indices)
        }
        var keys: [Int] = []
        for p in file.projects {
            guard let text = file.project(p, key) else {
                crash(
                    "missing projects field value", "Project ID `\(p.id)`: no '\(key)' value to rank it by.",
                    line: p.line)
                return nil
            }
            guard let v = intOrZero(text, key, p) else { return nil }
            keys.append(v)
        }
        return file.projects.indices.sorted { keys[$0] > keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
    }

    /// The projects in ranking order with the values the walks read; nil (a crash recorded)
    /// where the checker would fail to read one.
    mutating func rankedProjects(_ order: [Int], readsScore: Bool = true) -> [Ranked]? {
        var out: [Ranked] = []
        for k in order {
            let p = file.projects[k]
            guard let text = file.project(p, resultsField) else {
                crash(
                    "missing projects field value",
                    "PROJECTS has no '\(resultsField)' column, so the selection cannot be checked against the rule.")
                return nil
            }
            guard let score = Py.float(text) ?? (readsScore ? nil : 0) else {
                crash(
                    text.isEmpty ? "invalid projects field value" : "incorrect projects field datatype",
                    "Project ID `\(p.id)`: \(resultsField) `\(text)` is not a number.", line: p.line)
                return nil
            }
            let costText = file.project(p, "cost") ?? ""
            guard let cost = Py.float(costText) else { return nil }  // already reported by the budget check
            let selectedText = file.project(p, "selected") ?? ""
            guard let selected = Py.int(selectedText) else {
                crash(
                    selectedText.isEmpty ? "invalid projects field value" : "incorrect projects field datatype",
                    "Project ID `\(p.id)`: selected `\(selectedText)` is not an integer.", line: p.line)
                return nil
            }
            out.append(Ranked(id: p.id, score: score, scoreText: text, cost: cost, selected: selected))
        }
        return out
    }

    /// `Projects not selected but should be: …. Projects selected but shouldn't be: …`.
    static func difference(rule: Set<String>, file: Set<String>) -> String? {
        let should = rule.subtracting(file)
        let shouldNot = file.subtracting(rule)
        var parts: [String] = []
        if !should.isEmpty {
            parts.append("Projects not selected but should be: " + pySorted(should).joined(separator: ", "))
        }
        if !shouldNot.isEmpty {
            parts.append("Projects selected but shouldn't be: " + pySorted(shouldNot).joined(separator: ", "))
        }
        return parts.isEmpty ? nil : parts.joined(separator: ". ")
    }

    /// Strings sorted as Python sorts them (by code point).
    static func pySorted(_ s: Set<String>) -> [String] {
        s.sorted { Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }
    }

    /// A Python set repr of ids (`{'1547'}`), sorted for a stable message.
    static func pySet(_ s: Set<String>) -> String {
        "{" + pySorted(s).map(Py.repr).joined(separator: ", ") + "}"
    }

    mutating func verifyGreedy(budget start: Double, _ ranked: [Ranked], ruleName: String) {
        var budget = start
        var winners: Set<String> = []
        var selected: Set<String> = []
        var below: Set<String> = []
        let t = Double(threshold)
        for p in ranked {
            if p.selected == 1 {
                selected.insert(p.id)
                if p.score < t { below.insert(p.id) }
            }
            if p.score >= t && budget >= p.cost {
                winners.insert(p.id)
                budget -= p.cost
            }
        }
        reportWalk(ruleName, winners: winners, selected: selected, below: below)
    }

    mutating func verifyGreedyNoSkip(budget start: Double, _ ranked: [Ranked]) {
        var budget = start
        var winners: Set<String> = []
        var selected: Set<String> = []
        var below: Set<String> = []
        let t = Double(threshold)
        for p in ranked where p.selected == 1 {
            selected.insert(p.id)
            if p.score < t { below.insert(p.id) }
        }
        for p in ranked where p.score >= t {
            if p.cost == Double(CheckRun.sentinelCost) { continue }
            guard budget >= p.cost else { break }
            winners.insert(p.id)
            budget -= p.cost
        }
        reportWalk("greedy-no-skip", winners: winners, selected: selected, below: below)
    }

    /// A greedy walk's verdict: the rule's and the file's selections differ; projects selected
    /// below the threshold.
    mutating func reportWalk(_ ruleName: String, winners: Set<String>, selected: Set<String>, below: Set<String>) {
        if let d = CheckRun.difference(rule: winners, file: selected) {
            error("\(ruleName) rule not followed", d, line: file.meta.lines["rule"])
        }
        if !below.isEmpty {
            error("threshold violation", "Projects selected below threshold (\(threshold)): \(CheckRun.pySet(below))")
        }
    }

    /// Poznań's greedy-custom: greedy until the first project that does not fit, which is still
    /// funded if 80 % of its cost is left; projects marked 3 (reserve funds) must be the next
    /// best ones.
    mutating func verifyPoznan(budget start: Double, _ ranked: [Ranked]) {
        var budget = start
        var fileSelected: Set<String> = []
        var extra = 0
        var ruleSelected: Set<String> = []
        var taking = true
        for p in ranked {
            if (1...3).contains(p.selected) { fileSelected.insert(p.id) }
            if p.selected == 3 { extra += 1 }
            guard taking else { continue }
            if budget >= p.cost {
                ruleSelected.insert(p.id)
                budget -= p.cost
            } else {
                if budget >= p.cost * 0.8 { ruleSelected.insert(p.id) }
                taking = false
            }
        }
        if extra > 0 {
            let remaining = ranked.filter { !ruleSelected.contains($0.id) }.prefix(extra)
            for p in remaining { ruleSelected.insert(p.id) }
        }
        let should = ruleSelected.subtracting(fileSelected)
        if !should.isEmpty {
            warning(
                "poznan rule not followed", "Projects not selected but should be: \(CheckRun.pySet(should))",
                line: file.meta.lines["rule"])
        }
        let shouldNot = fileSelected.subtracting(ruleSelected)
        if !shouldNot.isEmpty {
            error(
                "poznan rule not followed", "Projects selected but should not: \(CheckRun.pySet(shouldNot))",
                line: file.meta.lines["rule"])
        }
    }
}
