import Foundation

/// Checks the values of a scenario: ranges, references between its parts, unique ids, and that the
/// budget can fund something.
///
/// It runs on a decoded ``Scenario``, so the same checks apply to a scenario read from YAML (with
/// lines from the ``SourceMap``), decoded from JSON, or built in code (without lines).
struct ScenarioValidator {
    let scenario: Scenario
    let file: String
    let map: SourceMap
    let checksElectionFile: Bool
    private(set) var issues: [ScenarioIssue] = []

    init(scenario: Scenario, file: String, map: SourceMap = SourceMap(), checksElectionFile: Bool = true) {
        self.scenario = scenario
        self.file = file
        self.map = map
        self.checksElectionFile = checksElectionFile
    }

    /// Runs every check and returns the problems found.
    mutating func validate() -> [ScenarioIssue] {
        checkHeader()
        checkIdentifiers()
        checkBudget()
        checkPopulation()
        checkProposals()
        checkFunding()
        checkEnvelopeReach()
        checkRegimes()
        checkElection()
        return issues
    }

    // MARK: - Reporting

    private mutating func report(_ path: String, _ message: String) {
        guard !map.isUnreadable(path) else { return }
        issues.append(ScenarioIssue(file: file, line: map.line(for: path), path: path, message: message))
    }

    /// ` (first at line N)` when the line of `path` is known.
    private func firstAt(_ path: String) -> String {
        map.lines[path].map { " (first at line \($0))" } ?? ""
    }

    /// Formats an amount or a rate for a message: `240000`, `0.15`.
    static func format(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    private var domainNames: [String] { scenario.domains.map(\.rawValue) }
    private var districtNames: [String] { scenario.districts.map(\.rawValue) }
    private var groupNames: [String] { scenario.population.map(\.id.rawValue) }

    /// Whether a list's ids could all be read; if not, references to it are not checked.
    private func idsReadable(_ list: String, idField: String?) -> Bool {
        !map.anyUnreadable { path in
            if path == list { return true }
            guard path.hasPrefix(list + "[") else { return false }
            guard let idField else { return true }
            return path.hasSuffix("]") || path.hasSuffix("." + idField)
        }
    }

    /// Whether some field inside `path` could not be read (so an empty map may only look empty).
    private func hasUnreadable(under path: String) -> Bool {
        map.anyUnreadable { $0.hasPrefix(path + ".") }
    }

    // MARK: - Header and identifiers

    private mutating func checkHeader() {
        if scenario.name.trimmingCharacters(in: .whitespaces).isEmpty {
            report("name", "must not be empty")
        }
        let currency = scenario.currency
        if currency.count != 3 || !currency.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            report("currency", "expected a three-letter currency code such as 'GBP' or 'EUR', got '\(currency)'")
        }
        if scenario.runs < 1 {
            report("runs", "must be at least 1, got \(scenario.runs)")
        }
    }

    private mutating func checkIdentifiers() {
        if scenario.election == nil && scenario.domains.isEmpty {
            report("domains", "must list at least one domain")
        }
        checkUnique(scenario.domains.map(\.rawValue), list: "domains", idField: nil, kind: "domain")
        checkUnique(scenario.districts.map(\.rawValue), list: "districts", idField: nil, kind: "district")
        checkUnique(scenario.population.map(\.id.rawValue), list: "population", idField: "id", kind: "group id")
        checkUnique(scenario.proposals.map(\.id.rawValue), list: "proposals", idField: "id", kind: "proposal id")
    }

    /// Reports empty ids and every repeat of an id, at the repeat.
    private mutating func checkUnique(_ ids: [String], list: String, idField: String?, kind: String) {
        var firstIndex: [String: Int] = [:]
        for (index, id) in ids.enumerated() {
            var path = FieldPath.element(list, index)
            if let idField { path = FieldPath.child(path, idField) }
            if id.trimmingCharacters(in: .whitespaces).isEmpty {
                report(path, "must not be empty")
            } else if let first = firstIndex[id] {
                var firstPath = FieldPath.element(list, first)
                if let idField { firstPath = FieldPath.child(firstPath, idField) }
                report(path, "duplicate \(kind) '\(id)'" + firstAt(firstPath))
            } else {
                firstIndex[id] = index
            }
        }
    }

    /// Reports a reference to a domain that the scenario does not declare.
    private mutating func checkDomain(_ domain: Scenario.DomainID, at path: String) {
        guard !scenario.domains.contains(domain), idsReadable("domains", idField: nil) else { return }
        report(path, "unknown domain '\(domain)'" + Suggestion.hint(for: domain.rawValue, in: domainNames))
    }

