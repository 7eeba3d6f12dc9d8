import Foundation

/// One forwarding destination row of the status page: how far behind it is.
public struct StatusPageDestination: Sendable, Hashable {
    /// The destination's id in the gateway configuration.
    public var id: String
    /// What it forwards: the store table its outbox reads (`interval` revisions or
    /// `billing_cycle` versions). The store does not know the transport (warehouse, HTTP, file).
    public var kind: String
    public var deliveredRows: Int64
    /// Rows written but not yet delivered.
    public var backlogRows: Int
    /// When the oldest undelivered row was written.
    public var oldestPendingAt: Date?
    /// How long that row has waited at `generatedAt` (never negative); nil with no backlog.
    public var age: TimeInterval?
    /// Failed attempts in a row (the back-off counter).
    public var consecutiveFailures: Int
    /// Batches the destination refused for good, parked in the dead-letter table.
    public var deadLetters: Int
    public var lastError: String?

    public init(id: String, kind: String, deliveredRows: Int64, backlogRows: Int, oldestPendingAt: Date?, age: TimeInterval?,
                consecutiveFailures: Int, deadLetters: Int, lastError: String?) {
        self.id = id
        self.kind = kind
        self.deliveredRows = deliveredRows
        self.backlogRows = backlogRows
        self.oldestPendingAt = oldestPendingAt
        self.age = age
        self.consecutiveFailures = consecutiveFailures
        self.deadLetters = deadLetters
        self.lastError = lastError
    }
}
