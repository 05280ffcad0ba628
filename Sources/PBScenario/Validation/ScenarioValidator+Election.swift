import PBModel

/// The checks of a scenario with a real election: the `.pb` file, the needs of its categories and the
/// voter weighting.
extension ScenarioValidator {
    mutating func checkElection() {
        guard let election = scenario.election else { return }
        if !scenario.proposals.isEmpty {
            report("proposals", "not used with an election: the proposals come from the .pb file")
        }
        if !scenario.population.isEmpty {
            report("population", "not used with an election: the voters come from the .pb file")
        }
        if election.file.isEmpty {
            report("election.file", "must not be empty")
        } else if checksElectionFile {
            switch FileIdentity(path: election.path)?.kind {
            case nil:
                report("election.file", "no such file '\(election.path)'")
            case .regular:
                break
            case .some(let kind):
                report("election.file", "'\(election.path)' is \(kind.phrase), not a .pb file")
            }
        }
        if election.needs.isEmpty, !hasUnreadable(under: "election.needs") {
            report("election.needs", "must give the assessed need of at least one category or target group")
        }
        for (name, weight) in election.needs.sorted(by: { $0.key < $1.key }) {
            check(weight, at: FieldPath.child("election.needs", name), "election.needs.<name>")
        }
        checkVoterWeighting(election)
    }

    /// `weights`, or `weight_by` with `targets` (shares summing to 1), never both.
    mutating func checkVoterWeighting(_ election: Scenario.Election) {
        if election.weights != nil, election.weightBy != nil || election.targets != nil {
            report("election.weights", "give 'weights' (a file) or 'weight_by' with 'targets', not both")
            return
        }
        if election.weightBy != nil, election.targets == nil, !hasUnreadable(under: "election.targets") {
            report("election.weight_by", "census reweighting needs 'targets' (each category's share)")
        }
        if election.targets != nil, election.weightBy == nil, !hasUnreadable(under: "election.weight_by") {
            report("election.targets", "census reweighting needs 'weight_by' (the voter column)")
        }
        if let path = election.weightsPath, checksElectionFile {
            switch FileIdentity(path: path)?.kind {
            case nil: report("election.weights", "no such file '\(path)'")
            case .regular: break
            case .some(let kind): report("election.weights", "'\(path)' is \(kind.phrase), not a weights file")
            }
        }
        guard election.weightBy != nil, election.targets != nil, !hasUnreadable(under: "election.targets") else {
            return
        }
        do {
            _ = try election.voterWeighting()
        } catch {
            report("election.targets", error.description)
        }
    }
}
