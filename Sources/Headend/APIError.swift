import Foundation
import Hummingbird

/// An API failure as the client sees it: an HTTP status and a JSON body
/// `{"error": {"message": "...", "parameter": "from"}}` whose message names the bad
/// parameter, so a caller can fix the request without reading the server's log.
///
/// Every failure a request can cause is one of these with a 4xx status; only the store
/// failing (a full disk, a corrupt file) is a 5xx, and then the message says so.
public struct APIError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var message: String
    /// The query, path or body parameter at fault, when one is.
    public var parameter: String?
    /// Extra headers (`WWW-Authenticate` on a 401).
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ message: String, parameter: String? = nil) {
        self.status = status
        self.message = message
        self.parameter = parameter
    }

    public var description: String { "\(status.code) \(message)" }

    /// A parameter that is malformed or out of range (400).
    public static func badParameter(_ name: String, _ message: String) -> APIError {
        APIError(.badRequest, "\(name): \(message)", parameter: name)
    }

    /// A path parameter naming nothing the gateway knows (404).
    public static func notFound(_ name: String, _ message: String) -> APIError {
        APIError(.notFound, "\(name): \(message)", parameter: name)
    }

    /// No valid token (401). The message never repeats the token. A browser (the status
    /// page) is challenged for Basic credentials, so it asks its user for the token.
    public static func unauthorized(_ message: String, browser: Bool = false) -> APIError {
        var error = APIError(.unauthorized, message)
        error.headers[.wwwAuthenticate] = browser ? "Basic realm=\"metergate\", charset=\"UTF-8\"" : "Bearer realm=\"metergate\""
        return error
    }

    /// A valid token whose role lacks the permission (403).
    public static func forbidden(_ role: Role, _ permission: Permission) -> APIError {
        APIError(.forbidden, "role \(role.rawValue) may not \(permission.rawValue); it needs \(permission.minimumRole.rawValue) or above")
    }

    /// The store could not answer (503): the gateway's problem, not the request's.
    public static func store(_ error: any Error) -> APIError {
        APIError(.serviceUnavailable, "store unavailable: \(error)")
    }

    struct Body: Encodable {
        struct Detail: Encodable {
            var message: String
            var parameter: String?
        }
        var error: Detail
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = JSONResponse.make(Body(error: .init(message: message, parameter: parameter)), status: status)
        response.headers.append(contentsOf: headers)
        return response
    }
}
