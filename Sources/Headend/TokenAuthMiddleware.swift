import Foundation
import Hummingbird
import Store

/// Bearer-token authentication for the API routes: the token's SHA-256 is looked up in
/// the store on every request, so a revocation (`metergate token revoke`, another process)
/// takes effect on the next request without a restart. A missing, unknown or revoked
/// token is a 401; the role check per route is `HeadendContext.require(_:)`.
///
/// A browser cannot send a bearer token when its user opens the status page, so Basic
/// credentials are accepted too, with the token as the password (the user name is ignored).
///
/// Nothing here logs the Authorization header or the token; failures name the reason only.
public struct TokenAuthMiddleware: RouterMiddleware {
    public typealias Context = HeadendContext
    let store: StoreAccess

    public init(store: StoreAccess) {
        self.store = store
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let browser = request.uri.path == "/"
        guard let header = request.headers[.authorization] else {
            throw APIError.unauthorized("a bearer token is required (Authorization: Bearer ...)", browser: browser)
        }
        guard let secret = Self.token(in: header) else {
            throw APIError.unauthorized("the Authorization header must be 'Bearer <token>' (or Basic with the token as password)", browser: browser)
        }
        let hash = APIToken.hash(secret)
        guard let token = try await store.run({ try $0.token(sha256: hash) }) else { throw APIError.unauthorized("unknown token", browser: browser) }
        guard token.revokedAt == nil else { throw APIError.unauthorized("token \(token.name) was revoked", browser: browser) }
        guard let role = Role(rawValue: token.role) else { throw APIError.unauthorized("token \(token.name) has an unknown role", browser: browser) }
        var context = context
        context.role = role
        context.tokenName = token.name
        return try await next(request, context)
    }

    /// The token of `Bearer <token>`, or the password of `Basic base64(user:token)`.
    static func token(in header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        let value = String(parts[1]).trimmingCharacters(in: .whitespaces)
        switch parts[0].lowercased() {
        case "bearer": return value
        case "basic":
            guard let data = Data(base64Encoded: value), let pair = String(data: data, encoding: .utf8),
                  let colon = pair.firstIndex(of: ":") else { return nil }
            return String(pair[pair.index(after: colon)...])
        default: return nil
        }
    }
}
