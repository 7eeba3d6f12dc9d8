import Hummingbird

/// The request context of the API: Hummingbird's core storage plus who is asking, which
/// the token middleware fills in before any handler runs.
public struct HeadendContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The authenticated token's role; nil on the unauthenticated routes.
    public var role: Role?
    /// The token's name (for the access log; never the token).
    public var tokenName: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Fails with 403 unless the caller's role grants `permission` (401 when unauthenticated).
    public func require(_ permission: Permission) throws(APIError) {
        guard let role else { throw APIError.unauthorized("a bearer token is required") }
        guard role.permits(permission) else { throw APIError.forbidden(role, permission) }
    }
}
