import Foundation
import PBModel
public import PBRules

/// Times parsing and every applicable rule on every pabulib file of a folder, optionally against
/// pabutools: the measurement behind `pbsim bench`.
///
/// For each `.pb` file (sorted by name) it times ``PabulibReader/read(path:)`` (file read and parse),
/// the preparation of a ``RuleInstance``, and then each rule alone on that prepared instance, keeping
/// the best of ``Configuration/repeats`` runs on a monotonic clock (`ContinuousClock`). The reference
/// is either pabutools run now in a subprocess (``Configuration/pabutools``) or the seconds recorded in
/// an oracle folder (``Configuration/oracleDirectory``: `<instance>.json`, `pabutools_seconds`).
///
/// ```swift
/// let report = try CorpusTiming.run(directory: "../shared/pabulib",
///                                   configuration: .init(oracleDirectory: "../shared/oracle"))
/// print(report.text())
/// ```
public enum CorpusTiming {
    /// What to time and what to compare against.
    public struct Configuration: Sendable {
        /// The rules to time, in this order; each runs only on the vote types it is defined for.
        public var rules: [RuleName]
        /// Runs per measurement; the fastest one is kept.
        public var repeats: Int
        /// A folder of oracle JSON files (`<instance>.json`) whose recorded pabutools seconds are the
        /// reference, used when ``pabutools`` is `nil`.
        public var oracleDirectory: String?
        /// pabutools timed now, side by side, in a subprocess.
        public var pabutools: PabutoolsRunner?

        public init(
            rules: [RuleName] = RuleName.allCases, repeats: Int = 3, oracleDirectory: String? = nil,
            pabutools: PabutoolsRunner? = nil
        ) {
            self.rules = rules
            self.repeats = max(1, repeats)
            self.oracleDirectory = oracleDirectory
            self.pabutools = pabutools
        }
    }

    /// Where the reference seconds come from.
    public enum ReferenceSource: Sendable, Equatable {
        case none
        /// Recorded in the oracle folder at this path.
        case oracle(String)
        /// Measured now by this pabutools version.
        case pabutools(version: String)
    }

    /// The reference time of one step.
    public enum Reference: Sendable, Equatable {
        case seconds(Double)
        /// The call ran past the limit, in seconds.
        case timeout(limit: Double)
        /// The call failed, or the reference has no entry; the text says why.
        case unavailable(String)

        /// The seconds, when known.
        public var seconds: Double? {
            if case .seconds(let s) = self { return s }
            return nil
        }
    }

    /// Which of pbsim's two times the ratios, `ns/(v×p)` and the summary use.
    public enum Clock: String, Sendable, CaseIterable {
        /// Wall-clock time (`ContinuousClock`): what a user waits, and what pabutools' seconds are.
        case wall
        /// CPU time of the timing thread: the rules are single-threaded, so on a quiet machine it
        /// equals the wall clock, and on a shared one it leaves out the time other processes held the core.
        case cpu
    }

    /// One timed step on one instance: parsing, preparation or a rule.
    public struct Step: Sendable {
        /// `parse`, `prepare`, or a rule's name as `pbsim elect --rule` spells it.
        public var name: String
        /// The rule, for rule steps.
        public var rule: RuleName?
        /// pbsim's best wall-clock time, in seconds.
        public var seconds: Double
        /// pbsim's best CPU time of the timing thread, in seconds (`CLOCK_THREAD_CPUTIME_ID`): close to
        /// ``seconds`` on a quiet machine, and less affected by other processes on a busy one.
        public var cpuSeconds: Double?
        /// How many projects the rule funded (rule steps).
        public var selected: Int?
        /// pabutools' time for the same step, when there is a reference.
        public var reference: Reference?

        public init(
            name: String, rule: RuleName? = nil, seconds: Double, cpuSeconds: Double? = nil, selected: Int? = nil,
            reference: Reference? = nil
        ) {
            self.name = name
            self.rule = rule
            self.seconds = seconds
            self.cpuSeconds = cpuSeconds
            self.selected = selected
            self.reference = reference
        }

        /// pbsim's time on `clock` (the wall clock when no CPU time was measured).
        public func seconds(on clock: Clock) -> Double {
            clock == .cpu ? cpuSeconds ?? seconds : seconds
        }

        /// pabutools' seconds over pbsim's wall-clock seconds, when both are known.
        public var ratio: Double? { ratio(on: .wall) }

        /// pabutools' seconds over pbsim's seconds on `clock`, when both are known.
        public func ratio(on clock: Clock) -> Double? {
            guard let r = reference?.seconds, seconds(on: clock) > 0 else { return nil }
            return r / seconds(on: clock)
        }
    }

    /// Everything measured on one file.
    public struct Instance: Sendable {
        /// The file name without `.pb`.
        public var name: String
        public var path: String
        public var bytes: Int
        public var voteType: String
        public var voters: Int
        public var projects: Int
        /// `parse`, `prepare`, then one step per applicable rule.
        public var steps: [Step]
        /// Why the file could not be timed, if it could not.
        public var error: String?

