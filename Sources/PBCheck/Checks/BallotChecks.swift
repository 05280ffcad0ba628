import Foundation

/// Ballot checks: list whitespace, vote length, vote-type constraints, approval costs, unknown
/// projects, and the `votes`/`score` columns against the ballots.
extension CheckRun {
    /// The META list fields whose items must not have whitespace around commas.
    static let metaListFields = [
        "categories", "neighborhoods", "subdistricts", "budget_per_category", "budget_per_neighborhood",
        "min_sum_cost_per_category", "max_sum_cost_per_category",
    ]

    static func hasSpaceAroundCommas(_ value: String) -> Bool {
        guard value.contains(",") else { return false }
        return value.unicodeScalars.split(separator: ",", omittingEmptySubsequences: false).contains {
            guard let f = $0.first, let l = $0.last else { return false }
            return Py.isSpace(f) || Py.isSpace(l)
        }
    }

    mutating func checkListWhitespace() {
        for name in CheckRun.metaListFields {
            guard let v = file.meta.values[name], CheckRun.hasSpaceAroundCommas(v) else { continue }
            error(
                "whitespace around list separator",
                "META, field `\(name)`: `\(v)`. List items must be separated with commas and no surrounding whitespace.",
                line: file.meta.lines[name])
        }
        for p in file.projects {
            for name in ["category", "beneficiaries"] {
                guard let v = file.project(p, name), CheckRun.hasSpaceAroundCommas(v) else { continue }
                error(
                    "whitespace around list separator",
                    "PROJECTS record `\(p.id)`, field `\(name)`: `\(v)`. List items must be separated with commas and no surrounding whitespace.",
                    line: p.line)
            }
        }
        for v in file.voters {
            if let vote = file.voter(v, "vote"), CheckRun.hasSpaceAroundCommas(vote) {
                error(
                    "whitespace around vote separator",
                    "Voter ID: `\(v.id)`, vote: `\(vote)`. Project IDs must be separated with commas and no surrounding whitespace.",
                    line: v.line)
            }
            if let points = file.voter(v, "points"), CheckRun.hasSpaceAroundCommas(points) {
                error(
                    "whitespace around list separator",
                    "VOTES record `\(v.id)`, field `points`: `\(points)`. List items must be separated with commas and no surrounding whitespace.",
                    line: v.line)
            }
        }
    }

    mutating func checkVoteLength() {
        let meta = file.meta
        let maxKey = ["max_length", "max_length_unit", "max_length_district"].first { meta.nonEmpty($0) != nil }
        let minKey = ["min_length", "min_length_unit", "min_length_district"].first { meta.nonEmpty($0) != nil }
        guard maxKey != nil || minKey != nil else { return }
        let maxText = maxKey.flatMap { meta.values[$0] }
        let minText = minKey.flatMap { meta.values[$0] }
        var maxLength: Int?
        var minLength: Int?
        if let maxText, !file.voters.isEmpty {
            maxLength = Py.int(maxText)
            if maxLength == nil {
                crash(
                    "incorrect meta field datatype", "\(maxKey!) `\(maxText)` is not an integer.",
                    line: meta.lines[maxKey!])
                return
            }
        }
        if let minText, !file.voters.isEmpty {
            minLength = Py.int(minText)
            if minLength == nil {
                crash(
                    "incorrect meta field datatype", "\(minKey!) `\(minText)` is not an integer.",
                    line: meta.lines[minKey!])
                return
            }
        }
        var usedMax = false
        var total = 0
        for (vi, v) in file.voters.enumerated() {
            let n = ballots[vi].count
            total += n
            if let maxLength {
                if n > maxLength {
                    error(
                        "vote length exceeded",
                        "Voter ID: `\(v.id)`, max vote length: `\(maxText!)`, number of voter votes: `\(n)`",
                        line: v.line)
                } else if n == maxLength {
                    usedMax = true
                }
            }
            if let minLength, n < minLength {
                error(
                    "vote length too short",
                    "Voter ID: `\(v.id)`, min vote length: `\(minText!)`, number of voter votes: `\(n)`", line: v.line)
            }
        }
        if let maxText, !usedMax {
            warning("no_max_length_used", "No voter used the full max vote length of `\(maxText)`")
        }
        if let maxText, let maxLength, !file.voters.isEmpty, maxLength != 1, total == file.voters.count {
            warning(
                "average vote length equals one",
                "Average observed vote length is exactly `1` while max_length is `\(maxText)`. This may indicate that max_length in META is incorrect or that the effective ballot format was more restrictive."
            )
        }
    }

