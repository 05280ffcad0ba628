public import ArgumentParser
import Foundation
import PBAnalysis
import PBBatch
import PBReports
import PBSimulation

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
            parameter has its own column. The tidy tables (for pandas and R) are long and typed: \
            election-metrics and simulation-metrics (metric and what it is of, the detail, in two columns; \
            seed and runs integers) and selections (one row per funded project).
            """
    )

    @Argument(help: "A results database.")
    var database: String?

    @Flag(help: "Print the glossary of every metric name (CSV or JSON: metric, rows, meaning) instead of a table.")
    var glossary = false

    @Option(name: .shortAndLong, help: "csv or json.")
    var format: ResultsExport.Format = .csv

    @Option(
        help: "outcomes, metrics, tasks or failures (wide); election-metrics, simulation-metrics or selections (tidy).")
    var table: ResultsExport.Table = .outcomes

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @Flag(help: "Include the stale tasks: those no suite defines any more (left out by default).")
    var includeStale = false

    func validate() throws {
        if database == nil && !glossary { throw ValidationError("give a results database, or --glossary") }
    }

    func run() throws {
        if let output { try refuseInputs(output, inputs: database.map { [$0] } ?? []) }
        let text: String
        if glossary {
            text = MetricGlossary.render(format: format)
        } else {
            do {
                let opened = try ResultsDatabase.open(path: database ?? "", access: .read)
                text = try ResultsExport.render(opened, table: table, format: format, includeStale: includeStale)
            } catch {
                throw failure(error.description)
            }
        }
        guard let output else {
            emit(text)
            return
        }
        _ = try writeOutput(output, with: text, inputs: database.map { [$0] } ?? [])
    }
}

/// Every metric name a results database holds, with the rows it appears on and its meaning.
enum MetricGlossary {
    static var entries: [(metric: String, rows: String, meaning: String)] {
        var out: [(String, String, String)] = [
            ("funded", "election", "number of funded projects"),
            ("budget_use", "election, simulation", "cost of the funded projects divided by the budget"),
        ]
        for e in MeasureGlossary.entries where e.group == "satisfaction" || e.group == "fairness" {
            let classes = e.name == "percent_non_empty_handed" || e.group == "fairness" ? "" : ":<class>"
            if e.name == "satisfaction_histogram" { continue }
            out.append(
                (
                    e.name + classes, "election",
                    e.meaning
                        + (classes.isEmpty
                            ? ""
                            : "; <class> is Cost_Sat, Cardinality_Sat, Additive_Cardinal_Sat or Additive_Borda_Sat (pabutools' satisfaction classes)")
                ))
        }
        for m in Metric.allCases where m != .budgetUse {
            out.append(
                (
                    m.rawValue, "simulation",
                    m.title + (m == .coverage ? "; coverage:<group> is one group's coverage" : "")
                ))
        }
        return out
    }

    static func render(format: ResultsExport.Format) -> String {
        switch format {
        case .csv:
            return "metric,rows,meaning\n"
                + entries.map {
                    [$0.metric, $0.rows, $0.meaning].map(SimulationReport.csvField).joined(separator: ",") + "\n"
                }.joined()
        case .json:
            let rows = entries.map { e in
                JSONValue.object([
                    ("metric", .string(e.metric)), ("rows", .string(e.rows)), ("meaning", .string(e.meaning)),
                ])
            }
            return JSONValue.array(rows).text() + "\n"
        }
    }
}

extension ResultsExport.Table: ExpressibleByArgument {}
extension ResultsExport.Format: ExpressibleByArgument {}