    /// Reports a reference to a district that the scenario does not declare.
    private mutating func checkDistrict(_ district: Scenario.DistrictID, at path: String) {
        guard !scenario.districts.contains(district), idsReadable("districts", idField: nil) else { return }
        let hint =
            scenario.districts.isEmpty
            ? " (the scenario declares no districts)"
            : Suggestion.hint(for: district.rawValue, in: districtNames)
        report(path, "unknown district '\(district)'" + hint)
    }

    /// Reports a reference to a group that the scenario does not declare.
    private mutating func checkGroup(_ group: Scenario.GroupID, at path: String) {
        guard !scenario.population.contains(where: { $0.id == group }), idsReadable("population", idField: "id")
        else { return }
        report(path, "unknown group '\(group)'" + Suggestion.hint(for: group.rawValue, in: groupNames))
    }

    // MARK: - Ranges

    private mutating func checkPositive(_ value: Double, at path: String) {
        if !(value > 0) { report(path, "must be greater than 0, got \(Self.format(value))") }
    }

    private mutating func checkNonNegative(_ value: Double, at path: String) {
        if !(value >= 0) { report(path, "must be at least 0, got \(Self.format(value))") }
    }

    private mutating func checkProbability(_ value: Double, at path: String) {
        if !(value >= 0 && value <= 1) { report(path, "must be between 0 and 1, got \(Self.format(value))") }
    }

    private mutating func checkAtLeastOne(_ value: Int, at path: String) {
        if value < 1 { report(path, "must be at least 1, got \(value)") }
    }

    // MARK: - Budget

    private mutating func checkBudget() {
        let budget = scenario.budget
        checkPositive(budget.total, at: "budget.total")

        var seen: [Scenario.EnvelopeTarget: Int] = [:]
        var districtMinimums = 0.0
        var domainMinimums = 0.0
        var minimumsReadable = !map.isUnreadable("budget.total")
        for (index, envelope) in budget.envelopes.enumerated() {
            let path = FieldPath.element("budget.envelopes", index)
            let targetPath: String
            switch envelope.target {
            case .district(let district):
                targetPath = FieldPath.child(path, "district")
                checkDistrict(district, at: targetPath)
                districtMinimums += envelope.min ?? 0
            case .domain(let domain):
                targetPath = FieldPath.child(path, "domain")
                checkDomain(domain, at: targetPath)
                domainMinimums += envelope.min ?? 0
            }
            if let first = seen[envelope.target], !map.isUnreadable(targetPath) {
                report(
                    path,
                    "a second envelope for the same \(Self.describe(envelope.target))"
                        + firstAt(FieldPath.element("budget.envelopes", first)))
            } else if !map.isUnreadable(targetPath) {
                seen[envelope.target] = index
            }
            if map.isUnreadable(FieldPath.child(path, "min")) || map.isUnreadable(path) { minimumsReadable = false }
            switch (envelope.min, envelope.max) {
            case (nil, nil):
                report(path, "an envelope needs 'min', 'max' or both")
            case (let min?, let max?):
                checkNonNegative(min, at: FieldPath.child(path, "min"))
                checkNonNegative(max, at: FieldPath.child(path, "max"))
                if min > max, !map.isUnreadable(FieldPath.child(path, "min")),
                    !map.isUnreadable(FieldPath.child(path, "max"))
                {
                    report(path, "min \(Self.format(min)) is greater than max \(Self.format(max))")
                }
            case (let min?, nil):
                checkNonNegative(min, at: FieldPath.child(path, "min"))
            case (nil, let max?):
                checkNonNegative(max, at: FieldPath.child(path, "max"))
            }
        }
        if minimumsReadable && budget.total > 0 {
            for (kind, sum) in [("district", districtMinimums), ("domain", domainMinimums)] where sum > budget.total {
                report(
                    "budget.envelopes",
                    "the \(kind) minimums add up to \(Self.format(sum)), more than the total budget of "
                        + Self.format(budget.total))
            }
        }

        for (domain, scale) in budget.saturation.sorted(by: { $0.key < $1.key }) {
            let path = FieldPath.child("budget.saturation", domain.rawValue)
            checkDomain(domain, at: path)
            checkPositive(scale, at: path)
        }
    }

    private static func describe(_ target: Scenario.EnvelopeTarget) -> String {
        switch target {
        case .district(let district): "district '\(district)'"
        case .domain(let domain): "domain '\(domain)'"
        }
    }

