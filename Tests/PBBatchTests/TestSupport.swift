import Foundation
import PBBatch
import PBTestSupport
import Testing

/// Paths and helpers shared by the batch tests.
enum Fixtures {
    /// `Tests/PBBatchTests/Fixtures`.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        .path

    /// The package's root folder.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// A fixture's absolute path.
    static func path(_ name: String) -> String { folder + "/" + name }

    /// A real election of `Tests/PBRulesTests/Fixtures/pabulib`.
    static func pabulib(_ name: String) -> String { root + "/Tests/PBRulesTests/Fixtures/pabulib/" + name }
}

/// A fresh temporary folder, removed when the value is released.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "pbbatch-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Runs a suite in process into a database and returns the summary.
@discardableResult
func runSuite(
    _ suite: String, into database: String, jobs: Int = 2, shard: Shard? = nil
) throws -> BatchSummary {
    try BatchRunner.run(
        suitePath: Fixtures.path(suite), databasePath: database, options: BatchOptions(jobs: jobs, shard: shard))
}

/// The built `pbsim` executable (``PBSimBinary``).
func pbsimExecutable() throws -> String {
    try #require(PBSimBinary.path, Comment(rawValue: PBSimBinary.missing))
}

/// What a child `pbsim` printed and its exit status.
struct ProcessOutput {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Starts `pbsim` with `arguments`; output goes to files so that a full pipe never blocks it.
func startPBSim(_ arguments: [String], in folder: TemporaryFolder, environment: [String: String]? = nil) throws
    -> (Process, stdout: String, stderr: String)
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try pbsimExecutable())
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
    if let environment { process.environment = environment }
    let name = UUID().uuidString
    let out = folder.file("\(name).out")
    let err = folder.file("\(name).err")
    #expect(FileManager.default.createFile(atPath: out, contents: nil), "could not create a test file")
    #expect(FileManager.default.createFile(atPath: err, contents: nil), "could not create a test file")
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
    try process.run()
    return (process, out, err)
}

/// Runs `pbsim` to completion.
func runPBSim(_ arguments: [String], in folder: TemporaryFolder, environment: [String: String]? = nil) throws
    -> ProcessOutput
{
    let (process, out, err) = try startPBSim(arguments, in: folder, environment: environment)
    process.waitUntilExit()
    return ProcessOutput(
        status: process.terminationStatus,
        stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
}

/// The environment without Slurm's array variables (so a test run inside a Slurm job is not sharded).
func environmentWithoutSlurm(_ extra: [String: String] = [:]) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SLURM_") }
    environment.merge(extra) { _, new in new }
    return environment
}
