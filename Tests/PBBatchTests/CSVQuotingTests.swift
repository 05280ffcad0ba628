import Foundation
import PBBatch
import PBSupport
import Testing

/// The batch exports quote CSV fields as spreadsheets read them (RFC 4180), through the one quoting
/// every CSV of the package uses.
@Suite struct CSVQuotingTests {
    /// A suite named with a comma, quotes and outer spaces, over one real election: every table that
    /// has the suite's name in a cell quotes it, and each row reads back into as many cells as the header.
    @Test(arguments: [ResultsExport.Table.outcomes, .metrics, .electionMetrics, .selections])
    func aSuiteNameWithCommasAndQuotesIsQuotedInEveryTable(table: ResultsExport.Table) throws {
        let folder = try TemporaryFolder()
        let name = #" Warsaw, "Sadul" 2017 "#
        let suite = folder.file("quoted.yaml")
        let yaml = """
            name: '\(name)'
            elections:
              - files: [\(Fixtures.pabulib("poland_warszawa_2017_sadul.pb"))]
                rules: [greedy-cost]

            """
        #expect(FileManager.default.createFile(atPath: suite, contents: Data(yaml.utf8)))
        let database = folder.file("quoted.sqlite")
        _ = try BatchRunner.run(suitePath: suite, databasePath: database, options: BatchOptions(jobs: 1))
        let opened = try ResultsDatabase.open(path: database, create: false)
        let csv = try ResultsExport.render(opened, table: table, format: .csv)

        #expect(csv.contains(#"," Warsaw, ""Sadul"" 2017 ","#), "the suite's cell, quoted:\n\(csv)")
        let rows = CSVText.rows(csv)
        let header = try #require(rows.first?.cells)
        #expect(rows.count > 1)
        for row in rows.dropFirst() {
            #expect(row.cells.count == header.count, "row \(row.line) has \(row.cells.count) cells")
            #expect(row.cells.contains(name), "row \(row.line) has the suite's name back unchanged")
        }
    }
}