    // MARK: - Population

    private mutating func checkPopulation() {
        if scenario.election == nil && scenario.population.isEmpty {
            report("population", "must list at least one group")
        }
        for (index, group) in scenario.population.enumerated() {
            let path = FieldPath.element("population", index)
            if let district = group.district { checkDistrict(district, at: FieldPath.child(path, "district")) }
            checkAtLeastOne(group.size, at: FieldPath.child(path, "size"))
            let needsPath = FieldPath.child(path, "needs")
            for (domain, need) in group.needs.sorted(by: { $0.key < $1.key }) {
                let needPath = FieldPath.child(needsPath, domain.rawValue)
                checkDomain(domain, at: needPath)
                checkNonNegative(need, at: needPath)
            }
            if !group.needs.values.contains(where: { $0 > 0 }), !hasUnreadable(under: needsPath) {
                report(needsPath, "a group needs a need greater than 0 in at least one domain")
            }
            checkProbability(group.participation, at: FieldPath.child(path, "participation"))
            if !(group.visibility > 0 && group.visibility <= 1) {
                report(
                    FieldPath.child(path, "visibility"),
                    "must be greater than 0 and at most 1, got \(Self.format(group.visibility))")
            }
        }
    }

    // MARK: - Proposals

    private mutating func checkProposals() {
        if scenario.election == nil && scenario.proposals.isEmpty {
            report("proposals", "must list at least one proposal")
        }
        for (index, proposal) in scenario.proposals.enumerated() {
            let path = FieldPath.element("proposals", index)
            if proposal.title.trimmingCharacters(in: .whitespaces).isEmpty {
                report(FieldPath.child(path, "title"), "must not be empty")
            }
            checkPositive(proposal.cost, at: FieldPath.child(path, "cost"))
            checkNonNegative(proposal.costSigma, at: FieldPath.child(path, "cost_sigma"))
            if let district = proposal.district { checkDistrict(district, at: FieldPath.child(path, "district")) }
            let effectsPath = FieldPath.child(path, "effects")
            if proposal.effects.isEmpty, !hasUnreadable(under: effectsPath) {
                report(effectsPath, "must give the effectiveness in at least one domain")
            }
            for (domain, effect) in proposal.effects.sorted(by: { $0.key < $1.key }) {
                let effectPath = FieldPath.child(effectsPath, domain.rawValue)
                checkDomain(domain, at: effectPath)
                checkProbability(effect, at: effectPath)
            }
            for (group, reach) in proposal.reach.sorted(by: { $0.key < $1.key }) {
                let reachPath = FieldPath.child(FieldPath.child(path, "reach"), group.rawValue)
                checkGroup(group, at: reachPath)
                checkProbability(reach, at: reachPath)
            }
            let inKindPath = FieldPath.child(path, "in_kind")
            if !(proposal.inKind >= 0 && proposal.inKind < 1) {
                report(inKindPath, "must be at least 0 and less than 1, got \(Self.format(proposal.inKind))")
            } else if proposal.inKind > 0 && proposal.delivery == .service {
                report(
                    inKindPath,
                    "only co-delivered or community-led proposals can have an in-kind share (delivery is 'service')")
            }
            checkPositive(proposal.appropriateness, at: FieldPath.child(path, "appropriateness"))
        }
    }

    /// The budget must be able to fund at least one proposal on its own.
    private mutating func checkFunding() {
        let total = scenario.budget.total
        guard total > 0, !scenario.proposals.isEmpty, !map.isUnreadable("budget.total") else { return }
        for index in scenario.proposals.indices {
            let path = FieldPath.element("proposals", index)
            for field in ["cost", "in_kind"] where map.isUnreadable(FieldPath.child(path, field)) { return }
        }
        let cheapest = scenario.proposals.min { $0.effectiveCost < $1.effectiveCost }!
        guard cheapest.effectiveCost > total else { return }
        report(
            "budget.total",
            "the budget of \(Self.format(total)) cannot fund any proposal: the cheapest, '\(cheapest.id)', "
                + "has an effective cost of \(Self.format(cheapest.effectiveCost))")
    }

