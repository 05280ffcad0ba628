import Foundation
import PBBatch
import Testing

/// Exporting tables as CSV and JSON.
@Suite struct ExportTests {
    @Test func metricsOfAGridExportWithOneColumnPerParameter() throws {
        let folder = try TemporaryFolder()
        let database = folder.file("mixed.sqlite")
        try runSuite("mixed.yaml", into: database)
        let opened = try ResultsDatabase.open(path: database, create: false)
        let csv = try ResultsExport.render(opened, table: .metrics, format: .csv)
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "key,suite,kind,instance,rule,arithmetic,lambda,runs,seed,regime,metric,value,low,high")
        let sadul = Fixtures.pabulib("poland_warszawa_2017_sadul.pb")
        // Sadul, mes-cost: 2 of 3 projects funded (the oracle's outcome), 67900 of 110180.
        #expect(
            lines.contains(
                "d3a55553faecbd409ce37fc25e29b989c159ee4555dd807ada888039883e636a,test-mixed,election,\(sadul),mes-cost,certified,,,,mes-cost,funded,2.0,,"
            ))
        let simulationRows = lines.filter { $0.contains(",simulation,") }
        #expect(simulationRows.allSatisfy { $0.contains(",,0.0,5,") || $0.contains(",,1.0,5,") })
    }

    @Test func outcomesExportAsJSONWithParametersAndSelections() throws {
        let folder = try TemporaryFolder()
        let database = folder.file("mixed.sqlite")
        try runSuite("mixed.yaml", into: database)
        let opened = try ResultsDatabase.open(path: database, create: false)
        let json = try ResultsExport.render(opened, table: .outcomes, format: .json)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        // 9 rule outcomes on Sadul, 2 on Matarnia (Phragmén is not defined for cumulative ballots), and
        // 4 simulations x 5 regimes.
        #expect(rows.count == 9 + 2 + 4 * 5)
        let mes = try #require(
            rows.first {
                ($0["instance"] as? String)?.hasSuffix("sadul.pb") == true && $0["rule"] as? String == "mes-cost"
            })
        #expect(mes["selected"] as? [String] == ["1549", "2290"])
        #expect(mes["cost"] as? String == "67900")
        #expect((mes["parameters"] as? [String: String]) == ["arithmetic": "certified"])
        let simulation = try #require(rows.first { $0["kind"] as? String == "simulation" })
        #expect((simulation["parameters"] as? [String: Any])?["runs"] as? Int == 5)
        #expect(simulation["seed"] as? Int == 7)
    }

    @Test func theExportCommandWritesCSVToStandardOutput() throws {
        let folder = try TemporaryFolder()
        let database = folder.file("e.sqlite")
        try runSuite("with-bad-file.yaml", into: database)
        let result = try runPBSim(["batch", "export", database, "--format", "csv", "--table", "failures"], in: folder)
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "key,suite,kind,instance,rule,arithmetic,seed,error,pbsim_version,wall_time,finished_at")
        #expect(lines.count == 3)
        let missing = try runPBSim(["batch", "export", folder.file("none.sqlite")], in: folder)
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: \(folder.file("none.sqlite")): no such database\n")
    }
}
