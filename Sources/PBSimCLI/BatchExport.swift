public import ArgumentParser
import PBBatch

/// `pbsim batch export results.sqlite --format csv|json [--table outcomes|metrics]`.
struct BatchExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a table of a results database as CSV or JSON.",
        discussion: """
            outcomes: one row per selection (a rule's funded projects, or a regime's in a simulation's \
            first run) with its cost. metrics: one row per value (for simulations the mean over the \
            task's runs, with the central 95% interval in low and high). tasks and failures: every task \
            with its state, wall time and pbsim version; every failure with its error. In CSV each task \
            parameter has its own column.
            """
    )

    @Argument(help: "A results database.")
    var database: String

    @Option(name: .shortAndLong, help: "csv or json.")
    var format: ResultsExport.Format = .csv

    @Option(help: "outcomes, metrics, tasks or failures.")
    var table: ResultsExport.Table = .outcomes

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @Flag(help: "Include the stale tasks: those no suite defines any more (left out by default).")
    var includeStale = false

    func run() throws {
        if let output { try refuseInputs(output, inputs: [database]) }
        let text: String
        do {
            let opened = try ResultsDatabase.open(path: database, access: .read)
            text = try ResultsExport.render(opened, table: table, format: format, includeStale: includeStale)
        } catch {
            throw failure(error.description)
        }
        guard let output else {
            emit(text)
            return
        }
        _ = try writeOutput(output, with: text, inputs: [database])
    }
}

extension ResultsExport.Table: ExpressibleByArgument {}
extension ResultsExport.Format: ExpressibleByArgument {}