    /// A minimum that even funding every proposal could not meet makes every selection infeasible.
    ///
    /// A district's spend is that of the proposals located in it; a domain's is each proposal's
    /// effective cost times its ``Scenario/domainShares(of:)``.
    private mutating func checkEnvelopeReach() {
        guard scenario.election == nil, !scenario.proposals.isEmpty else { return }
        guard !map.isUnreadable("proposals"), !map.isUnreadable("domains") else { return }
        for index in scenario.proposals.indices {
            let path = FieldPath.element("proposals", index)
            for field in ["cost", "in_kind", "district", "effects"] where map.isUnreadable(FieldPath.child(path, field))
            {
                return
            }
            if hasUnreadable(under: FieldPath.child(path, "effects")) { return }
        }
        let domainIndex = scenario.domainIndex
        var domainSpend = [Double](repeating: 0, count: scenario.domains.count)
        for proposal in scenario.proposals {
            let shares = scenario.domainShares(of: proposal)
            for k in shares.indices { domainSpend[k] += proposal.effectiveCost * shares[k] }
        }
        for (index, envelope) in scenario.budget.envelopes.enumerated() {
            guard let min = envelope.min, min > 0 else { continue }
            let path = FieldPath.element("budget.envelopes", index)
            switch envelope.target {
            case .district(let district):
                guard scenario.districts.contains(district) else { continue }
                var spend = 0.0
                for proposal in scenario.proposals where proposal.district == district {
                    spend += proposal.effectiveCost
                }
                if spend < min {
                    report(
                        path,
                        "the minimum of \(Self.format(min)) for district '\(district)' cannot be met: the proposals "
                            + "located in it have an effective cost of \(Self.format(spend)) in all")
                }
            case .domain(let domain):
                guard let k = domainIndex[domain] else { continue }
                if domainSpend[k] < min {
                    report(
                        path,
                        "the minimum of \(Self.format(min)) for domain '\(domain)' cannot be met: funding every "
                            + "proposal would spend \(Self.format(domainSpend[k])) on it")
                }
            }
        }
    }

    // MARK: - Regimes

    private mutating func checkRegimes() {
        let regimes = scenario.regimes
        checkNonNegative(regimes.serviceLed.informationNoise, at: "regimes.service-led.information_noise")
        checkNonNegative(regimes.serviceLed.effectNoise, at: "regimes.service-led.effect_noise")

        let coProduced = "regimes.co-produced"
        checkNonNegative(regimes.coProduced.perceptionNoise, at: FieldPath.child(coProduced, "perception_noise"))
        checkNonNegative(regimes.coProduced.sharedNoise, at: FieldPath.child(coProduced, "shared_noise"))
        checkNonNegative(regimes.coProduced.effectNoise, at: FieldPath.child(coProduced, "effect_noise"))
        switch regimes.coProduced.ballot {
        case .approval(.threshold(let threshold)):
            checkNonNegative(threshold, at: FieldPath.child(coProduced, "threshold"))
        case .approval(.top(let top)):
            checkAtLeastOne(top, at: FieldPath.child(coProduced, "top"))
        case .cumulative(let points):
            checkAtLeastOne(points, at: FieldPath.child(coProduced, "points"))
        case .cardinal:
            break
        }
        if let electorate = regimes.coProduced.electorate {
            checkAtLeastOne(electorate, at: FieldPath.child(coProduced, "electorate"))
        }

        if let panel = regimes.panel {
            checkAtLeastOne(panel.size, at: "regimes.panel.size")
            if scenario.election != nil {
                report(
                    "regimes.panel",
                    "a citizens' panel is drawn from the population, which a scenario with an election does not have")
            }
        }
        if let blend = regimes.blend {
            if blend.lambdas.isEmpty { report("regimes.blend.lambdas", "must list at least one lambda") }
            for (index, lambda) in blend.lambdas.enumerated() {
                checkProbability(lambda, at: FieldPath.element("regimes.blend.lambdas", index))
            }
        }
        if let split = regimes.split {
            if split.shares.isEmpty { report("regimes.split.shares", "must list at least one share") }
            for (index, share) in split.shares.enumerated() {
                checkProbability(share, at: FieldPath.element("regimes.split.shares", index))
            }
            if scenario.election != nil {
                report(
                    "regimes.split",
                    "a two-pot split is simulated on a population's ballots, which a scenario with an election "
                        + "does not have")
            }
        }
    }

    // MARK: - Election

    private mutating func checkElection() {
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
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: election.path, isDirectory: &isDirectory)
                || isDirectory.boolValue
            {
                report("election.file", "no such file '\(election.path)'")
            }
        }
        if election.needs.isEmpty, !hasUnreadable(under: "election.needs") {
            report("election.needs", "must give the assessed need of at least one category or target group")
        }
        for (name, weight) in election.needs.sorted(by: { $0.key < $1.key }) {
            checkNonNegative(weight, at: FieldPath.child("election.needs", name))
        }
    }
}
