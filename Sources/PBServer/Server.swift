public import Hummingbird
import Foundation
import HTTPTypes
import Logging
import NIOCore
public import PBSession
import PBSimulation

/// The web front end of `pbsim serve`: the JSON API under `/api/` and the pages (Explore, Build,
/// Elections) that use it.
///
/// ```swift
/// let server = PBServer(catalog: Catalog(inputs: ["Scenarios/riverside.yaml"], dataDirectory: "saved"))
/// try await server.application(host: "127.0.0.1", port: 8080).runService()
/// ```
public struct PBServer: Sendable {
    /// What the server offers.
    public let catalog: Catalog
    /// Worker threads per simulation.
    public let jobs: Int
    /// The panel sessions of the data folder, if any.
    public let sessions: SessionStore?
    /// The SHA-256 digest of the token that may create sessions from the facilitator page.
    let creatorDigest: [UInt8]?

    /// Creates the server.
    ///
    /// - Parameters:
    ///   - catalog: The scenarios and elections to offer.
    ///   - jobs: Worker threads per simulation (default: every core).
    ///   - sessions: The panel sessions to serve (`pbsim serve --data`), or `nil`.
    ///   - creatorToken: The token with which the facilitator page may create sessions (see
    ///     ``PBSession/SessionToken/generate()``), or `nil` to allow it only from the command line.
    public init(catalog: Catalog, jobs: Int? = nil, sessions: SessionStore? = nil, creatorToken: String? = nil) {
        self.catalog = catalog
        self.jobs = max(1, jobs ?? Simulator.defaultJobs)
        self.sessions = sessions
        self.creatorDigest = creatorToken.map(SessionToken.digest(of:))
    }

    /// The router: the API, the static pages, and the error and security middleware.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: SecurityMiddleware())
        ScenarioRoutes(catalog: catalog).add(to: router)
        SimulationRoutes(catalog: catalog, jobs: jobs).add(to: router)
        ElectionRoutes(catalog: catalog).add(to: router)
        SessionRoutes(store: sessions, catalog: catalog, jobs: jobs, creatorDigest: creatorDigest).add(to: router)
        StaticFiles.shared.add(to: router)
        return router
    }

    /// The application listening on `host:port` (port 0 picks a free one); `onRunning` gets the port
    /// once it listens.
    public func application(
        host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        var logger = Logger(label: "pbsim-serve")
        logger.logLevel = .warning
        return Application(
            router: router(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "pbsim"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// Serves on `host:port` until the process gets SIGINT or SIGTERM; `onRunning` gets the port once it
    /// listens.
    public func run(host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        try await application(host: host, port: port, onRunning: onRunning).runService()
    }

    /// Whether `host` is a loopback address (only this machine can connect).
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

/// Security headers on every response, and a refusal of state-changing requests from other sites.
struct SecurityMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if request.method != .get && request.method != .head, let origin = request.headers[.origin] {
            let host = request.headers[HTTPField.Name("Host")!] ?? request.head.authority ?? ""
            let originHost = origin.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first
            guard let originHost, originHost == host else {
                throw APIError(.forbidden, "cross-site requests are refused (Origin \(origin) is not this server)")
            }
        }
        var response = try await next(request, context)
        response.headers[HTTPField.Name("Content-Security-Policy")!] =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return response
    }
}
