import Foundation
import PBBatch
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

/// The built `pbsim` executable: next to the test bundle (`.build*/debug/pbsim` when `swift test`
/// runs `.build*/debug/pbsimPackageTests.xctest`), else the newest one under the package's build folders.
func pbsimExecutable() throws -> String {
    let fm = FileManager.default
    var candidates: [String] = []
    if let bundle = Bundle.main.executableURL?.deletingLastPathComponent() {
        candidates.append(bundle.appendingPathComponent("pbsim").path)
    }
    candidates.append(
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pbsim").path)
    if let first = candidates.first(where: { fm.isExecutableFile(atPath: $0) }) { return first }
    var newest: (String, Date)?
    for folder in (try? fm.contentsOfDirectory(atPath: Fixtures.root)) ?? [] where folder.hasPrefix(".build") {
        for configuration in ["debug", "release"] {
            let path = "\(Fixtures.root)/\(folder)/\(configuration)/pbsim"
            guard fm.isExecutableFile(atPath: path),
                let date = (try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            else { continue }
            if newest == nil || date > newest!.1 { newest = (path, date) }
        }
    }
    return try #require(
        newest?.0, "no built pbsim executable next to the tests or under .build*/; run swift build first")
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
