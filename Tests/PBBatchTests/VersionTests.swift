import Foundation
import GRDB
import PBBatch
import Testing

/// One version constant: `pbsim --version` prints it and every batch result records it.
@Suite struct VersionTests {
    @Test func versionFlagAndBatchResultsNameTheSameVersion() throws {
        let folder = try TemporaryFolder()
        let shown = try runPBSim(["--version"], in: folder)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout == pbsimVersion + "\n")

        let database = folder.file("results.sqlite")
        let ran = try runPBSim(
            ["batch", "run", Fixtures.path("keys.yaml"), "--db", database], in: folder,
            environment: environmentWithoutSlurm())
        #expect(ran.status == 0, "\(ran.stderr)")
        let versions = try DatabaseQueue(path: database).read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT pbsim_version FROM tasks")
        }
        #expect(versions == [pbsimVersion])
    }
}
