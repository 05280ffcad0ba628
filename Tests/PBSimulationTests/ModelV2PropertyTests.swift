import Foundation
import GSL
import PBRules
import PBScenario
import Testing

@testable import PBSimulation

/// The properties of MODEL.md v2 section 7 that the v1 tests did not cover: symmetry at every group
/// size (P1), the split's endpoints (P3), monotone knowledge (P4), order-free output (P6) and one
/// information model for `simulate` and `allocate` (P8); and the v2 measures.
@Suite struct ModelV2PropertyTests {
    // MARK: - P1 symmetry

    /// A world where proposals work in several domains and groups have `size` members each, with
    /// knowledge noise `sigma` on needs and `effect` on effects for both processes, in law the same:
    /// officers' `information_noise`, residents' `shared_noise`, no perception noise, cardinal ballots,
    /// full visibility and turnout.
    static func symmetricScenario(size: Int, rule: Scenario.ServiceLedRule, sigma: Double, effect: Double)
        throws -> Scenario
    {
        let domains = (1...4).map { "d\($0)" }
        let needs: [[Double]] = [
            [0.9, 0.1, 0.4, 0.0], [0.2, 0.8, 0.1, 0.5], [0.5, 0.5, 0.9, 0.2], [0.1, 0.3, 0.2, 0.9],
            [0.6, 0.0, 0.3, 0.3],
        ]
        let effects = [
            "d1: 0.6, d2: 0.2", "d2: 0.7", "d3: 0.5, d4: 0.3", "d4: 0.8", "d1: 0.3, d3: 0.4", "d2: 0.4, d4: 0.2",
        ]
        let costs = [300, 450, 250, 500, 350, 400]
        var yaml = "name: Symmetric world\ncurrency: GBP\nbudget:\n  total: 1100\n"
        yaml += "domains: [\(domains.joined(separator: ", "))]\npopulation:\n"
        for (g, row) in needs.enumerated() {
            let list = zip(domains, row).filter { $0.1 > 0 }.map { "\($0.0): \($0.1)" }.joined(separator: ", ")
            yaml += "  - {id: g\(g), size: \(size), needs: {\(list)}, participation: 1, visibility: 1}\n"
        }
        yaml += "proposals:\n"
        for (j, cost) in costs.enumerated() {
            yaml += "  - {id: p\(j), title: P\(j), cost: \(cost), effects: {\(effects[j])}, "
            yaml += "origin: service, delivery: service}\n"
        }
        let coRule = rule == .greedy ? "greedy" : "max-welfare"
        yaml += "regimes:\n"
        yaml += "  service-led: {information_noise: \(sigma), effect_noise: \(effect), rule: \(rule.rawValue)}\n"
        yaml += "  co-produced: {shared_noise: \(sigma), perception_noise: 0, effect_noise: \(effect), "
        yaml += "ballot: cardinal, rule: \(coRule)}\n"
        return try TestSupport.parse(yaml)
    }

    /// Whether two independent samples' means agree within four standard errors of their difference
    /// (false alarm 6e-5 per comparison) and their spreads within a factor 0.75.
    static func agree(_ a: [Double], _ b: [Double]) -> (Bool, String) {
        let (sa, sb) = (Statistics.standardDeviation(a), Statistics.standardDeviation(b))
        let standardError = ((sa * sa + sb * sb) / Double(a.count)).squareRoot()
        let gap = abs(Statistics.mean(a) - Statistics.mean(b))
        let spreads = sa == sb || (sb > 0 && sa / sb > 0.75 && sa / sb < 1 / 0.75)
        return (gap <= 4 * standardError + 1e-12 && spreads, "gap \(gap), se \(standardError), sd \(sa) vs \(sb)")
    }

    static let symmetryCases: [(Int, Scenario.ServiceLedRule)] = [
        (1, .maxWelfare), (10, .maxWelfare), (1000, .maxWelfare), (1, .greedy), (10, .greedy), (1000, .greedy),
    ]

