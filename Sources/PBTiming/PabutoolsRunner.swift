import Foundation
public import PBRules
import Synchronization

/// Times pabutools on a pabulib file in a Python subprocess, for the side-by-side comparison of
/// ``CorpusTiming``. pbsim itself never needs Python.
///
/// The subprocess runs `Benchmarks/pabutools_time.py`, which parses the file once and then times the
/// exact pabutools 1.2.3 call of each rule variant (the oracle's `VARIANTS.md`), each call limited to
/// ``timeout`` seconds, and prints one JSON object per line.
///
/// ```swift
/// let runner = PabutoolsRunner(python: "/usr/bin/python3", script: "Benchmarks/pabutools_time.py")
/// let seconds = runner.time(file: "poland_warszawa_2017_wars.pb", rules: [.mesCost])
/// ```
public struct PabutoolsRunner: Sendable {
    /// The Python interpreter (a path, or a name looked up in `PATH`).
    public var python: String
    /// The path of `pabutools_time.py`.
    public var script: String
    /// Seconds allowed for each rule call (the oracle used 300).
    public var timeout: Double
    /// Calls per rule; the fastest is kept.
    public var repeats: Int

    public init(python: String, script: String, timeout: Double = 300, repeats: Int = 1) {
        self.python = python
        self.script = script
        self.timeout = timeout
        self.repeats = max(1, repeats)
    }

    /// The pabutools version that `python` imports.
    ///
    /// - Throws: ``CorpusTimingError/pabutoolsUnavailable(python:reason:)`` when the interpreter cannot
    ///   start or pabutools cannot be imported.
    public func version() throws(CorpusTimingError) -> String {
        let lines: [[String: Any]]
        do {
            lines = try runScript(["--check"], limit: 120)
        } catch {
            throw .pabutoolsUnavailable(python: python, reason: error.reason)
        }
        if let v = lines.first?["pabutools"] as? String { return v }
        throw .pabutoolsUnavailable(
            python: python, reason: (lines.first?["error"] as? String) ?? "no answer from \(script)")
    }

    /// pabutools' seconds for `parse` and for each rule on `file`; a rule that failed or ran out of time
    /// says so.
    public func time(file: String, rules: [RuleName]) -> [String: CorpusTiming.Reference] {
        // The script limits each call itself (SIGALRM); this is a backstop for a stuck interpreter.
        let limit = 600 + Double(rules.count * repeats) * (timeout + 30)
        let lines: [[String: Any]]
        do {
            lines = try runScript(
                [file] + rules.map(\.rawValue) + ["--timeout", String(timeout), "--repeat", String(repeats)],
                limit: limit)
        } catch {
            return Dictionary(
                uniqueKeysWithValues: (["parse"] + rules.map(\.rawValue)).map { ($0, .unavailable(error.reason)) })
        }
        var out: [String: CorpusTiming.Reference] = [:]
        for line in lines {
            if let s = line["parse_seconds"] as? Double {
                out["parse"] = .seconds(s)
            } else if let rule = line["rule"] as? String {
                if let s = line["seconds"] as? Double {
                    out[rule] = .seconds(s)
                } else if line["timeout"] as? Bool == true {
                    out[rule] = .timeout(limit: line["limit"] as? Double ?? timeout)
                } else {
                    out[rule] = .unavailable((line["error"] as? String) ?? "no result")
                }
            } else if let message = line["error"] as? String {
                out["parse"] = .unavailable(message)
            }
        }
        for rule in rules where out[rule.rawValue] == nil {
            out[rule.rawValue] = .unavailable("no result (the subprocess stopped early)")
        }
        return out
    }

    struct Failure: Error {
        var reason: String
    }

    /// Runs the script with `arguments` and returns its JSON lines; kills it after `limit` seconds.
    private func runScript(_ arguments: [String], limit: Double) throws(Failure) -> [[String: Any]] {
        guard let executable = Self.resolve(python) else {
            throw Failure(reason: "no such interpreter (not a file, nor found in PATH)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [script] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw Failure(reason: "cannot start: \((error as NSError).localizedDescription)")
        }
        // A watchdog kills the subprocess if it outlives `limit`; `done` keeps it from signalling a
        // process id that has already been reused.
        let pid = process.processIdentifier
        let state = WatchdogState()
        let watchdog = Thread {
            let deadline = Date().addingTimeInterval(limit)
            while Date() < deadline {
                if state.done.withLock({ $0 }) { return }
                Thread.sleep(forTimeInterval: 0.2)
            }
            state.done.withLock { finished in
                if !finished {
                    kill(pid, SIGKILL)
                    state.killed.withLock { $0 = true }
                }
            }
        }
        watchdog.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        state.done.withLock { $0 = true }
        var lines: [[String: Any]] = []
        for line in data.split(separator: UInt8(ascii: "\n")) {
            if let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] {
                lines.append(object)
            }
        }
        if lines.isEmpty {
            if state.killed.withLock({ $0 }) { throw Failure(reason: "killed after \(Int(limit)) s") }
            throw Failure(reason: "\(script) printed nothing (exit status \(process.terminationStatus))")
        }
        return lines
    }

    private final class WatchdogState: Sendable {
        let done = Mutex(false)
        let killed = Mutex(false)
    }

    /// `name` itself when it contains a `/`, else the first executable `name` in `PATH`.
    static func resolve(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Finds `Benchmarks/pabutools_time.py`: in the current folder, then in the folders above the
    /// running executable (so `.build/release/pbsim` finds the one of its checkout).
    ///
    /// - Throws: ``CorpusTimingError/scriptNotFound(searched:)``.
    public static func defaultScript() throws(CorpusTimingError) -> String {
        let relative = "Benchmarks/pabutools_time.py"
        var folders = [FileManager.default.currentDirectoryPath]
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            var folder = executable.deletingLastPathComponent()
            for _ in 0..<6 {
                folders.append(folder.path)
                folder = folder.deletingLastPathComponent()
            }
        }
        for folder in folders {
            let candidate = (folder as NSString).appendingPathComponent(relative)
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        throw .scriptNotFound(searched: [
            FileManager.default.currentDirectoryPath, "the folders above the pbsim executable",
        ])
    }
}
