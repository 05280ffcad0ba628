import Foundation
import GSL
import PBModel
import PBRules
import PBScenario
import PBSupport

/// A real election (MODEL.md section 6): the proposals and ballots of a pabulib `.pb` file, with the
/// needs assessment of the scenario's `election.needs`.
///
/// There is no ground truth, so the regimes are compared on what can be observed:
///
/// - **co-produced**: the scenario's rule on the real ballots (the same in every run);
/// - **service-led**: each project's *assessed value* is its cost times the sum of the need weights
///   of its categories and target groups (`value_j = cost_j * (sum_{c in categories(j)} w_c +
///   sum_{t in targets(j)} w_t)`, names not in `needs` weighing 0): a need weight is the worth of a
///   unit of money spent on that need, and a project tagged with several needed categories or
///   groups meets each of them. Each run perturbs every weight with the information noise,
///   `w * exp(sigma_s * z - sigma_s^2 / 2)` (one `z` per name, names in sorted order), and the
///   service-led rule picks by value per cost (greedy) or maximises the total value (max-welfare);
/// - **blends**: as in simulated worlds, the normalised assessed value and co-produced score.
///
/// The metrics are voter satisfaction, voter exclusion (voters none of whose approved projects is
/// funded), EJR up to one project (approval ballots), budget use, and spend by category and by target
/// group against each one's share of the assessed need weights.
struct ElectionModel: Sendable {
    let election: Election
    /// The ballots for the rules, voters weighted as the scenario's `election` block says.
    let instance: RuleInstance
    /// What the weighting could not apply (voters weighing 1 for want of a value).
    let weightingWarnings: [String]
    /// The ballots for the measures: every voter counts once.
    let profile: BallotProfile
    let costs: [Double]
    let budget: Double
    let regimeIDs: [RegimeID]
    let selector: Selector
    let serviceRule: Scenario.ServiceLedRule
    let informationNoise: Double
    /// The needs' names in sorted order, and their weights.
    let needNames: [String]
    let needWeights: [Double]
    /// For each project, the indices into ``needNames`` of its categories and targets.
    let projectNeeds: [[Int]]
    /// The co-produced selection (ascending) and the ballots' score per project.
    let coProduced: [Int]
    let coProducedScores: [Double]
    let breakdowns: [SpendBreakdown]

    init(
        scenario: Scenario, spec: Scenario.Election, election: Election, file: String, sourceMap: SourceMap
    ) throws(SimulationError) {
        guard election.voteType != .ordinal else {
            throw .election(
                file: file, message: "\(spec.file): ordinal ballots are not supported by the simulator")
        }
        if !scenario.budget.envelopes.isEmpty {
            throw .unsupported(
                file: file, field: "budget.envelopes",
                message: "envelopes are not supported with an election (its projects have no districts or domains)")
        }
        self.election = election
        let base: RuleInstance
        do {
            base = try RuleInstance(election)
        } catch {
            throw .election(file: file, message: "\(spec.file): \(error.description)")
        }
        var unit = 1.0
        for _ in 0..<base.scale { unit *= 10 }
        let laidOut = RuleInstance(
            costs: base.costs, budget: Int64((scenario.budget.total * unit).rounded()), scale: base.scale,
            kind: base.kind, offsets: base.offsets, items: base.items, points: base.points,
            pointScale: base.pointScale, tieRank: base.tieRank)
        // The measures count every voter once; the co-produced rule (and score) counts weighted voters.
        profile = BallotProfile(laidOut)
        let weighting: VoterWeighting?
        do throws(VoterWeighting.TargetProblem) {
            weighting = try spec.voterWeighting()
        } catch {
            throw .election(file: file, message: "election.targets: \(error.description)")
        }
        if let weighting {
            let weighted: (instance: RuleInstance, warnings: [String])
            do throws(PabulibError) {
                weighted = try laidOut.weighted(by: weighting, of: election, file: spec.path)
            } catch {
                throw .election(file: file, message: error.description)
            }
            instance = weighted.instance
            weightingWarnings = weighted.warnings
        } else {
            instance = laidOut
            weightingWarnings = []
        }
        costs = election.projects.map { $0.cost.doubleValue }
        budget = scenario.budget.total
        serviceRule = scenario.regimes.serviceLed.rule
        informationNoise = scenario.regimes.serviceLed.informationNoise
        var ids: [RegimeID] = [.serviceLed, .coProduced]
        for lambda in scenario.regimes.blend?.lambdas ?? [] { ids.append(.blend(lambda)) }
        regimeIDs = ids
        selector = Selector(costs: costs, budget: budget, envelopes: [])

        // Categories and targets, as the .pb file lists them.
        let categories = (0..<election.projects.count).map { Self.names(election.projectField("category", of: $0)) }
        let targets = (0..<election.projects.count).map { Self.names(election.projectField("target", of: $0)) }
        let categoryLabels = Self.firstAppearance(categories)
        let targetLabels = Self.firstAppearance(targets)
        let known = Set(categoryLabels).union(targetLabels)
        let unknown = spec.needs.keys.filter { !known.contains($0) }.sorted()
        if !unknown.isEmpty {
            let candidates = categoryLabels + targetLabels.filter { !categoryLabels.contains($0) }
            throw .unknownNeeds(
                unknown.map { name in
                    let line = sourceMap.line(for: "election.needs.\(name)").map { ":\($0)" } ?? ""
                    let hint = Suggestion.hint(for: name, in: candidates)
                    return "\(file)\(line): election.needs.\(name): unknown category or target group '\(name)' "
                        + "in \(spec.file)\(hint)"
                })
        }
        needNames = spec.needs.keys.sorted()
        needWeights = needNames.map { spec.needs[$0] ?? 0 }
        let nameIndex = Dictionary(uniqueKeysWithValues: needNames.enumerated().map { ($0.element, $0.offset) })
        projectNeeds = election.projects.indices.map { j in
            (categories[j] + targets[j]).compactMap { nameIndex[$0] }
        }

        // The co-produced outcome on the real ballots.
        let rule = try scenario.regimes.coProduced.rule.ruleName(
            for: instance.kind, ballot: election.voteType.rawValue, file: file)
        let satisfaction: Satisfaction = instance.kind == .approval ? .cost : .points
        let totals = instance.totalSatisfaction(satisfaction)
        var unitPoints = 1.0
        for _ in 0..<(instance.kind == .approval ? instance.scale : instance.pointScale) { unitPoints *= 10 }
        coProducedScores = totals.map { Double($0) / unitPoints }
        if let rule {
            coProduced = selector.constrain(WorldEngine.priority(rule: rule, instance: instance))
        } else {
            guard let best = selector.maximum(values: coProducedScores) else { throw .infeasible(file: file) }
            coProduced = best
        }

        // Spend by category and by target, against the assessed need.
        func breakdown(_ name: String, _ labels: [String], _ lists: [[String]]) -> SpendBreakdown {
            let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($0.element, $0.offset) })
            let attribution = lists.map { list -> [Double] in
                var row = [Double](repeating: 0, count: labels.count)
                for label in list { row[index[label]!] += 1 / Double(list.count) }
                return row
            }
            return SpendBreakdown(
                name: name, labels: labels,
                needShares: World.normalized(labels.map { spec.needs[$0] ?? 0 }),
                unattributedLabel: "none listed", attribution: attribution)
        }
        breakdowns = [
            breakdown("category", categoryLabels, categories), breakdown("target", targetLabels, targets),
        ]
    }

    /// The comma-separated names of a `category` or `target` cell (`None` and empty cells list none).
    static func names(_ cell: String?) -> [String] {
        guard let cell else { return [] }
        var seen = Set<String>()
        return cell.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0 != "None" && seen.insert($0).inserted }
    }

    /// The distinct names of the lists, in order of first appearance.
    static func firstAppearance(_ lists: [[String]]) -> [String] {
        var seen = Set<String>()
        var labels: [String] = []
        for list in lists {
            for name in list where seen.insert(name).inserted { labels.append(name) }
        }
        return labels
    }
}

