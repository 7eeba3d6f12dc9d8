/// What an API token may do. Roles are cumulative: an operator can do what a reader can,
/// a technician what an operator can. They match the people who hold them: a utility
/// analyst reads data, the control room re-reads and retries deliveries, a field
/// technician also sets meter clocks and commissions meters.
public enum Role: String, Sendable, CaseIterable, Codable, Comparable {
    case reader
    case `operator`
    case technician

    /// Whether this role grants `permission`.
    public func permits(_ permission: Permission) -> Bool { self >= permission.minimumRole }

    public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }

    private var rank: Int {
        switch self {
        case .reader: 0
        case .operator: 1
        case .technician: 2
        }
    }
}

/// One thing an endpoint needs; each route states the one it needs.
public enum Permission: String, Sendable, CaseIterable {
    /// Meters, intervals, reads, billing, events, VEE, destinations, metrics.
    case readData = "read data"
    /// On-demand reads and re-reads of a range.
    case requestReads = "request reads"
    /// Sending dead-lettered batches again.
    case retryDeadLetters = "retry dead letters"
    /// Setting a meter's clock.
    case setClock = "set clocks"
    /// Commissioning records.
    case commissioning = "commissioning"

    public var minimumRole: Role {
        switch self {
        case .readData: .reader
        case .requestReads, .retryDeadLetters: .operator
        case .setClock, .commissioning: .technician
        }
    }
}
