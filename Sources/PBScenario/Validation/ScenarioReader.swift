import Foundation
internal import Yams

/// Walks a composed YAML tree and builds a ``Scenario``, reporting every structural problem (unknown
/// keys, missing fields, wrong types, unknown choices) with the line of the node at fault.
///
/// Value ranges and cross-references are checked afterwards by ``ScenarioValidator`` on the values
/// read here, with the lines recorded in ``map``. Where a value cannot be read the scenario holds a
/// placeholder and the path is marked unreadable, so the validator does not report it twice.
final class ScenarioReader {
    /// The scenario file as named to the loader.
    let file: String

    /// The structural problems found so far, in the order found.
    private(set) var issues: [ScenarioIssue] = []

    /// The line of every field read, and the unreadable paths (written by the value readers of
    /// `ScenarioReader+Values.swift` too).
    var map = SourceMap()

    /// Whether the file has an `election` block (which changes what other fields are allowed).
    private var hasElection = false

    init(file: String) {
        self.file = file
    }

    // MARK: - Scenario

    func read(_ root: Node) -> Scenario {
        map.lines[""] = root.mark?.line
        let keys = [
            "name", "currency", "seed", "runs", "budget", "domains", "districts", "population", "proposals",
            "regimes", "election",
        ]
        let fields = self.fields(root, "", allowed: keys, what: "a mapping of scenario fields")
        hasElection = fields?["election"] != nil

        let election = field(fields, "election", required: false, readElection)
        let name = field(fields, "name", text) ?? ""
        let currency = field(fields, "currency", text) ?? ""
        let seed = field(fields, "seed", required: false, unsignedInteger) ?? Scenario.defaultSeed
        let runs = field(fields, "runs", required: false, integer) ?? Scenario.defaultRuns
        let budget = field(fields, "budget", readBudget) ?? Scenario.Budget(total: 0)
        let domains =
            field(fields, "domains", required: !hasElection) { node, path in
                self.list(node, path) { node, path in self.text(node, path).map(Scenario.DomainID.init) }
            } ?? []
        let districts =
            field(fields, "districts", required: false) { node, path in
                self.list(node, path) { node, path in self.text(node, path).map(Scenario.DistrictID.init) }
            } ?? []
        let population =
            field(fields, "population", required: !hasElection) { node, path in
                self.list(node, path, self.readGroup)
            } ?? []
        let proposals =
            field(fields, "proposals", required: !hasElection) { node, path in
                self.list(node, path, self.readProposal)
            } ?? []
        let regimes = field(fields, "regimes", readRegimes) ?? Self.placeholderRegimes

        return Scenario(
            name: name, currency: currency, seed: seed, runs: runs, budget: budget, domains: domains,
            districts: districts, population: population, proposals: proposals, regimes: regimes,
            election: election)
    }

    private static let placeholderRegimes = Scenario.Regimes(
        serviceLed: .init(informationNoise: 0, rule: .greedy),
        coProduced: .init(perceptionNoise: 0, ballot: .cardinal, rule: .greedy))

    // MARK: - Budget

    private func readBudget(_ node: Node, _ path: String) -> Scenario.Budget? {
        guard let fields = fields(node, path, allowed: ["total", "envelopes", "saturation", "overrun"]) else {
            return nil
        }
        let total = field(fields, "total", number) ?? 0
        let envelopes =
            field(fields, "envelopes", required: false) { node, path in
                self.list(node, path, self.readEnvelope)
            } ?? []
        let saturation =
            field(fields, "saturation", required: false, numberMap).map { entries in
                Dictionary(entries.map { (Scenario.DomainID(rawValue: $0.key), $0.value) }) { first, _ in first }
            } ?? [:]
        let overrun = field(fields, "overrun", required: false, choice) ?? Scenario.Overrun.absorb
        return Scenario.Budget(total: total, envelopes: envelopes, saturation: saturation, overrun: overrun)
    }

