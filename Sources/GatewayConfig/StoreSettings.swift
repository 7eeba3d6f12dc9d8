/// Where the gateway keeps readings and for how long.
public struct StoreSettings: Sendable, Hashable {
    /// The SQLite file, absolute (a relative `store.path` is resolved against the
    /// configuration file's directory).
    public var path: String
    /// Readings older than this many days are deleted; at least 1.
    public var retentionDays: Int

    public init(path: String, retentionDays: Int = 90) {
        self.path = path
        self.retentionDays = retentionDays
    }
}
