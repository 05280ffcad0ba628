/// The PROJECTS `votes` and `score` columns against the ballots (`check_votes_and_scores`).
extension CheckRun {
    mutating func checkVotesAndScores() {
        if !file.votesInProjects && !file.scoresInProjects {
            warning(
                "No votes or score counted in PROJECTS section",
                "There should be at least one field (recommended for data completeness)")
        }
        let voteMissing = file.voterLayouts.contains { $0.missing.contains("vote") }
        if (file.votesInProjects || file.scoresInProjects) && voteMissing && !file.voters.isEmpty {
            crash(
                "missing votes field value", "VOTES has no 'vote' column, so the projects' counts cannot be checked.")
            return
        }
        if file.votesInProjects { checkVoteCounts() }
        if file.scoresInProjects { checkScores() }
    }

    /// `int(text or 0)`, recording a crash for a value that is not an integer.
    mutating func intOrZero(_ text: String?, _ field: String, _ p: CheckedFile.Record) -> Int? {
        guard let text, !text.isEmpty else { return 0 }
        if let v = Py.int(text) { return v }
        crash(
            "incorrect projects field datatype", "Project ID `\(p.id)`: \(field) `\(text)` is not an integer.",
            line: p.line)
        return nil
    }

    mutating func checkVoteCounts() {
        var counted: [String: Int] = [:]
        var order: [String] = []
        for (vi, v) in file.voters.enumerated() {
            for id in ballots[vi] {
                if counted[id] == nil { order.append(id) }
                counted[id, default: 0] += 1
            }
        }
        for p in file.projects {
            let text = file.project(p, "votes")
            guard let votes = intOrZero(text, "votes", p) else { return }
            if votes == 0 {
                warning(
                    "project with no votes",
                    "It's possible, that this project was not approved for voting! Project: \(p.id)", line: p.line)
            }
            let c = counted[p.id] ?? 0
            if votes != c {
                error(
                    "different values in votes",
                    "project: `\(p.id)` file votes (in PROJECTS section): `\(text ?? "0")` vs counted: \(c)",
                    line: p.line)
            }
        }
        // Ids counted from ballots whose project is unknown or has no `votes` key; the projects
        // looked up above are in the counter too (with 0) in the checker.
        var ids = order
        for p in file.projects where counted[p.id] == nil { ids.append(p.id) }
        for id in ids {
            let c = counted[id] ?? 0
            if let k = file.projectIndex[id], file.project(file.projects[k], "votes") != nil { continue }
            error(
                "different values in votes",
                "project: `\(id)` file votes (in PROJECTS section): `0` vs counted: \(c)",
                line: file.projectIndex[id].map { file.projects[$0].line })
        }
    }

    mutating func checkScores() {
        var counted: [String: Double] = [:]
        var order: [String] = []
        for (vi, v) in file.voters.enumerated() {
            let projects = ballots[vi]
            let points: [String]
            if let raw = file.voter(v, "points") {
                points = Py.splitList(raw)
            } else {
                points = (0..<projects.count).map { String(projects.count - $0) }
            }
            for (id, p) in zip(projects, points) {
                guard let x = Py.float(p) else {
                    crash(
                        "invalid points value", "Voter ID `\(v.id)` contains a non-numeric points value `\(p)`.",
                        line: v.line)
                    return
                }
                if counted[id] == nil { order.append(id) }
                counted[id, default: 0] += x
            }
        }
        for p in file.projects {
            let text = file.project(p, "score")
            guard let score = intOrZero(text, "score", p) else { return }
            let total = counted[p.id] ?? 0
            guard total.isFinite else {
                crash(
                    "invalid points value",
                    "Project ID `\(p.id)`: its points add up to `\(Py.str(total))`, not a number.",
                    line: p.line)
                return
            }
            let truncated = total.rounded(.towardZero)
            let c = abs(truncated) < 9.2e18 ? Int(truncated) : 0
            if score != c {
                error(
                    "different values in scores",
                    "project: `\(p.id)` file scores (in PROJECTS section): `\(text ?? "0")` vs counted: \(CheckRun.pointText(total))",
                    line: p.line)
            }
        }
        for id in order where file.projectIndex[id] == nil {
            error(
                "different values in scores",
                "project: `\(id)` file scores (in PROJECTS section): `0` vs counted: \(CheckRun.pointText(counted[id] ?? 0))"
            )
        }
    }

    /// A point total as the checker prints it (integers without `.0`).
    static func pointText(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : Py.str(x)
    }
}