/// Runs a real election, one run at a time.
struct ElectionEngine {
    let model: ElectionModel

    /// Runs one run: only the service-led assessment (and so the blends) is random.
    func run(_ r: Int, seed: UInt64) -> RunOutcome {
        let random = RandomSource(seed: seed, stream: UInt64(r))
        let sigma = model.informationNoise
        let halfVariance = sigma * sigma / 2
        let weights = model.needWeights.map { $0 * exp(sigma * random.gaussian() - halfVariance) }
        let values = model.projectNeeds.indices.map { j in
            var sum = 0.0
            for n in model.projectNeeds[j] { sum += weights[n] }
            return model.costs[j] * sum
        }
        var records: [RegimeRun] = []
        for regime in model.regimeIDs {
            let selection: [Int]
            switch regime {
            case .serviceLed:
                switch model.serviceRule {
                case .greedy: selection = model.selector.greedy(scores: values)
                case .maxWelfare: selection = model.selector.maximum(values: values) ?? []
                }
            case .coProduced:
                selection = model.coProduced
            case .blend(let lambda):
                selection = model.selector.greedy(
                    scores: WorldEngine.blend(service: values, coProduced: model.coProducedScores, lambda: lambda))
            case .panel, .split, .optimum:
                selection = []
            }
            records.append(measure(selection))
        }
        return RunOutcome(run: r, regimes: records, voters: model.instance.voterCount)
    }

    /// The observable metrics of one selection.
    func measure(_ selection: [Int]) -> RegimeRun {
        var planned = 0.0
        for j in selection { planned += model.costs[j] }
        var values: [Metric: Double] = [
            .budgetUse: planned / model.budget,
            .unspent: 1 - planned / model.budget,
            .satisfaction: model.profile.satisfaction(of: selection),
            .exclusion: model.profile.exclusion(of: selection),
        ]
        var ejr: EJRCheck.Verdict?
        if model.profile.kind == .approval {
            let verdict = EJRCheck.check(model.profile, selection: selection)
            values[.ejr] = verdict.indicator
            ejr = verdict
        }
        var shares: [[Double]] = []
        var divergence: [Double] = []
        for breakdown in model.breakdowns {
            let measured = breakdown.measure(selection: selection, costs: model.costs)
            shares.append(measured.shares)
            divergence.append(measured.divergence)
        }
        return RegimeRun(
            selection: selection, values: values, coverageByGroup: [], spendShares: shares,
            divergence: divergence, ejr: ejr)
    }
}