    private func readEnvelope(_ node: Node, _ path: String) -> Scenario.Envelope? {
        guard let fields = fields(node, path, allowed: ["district", "domain", "min", "max"]) else { return nil }
        let district = field(fields, "district", required: false, text)
        let domain = field(fields, "domain", required: false, text)
        let target: Scenario.EnvelopeTarget
        switch (district, domain) {
        case (let district?, nil):
            target = .district(.init(rawValue: district))
        case (nil, let domain?):
            target = .domain(.init(rawValue: domain))
        case (.some, .some):
            report(
                path, fields.node,
                "an envelope is for one district or one domain: give 'district' or 'domain', not both")
            map.unreadable.insert(FieldPath.child(path, "district"))
            target = .district("")
        case (nil, nil):
            if fields["district"] == nil && fields["domain"] == nil {
                report(path, fields.node, "missing field 'district' or 'domain'")
            }
            map.unreadable.insert(FieldPath.child(path, "district"))
            target = .district("")
        }
        let min = field(fields, "min", required: false, number)
        let max = field(fields, "max", required: false, number)
        return Scenario.Envelope(target: target, min: min, max: max)
    }

    // MARK: - Population and proposals

    private func readGroup(_ node: Node, _ path: String) -> Scenario.Group? {
        let keys = ["id", "district", "size", "needs", "participation", "visibility", "seldom_heard"]
        guard let fields = fields(node, path, allowed: keys) else { return nil }
        let needs = field(fields, "needs", numberMap) ?? []
        return Scenario.Group(
            id: .init(rawValue: field(fields, "id", text) ?? ""),
            district: field(fields, "district", required: false, text).map(Scenario.DistrictID.init),
            size: field(fields, "size", integer) ?? 0,
            needs: Dictionary(needs.map { (Scenario.DomainID(rawValue: $0.key), $0.value) }) { first, _ in first },
            participation: field(fields, "participation", number) ?? 0,
            visibility: field(fields, "visibility", number) ?? 1,
            seldomHeard: field(fields, "seldom_heard", required: false, boolean))
    }

    private func readProposal(_ node: Node, _ path: String) -> Scenario.Proposal? {
        let keys = [
            "id", "title", "cost", "cost_sigma", "district", "effects", "reach", "origin", "delivery", "in_kind",
            "appropriateness", "delivery_risk",
        ]
        guard let fields = fields(node, path, allowed: keys) else { return nil }
        let effects = field(fields, "effects", numberMap) ?? []
        let reach = field(fields, "reach", required: false, numberMap) ?? []
        return Scenario.Proposal(
            id: .init(rawValue: field(fields, "id", text) ?? ""),
            title: field(fields, "title", text) ?? "",
            cost: field(fields, "cost", number) ?? 0,
            costSigma: field(fields, "cost_sigma", required: false, number) ?? 0,
            district: field(fields, "district", required: false, text).map(Scenario.DistrictID.init),
            effects: Dictionary(effects.map { (Scenario.DomainID(rawValue: $0.key), $0.value) }) { first, _ in first },
            reach: Dictionary(reach.map { (Scenario.GroupID(rawValue: $0.key), $0.value) }) { first, _ in first },
            origin: field(fields, "origin", choice) ?? .service,
            delivery: field(fields, "delivery", choice) ?? .service,
            inKind: field(fields, "in_kind", required: false, number) ?? 0,
            appropriateness: field(fields, "appropriateness", required: false, number) ?? 1,
            deliveryRisk: field(fields, "delivery_risk", required: false, number) ?? 0)
    }

    // MARK: - Regimes