        public init(
            name: String, path: String, bytes: Int, voteType: String, voters: Int, projects: Int, steps: [Step],
            error: String? = nil
        ) {
            self.name = name
            self.path = path
            self.bytes = bytes
            self.voteType = voteType
            self.voters = voters
            self.projects = projects
            self.steps = steps
            self.error = error
        }

        /// voters × projects, the size the rules' costs are bounded by.
        public var size: Int { voters * projects }

        /// The parse step's throughput, in MB (10⁶ bytes) per wall-clock second.
        public var parseMegabytesPerSecond: Double? { parseMegabytesPerSecond(on: .wall) }

        /// The parse step's throughput, in MB (10⁶ bytes) per second on `clock`.
        public func parseMegabytesPerSecond(on clock: Clock) -> Double? {
            guard let parse = steps.first(where: { $0.name == "parse" }), parse.seconds(on: clock) > 0 else {
                return nil
            }
            return Double(bytes) / 1e6 / parse.seconds(on: clock)
        }
    }

    /// The whole run.
    public struct Report: Sendable {
        public var directory: String
        public var repeats: Int
        public var source: ReferenceSource
        public var instances: [Instance]
        /// `/proc/loadavg`'s first three fields at the start and at the end (Linux), to judge a shared machine.
        public var loadAtStart: String?
        public var loadAtEnd: String?
        /// The time the ratios, `ns/(v×p)` and the summary are computed from (rendering only).
        public var clock: Clock = .wall

        public init(
            directory: String, repeats: Int, source: ReferenceSource, instances: [Instance], loadAtStart: String? = nil,
            loadAtEnd: String? = nil
        ) {
            self.directory = directory
            self.repeats = repeats
            self.source = source
            self.instances = instances
            self.loadAtStart = loadAtStart
            self.loadAtEnd = loadAtEnd
        }
    }

    /// What is being done, for a progress display.
    public struct Progress: Sendable {
        /// 1-based position of the file.
        public var index: Int
        public var count: Int
        public var instance: String
        /// `parse`, `prepare`, a rule name, or `pabutools`.
        public var step: String
    }

    // MARK: - Running

