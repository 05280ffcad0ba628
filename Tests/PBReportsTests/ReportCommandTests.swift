import ArgumentParser
import Foundation
import PBSimCLI
import Testing

@Suite struct ReportCommandTests {
    /// A fresh empty folder.
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pbsim-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The message `pbsim` prints for a command line it rejects.
    func rejection(_ arguments: [String]) -> String? {
        do {
            _ = try PBSim.parseAsRoot(arguments)
            return nil
        } catch {
            return PBSim.message(for: error)
        }
    }

    @Test(.timeLimit(.minutes(1))) func aScenarioReportIsWrittenInOnePiece() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("report.html").path
        var command = try PBSim.parseAsRoot([
            "report", Repository.path("Scenarios/riverside.yaml"), "-o", output, "--runs", "3", "--seed", "5", "--jobs",
            "2",
        ])
        try command.run()
        let html = try String(contentsOfFile: output, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(html.contains("--runs 3 --seed 5"))
        // Only the report is left: the temporary file was renamed into place.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["report.html"])
    }

    @Test(.timeLimit(.minutes(1))) func anElectionReportReplacesAnOlderFile() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("wars.html").path
        try "old".write(toFile: output, atomically: false, encoding: .utf8)
        var command = try PBSim.parseAsRoot([
            "report", Repository.pabulib("poland_warszawa_2017_wars"), "--output", output, "--rules",
            "greedy-cost,mes-cost",
        ])
        try command.run()
        let html = try String(contentsOfFile: output, encoding: .utf8)
        #expect(html.contains("Equal Shares"))
        #expect(!html.contains("Phragmén lets voters"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["wars.html"])
    }

    @Test func aFailedWriteLeavesNoFileBehind() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("missing/report.html").path
        var command = try PBSim.parseAsRoot([
            "report", Repository.pabulib("poland_warszawa_2017_wars"), "-o", output, "--rules", "greedy-cost",
        ])
        #expect(throws: ExitCode.self) { try command.run() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        // A folder in place of the file: the rename fails, and the temporary file is removed.
        let folderOutput = dir.appendingPathComponent("taken").path
        try FileManager.default.createDirectory(atPath: folderOutput + "/inside", withIntermediateDirectories: true)
        command = try PBSim.parseAsRoot([
            "report", Repository.pabulib("poland_warszawa_2017_wars"), "-o", folderOutput, "--rules", "greedy-cost",
        ])
        #expect(throws: ExitCode.self) { try command.run() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["taken"])
    }

    @Test func optionsOfTheOtherKindOfInputAreRejected() {
        #expect(
            rejection(["report", "x.pb", "-o", "r.html", "--runs", "10"])
                == "--runs, --seed and --jobs apply to scenarios, not to .pb elections")
        #expect(
            rejection(["report", "x.yaml", "-o", "r.html", "--rules", "greedy-cost"])
                == "--rules and --currency apply to .pb elections (a scenario sets its own rules and currency)")
        #expect(
            rejection(["report", "x.pb", "-o", "r.html", "--rules", "greedy-cost,best"])
                == "--rules: 'best' is not a rule (use greedy-cost, greedy-card, max-welfare-cost, mes-cost, mes-card, "
                + "mes-borda, mes-cost-add1, mes-cost-add1-greedy, phragmen, maximin-support, cstv-ewt, cstv-ewtc, "
                + "cstv-mt, cstv-mtc, pb-ear or all)")
        #expect(
            rejection(["report", "x.yaml", "-o", "r.html", "--runs", "0"])
                == "--runs must be between 1 and 100000, got 0")
        #expect(rejection(["report", "x.yaml"]) != nil)
    }
}
