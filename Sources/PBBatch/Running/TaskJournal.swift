import Foundation

/// The tasks a batch worker process started and finished, one line each (`start KEY`, `end KEY`),
/// appended to a file with one `write` per line, so the lines survive the worker's crash: a supervisor
/// reads them to find the task that was running.
public final class TaskJournal: Sendable {
    private let handle: FileHandle

    /// Opens `path` for appending (creating it), or `nil` when it cannot be opened.
    public init?(path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { return nil }
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Appends `event KEY`.
    func note(_ event: String, _ key: String) {
        try? handle.write(contentsOf: Data("\(event) \(key)\n".utf8))
    }

    /// The keys of `path` that were started and not ended, in the order started.
    public static func unfinished(path: String) -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        var started: [String] = []
        var ended = Set<String>()
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if parts[0] == "start" { started.append(parts[1]) } else if parts[0] == "end" { ended.insert(parts[1]) }
        }
        return started.filter { !ended.contains($0) }
    }
}

extension BatchRunner {
    /// Records the task `key` of the suite at `suitePath` as failed with `reason` (a worker process
    /// crashed while running it), so that the batch can go on without it.
    ///
    /// - Returns: The task, for messages, or `nil` when the suite has no such task.
    /// - Throws: ``BatchError`` when the suite or the database cannot be read or written.
    @discardableResult
    public static func recordCrash(
        key: String, reason: String, suitePath: String, databasePath: String, options: BatchOptions
    ) throws(BatchError) -> BatchTask? {
        let suite = try Suite.load(path: suitePath)
        guard let task = suite.tasks().first(where: { $0.key == key }) else { return nil }
        let database = try ResultsDatabase.open(path: databasePath, access: .write)
        try database.record(
            task, result: .failure(TaskFailure(reason)), wallTime: 0, version: options.version, host: options.host)
        try database.close()
        return task
    }
}
