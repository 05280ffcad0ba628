import Foundation
import PBAnalysis
import PBModel
import PBRules
import PBScenario
import PBSimulation
import Synchronization

/// Computes batch tasks, reading each instance file once per few tasks (a small shared cache).
///
/// Election tasks run the rule on the `.pb` file; simulation tasks apply the task's grid parameters to
/// the scenario and simulate it on one thread (the batch runs tasks in parallel instead; the result
/// is the same for any number of threads).
final class TaskExecutor: Sendable {
    /// A parsed election, ready for the rules.
    private struct PreparedElection: Sendable {
        var election: Election
        /// The ballots for the rule (voters weighted as the task says).
        var instance: RuleInstance
        /// The ballots for the measures (every voter once, pabutools' definitions).
        var unweighted: RuleInstance
    }

    /// A checked scenario, with where its fields are and its election read once.
    private struct PreparedScenario: Sendable {
        var scenario: Scenario
        var sourceMap: SourceMap
        var election: Election?
    }

    private enum Entry: Sendable {
        case election(Result<PreparedElection, TaskFailure>)
        case scenario(Result<PreparedScenario, TaskFailure>)
    }

    private struct Cache: Sendable {
        var entries: [String: Entry] = [:]
        var order: [String] = []
    }

    private let cache = Mutex(Cache())
    private let capacity: Int

    /// - Parameter capacity: How many parsed instances to keep (the oldest is dropped first).
    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Runs a task.
    ///
    /// - Returns: Its outcomes and metrics, or why it failed.
    func execute(_ task: BatchTask) -> Result<TaskResult, TaskFailure> {
        // For the tests of crash isolation only: a task whose instance path contains the value traps, as
        // a bug in a rule or the simulator would.
        if let marker = ProcessInfo.processInfo.environment["PBSIM_TEST_CRASH_INSTANCE"], !marker.isEmpty,
            task.instance.contains(marker)
        {
            fatalError("PBSIM_TEST_CRASH_INSTANCE: a deliberate crash in task \(task.key)")
        }
        switch task.kind {
        case .election: return runElection(task)
        case .simulation: return runSimulation(task)
        }
    }

    // MARK: - Cache

    private func cached(_ key: String, make: () -> Entry) -> Entry {
        if let entry = cache.withLock({ $0.entries[key] }) { return entry }
        let entry = make()
        cache.withLock { cache in
            guard cache.entries[key] == nil else { return }
            cache.entries[key] = entry
            cache.order.append(key)
            if cache.order.count > capacity { cache.entries[cache.order.removeFirst()] = nil }
        }
        return entry
    }

    // MARK: - Elections

    private func runElection(_ task: BatchTask) -> Result<TaskResult, TaskFailure> {
        guard let rule = RuleName(rawValue: task.rule) else {
            return .failure(TaskFailure("unknown rule '\(task.rule)'"))
        }
        let arithmetic = task.parameter("arithmetic").flatMap(Arithmetic.init(rawValue:)) ?? .certified
        let weightingKey = task.parameter("weighting") ?? ""
        let entry = cached("election \(task.instanceSHA256) \(task.instance) \(weightingKey)") {
            let election: Election
            do throws(PabulibError) {
                election = try PabulibReader.read(path: task.instance)
            } catch {
                return .election(.failure(TaskFailure(error.description)))
            }
            let unweighted: RuleInstance
            do throws(RuleError) {
                unweighted = try RuleInstance(election)
            } catch {
                return .election(.failure(TaskFailure("\(task.instance): \(error.description)")))
            }
            guard let weighting = task.weighting else {
                return .election(
                    .success(PreparedElection(election: election, instance: unweighted, unweighted: unweighted)))
            }
            do throws(PabulibError) {
                let weighted = try unweighted.weighted(by: weighting, of: election, file: task.instance)
                return .election(
                    .success(PreparedElection(election: election, instance: weighted.instance, unweighted: unweighted))
                )
            } catch {
                return .election(.failure(TaskFailure(error.description)))
            }
        }
        guard case .election(let prepared) = entry else { return .failure(TaskFailure("internal: cache kind")) }
        return prepared.flatMap { prepared in
            let outcome: Outcome
            do throws(RuleError) {
                outcome = try Rules.run(rule, on: prepared.instance, arithmetic: arithmetic)
            } catch {
                return .failure(TaskFailure("\(task.instance): \(error.description)"))
            }
            return .success(Self.electionResult(outcome, prepared.election, prepared.unweighted))
        }
    }

    /// The outcome and the metrics of a rule on an election.
    ///
    /// Metrics: `funded` (projects), `budget_use` (cost over budget), and every scalar measure of
    /// pabutools' analysis that takes linear time (``MeasureFamily/cheap``: satisfaction per class,
    /// fair share, category proportionality), under pabutools' names, e.g. `avg_satisfaction:Cost_Sat`
    /// and `percent_non_empty_handed`. The measures count every voter once, also when the rule weighted
    /// them.
    private static func electionResult(_ outcome: Outcome, _ election: Election, _ instance: RuleInstance) -> TaskResult
    {
        let cost = Amount(significand: outcome.costUnits, scale: instance.scale).description
        let regime = outcome.rule.rawValue
        var metrics: [TaskResult.MetricRecord] = [
            .init(regime: regime, metric: "funded", value: Double(outcome.selected.count)),
            .init(
                regime: regime, metric: "budget_use",
                value: instance.budget > 0 ? Double(outcome.costUnits) / Double(instance.budget) : nil),
        ]
        let measures = OutcomeAnalysis.measures(
            AnalysisProfile(election, instance: instance), selected: outcome.selected, rule: outcome.rule,
            options: AnalysisOptions(families: MeasureFamily.cheap))
        for entry in measures.values {
            guard let value = entry.value.doubleValue else { continue }
            metrics.append(.init(regime: regime, metric: entry.key, value: value))
        }
        return TaskResult(
            outcomes: [.init(regime: regime, selected: outcome.selected.map { election.projects[$0].id }, cost: cost)],
            metrics: metrics)
    }

