import Foundation
import PBTestSupport
import Testing

/// The built `pbsim` (``PBSimBinary``).
func pbsim() throws -> String {
    try #require(PBSimBinary.path, Comment(rawValue: PBSimBinary.missing))
}

struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `pbsim` to completion (in `folder` when given), its output captured through files.
func run(_ arguments: [String], in folder: String? = nil) throws -> Run {
    try launch(try pbsim(), arguments, in: folder)
}

/// Runs `command` with `/bin/sh -c` (for redirections such as `> /dev/full` or `>&-`).
func shell(_ command: String) throws -> Run {
    try launch("/bin/sh", ["-c", command], in: nil)
}

/// Runs `executable` to completion, its output captured through files (a full pipe never blocks it).
private func launch(_ executable: String, _ arguments: [String], in folder: String?) throws -> Run {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    if let folder { p.currentDirectoryURL = URL(fileURLWithPath: folder) }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pbsim-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
    #expect(FileManager.default.createFile(atPath: out.path, contents: nil), "could not create a test file")
    #expect(FileManager.default.createFile(atPath: err.path, contents: nil), "could not create a test file")
    p.standardOutput = try FileHandle(forWritingTo: out)
    p.standardError = try FileHandle(forWritingTo: err)
    try p.run()
    p.waitUntilExit()
    return Run(
        status: p.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
        stderr: try String(contentsOf: err, encoding: .utf8))
}

func write(_ text: String, name: String = "input.pb") throws -> String {
    try write(Array(text.utf8), name: name)
}

func write(_ bytes: [UInt8], name: String = "input.pb") throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pbsim-in-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent(name).path
    #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)), "could not create a test file")
    return path
}
