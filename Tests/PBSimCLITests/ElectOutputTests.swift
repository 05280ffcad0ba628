import Foundation
import Testing

/// `elect` on several files and folders, as CSV; the batch export's glossary; bench as JSON.
@Suite struct ElectOutputTests {
    @Test func csvHasOneRowPerFundedProjectAndFoldersExpand() throws {
        let path = try write(clean)
        let folder = (path as NSString).deletingLastPathComponent
        let r = try run(["elect", folder, path, "--rule", "greedy-cost", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "file,rule,position,project,name,cost,votes")
        // The folder holds the one file, named twice: greedy funds 1 (500) then 2 (300) each time.
        #expect(lines.count == 1 + 2 * 2)
        #expect(lines[1].hasSuffix(",greedy-cost,1,1,Park; benches,500,3"))
        #expect(lines[2].hasSuffix(",greedy-cost,2,2,Library,300,2"))
    }

    @Test func severalFilesAsJSONGiveAnArray() throws {
        let path = try write(clean)
        let r = try run(["elect", path, path, "--rule", "mes-cost", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
        #expect((json as? [Any])?.count == 2)
    }

    @Test func folderWithoutElectionsIsAnError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pbsim-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let r = try run(["elect", folder.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no .pb files"))
    }

    @Test func glossaryNamesTheMeasuresOfElectionRows() throws {
        let r = try run(["batch", "export", "--glossary"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("metric,rows,meaning\n"))
        #expect(r.stdout.contains("\npercent_non_empty_handed,election,"))
        #expect(r.stdout.contains("\nefficiency,simulation,"))
    }

    @Test func benchWritesJSON() throws {
        let path = try write(clean)
        let folder = (path as NSString).deletingLastPathComponent
        let r = try run(["bench", folder, "--rules", "greedy-cost", "--repeat", "1", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let instances = try #require(json["instances"] as? [[String: Any]])
        #expect(instances.count == 1)
        let steps = try #require(instances[0]["steps"] as? [[String: Any]])
        #expect(steps.contains { $0["step"] as? String == "greedy-cost" })
    }
}
