import Foundation
import PBModel
import PBSupport

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

    mutating func report(_ path: String, _ message: String) {
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
    func hasUnreadable(under path: String) -> Bool {
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
        check(scenario.runs, at: "runs", "runs")
    }

    private mutating func checkIdentifiers() {
        if scenario.election == nil && scenario.domains.isEmpty {
            report("domains", "must list at least one domain")
        }
        checkCount(scenario.domains.count, at: "domains", limit: FieldRange.maxNames, of: "domains")
        checkCount(scenario.districts.count, at: "districts", limit: FieldRange.maxNames, of: "districts")
        checkCount(scenario.population.count, at: "population", limit: FieldRange.maxGroups, of: "groups")
        checkCount(scenario.proposals.count, at: "proposals", limit: FieldRange.maxProposals, of: "proposals")
        if let lambdas = scenario.regimes.blend?.lambdas {
            checkCount(lambdas.count, at: "regimes.blend.lambdas", limit: FieldRange.maxLambdas, of: "lambdas")
        }
        let people = scenario.population.reduce(0.0) { $0 + Double($1.size) }
        if people > Double(FieldRange.maxPopulation) {
            report(
                "population",
                "the groups add up to \(Self.format(people)) people, more than the limit of "
                    + "\(FieldRange.maxPopulation) (one ballot per voter is held in memory)")
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
    mutating func checkGroup(_ group: Scenario.GroupID, at path: String) {
        guard !scenario.population.contains(where: { $0.id == group }), idsReadable("population", idField: "id")
        else { return }
        report(path, "unknown group '\(group)'" + Suggestion.hint(for: group.rawValue, in: groupNames))
    }

    // MARK: - Ranges

    /// Reports `value` when it is outside the range of `field` in ``FieldRange/table``.
    mutating func check(_ value: Double, at path: String, _ field: String) {
        let range = FieldRange.of(field)
        if !range.contains(value) { report(path, "must be \(range.phrase), got \(Self.format(value))") }
    }

    /// Reports `value` when it is outside the range of `field` in ``FieldRange/table``.
    mutating func check(_ value: Int, at path: String, _ field: String) {
        let range = FieldRange.of(field)
        if !range.contains(Double(value)) { report(path, "must be \(range.phrase), got \(value)") }
    }

    /// Reports a list longer than `limit`.
    private mutating func checkCount(_ count: Int, at path: String, limit: Int, of what: String) {
        if count > limit { report(path, "lists \(count) \(what), more than the limit of \(limit)") }
    }

    // MARK: - Budget

    private mutating func checkBudget() {
        let budget = scenario.budget
        check(budget.total, at: "budget.total", "budget.total")

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
                check(min, at: FieldPath.child(path, "min"), "budget.envelopes[].min")
                check(max, at: FieldPath.child(path, "max"), "budget.envelopes[].max")
                if min > max, !map.isUnreadable(FieldPath.child(path, "min")),
                    !map.isUnreadable(FieldPath.child(path, "max"))
                {
                    report(path, "min \(Self.format(min)) is greater than max \(Self.format(max))")
                }
            case (let min?, nil):
                check(min, at: FieldPath.child(path, "min"), "budget.envelopes[].min")
            case (nil, let max?):
                check(max, at: FieldPath.child(path, "max"), "budget.envelopes[].max")
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
            check(scale, at: path, "budget.saturation.<domain>")
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
            check(group.size, at: FieldPath.child(path, "size"), "population[].size")
            let needsPath = FieldPath.child(path, "needs")
            for (domain, need) in group.needs.sorted(by: { $0.key < $1.key }) {
                let needPath = FieldPath.child(needsPath, domain.rawValue)
                checkDomain(domain, at: needPath)
                check(need, at: needPath, "population[].needs.<domain>")
            }
            if !group.needs.values.contains(where: { $0 > 0 }), !hasUnreadable(under: needsPath) {
                report(needsPath, "a group needs a need greater than 0 in at least one domain")
            }
            check(group.participation, at: FieldPath.child(path, "participation"), "population[].participation")
            check(group.visibility, at: FieldPath.child(path, "visibility"), "population[].visibility")
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
            check(proposal.cost, at: FieldPath.child(path, "cost"), "proposals[].cost")
            check(proposal.costSigma, at: FieldPath.child(path, "cost_sigma"), "proposals[].cost_sigma")
            if let district = proposal.district { checkDistrict(district, at: FieldPath.child(path, "district")) }
            let effectsPath = FieldPath.child(path, "effects")
            if proposal.effects.isEmpty, !hasUnreadable(under: effectsPath) {
                report(effectsPath, "must give the effectiveness in at least one domain")
            }
            for (domain, effect) in proposal.effects.sorted(by: { $0.key < $1.key }) {
                let effectPath = FieldPath.child(effectsPath, domain.rawValue)
                checkDomain(domain, at: effectPath)
                check(effect, at: effectPath, "proposals[].effects.<domain>")
            }
            for (group, reach) in proposal.reach.sorted(by: { $0.key < $1.key }) {
                let reachPath = FieldPath.child(FieldPath.child(path, "reach"), group.rawValue)
                checkGroup(group, at: reachPath)
                check(reach, at: reachPath, "proposals[].reach.<group>")
            }
            let inKindPath = FieldPath.child(path, "in_kind")
            if !FieldRange.of("proposals[].in_kind").contains(proposal.inKind) {
                check(proposal.inKind, at: inKindPath, "proposals[].in_kind")
            } else if proposal.inKind > 0 && proposal.delivery == .service {
                report(
                    inKindPath,
                    "only co-delivered or community-led proposals can have an in-kind share (delivery is 'service')")
            }
            check(proposal.appropriateness, at: FieldPath.child(path, "appropriateness"), "proposals[].appropriateness")
            check(proposal.deliveryRisk, at: FieldPath.child(path, "delivery_risk"), "proposals[].delivery_risk")
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
}
