import Foundation
import PBModel
import PBRules
import PBScenario
import PBSimulation

extension Suite {
    /// Expands the suite into its tasks, in suite order, each with its stable key.
    ///
    /// Each instance file is read once to hash its content. For elections, a rule variant that is not
    /// defined for the election's vote type (read from its `META` section) is left out; a file whose
    /// vote type cannot be read gets every listed variant, and those tasks fail when run. Tasks with the
    /// same key (a file matched twice) appear once.
    ///
    /// ```swift
    /// let tasks = try Suite.load(path: "Benchmarks/suites/pabulib-dev.yaml").tasks()
    /// tasks.count   // 184: 19 approval x 8 variants + 11 cumulative x 2 + 10 ordinal x 1
    /// ```
    ///
    /// - Returns: The tasks, in the order of the suite's blocks, files (sorted), rules and grid points
    ///   (first axis outermost, seeds innermost).
    /// - Complexity: Reads every instance file once.
    public func tasks() -> [BatchTask] {
        var tasks: [BatchTask] = []
        var seen = Set<String>()
        func add(_ task: BatchTask) {
            if seen.insert(task.key).inserted { tasks.append(task) }
        }
        for block in elections {
            var parameters: [BatchTask.Parameter] = [.init("arithmetic", word: block.arithmetic.rawValue)]
            if let weighting = block.weighting { parameters.append(.init("weighting", word: Self.key(of: weighting))) }
            for file in block.files {
                let (hash, voteType) = Self.inspectElection(file)
                for rule in block.rules.applicableRules(for: voteType)
                where block.weighting == nil || rule.takesWeights {
                    add(
                        BatchTask(
                            kind: .election, instance: file, instanceSHA256: hash, rule: rule.rawValue,
                            parameters: parameters, seed: nil, weighting: block.weighting))
                }
            }
        }
        for block in simulations {
            let (hash, scenario) = Self.inspectScenario(block.scenario)
            let runs = RunSettings(runs: block.runs, seed: nil, jobs: 1, scenario: scenario).runs
            for point in Self.gridPoints(block.grid) {
                for seed in block.seeds {
                    let parameters = point + [.init("runs", integer: runs)]
                    add(
                        BatchTask(
                            kind: .simulation, instance: block.scenario, instanceSHA256: hash, rule: "regimes",
                            parameters: parameters, seed: seed))
                }
            }
        }
        return tasks
    }

    /// A weighting as a task parameter: `file <sha-256 of the weights file>` (moving the file keeps the
    /// key; editing it gives new ones) or `census <column>: <label>=<share>, ...`.
    static func key(of weighting: VoterWeighting) -> String {
        switch weighting {
        case .file(let path):
            let hash = FileManager.default.contents(atPath: path).map { ContentHash.hex(of: [UInt8]($0)) }
            return "file " + (hash ?? ContentHash.hex(of: "unreadable: \(path)"))
        case .census(let column, let targets):
            return "census \(column): " + targets.map { "\($0.label)=\($0.share)" }.joined(separator: ", ")
        }
    }

    /// The cartesian product of the axes, first axis outermost (one empty point for no axes).
    static func gridPoints(_ axes: [Axis]) -> [[BatchTask.Parameter]] {
        var points: [[BatchTask.Parameter]] = [[]]
        for axis in axes {
            points = points.flatMap { point in
                axis.values.map { point + [BatchTask.Parameter(axis.parameter.rawValue, number: $0)] }
            }
        }
        return points
    }

    /// The content hash of a `.pb` file and its vote type, if its `META` section names one (read as the
    /// pabulib reader reads it).
    static func inspectElection(_ path: String) -> (hash: String, voteType: VoteType?) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (ContentHash.hex(of: "unreadable: \(path)"), nil)
        }
        let bytes = [UInt8](data)
        return (ContentHash.hex(of: bytes), PabulibReader.voteType(of: bytes))
    }

    /// The content hash of a scenario (with its election file's, if it has one) and the scenario, if it loads.
    static func inspectScenario(_ path: String) -> (hash: String, scenario: Scenario?) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (ContentHash.hex(of: "unreadable: \(path)"), nil)
        }
        var hash = ContentHash.hex(of: [UInt8](data))
        let scenario = try? Scenario.load(path: path)
        if let election = scenario?.election {
            let inner = FileManager.default.contents(atPath: election.path).map { ContentHash.hex(of: [UInt8]($0)) }
            var text = "scenario \(hash)\nelection \(inner ?? "unreadable")\n"
            if let path = election.weightsPath {
                let weights = FileManager.default.contents(atPath: path).map { ContentHash.hex(of: [UInt8]($0)) }
                text += "weights \(weights ?? "unreadable")\n"
            }
            hash = ContentHash.hex(of: text)
        }
        return (hash, scenario)
    }
}
