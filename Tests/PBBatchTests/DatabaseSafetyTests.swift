import Foundation
import GRDB
import PBBatch
import Testing

private func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

/// Side files SQLite would create beside `path` when it writes (or opens a WAL file normally).
private func sideFiles(of path: String) -> [String] {
    ["-wal", "-shm", "-journal"].map { path + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
}

/// Runs `pbsim` as the unprivileged `nobody` when the tests run as root (so that file permissions
/// apply), otherwise as the current user.
private func runUnprivileged(_ arguments: [String], in folder: TemporaryFolder) throws -> ProcessOutput {
    guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
        return try runPBSim(arguments, in: folder)
    }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
    p.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", try pbsimExecutable()] + arguments
    p.currentDirectoryURL = URL(fileURLWithPath: folder.path)
    let out = folder.file("unprivileged.out"), err = folder.file("unprivileged.err")
    #expect(FileManager.default.createFile(atPath: out, contents: nil), "could not create a test file")
    #expect(FileManager.default.createFile(atPath: err, contents: nil), "could not create a test file")
    p.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
    p.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
    try p.run()
    p.waitUntilExit()
    return ProcessOutput(
        status: p.terminationStatus, stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
}

@Suite("Results databases: foreign and corrupt files untouched, read-only commands, no overwritten input")
struct DatabaseSafetyTests {
    /// A valid SQLite database of another program: one table, one row.
    private static func foreignDatabase(in folder: TemporaryFolder) throws -> String {
        let path = folder.file("foreign.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(
                sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('mine')")
        }
        try queue.close()
        return path
    }

    @Test("a foreign SQLite file given as --db is refused before anything is written")
    func foreign() throws {
        let folder = try TemporaryFolder()
        let path = try Self.foreignDatabase(in: folder)
        let before = bytes(path)
        let r = try runPBSim(["batch", Fixtures.path("elections.yaml"), "--db", path], in: folder)
        #expect(r.status == 1)
        #expect(r.stderr.contains("not a pbsim batch database"), "\(r.stderr)")
        #expect(bytes(path) == before)
        #expect(sideFiles(of: path).isEmpty)
    }

    @Test("a corrupt file (SQLite header, garbage after) and a non-SQLite file are refused untouched")
    func corrupt() throws {
        let folder = try TemporaryFolder()
        let header = Data("SQLite format 3\u{0}".utf8)
        for (name, content) in [
            ("corrupt.sqlite", header + Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 7) })),
            ("text.sqlite", Data(String(repeating: "not a database\n", count: 300).utf8)),
        ] {
            let path = folder.file(name)
            #expect(FileManager.default.createFile(atPath: path, contents: content))
            for arguments in [
                ["batch", Fixtures.path("elections.yaml"), "--db", path], ["batch", "status", path],
                ["batch", "export", path], ["batch", "merge", path, "-o", folder.file("m.sqlite")],
            ] {
                let r = try runPBSim(arguments, in: folder)
                #expect(r.status == 1, "\(arguments)")
                #expect(r.stderr.contains("not a pbsim batch database"), "\(arguments): \(r.stderr)")
                #expect(bytes(path) == content)
                #expect(sideFiles(of: path).isEmpty)
            }
            #expect(!FileManager.default.fileExists(atPath: folder.file("m.sqlite")))
        }
    }

    @Test("status and export open read-only: the file is unchanged, no side file appears, a read-only copy works")
    func readOnly() throws {
        let folder = try TemporaryFolder()
        let database = folder.file("r.sqlite")
        try runSuite("elections.yaml", into: database)
        let before = bytes(database)
        let status = try runPBSim(["batch", "status", database], in: folder)
        #expect(status.status == 0, "\(status.stderr)")
        let export = try runPBSim(["batch", "export", database, "--table", "tasks"], in: folder)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(bytes(database) == before)
        #expect(sideFiles(of: database).isEmpty)

        // A read-only file in a read-only folder, read by a user who cannot write either.
        let locked = folder.file("locked")
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false)
        try FileManager.default.copyItem(atPath: database, toPath: locked + "/r.sqlite")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: locked + "/r.sqlite")
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked) }
        let lockedStatus = try runUnprivileged(["batch", "status", locked + "/r.sqlite"], in: folder)
        #expect(lockedStatus.status == 0, "\(lockedStatus.stderr)")
        #expect(lockedStatus.stdout.contains("test-elections"))
        let lockedExport = try runUnprivileged(["batch", "export", locked + "/r.sqlite"], in: folder)
        #expect(lockedExport.status == 0, "\(lockedExport.stderr)")
        #expect(lockedExport.stdout == (try runPBSim(["batch", "export", database], in: folder)).stdout)
    }

    @Test("export and merge refuse to write over their input database")
    func sameFile() throws {
        let folder = try TemporaryFolder()
        let database = folder.file("r.sqlite")
        try runSuite("elections.yaml", into: database)
        try FileManager.default.createSymbolicLink(atPath: folder.file("alias.sqlite"), withDestinationPath: database)
        let before = bytes(database)
        for arguments in [
            ["batch", "export", database, "-o", database], ["batch", "export", database, "-o", "alias.sqlite"],
            ["batch", "merge", database, "-o", database], ["batch", "merge", database, "-o", "alias.sqlite"],
        ] {
            let r = try runPBSim(arguments, in: folder)
            #expect(r.status == 1, "\(arguments)")
            #expect(r.stderr.contains("is an input of this command"), "\(arguments): \(r.stderr)")
            #expect(bytes(database) == before)
        }
    }

    @Test("a merge replaces its output atomically, keeps its mode and removes dead processes' partial files")
    func mergeOutput() throws {
        let folder = try TemporaryFolder()
        let database = folder.file("r.sqlite")
        try runSuite("elections.yaml", into: database)
        let output = folder.file("merged.sqlite")
        #expect(FileManager.default.createFile(atPath: output, contents: Data("old".utf8)))
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: output)
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run()
        dead.waitUntilExit()
        let stale = folder.file(".merged.sqlite.pbsim-partial-\(dead.processIdentifier)-0123456789ab")
        #expect(FileManager.default.createFile(atPath: stale, contents: Data(count: 4096)))
        let r = try runPBSim(["batch", "merge", database, "-o", output], in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: output)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        #expect(
            try ResultsDatabase.open(path: output, access: .read).snapshot()
                == (try ResultsDatabase.open(path: database, access: .read).snapshot()))
        if kill(dead.processIdentifier, 0) != 0 { #expect(!FileManager.default.fileExists(atPath: stale)) }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.contains(".pbsim-partial-") && !$0.hasSuffix("0123456789ab")
        }
        #expect(left.isEmpty)
    }

    @Test("SQLite errors keep their result code and statement")
    func errorCodes() throws {
        let folder = try TemporaryFolder()
        let r = try runPBSim(["batch", "status", Fixtures.path("bad.pb")], in: folder)
        #expect(r.status == 1)
        #expect(r.stderr.contains("SQLite error 26"), "\(r.stderr)")
        #expect(r.stderr.contains("SELECT"), "\(r.stderr)")
    }
}
