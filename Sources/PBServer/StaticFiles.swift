import Foundation
import Hummingbird
import NIOCore

/// The pages, styles and scripts in `Pages/`, read once from the bundle and served from memory.
struct StaticFiles: Sendable {
    static let shared = StaticFiles()

    /// File name → (content type, bytes).
    let files: [String: (type: String, data: Data)]

    init() {
        var files: [String: (type: String, data: Data)] = [:]
        if let folder = Bundle.module.url(forResource: "Pages", withExtension: nil),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        {
            for name in names {
                guard let type = Self.type(of: name),
                    let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
                else { continue }
                files[name] = (type, data)
            }
        }
        self.files = files
    }

    static func type(of name: String) -> String? {
        switch (name as NSString).pathExtension {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        default: nil
        }
    }

    func add(to router: Router<some RequestContext>) {
        router.get("/") { _, _ in try file("index.html") }
        router.get("/{name}") { _, context in
            // "/" can arrive here with an empty name (the router prefers the parameter route).
            let name = try context.parameters.require("name")
            if name.isEmpty { return try file("index.html") }
            return try file(files[name] != nil ? name : "\(name).html")
        }
    }

    func file(_ name: String) throws -> Response {
        guard let (type, data) = files[name] else { throw APIError(.notFound, "no such page") }
        return Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
