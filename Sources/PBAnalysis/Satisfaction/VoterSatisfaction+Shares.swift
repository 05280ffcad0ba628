public import PBModel

extension VoterSatisfaction {
    /// Each voter's satisfaction with a selection, as a share in `[0, 1]`: the share of their approved
    /// (or ranked) projects that are funded, or with points, the share of their points on funded
    /// projects. Voters with an empty ballot are left out (`nil`).
    ///
    /// This is what the election pages and `/api/elect` show beside each rule (a plain share per voter,
    /// unlike the exact satisfaction measures of pabutools' analysis).
    ///
    /// ```swift
    /// let shares = VoterSatisfaction.shareFunded(election, selection: outcome.selected)
    /// ```
    ///
    /// - Parameters:
    ///   - election: The election.
    ///   - selection: The funded projects.
    /// - Returns: One value per voter, `nil` for an empty ballot.
    public static func shareFunded(_ election: Election, selection: [Int]) -> [Double?] {
        var funded = [Bool](repeating: false, count: election.projects.count)
        for p in selection where p < funded.count { funded[p] = true }
        let ballots = election.ballots
        let usePoints = election.voteType.hasPoints
        return (0..<ballots.count).map { v -> Double? in
            let projects = ballots.projects(of: v)
            guard !projects.isEmpty else { return nil }
            if usePoints {
                let points = ballots.points(of: v)
                var total = 0.0
                var hit = 0.0
                for (p, amount) in zip(projects, points) {
                    let value = amount.doubleValue
                    total += value
                    if funded[Int(p)] { hit += value }
                }
                if total > 0 { return hit / total }
            }
            let hits = projects.reduce(0) { $0 + (funded[Int($1)] ? 1 : 0) }
            return Double(hits) / Double(projects.count)
        }
    }
}
