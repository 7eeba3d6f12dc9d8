import Foundation

/// One destination's outbox (a row of `delivery_cursor`): how far it got, the batch it is
/// sending, and its back-off. Rows above `position` in `table` are still to be delivered.
public struct OutboxState: Sendable, Hashable {
    public var destination: String
    public var table: StoreTable
    /// Every row at or below this key was delivered (or dead-lettered).
    public var position: Int64
    /// The keys of the batch in flight, fixed before the first attempt so that a retry,
    /// even after a crash, sends the same rows; nil when none is.
    public var batch: ClosedRange<Int64>?
    public var consecutiveFailures: Int
    /// When the next attempt may start after a failure; nil when it may start now.
    public var nextAttemptAt: Date?
    public var lastError: String?
    public var lastSuccessAt: Date?
    /// Rows delivered over the outbox's life (dead-lettered rows not counted).
    public var deliveredRows: Int64

    public init(destination: String, table: StoreTable, position: Int64, batch: ClosedRange<Int64>? = nil, consecutiveFailures: Int = 0,
                nextAttemptAt: Date? = nil, lastError: String? = nil, lastSuccessAt: Date? = nil, deliveredRows: Int64 = 0) {
        self.destination = destination
        self.table = table
        self.position = position
        self.batch = batch
        self.consecutiveFailures = consecutiveFailures
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.lastSuccessAt = lastSuccessAt
        self.deliveredRows = deliveredRows
    }
}

/// What is still to be delivered to one destination: for `metergate status`.
public struct OutboxBacklog: Sendable, Hashable {
    public var rows: Int
    /// When the oldest undelivered row was written (its `computed_at`); nil when none is.
    public var oldestWrittenAt: Date?

    public init(rows: Int, oldestWrittenAt: Date?) {
        self.rows = rows
        self.oldestWrittenAt = oldestWrittenAt
    }
}
