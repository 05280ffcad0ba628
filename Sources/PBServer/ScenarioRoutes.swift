import Foundation
import Hummingbird
import PBModel
import PBReports
import PBScenario
import PBWorkbench

/// `/api/scenarios`, `/api/validate`: the catalog, one scenario's text, validation and saving.
struct ScenarioRoutes: Sendable {
    let catalog: Catalog

    func add(to router: Router<some RequestContext>) {
        router.get("/api/scenarios") { _, _ in list() }
        router.get("/api/scenarios/{id}") { _, context in try show(context.parameters.require("id")) }
        router.put("/api/scenarios/{id}") { request, context in
            try await save(context.parameters.require("id"), yaml: RequestFields.text(of: request))
        }
        router.post("/api/validate") { request, _ in
            validate(yaml: try await RequestFields.text(of: request))
        }
    }

    /// `[{"id", "name", "kind", "saved"}]`.
    func list() -> Response {
        let items = catalog.entries().map { entry -> JSONValue in
            .object([
                ("id", .string(entry.id)), ("name", .string(entry.name)), ("kind", .string(entry.kind.rawValue)),
                ("saved", .bool(entry.saved)),
            ])
        }
        return .json(JSONValue.array(items).text() + "\n")
    }

    /// `{"id", "name", "kind", "saved", "yaml"?, "scenario"?, "errors"?}`: a scenario's text and, when it
    /// is valid, its fields in the file's shape (for the page's controls and tables).
    func show(_ id: String) throws -> Response {
        guard let entry = catalog.entry(id) else {
            throw APIError(.notFound, "no scenario or election with id '\(id)'", field: "id")
        }
        var object: [String: Any] = [
            "id": entry.id, "name": entry.name, "kind": entry.kind.rawValue, "saved": entry.saved,
        ]
        if entry.kind == .scenario {
            guard let data = FileManager.default.contents(atPath: entry.path),
                let yaml = String(data: data, encoding: .utf8)
            else { throw APIError(.notFound, "the file of '\(id)' cannot be read", field: "id") }
            object["yaml"] = yaml
            do {
                let input = try ScenarioInput.parse(yaml: yaml, file: entry.path)
                object["scenario"] = try JSONSerialization.jsonObject(with: JSONEncoder().encode(input.scenario))
            } catch let error as WorkbenchError {
                object["errors"] = Self.issues(error).map {
                    ["line": $0.line ?? NSNull(), "field": $0.path, "message": $0.message] as [String: Any]
                }
            }
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return .json(String(decoding: data, as: UTF8.self) + "\n")
    }

    /// `{"errors": [{"line", "field", "message"}]}`, empty when the text is a valid scenario.
    func validate(yaml: String) -> Response {
        let issues: [ScenarioIssue]
        do {
            _ = try ScenarioInput.parse(yaml: yaml, file: catalog.requestFile)
            issues = []
        } catch {
            issues = Self.issues(error)
        }
        let list = issues.map { issue -> JSONValue in
            .object([
                ("line", issue.line.map { .int($0) } ?? .null), ("field", .string(issue.path)),
                ("message", .string(issue.message)),
            ])
        }
        return .json(JSONValue.object([("errors", .array(list))]).text() + "\n")
    }

    /// Saves a valid scenario as `<id>.yaml` in the data folder (201 when new, 200 when replaced).
    func save(_ id: String, yaml: String) throws -> Response {
        guard let folder = catalog.dataDirectory else {
            throw APIError(.conflict, "the server was started without --data, so it cannot save")
        }
        guard Catalog.isValidID(id) else {
            throw APIError.badField("id", "an id is 1 to 64 letters, digits, '-' or '_'")
        }
        let path = (folder as NSString).appendingPathComponent("\(id).yaml")
        if let existing = catalog.entry(id), existing.path != path {
            throw APIError(
                .conflict, "'\(id)' is a file the server was started with; save under another id", field: "id")
        }
        do {
            _ = try ScenarioInput.parse(yaml: yaml, file: path)
        } catch {
            throw Self.apiError(error)
        }
        let isNew = !FileManager.default.fileExists(atPath: path)
        do {
            try OutputFile.write(Data(yaml.utf8), to: path)
        } catch {
            throw APIError(.conflict, "cannot write \(id).yaml in the data folder: \(error.message)")
        }
        let body = JSONValue.object([("id", .string(id)), ("saved", .bool(true))]).text() + "\n"
        return .json(body, status: isNew ? .created : .ok)
    }

    /// The scenario issues of a workbench error, or one issue with its whole message (an unreadable
    /// election file, say).
    static func issues(_ error: WorkbenchError) -> [ScenarioIssue] {
        error.issues.isEmpty
            ? [ScenarioIssue(file: "", line: nil, path: "", message: error.description)] : error.issues
    }

    /// A workbench error as a 422 naming the first issue's field and line (and how many more there are).
    static func apiError(_ error: WorkbenchError) -> APIError {
        guard let first = error.issues.first else { return APIError(.unprocessableContent, error.description) }
        let more = error.issues.count - 1
        let suffix = more > 0 ? " (and \(more) more problem\(more == 1 ? "" : "s"))" : ""
        return APIError(
            .unprocessableContent, first.message + suffix, field: first.path.isEmpty ? nil : first.path,
            line: first.line)
    }
}

extension Catalog {
    /// The file name given to scenarios sent as text: in the data folder (else the working folder), so an
    /// `election.file` resolves there.
    var requestFile: String {
        ((dataDirectory ?? FileManager.default.currentDirectoryPath) as NSString)
            .appendingPathComponent("request.yaml")
    }
}