    /// Defined by pabulib-checker 1.0.8 but never run there: a ballot naming a project twice.
    mutating func checkDuplicatedProjectsInVotes() {
        for (vi, v) in file.voters.enumerated() {
            let items = ballots[vi]
            if Set(items).count < items.count {
                error(
                    "vote with duplicated projects",
                    "duplicated projects in a vote: Voter ID: `\(v.id)`, vote: \(Py.repr(items)).", line: v.line)
            }
        }
    }

    /// `_parse_numeric`: `float()` after `,` → `.`; nil where it raises.
    static func numeric(_ text: String) -> Double? {
        if text.isEmpty { return nil }
        return Py.float(text.replacingOccurrences(of: ",", with: "."))
    }

    /// A META bound read by `_parse_numeric` (nil when absent or empty; a crash when not a number).
    mutating func metaBound(_ key: String) -> (text: String, value: Double)?? {
        guard let text = file.meta.nonEmpty(key) else { return .some(nil) }
        guard let v = CheckRun.numeric(text) else {
            crash("incorrect meta field datatype", "\(key) `\(text)` is not a number.", line: file.meta.lines[key])
            return nil
        }
        return .some((text, v))
    }

    mutating func checkVoteTypeConstraints() {
        guard let voteType = file.meta.nonEmpty("vote_type") else { return }
        let requiresPoints = voteType == "cumulative" || voteType == "scoring"
        let forbidsPoints = voteType == "approval" || voteType == "choose-1"
        var incompatible: [String] = []
        if voteType == "approval" {
            incompatible = ["min_points", "max_points", "min_sum_points", "max_sum_points", "default_score"]
        } else if voteType == "choose-1" {
            incompatible = ["points", "min_points", "max_points", "min_sum_points", "max_sum_points", "default_score"]
        }
        for name in incompatible where !Py.isBlank(file.meta.values[name] ?? "") {
            warning(
                "incompatible meta field for vote_type",
                "Field '\(name)' should not be used with vote_type '\(voteType)'.", line: file.meta.lines[name])
        }
        var bounds: [String: (text: String, value: Double)] = [:]
        var boundsRead = false
        for (vi, v) in file.voters.enumerated() {
            let projects = ballots[vi]
            let pointsRaw = file.voter(v, "points")
            let hasPoints = pointsRaw.map { !Py.isBlank($0) } ?? false
            if requiresPoints && !hasPoints {
                error(
                    "missing points for vote_type",
                    "Voter ID `\(v.id)` is missing the 'points' field required for vote_type '\(voteType)'.",
                    line: v.line)
                continue
            }
            if forbidsPoints && hasPoints {
                error(
                    "unexpected points for vote_type",
                    "Voter ID `\(v.id)` provides 'points' even though vote_type '\(voteType)' does not use them.",
                    line: v.line)
            }
            if voteType == "choose-1" && projects.count != 1 {
                error(
                    "invalid choose-1 vote length",
                    "Voter ID `\(v.id)` selected \(projects.count) projects, but vote_type 'choose-1' requires exactly one project.",
                    line: v.line)
            }
            guard hasPoints, let pointsRaw else { continue }
            let points = Py.splitList(pointsRaw)
            if projects.count != points.count {
                error(
                    "vote/points length mismatch",
                    "Voter ID `\(v.id)` has \(projects.count) project ids in 'vote' but \(points.count) values in 'points'.",
                    line: v.line)
                continue
            }
            var parsed: [Double] = []
            var bad: String?
            for p in points {
                guard let x = CheckRun.numeric(p) else {
                    bad = p
                    break
                }
                parsed.append(x)
            }
            if let bad {
                error(
                    "invalid points value", "Voter ID `\(v.id)` contains a non-numeric points value `\(bad)`.",
                    line: v.line)
                continue
            }
            if voteType == "cumulative" && parsed.contains(where: { $0 < 0 }) {
                error(
                    "negative cumulative points", "Voter ID `\(v.id)` contains negative points in a cumulative ballot.",
                    line: v.line)
            }
            if !boundsRead {
                boundsRead = true
                for key in ["min_points", "max_points", "min_sum_points", "max_sum_points"] {
                    guard let b = metaBound(key) else { return }
                    if let b { bounds[key] = b }
                }
            }
            if let b = bounds["min_points"], parsed.contains(where: { $0 < b.value }) {
                error(
                    "points below minimum", "Voter ID `\(v.id)` contains points below min_points `\(b.text)`.",
                    line: v.line)
            }
            if let b = bounds["max_points"], parsed.contains(where: { $0 > b.value }) {
                error(
                    "points above maximum", "Voter ID `\(v.id)` contains points above max_points `\(b.text)`.",
                    line: v.line)
            }
            let sum = parsed.reduce(0, +)
            if let b = bounds["min_sum_points"], sum < b.value {
                warning(
                    "points sum below minimum",
                    "Voter ID `\(v.id)` has total points `\(Py.str(sum))` below min_sum_points `\(b.text)`.",
                    line: v.line)
            }
            if let b = bounds["max_sum_points"], sum > b.value {
                warning(
                    "points sum above maximum",
                    "Voter ID `\(v.id)` has total points `\(Py.str(sum))` above max_sum_points `\(b.text)`.",
                    line: v.line)
            }
            if requiresPoints && zip(parsed, parsed.dropFirst()).contains(where: { $0 < $1 }) {
                warning(
                    "vote order not sorted by points",
                    "Voter ID `\(v.id)` lists projects in 'vote' order that is not non-increasing by points.",
                    line: v.line)
            }
        }
    }

