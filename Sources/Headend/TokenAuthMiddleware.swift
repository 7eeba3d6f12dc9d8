import Foundation
import Hummingbird
import Store

/// Bearer-token authentication for the API routes: the token's SHA-256 is looked up in
/// the store on every request, so a revocation (`metergate token revoke`, another process)
/// takes effect on the next request without a restart. A missing, unknown or revoked
/// token is a 401; the role check per route is `HeadendContext.require(_:)`.
///
/// Nothing here logs the Authorization header or the token; failures name the reason only.
public struct TokenAuthMiddleware: RouterMiddleware {
    public typealias Context = HeadendContext
    let store: StoreAccess

    public init(store: StoreAccess) {
        self.store = store
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { throw APIError.unauthorized("a bearer token is required (Authorization: Bearer ...)") }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw APIError.unauthorized("the Authorization header must be 'Bearer <token>'") }
        let hash = APIToken.hash(String(parts[1]).trimmingCharacters(in: .whitespaces))
        guard let token = try await store.run({ try $0.token(sha256: hash) }) else { throw APIError.unauthorized("unknown token") }
        guard token.revokedAt == nil else { throw APIError.unauthorized("token \(token.name) was revoked") }
        guard let role = Role(rawValue: token.role) else { throw APIError.unauthorized("token \(token.name) has an unknown role") }
        var context = context
        context.role = role
        context.tokenName = token.name
        return try await next(request, context)
    }
}
