import Foundation

/// A batch a destination refused as malformed (table `dead_letter`): kept with the
/// destination's reason and the rows as sent, so an operator can see what was refused and
/// why, while the outbox goes on with the rows after it.
public struct DeadLetterRow: Sendable, Hashable {
    public var id: Int64
    public var destination: String
    public var table: StoreTable
    public var positions: ClosedRange<Int64>
    public var rows: Int
    public var reason: String
    /// The batch as the destination received it (its own encoding).
    public var payload: String
    public var at: Date

    public init(id: Int64 = 0, destination: String, table: StoreTable, positions: ClosedRange<Int64>, rows: Int, reason: String, payload: String, at: Date) {
        self.id = id
        self.destination = destination
        self.table = table
        self.positions = positions
        self.rows = rows
        self.reason = reason
        self.payload = payload
        self.at = at
    }
}
