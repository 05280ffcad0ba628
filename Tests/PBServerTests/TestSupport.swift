import Foundation
import Hummingbird
import HTTPTypes
import NIOCore
import HummingbirdTesting
import PBTestSupport
import Testing

@testable import PBServer

/// Paths of the repository's files, found from this file's location.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }

    static let riverside = path("Scenarios/riverside.yaml")
    static let warsaw = path("Scenarios/poland_warszawa_2017_wars.pb")
}

/// A fresh temporary folder, removed by the caller.
func temporaryFolder() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pbserver-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.path
}

/// Runs `body` against the server's router (no network), with the demo scenario and the Warsaw election.
func withServer<T>(
    data: String? = nil, inputs: [String] = [Repository.riverside, Repository.warsaw],
    _ body: @escaping @Sendable (any TestClientProtocol) async throws -> T
) async throws -> T {
    let server = PBServer(catalog: Catalog(inputs: inputs, dataDirectory: data), jobs: 2)
    let app = Application(router: server.router())
    return try await app.test(.router) { client in try await body(client) }
}

extension TestClientProtocol {
    /// A request with a JSON (or text) body.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, json: Any? = nil, text: String? = nil,
        headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = headers
        var body: ByteBuffer?
        if let json {
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
            headers[.contentType] = "application/json"
        } else if let text {
            body = ByteBuffer(string: text)
            headers[.contentType] = "text/plain"
        }
        return try await execute(uri: uri, method: method, headers: headers, body: body)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body parsed as JSON.
    func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    /// `error.message`, `error.field` and `error.line` of an API error body.
    func apiError() throws -> (message: String, field: String?, line: Int?) {
        let object = try #require(try json() as? [String: Any])
        let error = try #require(object["error"] as? [String: Any], "no error object in \(text)")
        return (try #require(error["message"] as? String), error["field"] as? String, error["line"] as? Int)
    }
}

/// The built `pbsim` binary (``PBSimBinary``), for comparing the API with the CLI.
func pbsim() throws -> String {
    try #require(PBSimBinary.path, Comment(rawValue: PBSimBinary.missing))
}

/// The standard output of `pbsim ARGUMENTS` (its exit status must be 0).
func runCLI(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try pbsim())
    process.arguments = arguments
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let out = (folder as NSString).appendingPathComponent("out")
    #expect(FileManager.default.createFile(atPath: out, contents: nil))
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "pbsim \(arguments.joined(separator: " ")) failed")
    return try String(contentsOfFile: out, encoding: .utf8)
}