    @Test(
        "P1: same knowledge, turnout and rule give the same outcome distributions at group sizes 1, 10, 1000",
        arguments: symmetryCases.indices)
    func symmetryAtEverySize(index: Int) throws {
        let (size, rule) = Self.symmetryCases[index]
        let simulator = try Simulator(
            scenario: try Self.symmetricScenario(size: size, rule: rule, sigma: 0.6, effect: 0.3),
            ruleSensitivity: false)
        let runs = 400
        let result = simulator.run(runs: runs, seed: 31, jobs: 2)
        let service = try #require(simulator.regimes.firstIndex(of: .serviceLed))
        let co = try #require(simulator.regimes.firstIndex(of: .coProduced))
        for metric in [Metric.efficiency, .coverage, .gini, .budgetUse, .worstGroup] {
            let a = result.outcomes.map { $0.regimes[service].values[metric]! }
            let b = result.outcomes.map { $0.regimes[co].values[metric]! }
            let (ok, detail) = Self.agree(a, b)
            #expect(ok, "size \(size) \(rule) \(metric): \(detail)")
            #expect(Statistics.standardDeviation(a) > 0, "the noise must matter in this world")
        }
        #expect(result.outcomes.allSatisfy { $0.voters == 5 * size })
    }

    @Test("P1's test tells unequal knowledge apart at 1,000 members (v1's per-person noise averages out)")
    func asymmetryDetectedAtScale() throws {
        var scenario = try Self.symmetricScenario(size: 1000, rule: .maxWelfare, sigma: 0.6, effect: 0)
        // v1's model: residents' noise only per person and proposal, none shared.
        scenario.regimes.coProduced.sharedNoise = 0
        scenario.regimes.coProduced.perceptionNoise = 0.6
        let simulator = try Simulator(scenario: scenario, ruleSensitivity: false)
        let result = simulator.run(runs: 200, seed: 31, jobs: 2)
        let service = try #require(simulator.regimes.firstIndex(of: .serviceLed))
        let co = try #require(simulator.regimes.firstIndex(of: .coProduced))
        let a = result.outcomes.map { $0.regimes[service].values[.efficiency]! }
        let b = result.outcomes.map { $0.regimes[co].values[.efficiency]! }
        #expect(!Self.agree(a, b).0)
        #expect(Statistics.mean(b) > Statistics.mean(a))
    }

    // MARK: - P3 split endpoints

