import Foundation

/// An API token as the store keeps it (table `api_token`): its name, role and lifetime,
/// never the token itself. The store holds only the SHA-256 of the token, which is enough
/// to recognise a presented token and useless for presenting one.
public struct APITokenRow: Sendable, Hashable {
    public var name: String
    /// `reader`, `operator` or `technician`; the headend maps it to permissions.
    public var role: String
    public var createdAt: Date
    /// When it was revoked; nil while it is valid.
    public var revokedAt: Date?

    public init(name: String, role: String, createdAt: Date, revokedAt: Date?) {
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}
