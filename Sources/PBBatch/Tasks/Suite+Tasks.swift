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
            for file in block.files {
                let (hash, voteType) = Self.inspectElection(file)
                for rule in block.rules.applicableRules(for: voteType) {
                    add(
                        BatchTask(
                            kind: .election, instance: file, instanceSHA256: hash, rule: rule.rawValue,
                            parameters: [.init("arithmetic", word: block.arithmetic.rawValue)], seed: nil))
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

    /// The content hash of a `.pb` file and its vote type, if its `META` section names one.
    static func inspectElection(_ path: String) -> (hash: String, voteType: VoteType?) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (SHA256.hex(of: "unreadable: \(path)"), nil)
        }
        let bytes = [UInt8](data)
        return (SHA256.hex(of: bytes), voteType(in: bytes))
    }

    /// The `vote_type` of a pabulib file's `META` section (`choose-1` reads as approval).
    static func voteType(in bytes: [UInt8]) -> VoteType? {
        var start = 0
        var lines = 0
        while start < bytes.count, lines < 1000 {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let line = String(decoding: bytes[start..<end], as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let fields = line.split(separator: ";", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if line.uppercased() == "PROJECTS" { return nil }
            if fields.count == 2, fields[0].lowercased() == "vote_type" {
                return fields[1] == "choose-1" ? .approval : VoteType(rawValue: fields[1])
            }
            start = end + 1
            lines += 1
        }
        return nil
    }

    /// The content hash of a scenario (with its election file's, if it has one) and the scenario, if it loads.
    static func inspectScenario(_ path: String) -> (hash: String, scenario: Scenario?) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (SHA256.hex(of: "unreadable: \(path)"), nil)
        }
        var hash = SHA256.hex(of: [UInt8](data))
        let scenario = try? Scenario.load(path: path)
        if let election = scenario?.election {
            let inner = FileManager.default.contents(atPath: election.path).map { SHA256.hex(of: [UInt8]($0)) }
            hash = SHA256.hex(of: "scenario \(hash)\nelection \(inner ?? "unreadable")\n")
        }
        return (hash, scenario)
    }
}