    mutating func checkApprovalCostConstraints() {
        guard file.meta.values["vote_type"] == "approval" else { return }
        let minText = file.meta.nonEmpty("min_sum_cost")
        let maxText = file.meta.nonEmpty("max_sum_cost")
        guard minText != nil || maxText != nil else { return }
        var minValue: Double?
        var maxValue: Double?
        var boundsRead = false
        voters: for (vi, v) in file.voters.enumerated() {
            var cost = 0.0
            for id in ballots[vi] {
                guard let k = file.projectIndex[id],
                    let c = CheckRun.numeric(file.project(file.projects[k], "cost") ?? "")
                else { continue voters }
                cost += c
            }
            if !boundsRead {
                boundsRead = true
                for key in ["min_sum_cost", "max_sum_cost"] {
                    guard let b = metaBound(key) else { return }
                    if key == "min_sum_cost" { minValue = b?.value } else { maxValue = b?.value }
                }
            }
            if let minValue, cost < minValue {
                warning(
                    "approval vote cost below minimum",
                    "Voter ID `\(v.id)` selected projects with total cost `\(Py.str(cost))` below min_sum_cost `\(minText!)`.",
                    line: v.line)
            }
            if let maxValue, cost > maxValue {
                warning(
                    "approval vote cost above maximum",
                    "Voter ID `\(v.id)` selected projects with total cost `\(Py.str(cost))` above max_sum_cost `\(maxText!)`.",
                    line: v.line)
            }
        }
    }

    mutating func checkVotesForUnknownProjects() {
        for (vi, v) in file.voters.enumerated() {
            for id in ballots[vi] where file.projectIndex[id] == nil {
                error(
                    "vote for non-existent project",
                    "Voter ID: `\(v.id)` voted for project `\(id)` which is not listed in PROJECTS section.",
                    line: v.line)
            }
        }
    }
}
