import Foundation

/// A snapshot of the store for `metergate status` and the operator: every configured meter
/// with its health and counters, and every bus with its cycle statistics.
public struct StoreStatus: Sendable {
    public var meters: [MeterStatus]
    public var buses: [BusStatus]
    /// Every forwarding destination's outbox with its backlog.
    public var outboxes: [OutboxStatus]

    public init(meters: [MeterStatus], buses: [BusStatus], outboxes: [OutboxStatus] = []) {
        self.meters = meters
        self.buses = buses
        self.outboxes = outboxes
    }
}

/// One destination in `StoreStatus`: where its outbox stands, what is still to go, and how
/// many batches it refused.
public struct OutboxStatus: Sendable {
    public var state: OutboxState
    public var backlog: OutboxBacklog
    public var deadLetters: Int

    public init(state: OutboxState, backlog: OutboxBacklog, deadLetters: Int) {
        self.state = state
        self.backlog = backlog
        self.deadLetters = deadLetters
    }
}

/// One meter in `StoreStatus`: its configuration and its state row (nil before it was polled).
public struct MeterStatus: Sendable {
    /// The store's id of the meter, for the per-meter queries.
    public var id: Int64
    public var name: String
    public var bus: String
    public var unit: Int
    public var profile: String
    public var state: MeterStateRow?
    public var lastReadAt: Date?

    public init(id: Int64, name: String, bus: String, unit: Int, profile: String, state: MeterStateRow?, lastReadAt: Date?) {
        self.id = id
        self.name = name
        self.bus = bus
        self.unit = unit
        self.profile = profile
        self.state = state
        self.lastReadAt = lastReadAt
    }
}

/// One bus in `StoreStatus`: how many cycles it committed, the last one, and request totals.
public struct BusStatus: Sendable {
    public var bus: String
    public var cycles: Int
    public var lastBucket: Date?
    /// Duration of the last cycle (finished minus started).
    public var lastDurationMs: Double?
    public var requests: Int64
    public var retries: Int64
    public var failures: Int64

    public init(bus: String, cycles: Int, lastBucket: Date?, lastDurationMs: Double?, requests: Int64, retries: Int64, failures: Int64) {
        self.bus = bus
        self.cycles = cycles
        self.lastBucket = lastBucket
        self.lastDurationMs = lastDurationMs
        self.requests = requests
        self.retries = retries
        self.failures = failures
    }
}
