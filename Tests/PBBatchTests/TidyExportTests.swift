import Foundation
import PBBatch
import Testing

/// The tidy tables: long format, every column of one type, no JSON or packed sub-keys in a cell.
@Suite struct TidyExportTests {
    /// The CSV as rows of cells (no cell of these fixtures holds a comma or a quote).
    private func table(_ csv: String) -> (header: [String], rows: [[String]]) {
        let lines = csv.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        return (lines[0], Array(lines.dropFirst()))
    }

    @Test func simulationMetricsHaveIntegerSeedAndRunsAndTheGroupInItsOwnColumn() throws {
        let folder = try TemporaryFolder()
        let database = folder.file("mixed.sqlite")
        try runSuite("mixed.yaml", into: database)
        let opened = try ResultsDatabase.open(path: database, create: false)
        let (header, rows) = table(try ResultsExport.render(opened, table: .simulationMetrics, format: .csv))
        #expect(
            header == [
                "key", "suite", "scenario", "seed", "runs", "lambda", "regime", "metric", "detail", "value", "low",
                "high",
            ])
        let wide = try ResultsExport.render(opened, table: .metrics, format: .csv)
        // Every simulation metric of the wide table, once.
        #expect(rows.count == wide.split(separator: "\n").filter { $0.contains(",simulation,") }.count)
        for row in rows {
            #expect(row.count == header.count)
            #expect(Int(row[3]) != nil && Int(row[4]) == 5, "seed and runs are integers on every row: \(row)")
            #expect(!row[7].contains(":"), "no sub-key packed in a metric name: \(row[7])")
            #expect(Double(row[9]) != nil || row[9].isEmpty)
        }
        let coverage = rows.filter { $0[7] == "coverage" && !$0[8].isEmpty }
        #expect(Set(coverage.map { $0[8] }).contains("commuters-south"))
        #expect(!rows.contains { $0[6] == "regimes" || $0[6].isEmpty })
    }

    @Test func electionMetricsSplitTheSatisfactionClass() throws {
        let folder = try TemporaryFolder()
        let database = folder.file("mixed.sqlite")
        try runSuite("mixed.yaml", into: database)
        let opened = try ResultsDatabase.open(path: database, create: false)
        let (header, rows) = table(try ResultsExport.render(opened, table: .electionMetrics, format: .csv))
        #expect(header == ["key", "suite", "instance", "rule", "arithmetic", "metric", "detail", "value"])
        let sadulMES = rows.filter { $0[2].hasSuffix("sadul.pb") && $0[3] == "mes-cost" }
        #expect(sadulMES.contains { $0[5] == "funded" && $0[6] == "" && $0[7] == "2.0" })
        #expect(sadulMES.contains { $0[5] == "avg_satisfaction" && $0[6] == "Cost_Sat" })
        #expect(rows.allSatisfy { Double($0[7]) != nil })
    }

    @Test func selectionsHaveOneRowPerFundedProjectInOrder() throws {
        let folder = try TemporaryFolder()
        let database = folder.file("mixed.sqlite")
        try runSuite("mixed.yaml", into: database)
        let opened = try ResultsDatabase.open(path: database, create: false)
        let (header, rows) = table(try ResultsExport.render(opened, table: .selections, format: .csv))
        #expect(header == ["key", "suite", "kind", "instance", "rule", "regime", "position", "project"])
        let mes = rows.filter { $0[3].hasSuffix("sadul.pb") && $0[4] == "mes-cost" }
        #expect(mes.map { $0[7] } == ["1549", "2290"])
        #expect(mes.map { $0[6] } == ["1", "2"])
        #expect(rows.filter { $0[2] == "simulation" }.allSatisfy { $0[4].isEmpty && !$0[5].isEmpty })
        let json = try ResultsExport.render(opened, table: .selections, format: .json)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(objects.count == rows.count)
        #expect(objects.first?["position"] as? Int == 1)
    }
}