    private func readRegimes(_ node: Node, _ path: String) -> Scenario.Regimes? {
        let keys = ["service-led", "co-produced", "panel", "blend", "split"]
        guard let fields = fields(node, path, allowed: keys) else { return nil }
        let serviceLed = field(fields, "service-led") { node, path -> Scenario.ServiceLedRegime? in
            let keys = [
                "information_noise", "rule", "effect_noise", "sees_appropriateness", "discovery", "discounts_risk",
            ]
            guard let fields = self.fields(node, path, allowed: keys) else { return nil }
            return Scenario.ServiceLedRegime(
                informationNoise: self.field(fields, "information_noise", self.number) ?? 0,
                rule: self.field(fields, "rule", self.choice) ?? .greedy,
                effectNoise: self.field(fields, "effect_noise", required: false, self.number) ?? 0,
                seesAppropriateness: self.field(fields, "sees_appropriateness", required: false, self.boolean) ?? true,
                discovery: self.field(fields, "discovery", required: false, self.number) ?? 1,
                discountsRisk: self.field(fields, "discounts_risk", required: false, self.boolean) ?? true)
        }
        let coProduced = field(fields, "co-produced", readCoProduced)
        let panel = field(fields, "panel", required: false) { node, path -> Scenario.PanelRegime? in
            let keys = ["size", "sampling", "deliberation", "discounts_risk", "process_cost"]
            guard let fields = self.fields(node, path, allowed: keys) else { return nil }
            return Scenario.PanelRegime(
                size: self.field(fields, "size", self.integer) ?? 1,
                sampling: self.field(fields, "sampling", self.choice) ?? .random,
                deliberation: self.field(fields, "deliberation", required: false, self.number) ?? 0,
                discountsRisk: self.field(fields, "discounts_risk", required: false, self.boolean) ?? true,
                processCost: self.field(fields, "process_cost", required: false, self.number) ?? 0)
        }
        let blend = field(fields, "blend", required: false) { node, path -> Scenario.BlendRegime? in
            guard let fields = self.fields(node, path, allowed: ["lambdas"]) else { return nil }
            let lambdas = self.field(fields, "lambdas") { node, path in self.list(node, path, self.number) }
            return Scenario.BlendRegime(lambdas: lambdas ?? [])
        }
        let split = field(fields, "split", required: false) { node, path -> Scenario.SplitRegime? in
            guard let fields = self.fields(node, path, allowed: ["shares", "leftover"]) else { return nil }
            let shares = self.field(fields, "shares") { node, path in self.list(node, path, self.number) }
            return Scenario.SplitRegime(
                shares: shares ?? [],
                leftover: self.field(fields, "leftover", required: false, self.choice) ?? .unspent)
        }
        return Scenario.Regimes(
            serviceLed: serviceLed ?? Self.placeholderRegimes.serviceLed,
            coProduced: coProduced ?? Self.placeholderRegimes.coProduced,
            panel: panel, blend: blend, split: split)
    }

    private func readCoProduced(_ node: Node, _ path: String) -> Scenario.CoProducedRegime? {
        let ballotKeys = [
            "perception_noise", "ballot", "threshold", "top", "points", "electorate", "shared_noise", "effect_noise",
            "weighting", "outreach", "discounts_risk", "process_cost",
        ]
        guard let fields = fields(node, path, allowed: ballotKeys + ["rule"]) else { return nil }
        let namedRule: Scenario.CoProducedRule? = field(fields, "rule", required: false, choice)
        if hasElection {
            // NB: with an election the real ballots are used, so nothing about simulated ballots applies.
            for key in ballotKeys {
                if let entry = fields.entries[key] {
                    report(
                        FieldPath.child(path, key), entry.key,
                        key == "weighting"
                            ? "not used with an election: weight its voters under election: with weight_by and "
                                + "targets (census shares) or weights (a file)"
                            : "not used with an election: the real ballots of the .pb file are used")
                }
            }
            return Scenario.CoProducedRegime(
                perceptionNoise: 0, ballot: .cardinal, rule: namedRule ?? .mesAdd1Greedy)
        }
        let perceptionNoise = field(fields, "perception_noise", number) ?? 0
        let kind = field(fields, "ballot") { node, path in
            self.oneOf(["approval", "cumulative", "cardinal"], node, path)
        }
        let threshold = field(fields, "threshold", required: false, number)
        let top = field(fields, "top", required: false, integer)
        let points = field(fields, "points", required: false, integer)
        let electorate = field(fields, "electorate", required: false, integer)
        let sharedNoise = field(fields, "shared_noise", required: false, number) ?? 0
        let effectNoise = field(fields, "effect_noise", required: false, number) ?? 0
        let weighting = field(fields, "weighting", required: false, choice) ?? Scenario.Weighting.none
        let outreach = field(fields, "outreach", required: false, readOutreach)
        let discountsRisk = field(fields, "discounts_risk", required: false, boolean) ?? true
        let processCost = field(fields, "process_cost", required: false, number) ?? 0

        // Companion keys that do not belong to the chosen ballot.
        func misplaced(_ key: String, _ ballot: String) {
            if let entry = fields.entries[key] {
                report(FieldPath.child(path, key), entry.key, "'\(key)' applies to \(ballot) ballots only")
            }
        }
        var ballot = Scenario.Ballot.cardinal
        switch kind {
        case "approval":
            misplaced("points", "cumulative")
            let hasThreshold = fields.entries["threshold"] != nil
            let hasTop = fields.entries["top"] != nil
            if hasThreshold && hasTop {
                report(path, fields.node, "approval ballots take 'threshold' or 'top', not both")
            } else if !hasThreshold && !hasTop {
                report(
                    path, fields.node,
                    "approval ballots need 'threshold' (approve every proposal worth at least that much) "
                        + "or 'top' (approve the best m)")
            }
            if let threshold {
                ballot = .approval(.threshold(threshold))
            } else if let top {
                ballot = .approval(.top(top))
            } else {
                map.unreadable.insert(FieldPath.child(path, "ballot"))
            }
        case "cumulative":
            misplaced("threshold", "approval")
            misplaced("top", "approval")
            ballot = .cumulative(
                points: points ?? (fields.entries["points"] == nil ? Scenario.Ballot.defaultPoints : 1))
        case "cardinal":
            misplaced("threshold", "approval")
            misplaced("top", "approval")
            misplaced("points", "cumulative")
        default:
            break
        }
        return Scenario.CoProducedRegime(
            perceptionNoise: perceptionNoise, ballot: ballot, rule: namedRule ?? .defaultRule(for: ballot),
            electorate: electorate, sharedNoise: sharedNoise, effectNoise: effectNoise, weighting: weighting,
            outreach: outreach, discountsRisk: discountsRisk, processCost: processCost)
    }

