import Foundation
import GRDB

/// Sending dead letters again. A dead-lettered batch lies below its destination's cursor,
/// so the cursor alone would never send it again; moving the cursor back would resend
/// everything after it too. A retry therefore queues the batch's range in `redelivery`,
/// and `planBatch` hands those rows out before new ones. A redelivered batch that the
/// destination refuses again becomes a new dead letter, like any batch.
extension MeterStore {
    /// Queues a dead letter's rows for delivery and removes the dead letter, in one
    /// transaction, so the rows are never both queued and listed as refused.
    ///
    /// - Returns: the dead letter as it was, or nil when no dead letter has that id.
    /// - Throws: `StoreError` when the store cannot be written.
    public func retryDeadLetter(id: Int64, at: Date) throws(StoreError) -> DeadLetterRow? {
        try write("retry dead letter \(id)") { db -> DeadLetterRow? in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT id, destination, table_name, first_position, last_position, rows, reason, payload, at FROM dead_letter WHERE id = ?
                """, arguments: [id]), let table = StoreTable(rawValue: row[2]) else { return nil }
            let letter = DeadLetterRow(id: row[0], destination: row[1], table: table, positions: (row[3] as Int64)...(row[4] as Int64),
                                       rows: row[5], reason: row[6], payload: row[7], at: Date(unixMillis: row[8]))
            try db.execute(sql: """
                INSERT INTO redelivery (destination, first_position, last_position, dead_letter_id, requested_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [letter.destination, letter.positions.lowerBound, letter.positions.upperBound, id, at.unixMillis])
            try db.execute(sql: "DELETE FROM dead_letter WHERE id = ?", arguments: [id])
            return letter
        }
    }

    /// Ranges queued for redelivery, oldest first, of one destination when given.
    public func pendingRedeliveries(destination: String? = nil) throws(StoreError) -> [(destination: String, positions: ClosedRange<Int64>)] {
        try read("pending redeliveries") { db in
            try Row.fetchAll(db, sql: "SELECT destination, first_position, last_position FROM redelivery WHERE ? IS NULL OR destination = ? ORDER BY id",
                             arguments: [destination, destination]).map { (destination: $0[0], positions: ($0[1] as Int64)...($0[2] as Int64)) }
        }
    }

    /// The keys of the oldest queued redelivery (at most `limit`); ranges whose rows were
    /// pruned meanwhile are dropped. Empty when nothing is queued.
    static func redeliveryKeys(_ db: Database, _ state: OutboxState, key: String, limit: Int) throws -> [Int64] {
        while let row = try Row.fetchOne(db, sql: "SELECT id, first_position, last_position FROM redelivery WHERE destination = ? ORDER BY id LIMIT 1",
                                         arguments: [state.destination]) {
            let keys = try Int64.fetchAll(db, sql: """
                SELECT \(key) FROM \(state.table.rawValue) WHERE \(key) BETWEEN ? AND ? ORDER BY \(key) LIMIT ?
                """, arguments: [row[1], row[2], limit])
            if !keys.isEmpty { return keys }
            try db.execute(sql: "DELETE FROM redelivery WHERE id = ?", arguments: [row[0]])
        }
        return []
    }

    /// After the batch in flight was delivered or dead-lettered: when it was a redelivery
    /// (it lies at or below the cursor, where new batches never do), its queued range
    /// shrinks past it, and goes when empty.
    static func advanceRedelivery(_ db: Database, _ destination: String) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT position, batch_last FROM delivery_cursor WHERE destination = ?", arguments: [destination]),
              let last = row[1] as Int64?, last <= (row[0] as Int64) else { return }
        try db.execute(sql: "UPDATE redelivery SET first_position = ? + 1 WHERE destination = ? AND first_position <= ? AND last_position >= ?",
                       arguments: [last, destination, last, last])
        try db.execute(sql: "DELETE FROM redelivery WHERE destination = ? AND first_position > last_position", arguments: [destination])
    }
}