    // MARK: - Simulations

    private func runSimulation(_ task: BatchTask) -> Result<TaskResult, TaskFailure> {
        let entry = cached("scenario \(task.instanceSHA256) \(task.instance)") {
            let loaded: (scenario: Scenario, sourceMap: SourceMap)
            do throws(ScenarioError) {
                loaded = try Scenario.loadWithSourceMap(path: task.instance)
            } catch {
                return .scenario(.failure(TaskFailure(error.description)))
            }
            do throws(SimulationError) {
                let election = try loaded.scenario.election.map { spec throws(SimulationError) in
                    try Simulator.readElection(spec, file: task.instance)
                }
                return .scenario(
                    .success(
                        PreparedScenario(scenario: loaded.scenario, sourceMap: loaded.sourceMap, election: election)))
            } catch {
                return .scenario(.failure(TaskFailure(error.description)))
            }
        }
        guard case .scenario(let loaded) = entry else { return .failure(TaskFailure("internal: cache kind")) }
        return loaded.flatMap { prepared in
            var scenario = prepared.scenario
            var runs: Int?
            for parameter in task.parameters {
                if parameter.name == "runs" {
                    guard let value = Int(parameter.value), FieldRange.of("runs").contains(Double(value)) else {
                        return .failure(
                            TaskFailure("runs: must be \(FieldRange.of("runs").phrase), got \(parameter.value)"))
                    }
                    runs = value
                } else if let sweep = SweepParameter(rawValue: parameter.name), let value = Double(parameter.value) {
                    if let problem = sweep.problem(in: scenario) {
                        return .failure(TaskFailure("\(parameter.name): \(problem)"))
                    }
                    scenario = sweep.applied(to: scenario, value: value)
                    do throws(ScenarioError) {
                        try scenario.validate()
                    } catch {
                        return .failure(TaskFailure("\(parameter.name) = \(parameter.value): \(error.description)"))
                    }
                } else {
                    return .failure(TaskFailure("unknown parameter '\(parameter.name)'"))
                }
            }
            // Grid values go through the scenario's ranges like the file's own values.
            do throws(ScenarioError) {
                try scenario.validate()
            } catch {
                return .failure(TaskFailure("\(task.instance) with \(task.parametersJSON): \(error.description)"))
            }
            let simulator: Simulator
            do throws(SimulationError) {
                simulator = try Simulator(
                    scenario: scenario, file: task.instance, election: prepared.election,
                    sourceMap: prepared.sourceMap)
            } catch {
                return .failure(TaskFailure(error.description))
            }
            let settings = RunSettings(runs: runs, seed: task.seed, jobs: 1, scenario: prepared.scenario)
            let result = simulator.run(settings)
            return .success(Self.simulationResult(result, costs: simulator.costs))
        }
    }

    /// Run 0's selection of each regime, and each regime's metrics over the runs (mean and 95% interval),
    /// with need coverage per group (`coverage:<group>`) and spend–need divergence per breakdown
    /// (`divergence:<breakdown>`); `all`/`voters` is the number of ballots cast.
    private static func simulationResult(_ result: SimulationResult, costs: [Double]) -> TaskResult {
        var outcomes: [TaskResult.OutcomeRecord] = []
        var metrics: [TaskResult.MetricRecord] = []
        let first = result.outcomes.first
        for (r, summary) in result.regimes.enumerated() {
            let regime = summary.regime.key
            let selection = first?.regimes[r].selection ?? []
            var cost = 0.0
            for j in selection { cost += costs[j] }
            outcomes.append(.init(regime: regime, selected: selection.map { result.proposalIDs[$0] }, cost: "\(cost)"))
            for metric in Metric.allCases {
                guard let s = summary.metrics[metric] else { continue }
                metrics.append(.init(regime: regime, metric: metric.rawValue, value: s.mean, low: s.lo, high: s.hi))
            }
            for (g, s) in summary.coverageByGroup.enumerated() where g < result.groupIDs.count {
                metrics.append(
                    .init(
                        regime: regime, metric: "coverage:\(result.groupIDs[g])", value: s.mean, low: s.lo, high: s.hi))
            }
            for (b, s) in summary.divergence.enumerated() where b < result.breakdowns.count {
                metrics.append(
                    .init(
                        regime: regime, metric: "divergence:\(result.breakdowns[b].name)", value: s.mean, low: s.lo,
                        high: s.hi))
            }
        }
        metrics.append(
            .init(
                regime: "all", metric: "voters", value: result.voters.mean, low: result.voters.lo,
                high: result.voters.hi))
        return TaskResult(outcomes: outcomes, metrics: metrics)
    }
}