    private func readOutreach(_ node: Node, _ path: String) -> Scenario.Outreach? {
        guard let fields = fields(node, path, allowed: ["cost", "participation"]) else { return nil }
        let rates = field(fields, "participation", numberMap) ?? []
        return Scenario.Outreach(
            cost: field(fields, "cost", number) ?? 0,
            participation: Dictionary(rates.map { (Scenario.GroupID(rawValue: $0.key), $0.value) }) { first, _ in first
            })
    }

    // MARK: - Election

    private func readElection(_ node: Node, _ path: String) -> Scenario.Election? {
        guard let fields = fields(node, path, allowed: ["file", "needs", "weights", "weight_by", "targets"]) else {
            return nil
        }
        let file = field(fields, "file", text) ?? ""
        let needs = field(fields, "needs", numberMap) ?? []
        let weights = field(fields, "weights", required: false, text)
        let weightBy = field(fields, "weight_by", required: false, text)
        let targets = field(fields, "targets", required: false, numberMap)
        return Scenario.Election(
            file: file, path: Self.resolve(file, relativeTo: self.file),
            needs: Dictionary(needs.map { ($0.key, $0.value) }) { first, _ in first }, weights: weights,
            weightsPath: weights.map { Self.resolve($0, relativeTo: self.file) }, weightBy: weightBy,
            targets: targets.map { Dictionary($0.map { ($0.key, $0.value) }) { first, _ in first } })
    }

    /// `path` resolved against the folder of `scenarioFile`, kept relative when both are relative.
    static func resolve(_ path: String, relativeTo scenarioFile: String) -> String {
        guard !path.isEmpty, !path.hasPrefix("/") else { return path }
        let folder = (scenarioFile as NSString).deletingLastPathComponent
        return folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
    }

    // MARK: - Reporting

    func report(_ path: String, _ node: Node?, _ message: String) {
        issues.append(ScenarioIssue(file: file, line: node?.mark?.line, path: path, message: message))
    }

    /// Reports a value of the wrong type and marks its path unreadable.
    func mismatch<T>(_ node: Node, _ path: String, expected: String) -> T? {
        report(path, node, "expected \(expected), got \(YAMLNodes.describe(node))")
        map.unreadable.insert(path)
        return nil
    }
}