    /// The `.pb` files of `directory`, sorted by name.
    ///
    /// - Throws: ``CorpusTimingError/unreadableDirectory(path:reason:)`` or
    ///   ``CorpusTimingError/noFiles(path:)``.
    public static func files(in directory: String) throws(CorpusTimingError) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw .unreadableDirectory(path: directory, reason: (error as NSError).localizedDescription)
        }
        let files = names.filter { $0.hasSuffix(".pb") }.sorted()
        guard !files.isEmpty else { throw .noFiles(path: directory) }
        return files.map { (directory as NSString).appendingPathComponent($0) }
    }

    /// Times every file of `directory` (see ``CorpusTiming``).
    ///
    /// A file that cannot be read or prepared is reported in its ``Instance/error`` and the run goes on.
    ///
    /// - Parameters:
    ///   - directory: A folder of pabulib `.pb` files.
    ///   - configuration: Rules, repeats and reference.
    ///   - progress: Called before each step (from the calling thread).
    /// - Returns: One ``Instance`` per file, in name order.
    /// - Throws: ``CorpusTimingError`` when the folder has no `.pb` file or pabutools cannot start.
    /// - Complexity: Each rule's own cost times `repeats`, plus pabutools' when it is compared.
    public static func run(directory: String, configuration: Configuration, progress: ((Progress) -> Void)? = nil)
        throws(CorpusTimingError) -> Report
    {
        let paths = try files(in: directory)
        var source = ReferenceSource.none
        if let runner = configuration.pabutools {
            source = .pabutools(version: try runner.version())
        } else if let oracle = configuration.oracleDirectory {
            source = .oracle(oracle)
        }
        let start = loadAverage()
        var instances: [Instance] = []
        for (i, path) in paths.enumerated() {
            let report: (String) -> Void = { step in
                progress?(Progress(index: i + 1, count: paths.count, instance: instanceName(path), step: step))
            }
            instances.append(time(file: path, configuration: configuration, progress: report))
        }
        return Report(
            directory: directory, repeats: configuration.repeats, source: source, instances: instances,
            loadAtStart: start, loadAtEnd: loadAverage())
    }

    /// Times one file (see ``run(directory:configuration:progress:)``).
    public static func time(file path: String, configuration: Configuration, progress: (String) -> Void = { _ in })
        -> Instance
    {
        let name = instanceName(path)
        // The size of the file itself, not of a symbolic link to it.
        let bytes =
            ((try? FileManager.default.attributesOfItem(atPath: (path as NSString).resolvingSymlinksInPath))?[.size]
                as? Int) ?? 0
        var instance = Instance(name: name, path: path, bytes: bytes, voteType: "", voters: 0, projects: 0, steps: [])

        progress("parse")
        var election: Election?
        let parseSeconds: Timing
        do {
            parseSeconds = try best(of: configuration.repeats) { () throws(PabulibError) in
                election = try PabulibReader.read(path: path)
            }
        } catch {
            instance.error = error.description
            return instance
        }
        guard let election else { return instance }
        instance.voteType = election.voteType.rawValue
        instance.voters = election.voterCount
        instance.projects = election.projects.count
        instance.steps.append(Step(name: "parse", seconds: parseSeconds.wall, cpuSeconds: parseSeconds.cpu))

        progress("prepare")
        var prepared: RuleInstance?
        do {
            let seconds = try best(of: configuration.repeats) { () throws(RuleError) in
                prepared = try RuleInstance(election)
            }
            instance.steps.append(Step(name: "prepare", seconds: seconds.wall, cpuSeconds: seconds.cpu))
        } catch {
            instance.error = error.description
            return instance
        }
        guard let prepared else { return instance }

        let rules = configuration.rules.filter { Rules.applies($0, to: election.voteType) }
        for rule in rules {
            progress(rule.rawValue)
            var selected = 0
            do {
                let seconds = try best(of: configuration.repeats) { () throws(RuleError) in
                    selected = try Rules.run(rule, on: prepared).selected.count
                }
                instance.steps.append(
                    Step(
                        name: rule.rawValue, rule: rule, seconds: seconds.wall, cpuSeconds: seconds.cpu,
                        selected: selected))
            } catch {
                instance.error = "\(rule.rawValue): \(error.description)"
            }
        }

        // The reference: pabutools now, or the oracle's recorded seconds.
        var references: [String: Reference] = [:]
        if let runner = configuration.pabutools {
            progress("pabutools")
            references = runner.time(file: path, rules: rules)
        } else if let oracle = configuration.oracleDirectory {
            references = oracleReferences(directory: oracle, instance: name)
        }
        if configuration.pabutools != nil || configuration.oracleDirectory != nil {
            for k in instance.steps.indices where instance.steps[k].name != "prepare" {
                instance.steps[k].reference = references[instance.steps[k].name] ?? .unavailable("no entry")
            }
        }
        return instance
    }

    /// A measurement: the fastest wall-clock and the least CPU time over the runs, in seconds.
    struct Timing {
        var wall: Double
        var cpu: Double
    }

    /// The fastest of `count` runs of `body` (`ContinuousClock`), and the least CPU time of this thread.
    static func best<E: Error>(of count: Int, _ body: () throws(E) -> Void) throws(E) -> Timing {
        let clock = ContinuousClock()
        var fastest = Timing(wall: .infinity, cpu: .infinity)
        for _ in 0..<max(1, count) {
            let cpuStart = threadCPUTime()
            let start = clock.now
            try body()
            let d = clock.now - start
            let cpu = threadCPUTime() - cpuStart
            let (s, atto) = d.components
            fastest.wall = min(fastest.wall, Double(s) + Double(atto) * 1e-18)
            fastest.cpu = min(fastest.cpu, cpu)
        }
        return fastest
    }

    /// The CPU time used so far by the calling thread, in seconds.
    static func threadCPUTime() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// The file name without its folder and `.pb`.
    static func instanceName(_ path: String) -> String {
        let file = (path as NSString).lastPathComponent
        return file.hasSuffix(".pb") ? String(file.dropLast(3)) : file
    }

    /// `parse` and rule seconds from `<directory>/<instance>.json` (`pabutools_parse_seconds`,
    /// `rules[rule].pabutools_seconds`, or `timeout`).
    static func oracleReferences(directory: String, instance: String) -> [String: Reference] {
        let path = (directory as NSString).appendingPathComponent(instance + ".json")
        guard let data = FileManager.default.contents(atPath: path),
            let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else { return [:] }
        var out: [String: Reference] = [:]
        if let s = root["pabutools_parse_seconds"] as? Double { out["parse"] = .seconds(s) }
        for (rule, value) in (root["rules"] as? [String: Any]) ?? [:] {
            guard let entry = value as? [String: Any] else { continue }
            if let s = entry["pabutools_seconds"] as? Double {
                out[rule] = .seconds(s)
            } else if entry["timeout"] as? Bool == true {
                out[rule] = .timeout(limit: entry["timeout_limit_s"] as? Double ?? 300)
            } else {
                out[rule] = .unavailable((entry["skipped"] as? String) ?? "not recorded")
            }
        }
        return out
    }

    /// The first three fields of `/proc/loadavg`, or `nil` off Linux.
    static func loadAverage() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }
}

/// Why a corpus timing could not run.
public enum CorpusTimingError: Error, Equatable, CustomStringConvertible {
    case unreadableDirectory(path: String, reason: String)
    case noFiles(path: String)
    /// The Python named cannot run the timing script or import pabutools.
    case pabutoolsUnavailable(python: String, reason: String)
    /// The timing script `pabutools_time.py` was not found.
    case scriptNotFound(searched: [String])

    public var description: String {
        switch self {
        case .unreadableDirectory(let path, let reason): return "\(path): cannot list the folder: \(reason)"
        case .noFiles(let path): return "\(path): no .pb file in this folder"
        case .pabutoolsUnavailable(let python, let reason): return "\(python): cannot time pabutools: \(reason)"
        case .scriptNotFound(let searched):
            return
                "pabutools_time.py not found (looked in \(searched.joined(separator: ", "))); name it with --pabutools-script"
        }
    }
}
