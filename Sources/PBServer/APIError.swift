import Hummingbird
import NIOCore
import PBReports

/// An error the API reports as `{"error": {"message", "field"?, "line"?}}` with a 4xx status.
///
/// Every failure a request can cause ends up as one of these (see ``ErrorMiddleware``), so a client
/// never sees a stack trace or a bare 500.
struct APIError: Error, HTTPResponseError, Sendable {
    /// The HTTP status, 4xx for the client's mistakes.
    var status: HTTPResponse.Status
    /// What is wrong, in the command line's words.
    var message: String
    /// The request or scenario field at fault, e.g. `runs` or `proposals[3].cost`.
    var field: String?
    /// The 1-based line of a scenario's YAML text, when known.
    var line: Int?

    /// Creates an error.
    init(_ status: HTTPResponse.Status, _ message: String, field: String? = nil, line: Int? = nil) {
        self.status = status
        self.message = message
        self.field = field
        self.line = line
    }

    /// A 400 naming a request field.
    static func badField(_ field: String, _ message: String) -> APIError {
        APIError(.badRequest, message, field: field)
    }

    /// The error document.
    var json: JSONValue {
        var inner: [(String, JSONValue)] = [("message", .string(message))]
        if let field { inner.append(("field", .string(field))) }
        if let line { inner.append(("line", .int(line))) }
        return .object([("error", .object(inner))])
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response.json(json.text(indent: 0), status: status)
    }
}

/// Turns every error into the API's JSON error: ``APIError`` as it is, Hummingbird's own (404, 413, …)
/// with their status, anything else as a 500 with a generic message (never a stack trace).
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return Response.json(error.json.text(indent: 0), status: error.status)
        } catch let error as any HTTPResponseError {
            let message = error.status == .notFound ? "no such page or API endpoint" : error.status.reasonPhrase
            return Response.json(APIError(error.status, message).json.text(indent: 0), status: error.status)
        } catch {
            return Response.json(
                APIError(.internalServerError, "the server could not answer this request").json.text(indent: 0),
                status: .internalServerError)
        }
    }
}

extension Response {
    /// A response with a JSON body.
    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// A response with a text body of `type`.
    static func text(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: type, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
