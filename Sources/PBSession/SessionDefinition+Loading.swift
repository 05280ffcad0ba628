import Foundation
import PBCheck
import PBModel
public import PBRules
import PBScenario
import PBWorkbench

extension SessionDefinition {
    /// The rule a session counts with unless told otherwise: the Method of Equal Shares as cities run
    /// it (Add1, then greedy completion).
    public static let defaultRule = RuleName.mesCostAdd1Greedy

    /// Reads a session's proposals and budget from a scenario (`.yaml`) or a real election (`.pb`).
    ///
    /// A scenario's proposals give the title, cost, district and, as what the proposal does, its
    /// domains and who delivers it; a scenario on a real election (`election:`) and a `.pb` file give
    /// the file's projects (`name`, and `district`, `category` and `target` where present).
    ///
    /// - Parameters:
    ///   - path: The source file.
    ///   - format: The ballot format (checked against the projects).
    ///   - rule: The counting rule (it must apply to the format's vote type).
    ///   - country: The country for the export's `country` (a pabulib country name); by default the
    ///     `.pb` file's.
    /// - Returns: The definition.
    /// - Throws: ``SessionError/invalid(_:)`` naming the file or option at fault.
    public static func load(path: String, format: BallotFormat, rule: RuleName = defaultRule, country: String? = nil)
        throws(SessionError) -> SessionDefinition
    {
        let lower = path.lowercased()
        var definition: SessionDefinition
        if lower.hasSuffix(".pb") {
            let input: ElectionInput
            do {
                input = try ElectionInput.load(path: path)
            } catch {
                throw .invalid(error.description)
            }
            definition = fromElection(input.election, path: path, format: format, rule: rule)
        } else if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
            let input: ScenarioInput
            do {
                input = try ScenarioInput.load(path: path)
            } catch {
                throw .invalid(error.description)
            }
            definition = try fromScenario(input, path: path, format: format, rule: rule)
        } else {
            throw .invalid("\(path): expected a scenario (.yaml) or an election (.pb)")
        }
        if let country { definition.country = country }
        guard !definition.country.isEmpty else {
            throw .invalid(
                "\(path): the source names no country; give --country (a country's name, e.g. 'United Kingdom') "
                    + "for the exported .pb file")
        }
        guard ISOCodes.shared.isCountry(definition.country) else {
            throw .invalid("--country: '\(definition.country)' is not a country name pabulib knows (e.g. 'Poland')")
        }
        guard ISOCodes.shared.isCurrency(definition.currency) else {
            throw .invalid("\(path): the currency '\(definition.currency)' is not an ISO 4217 code (e.g. GBP)")
        }
        guard !definition.projects.isEmpty else { throw .invalid("\(path): no projects to vote on") }
        try format.check(projectCount: definition.projects.count)
        guard rule.voteTypes.contains(where: { $0.rawValue == format.voteType.rawValue }) else {
            throw .invalid("--rule: \(rule.rawValue) does not count \(format.voteType.rawValue) ballots")
        }
        return definition
    }

    static func fromElection(_ election: Election, path: String, format: BallotFormat, rule: RuleName)
        -> SessionDefinition
    {
        let projects = election.projects.indices.map { p -> SessionProject in
            let field = { (name: String) -> String? in
                election.projectField(name, of: p).flatMap { $0.isEmpty || $0 == "None" ? nil : $0 }
            }
            let about = [field("category"), field("target").map { "for \($0)" }].compactMap { $0 }
            return SessionProject(
                id: election.projects[p].id, title: field("name") ?? election.projects[p].id,
                cost: election.projects[p].cost, district: field("district") ?? field("subunit"),
                description: field("description") ?? about.joined(separator: "; "))
        }
        return SessionDefinition(
            name: election.metaValue("description") ?? (path as NSString).lastPathComponent, source: path,
            sourceKind: .election, currency: election.metaValue("currency") ?? "PLN",
            country: election.metaValue("country") ?? "", budget: election.budget, projects: projects,
            format: format, rule: rule)
    }

    static func fromScenario(_ input: ScenarioInput, path: String, format: BallotFormat, rule: RuleName)
        throws(SessionError) -> SessionDefinition
    {
        let scenario = input.scenario
        if let election = input.election {
            var definition = fromElection(election, path: path, format: format, rule: rule)
            definition.name = scenario.name
            definition.sourceKind = .scenario
            return definition
        }
        var projects: [SessionProject] = []
        for proposal in scenario.proposals {
            guard let cost = try? Amount(parsing: String(format: "%.2f", proposal.cost)) else {
                throw .invalid("\(path): proposal \(proposal.id): the cost \(proposal.cost) is not an amount")
            }
            let domains = proposal.effects.keys.sorted().map { $0.rawValue.replacingOccurrences(of: "-", with: " ") }
            var about = domains.isEmpty ? "" : "For \(domains.joined(separator: ", "))"
            about += about.isEmpty ? "" : "; "
            let delivery =
                switch proposal.delivery {
                case .service: "delivered by the council's services"
                case .coDelivered: "delivered by the services with the people who use it"
                case .communityLed: "delivered by the community"
                }
            about += delivery
            about += proposal.origin == .community ? ", proposed by residents." : ", proposed by the council."
            projects.append(
                SessionProject(
                    id: proposal.id.rawValue, title: proposal.title, cost: cost,
                    district: proposal.district?.rawValue, description: about))
        }
        guard let budget = try? Amount(parsing: String(format: "%.2f", scenario.budget.total)) else {
            throw .invalid("\(path): the budget \(scenario.budget.total) is not an amount")
        }
        return SessionDefinition(
            name: scenario.name, source: path, sourceKind: .scenario, currency: scenario.currency, country: "",
            budget: budget, projects: projects, format: format, rule: rule)
    }
}
