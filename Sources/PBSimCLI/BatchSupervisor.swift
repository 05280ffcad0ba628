import ArgumentParser
import Foundation
import PBBatch

/// Runs `pbsim batch` in worker processes so that a task that crashes (a trap in a rule or the
/// simulator) cannot take the batch down with it.
///
/// The worker is this same command with a journal file: it notes each task it starts and ends. When a
/// worker dies by a signal, the task it was running is recorded as failed with the signal, and a new
/// worker goes on with the rest (skipping the crashed tasks, even with `--retry-failed`). When several
/// tasks were running, each is run again alone to find the one that crashes.
struct BatchSupervisor {
    /// The command's arguments (without the executable).
    var arguments: [String]
    /// The suite file.
    var suite: String
    /// The results database.
    var database: String

    func run() throws {
        let journal = Self.journalPath(for: database)
        defer { unlink(journal) }
        var crashed: [String] = []
        var suspects: [String] = []
        while true {
            unlink(journal)
            var worker = arguments + ["--worker-journal", journal]
            if !crashed.isEmpty { worker += ["--worker-exclude", crashed.joined(separator: ",")] }
            let alone = suspects.first
            if let alone { worker += ["--worker-only", alone, "--jobs", "1"] }
            let (reason, status) = try Self.launch(worker)
            if reason == .uncaughtSignal && [SIGINT, SIGTERM, SIGHUP, SIGPIPE].contains(status) {
                // Stopped by the user, not crashed: the next run resumes.
                throw ExitCode(128 + status)
            }
            guard let signal = reason == .uncaughtSignal ? status : nil else {
                if alone != nil {
                    suspects.removeFirst()
                    continue
                }
                throw ExitCode(status == 0 && !crashed.isEmpty ? 2 : status)
            }
            let running = alone.map { [$0] } ?? TaskJournal.unfinished(path: journal)
            guard !running.isEmpty else {
                throw failure("the batch worker crashed (signal \(signal)) outside any task; nothing was recorded")
            }
            if running.count > 1 {
                // Several tasks were running: run each alone to find the one that crashes.
                suspects = running
                continue
            }
            let key = running[0]
            if alone != nil { suspects.removeFirst() }
            crashed.append(key)
            let message = "the task crashed pbsim (signal \(signal), \(Self.signalName(signal))); recorded as failed"
            do {
                let task = try BatchRunner.recordCrash(
                    key: key, reason: message, suitePath: suite, databasePath: database,
                    options: BatchOptions(jobs: 1))
                warning(
                    "task \(key.prefix(12)) (\(task.map { "\($0.instance) \($0.rule)" } ?? "?")): \(message); going on")
            } catch {
                throw failure(error.description)
            }
        }
    }

    /// In a worker: ends the process as soon as its supervisor is gone (killed), so that no orphan
    /// worker goes on writing beside the next run. The supervisor holds the write end of the worker's
    /// standard input; the kernel closes it when the supervisor dies, and the read here returns.
    static func exitWithSupervisor() {
        let thread = Thread {
            _ = try? FileHandle.standardInput.readToEnd()
            _exit(137)
        }
        thread.start()
    }

    /// Runs the worker with this process's standard streams; returns how it ended.
    static func launch(_ arguments: [String]) throws -> (Process.TerminationReason, Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executablePath())
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        // The supervisor reports the crash in one line; the worker's backtrace would bury it.
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let lifeline = Pipe()
        process.standardInput = lifeline
        do {
            try process.run()
        } catch {
            throw failure("cannot start the batch worker: \(error.localizedDescription)")
        }
        process.waitUntilExit()
        try? lifeline.fileHandleForWriting.close()
        return (process.terminationReason, process.terminationStatus)
    }

    /// This executable, as the kernel knows it.
    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// The journal beside the database, named for the supervising process.
    static func journalPath(for database: String) -> String {
        database + ".pbsim-journal-\(getpid())"
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGILL: "SIGILL, a trap"
        case SIGTRAP: "SIGTRAP, a trap"
        case SIGABRT: "SIGABRT"
        case SIGSEGV: "SIGSEGV"
        case SIGBUS: "SIGBUS"
        case SIGFPE: "SIGFPE"
        case SIGKILL: "SIGKILL, killed (out of memory?)"
        default: "signal \(signal)"
        }
    }
}
