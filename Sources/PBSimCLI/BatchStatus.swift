import ArgumentParser
import PBBatch
import PBReports

/// `pbsim batch status results.sqlite`: done / total per suite, and the failures with their errors.
struct BatchStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show how far each suite of a results database is, and the failed tasks with their errors."
    )

    @Argument(help: "A results database.")
    var database: String

    func run() throws {
        let status: ResultsStatus
        do {
            status = try ResultsDatabase.open(path: database, access: .read).status()
        } catch {
            throw failure(error.description)
        }
        emit(Self.render(status, database: database))
    }

    static func render(_ status: ResultsStatus, database: String) -> String {
        var out = "\(database)\n"
        var table = TextTable(
            headers: ["suite", "done", "total", "failed", "pending"],
            alignments: [.left, .right, .right, .right, .right])
        for suite in status.suites {
            table.add([
                suite.name, String(suite.done), String(suite.total), String(suite.failed), String(suite.pending),
            ])
        }
        out += status.suites.isEmpty ? "  (no suite run yet)\n" : table.render(indent: "  ")
        let versions = status.versions.isEmpty ? "" : ", pbsim \(status.versions.joined(separator: ", "))"
        out += "  wall time of finished tasks: \(ProgressBar.seconds(status.wallTime))\(versions)\n"
        if status.stale > 0 {
            out +=
                "  \(status.stale) stale task\(status.stale == 1 ? "" : "s") (no suite defines \(status.stale == 1 ? "it" : "them") "
                + "any more; left out of exports, shown by `pbsim batch export --include-stale`)\n"
        }
        if !status.failures.isEmpty {
            out += "\nFailed tasks (\(status.failures.count)):\n"
            for failed in status.failures {
                out += "  \(failed.key.prefix(12))  \(failed.task)\n"
                for line in failed.error.split(separator: "\n", omittingEmptySubsequences: false) {
                    out += "      \(line)\n"
                }
            }
        }
        return out
    }
}
