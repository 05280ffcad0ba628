import ArgumentParser
import PBBatch

/// `pbsim batch merge A.sqlite B.sqlite ... -o ALL.sqlite`: one database from several (e.g. shards).
struct BatchMerge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge results databases (e.g. the shards of a job array) into one.",
        discussion: """
            A task done in several inputs must have the same outcomes and metrics in each; otherwise \
            nothing is written and the conflicting keys are listed (exit status 1). The output is written \
            to a temporary file and renamed into place.
            """
    )

    @Argument(help: "Results databases to merge.")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "The merged database (replaced if it exists).")
    var output: String

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one database to merge") }
    }

    func run() throws {
        let summary: MergeSummary
        do {
            summary = try ResultsMerge.merge(inputs, into: output)
        } catch {
            throw failure(error.description)
        }
        emit(
            "merged \(summary.inputs) database\(summary.inputs == 1 ? "" : "s") into \(output): \(summary.tasks) tasks "
                + "(\(summary.done) done, \(summary.failed) failed, \(summary.tasks - summary.done - summary.failed) pending), "
                + "\(summary.agreeing) done in more than one input with the same results\n")
    }
}