    @Test(
        "P3: split share 0 is service-led and share 1 (leftover unspent) is co-produced, run for run",
        arguments: PropertyTests.worldScenarios)
    func splitEndpoints(name: String) throws {
        var scenario = try PropertyTests.load(name)
        scenario.regimes.split = .init(shares: [0, 0.25, 1], leftover: .unspent)
        let simulator = try Simulator(scenario: scenario, ruleSensitivity: false)
        let result = simulator.run(runs: 15, seed: 3, jobs: 2)
        let index = { (regime: RegimeID) in simulator.regimes.firstIndex(of: regime)! }
        for outcome in result.outcomes {
            #expect(outcome.regimes[index(.split(0))] == outcome.regimes[index(.serviceLed)])
            #expect(outcome.regimes[index(.split(1))] == outcome.regimes[index(.coProduced)])
            #expect(
                TestSupport.respectsBudgetAndEnvelopes(outcome.regimes[index(.split(0.25))].selection, in: scenario))
        }
    }

    @Test("A split's first pot spends at most its share; with leftover: service the rest can use what it left")
    func splitPots() throws {
        var scenario = try PropertyTests.load("riverside.yaml")
        scenario.budget.envelopes = []
        scenario.regimes.split = .init(shares: [0.1], leftover: .unspent)
        let unspent = try Simulator(scenario: scenario, ruleSensitivity: false).run(runs: 10, seed: 5, jobs: 2)
        scenario.regimes.split = .init(shares: [0.1], leftover: .service)
        let service = try Simulator(scenario: scenario, ruleSensitivity: false).run(runs: 10, seed: 5, jobs: 2)
        let u = try #require(unspent.summary(of: .split(0.1))?.metrics[.budgetUse]?.mean)
        let s = try #require(service.summary(of: .split(0.1))?.metrics[.budgetUse]?.mean)
        #expect(s >= u - 1e-12)
        #expect(u <= 1 + 1e-12)
    }

    // MARK: - P4 monotone knowledge

    /// Paired efficiencies of one regime at several values of one of its noises (common random numbers).
    static func pairedEfficiencies(
        _ base: Scenario, regime: RegimeID, noises: [Double], runs: Int, set: (inout Scenario, Double) -> Void
    ) throws -> [[Double]] {
        try noises.map { sigma in
            var scenario = base
            set(&scenario, sigma)
            let simulator = try Simulator(scenario: scenario, ruleSensitivity: false)
            let index = simulator.regimes.firstIndex(of: regime)!
            return simulator.run(runs: runs, seed: 21, jobs: 2).outcomes.map { $0.regimes[index].values[.efficiency]! }
        }
    }

    static let monotoneCases: [String] = [
        "service-led information_noise", "service-led effect_noise", "co-produced shared_noise",
        "co-produced effect_noise", "co-produced perception_noise",
    ]

    @Test("P4: a regime's efficiency does not rise when its own noise rises", arguments: monotoneCases)
    func monotoneKnowledge(noise: String) throws {
        let base = try Self.symmetricScenario(size: 20, rule: .maxWelfare, sigma: 0, effect: 0)
        let noises = [0, 0.3, 0.6, 1.2]
        let runs = 150
        let regime: RegimeID = noise.hasPrefix("service") ? .serviceLed : .coProduced
        let efficiencies = try Self.pairedEfficiencies(base, regime: regime, noises: noises, runs: runs) { s, x in
            switch noise {
            case "service-led information_noise": s.regimes.serviceLed.informationNoise = x
            case "service-led effect_noise": s.regimes.serviceLed.effectNoise = x
            case "co-produced shared_noise": s.regimes.coProduced.sharedNoise = x
            case "co-produced effect_noise": s.regimes.coProduced.effectNoise = x
            default: s.regimes.coProduced.perceptionNoise = x
            }
        }
        for step in 1..<noises.count {
            // NB: paired differences under common random numbers; fail only beyond 3 standard errors.
            let differences = zip(efficiencies[step], efficiencies[step - 1]).map { $0 - $1 }
            let standardError = Statistics.standardDeviation(differences) / Double(runs).squareRoot()
            #expect(
                Statistics.mean(differences) <= 3 * standardError + 1e-12,
                "\(noise) \(noises[step - 1]) -> \(noises[step])")
        }
        #expect(Statistics.mean(efficiencies[3]) < Statistics.mean(efficiencies[0]), "\(noise) has an effect")
    }

    // MARK: - P6 order-free

    /// The scenario with every list reversed (groups, proposals, domains, districts, envelopes, blend
    /// weights, split shares).
    static func reversed(_ scenario: Scenario) -> Scenario {
        var s = scenario
        s.population.reverse()
        s.proposals.reverse()
        s.domains.reverse()
        s.districts.reverse()
        s.budget.envelopes.reverse()
        s.regimes.blend?.lambdas.reverse()
        s.regimes.split?.shares.reverse()
        return s
    }

    @Test(
        "P6: permuting every list of a scenario changes no result, and the file text in any order loads the same",
        arguments: PropertyTests.worldScenarios)
    func orderFree(name: String) throws {
        var scenario = try PropertyTests.load(name)
        scenario.regimes.split = .init(shares: [0.1, 0.5])
        let permuted = Self.reversed(scenario)
        #expect(permuted != scenario || scenario.proposals.count < 2)
        let a = try Simulator(scenario: scenario).run(runs: 8, seed: 6, jobs: 2)
        let b = try Simulator(scenario: permuted).run(runs: 8, seed: 6, jobs: 1)
        #expect(TestSupport.fingerprint(a) == TestSupport.fingerprint(b))
        // NB: not ==, since a summary of one run has a NaN standard deviation (NaN != NaN).
        #expect(
            a.regimes.count == b.regimes.count && zip(a.regimes, b.regimes).allSatisfy { $0.hasSameFigures(as: $1) })
        #expect(a.proposalIDs == b.proposalIDs && a.groupIDs == b.groupIDs)
        // Through the loader: the reversed scenario written as JSON (which is YAML) parses to the same.
        let json = String(decoding: try JSONEncoder().encode(permuted), as: UTF8.self)
        #expect(try Scenario.parse(yaml: json, file: "permuted.json").canonicalized() == scenario.canonicalized())
    }

    @Test("Canonical order is UTF-8 byte order, not file order or Unicode collation")
    func canonicalOrder() throws {
        #expect(Scenario.idPrecedes("Z", "a"))
        #expect(Scenario.idPrecedes("a", "é"))
        #expect(Scenario.idPrecedes("ab", "b"))
        #expect(!Scenario.idPrecedes("b", "b"))
        let scenario = try PropertyTests.load("riverside.yaml").canonicalized()
        let ids = scenario.proposals.map(\.id.rawValue)
        #expect(ids == ids.sorted { Scenario.idPrecedes($0, $1) })
        #expect(ids.first == "dial-a-ride")
    }

    // MARK: - P8 one information model

    @Test(
        "P8: allocate's domain weights are those computed from simulate's draws of the same run",
        arguments: PropertyTests.worldScenarios)
    func oneInformationModel(name: String) throws {
        var scenario = try PropertyTests.load(name)
        scenario.regimes.coProduced.sharedNoise = 0.4
        scenario.regimes.serviceLed.effectNoise = 0.2
        let world = World(scenario: scenario)
        for run in [0, 3, 17] {
            let weights = EnvelopeAllocator.domainWeights(
                world: world, regimes: scenario.regimes, seed: 99, run: run)
            // simulate's draws of that run, taken from its own stream.
            let random = RandomSource(seed: 99, stream: UInt64(run))
            let knowledge = RunKnowledge.draw(world: world, regimes: scenario.regimes, random: random)
            var officers = [Double](repeating: 0, count: world.domainCount)
            var residents = [Double](repeating: 0, count: world.domainCount)
            for g in 0..<world.groupCount {
                for k in 0..<world.domainCount {
                    officers[k] += world.weights[g] * knowledge.officerNeeds[g * world.domainCount + k]
                }
            }
            #expect(weights.serviceLed == officers)
            // With no individual noise the residents' weights are the participants times their shared view.
            var exact = scenario
            exact.regimes.coProduced.perceptionNoise = 0
            let noiseless = EnvelopeAllocator.domainWeights(
                world: World(scenario: exact), regimes: exact.regimes, seed: 99, run: run)
            for g in 0..<world.groupCount {
                for k in 0..<world.domainCount {
                    residents[k] +=
                        Double(knowledge.participants[g]) * knowledge.residentNeeds[g * world.domainCount + k]
                }
            }
            for k in residents.indices {
                #expect(abs(noiseless.coProduced[k] - residents[k]) <= 1e-9 * max(1, residents[k]))
            }
            // And simulate's own run used the same participants.
            let simulator = try Simulator(scenario: exact, ruleSensitivity: false)
            #expect(simulator.outcome(ofRun: run, seed: 99).voters <= knowledge.participants.reduce(0, +))
        }
    }

    // MARK: - Measures

    @Test("Need met is capped per domain: two proposals meeting the same need do not count twice")
    func needMetIsCapped() throws {
        let yaml = """
            name: Capped
            currency: GBP
            budget: {total: 100}
            domains: [a, b]
            population:
              - {id: g, size: 10, needs: {a: 0.5, b: 0.5}, participation: 1, visibility: 1}
            proposals:
              - {id: p1, title: P1, cost: 40, effects: {a: 0.8}, origin: service, delivery: service}
              - {id: p2, title: P2, cost: 40, effects: {a: 0.8}, origin: service, delivery: service}
            regimes:
              service-led: {information_noise: 0, rule: greedy}
              co-produced: {perception_noise: 0, ballot: cardinal}
            """
        let world = World(scenario: try TestSupport.parse(yaml))
        #expect(WorldEngine.needMet(world: world, selection: [0]) == [0.4])
        // 1.6 of domain a is provided; only its need of 0.5 counts: (0.5 + 0) / 1.
        #expect(WorldEngine.needMet(world: world, selection: [0, 1]) == [0.5])
        #expect(WorldEngine.needMet(world: world, selection: []) == [0])
        #expect(Measures.leftBehind(needMet: [0.05, 0.5], weights: [30, 70]) == 0.3)
    }

    @Test(
        "Every shipped world reports need met, worst-off group and left behind within [0, 1], and funding probabilities for every proposal",
        arguments: PropertyTests.worldScenarios)
    func measuresInRange(name: String) throws {
        let scenario = try PropertyTests.load(name)
        let simulator = try Simulator(scenario: scenario)
        let result = simulator.run(runs: 10, seed: 2, jobs: 2)
        for regime in result.regimes {
            for metric in [Metric.coverage, .worstGroup, .leftBehind, .unspent, .efficiency] {
                let s = try #require(regime.metrics[metric], "\(regime.regime.key) \(metric)")
                #expect(s.lo >= -1e-12 && s.hi <= 1 + 1e-12, "\(regime.regime.key) \(metric)")
            }
            #expect(regime.metrics[.worstGroup]!.mean <= regime.metrics[.coverage]!.mean + 1e-12)
            #expect(regime.fundingProbability.count == scenario.proposals.count)
            // The funding probabilities are the selections' frequencies.
            let index = result.regimes.firstIndex { $0.regime == regime.regime }!
            for j in scenario.proposals.indices {
                let funded = result.outcomes.filter { $0.regimes[index].selection.contains(j) }.count
                #expect(regime.fundingProbability[j] == Double(funded) / 10)
            }
        }
        let co = try #require(result.summary(of: .coProduced))
        #expect(co.ruleSensitivity.map(\.rule) == simulator.sensitivityRules)
        #expect(simulator.sensitivityRules.contains("greedy") && simulator.sensitivityRules.contains("mes"))
        // Counted on every tenth run; the row for the scenario's own rule is the co-produced regime itself.
        let own = scenario.regimes.coProduced.rule.rawValue
        let index = try #require(result.regimes.firstIndex { $0.regime == .coProduced })
        if let row = co.ruleSensitivity.first(where: { $0.rule == own }) {
            #expect(row.metrics[.efficiency]?.count == 1)
            #expect(row.metrics[.efficiency]?.mean == result.outcomes[0].regimes[index].values[.efficiency])
        }
        #expect(result.outcomes.filter { !$0.ruleSensitivity.isEmpty }.map(\.run) == [0])
    }

    @Test("Ties at a top-m cut are broken at random per participant, not by file position")
    func topTiesAreRandom() throws {
        let yaml = """
            name: Ties
            currency: GBP
            budget: {total: 100}
            domains: [a]
            population:
              - {id: g, size: 400, needs: {a: 1}, participation: 1, visibility: 1}
            proposals:
              - {id: p1, title: P1, cost: 60, effects: {a: 0.5}, origin: service, delivery: service}
              - {id: p2, title: P2, cost: 60, effects: {a: 0.5}, origin: service, delivery: service}
            regimes:
              service-led: {information_noise: 0, rule: greedy}
              co-produced: {perception_noise: 0, ballot: approval, top: 1, rule: greedy}
            """
        let simulator = try Simulator(scenario: try TestSupport.parse(yaml), ruleSensitivity: false)
        let result = simulator.run(runs: 40, seed: 1, jobs: 2)
        let co = try #require(result.summary(of: .coProduced))
        // Each proposal wins the vote in about half of the runs (400 coin flips per run).
        #expect(co.fundingProbability[0] > 0.15 && co.fundingProbability[1] > 0.15)
        #expect(abs(co.fundingProbability[0] + co.fundingProbability[1] - 1) < 1e-12)
    }

    @Test("v1 files load with the v2 defaults; an omitted co-produced rule is mes-add1-greedy for approval ballots")
    func v1Defaults() throws {
        let scenario = try TestSupport.parse(TestSupport.smallYAML)
        #expect(scenario.regimes.coProduced.sharedNoise == 0)
        #expect(scenario.regimes.serviceLed.effectNoise == 0)
        #expect(scenario.regimes.serviceLed.seesAppropriateness)
        #expect(scenario.regimes.split == nil)
        let noRule = TestSupport.smallYAML.replacingOccurrences(of: ", rule: mes}", with: "}")
        #expect(try TestSupport.parse(noRule).regimes.coProduced.rule == .mesAdd1Greedy)
        let south = try #require(scenario.population.first { $0.id == "2-south-elders" })
        #expect(!south.isSeldomHeard)  // visibility 0.5 is not below 0.5
    }
}
