import ArgumentParser
import Dispatch
import Foundation
import PBServer
import PBSession
import Synchronization

/// `pbsim serve [FILES...]`: the web pages and the JSON API on a local server.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the Explore, Build and election pages and the JSON API on a local web server.",
        discussion: """
            Opens the given scenarios (.yaml) and elections (.pb), and the scenarios saved in --data, at \
            http://HOST:PORT/. The server listens on 127.0.0.1 (this machine only) unless --host says \
            otherwise. The API is described in the README (GET /api/scenarios, POST /api/validate, \
            POST /api/simulate, ...). Stop it with Ctrl-C.
            """
    )

    @Argument(help: "Scenario files (.yaml) and pabulib elections (.pb).")
    var files: [String] = []

    @Option(help: "The address to listen on (0.0.0.0 for every network interface).")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8080

    @Option(help: "A folder where the Build page saves scenarios (created when missing).")
    var data: String?

    @Option(help: "Worker threads per simulation (default: every core).")
    var jobs: Int?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        for file in files {
            guard Catalog.kind(of: file) != nil else {
                throw ValidationError("\(file): expected a scenario (.yaml) or an election (.pb)")
            }
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw ValidationError("\(file): no such file")
            }
        }
    }

    func run() throws {
        if let data {
            do {
                try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            } catch {
                throw failure("\(data): cannot create the data folder")
            }
        }
        let catalog = Catalog(inputs: files, dataDirectory: data)
        var sessions: SessionStore?
        if let data {
            do {
                sessions = try SessionStore.open(directory: data)
            } catch {
                throw failure(error.description)
            }
        }
        // A new facilitator token on each start: it lets the facilitator page create sessions.
        let creatorToken = sessions == nil ? nil : SessionToken.generate()
        let server = PBServer(catalog: catalog, jobs: jobs, sessions: sessions, creatorToken: creatorToken)
        if !PBServer.isLoopback(host) {
            warning(
                "listening on \(host): other machines can reach this server (it has no log-in); "
                    + "use --host 127.0.0.1 to keep it to this machine")
        }
        let host = host
        let port = port
        // The server runs on Swift's concurrency threads; this thread waits for it to stop (Ctrl-C).
        let outcome = Mutex<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await server.run(host: host, port: port) { port in
                    let shown = host.contains(":") ? "[\(host)]" : host
                    emit("pbsim serve: open http://\(shown):\(port)/ (Ctrl-C to stop)\n")
                    if let creatorToken {
                        emit("pbsim serve: panel sessions: http://\(shown):\(port)/facilitate#t=\(creatorToken)\n")
                    }
                }
            } catch {
                outcome.withLock { $0 = "cannot serve on \(host):\(port): \(error)" }
            }
            done.signal()
        }
        done.wait()
        if let message = outcome.withLock({ $0 }) { throw failure(message) }
    }
}
