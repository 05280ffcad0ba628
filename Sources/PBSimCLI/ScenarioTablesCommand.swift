import ArgumentParser
import Foundation
import PBScenario
import PBWorkbench

/// `pbsim scenario import|export`: a scenario's tables as CSV files for spreadsheets.
struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Import a scenario from CSV tables, or export its tables as CSV.",
        discussion: "The columns are the YAML fields; see 'Tables as CSV' in Scenarios/README.md.",
        subcommands: [ImportTables.self, ExportTables.self]
    )
}

/// `pbsim scenario import groups.csv proposals.csv -o s.yaml`.
struct ImportTables: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Make a scenario file from groups.csv and proposals.csv (and envelopes.csv).",
        discussion: """
            The other fields come from --base (a scenario whose tables are replaced), or from --name, \
            --currency and --budget with starting regimes to edit. Problems are reported against the \
            CSV file and line they come from.
            """
    )

    @Argument(help: "The groups (population) table.")
    var groups: String

    @Argument(help: "The proposals table.")
    var proposals: String

    @Option(help: "The budget envelopes table.")
    var envelopes: String?

    @Option(help: "A scenario whose name, budget, domains, regimes … the new one keeps.")
    var base: String?

    @Option(help: "The scenario's name.")
    var name: String?

    @Option(help: "The ISO 4217 currency code of the amounts (e.g. GBP).")
    var currency: String?

    @Option(help: "The budget total.")
    var budget: Double?

    @Option(name: .shortAndLong, help: "The scenario file to write (YAML).")
    var output: String

    func run() throws {
        let settings = ScenarioTables.ImportSettings(
            base: try base.map { try loadScenario($0).scenario }, name: name, currency: currency, budget: budget)
        let groupsFile = (try read(groups), groups)
        let proposalsFile = (try read(proposals), proposals)
        let envelopesFile = try envelopes.map { (try read($0), $0) }
        let yaml: String
        do {
            yaml = try ScenarioTables.importYAML(
                groups: groupsFile, proposals: proposalsFile, envelopes: envelopesFile, settings: settings)
        } catch {
            throw failure(error.description)
        }
        let inputs = [groups, proposals] + (envelopes.map { [$0] } ?? []) + (base.map { [$0] } ?? [])
        _ = try writeOutput(output, with: yaml, inputs: inputs)
    }

    func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw failure("\(path): no such file") }
        guard let text = String(data: data, encoding: .utf8) else { throw failure("\(path): not UTF-8 text") }
        return text
    }
}

/// `pbsim scenario export s.yaml DIR`.
struct ExportTables: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a scenario's tables to DIR as groups.csv, proposals.csv and envelopes.csv."
    )

    @Argument(help: "A scenario file (YAML).")
    var scenario: String

    @Argument(help: "The folder to write the CSV files in (created when missing).")
    var folder: String

    func run() throws {
        let loaded = try loadScenario(scenario).scenario
        if let election = loaded.election {
            // Its proposals and ballots are the election's: the tables would be empty, and import refuses them.
            throw failure(
                "\(scenario): its proposals and ballots come from the election \(election.file); "
                    + "`scenario export` writes the tables of a scenario that lists its own population and proposals")
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw failure("\(folder): cannot create the folder")
        }
        for table in ScenarioTables.Table.allCases {
            if table == .envelopes && loaded.budget.envelopes.isEmpty { continue }
            let path = (folder as NSString).appendingPathComponent("\(table.rawValue).csv")
            do {
                try Data(try ScenarioTables.csv(table, of: loaded).utf8).write(
                    to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw failure("\(path): cannot write the table")
            }
            emit("\(path)\n")
        }
    }
}
