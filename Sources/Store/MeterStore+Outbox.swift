import Foundation
import GRDB

/// The outbox of each forwarding destination: a cursor over one table plus the batch in
/// flight and its back-off. Only tables keyed by a growing `seq` can be forwarded row by
/// row, so a destination forwards interval revisions or billing cycle versions.
extension MeterStore {
    /// The tables forwarding reads, with the column their cursor counts in and when a row was written.
    static func outboxKey(of table: StoreTable) -> (key: String, writtenAt: String)? {
        switch table {
        case .interval, .billingCycle: ("seq", "computed_at")
        case .registerRead, .recordedInterval, .meterEvent, .busCycle: nil
        }
    }

    /// The destination's outbox, created at position 0 (everything stored is to be sent)
    /// when it is new.
    ///
    /// - Throws: `StoreError` when the table cannot be forwarded, or when the destination
    ///   already forwards another table (a renamed purpose needs a new destination id, or
    ///   the new one would skip or repeat rows).
    public func openOutbox(destination: String, table: StoreTable) throws(StoreError) -> OutboxState {
        let operation = "open outbox of \(destination)"
        guard Self.outboxKey(of: table) != nil else {
            throw StoreError(path: path, operation: operation, reason: "table \(table.rawValue) cannot be forwarded (only interval and billing_cycle)")
        }
        let state = try write(operation) { db -> OutboxState? in
            try db.execute(sql: "INSERT INTO delivery_cursor (destination, table_name, position) VALUES (?, ?, 0) ON CONFLICT DO NOTHING",
                           arguments: [destination, table.rawValue])
            return try Self.outboxState(db, destination)
        }
        guard let state, state.table == table else {
            throw StoreError(path: path, operation: operation,
                             reason: "destination \(destination) already forwards \(state?.table.rawValue ?? "another table"), not \(table.rawValue); give it a new id")
        }
        return state
    }

    /// Every destination's outbox, by destination id.
    public func outboxStates() throws(StoreError) -> [OutboxState] {
        try read("outbox states") { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.outboxColumns) FROM delivery_cursor ORDER BY destination").compactMap(Self.outboxState(from:))
        }
    }

    /// The batch to send next: the one in flight, or else the keys of the next `limit` rows
    /// after the cursor, stored as in flight before anything is sent. nil batch: nothing to send.
    public func planBatch(destination: String, limit: Int) throws(StoreError) -> OutboxState {
        try write("plan batch of \(destination)") { db in
            guard var state = try Self.outboxState(db, destination) else { throw Self.unknown(destination) }
            guard state.batch == nil, let (key, _) = Self.outboxKey(of: state.table) else { return state }
            // Dead letters an operator asked to retry go before new rows.
            var keys = try Self.redeliveryKeys(db, state, key: key, limit: limit)
            if keys.isEmpty {
                keys = try Int64.fetchAll(db, sql: "SELECT \(key) FROM \(state.table.rawValue) WHERE \(key) > ? ORDER BY \(key) LIMIT ?",
                                          arguments: [state.position, limit])
            }
            guard let first = keys.first, let last = keys.last else { return state }
            try db.execute(sql: "UPDATE delivery_cursor SET batch_first = ?, batch_last = ? WHERE destination = ?", arguments: [first, last, destination])
            state.batch = first...last
            return state
        }
    }

    /// Narrows the batch in flight to end at `last`: how a refused batch is split to find
    /// the rows the destination refuses.
    public func shrinkBatch(destination: String, through last: Int64) throws(StoreError) {
        try write("shrink batch of \(destination)") { db in
            try db.execute(sql: "UPDATE delivery_cursor SET batch_last = ? WHERE destination = ? AND batch_first <= ?",
                           arguments: [last, destination, last])
        }
    }

    /// Records that the destination took the batch in flight: the cursor moves past it and
    /// the back-off resets.
    public func completeBatch(destination: String, rows: Int, at: Date) throws(StoreError) {
        try write("complete batch of \(destination)") { db in
            try Self.advanceRedelivery(db, destination)
            try db.execute(sql: """
                UPDATE delivery_cursor SET position = max(position, batch_last), batch_first = NULL, batch_last = NULL, consecutive_failures = 0,
                    next_attempt_at = NULL, last_error = NULL, last_success_at = ?, delivered_rows = delivered_rows + ?
                WHERE destination = ? AND batch_last IS NOT NULL
                """, arguments: [at.unixMillis, rows, destination])
        }
    }

    /// Records a failed attempt that may succeed later; the batch stays in flight.
    public func recordFailure(destination: String, error: String, nextAttemptAt: Date) throws(StoreError) {
        try write("record failure of \(destination)") { db in
            try db.execute(sql: """
                UPDATE delivery_cursor SET consecutive_failures = consecutive_failures + 1, next_attempt_at = ?, last_error = ?
                WHERE destination = ?
                """, arguments: [nextAttemptAt.unixMillis, error, destination])
        }
    }

    /// Moves the batch in flight to the dead-letter table with the destination's reason, and
    /// the cursor past it, in one transaction: the rows after it go on.
    public func deadLetterBatch(destination: String, rows: Int, reason: String, payload: String, at: Date) throws(StoreError) {
        try write("dead-letter batch of \(destination)") { db in
            guard let state = try Self.outboxState(db, destination), let batch = state.batch else { return }
            try db.execute(sql: """
                INSERT INTO dead_letter (destination, table_name, first_position, last_position, rows, reason, payload, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [destination, state.table.rawValue, batch.lowerBound, batch.upperBound, rows, reason, payload, at.unixMillis])
            try Self.advanceRedelivery(db, destination)
            try db.execute(sql: """
                UPDATE delivery_cursor SET position = max(position, batch_last), batch_first = NULL, batch_last = NULL, consecutive_failures = 0,
                    next_attempt_at = NULL, last_error = ? WHERE destination = ?
                """, arguments: ["dead-lettered rows \(batch.lowerBound)...\(batch.upperBound): \(reason)", destination])
        }
    }

    /// Dead-lettered batches, oldest first; of one destination when `destination` is given.
    public func deadLetters(destination: String? = nil) throws(StoreError) -> [DeadLetterRow] {
        try read("dead letters") { db in
            try Row.fetchAll(db, sql: """
                SELECT id, destination, table_name, first_position, last_position, rows, reason, payload, at FROM dead_letter
                WHERE ? IS NULL OR destination = ? ORDER BY id
                """, arguments: [destination, destination]).compactMap { row in
                StoreTable(rawValue: row[2]).map { table in
                    DeadLetterRow(id: row[0], destination: row[1], table: table, positions: (row[3] as Int64)...(row[4] as Int64),
                                  rows: row[5], reason: row[6], payload: row[7], at: Date(unixMillis: row[8]))
                }
            }
        }
    }

    /// Rows still to be delivered to the destination, and when the oldest was written.
    public func backlog(of state: OutboxState) throws(StoreError) -> OutboxBacklog {
        try read("backlog of \(state.destination)") { db in try Self.backlog(db, state) }
    }

    static func backlog(_ db: Database, _ state: OutboxState) throws -> OutboxBacklog {
        guard let (key, writtenAt) = outboxKey(of: state.table) else { return OutboxBacklog(rows: 0, oldestWrittenAt: nil) }
        let table = state.table.rawValue
        let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE \(key) > ?", arguments: [state.position]) ?? 0
        let oldest = try Int64.fetchOne(db, sql: "SELECT \(writtenAt) FROM \(table) WHERE \(key) > ? ORDER BY \(key) LIMIT 1",
                                        arguments: [state.position])
        return OutboxBacklog(rows: rows, oldestWrittenAt: oldest.map(Date.init(unixMillis:)))
    }

    /// Every outbox with its backlog and dead-letter count, from one snapshot.
    static func outboxStatuses(_ db: Database) throws -> [OutboxStatus] {
        let deadLetters = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT destination, count(*) FROM dead_letter GROUP BY destination")
            .map { ($0[0] as String, $0[1] as Int) })
        return try Row.fetchAll(db, sql: "SELECT \(outboxColumns) FROM delivery_cursor ORDER BY destination").compactMap(outboxState(from:))
            .map { OutboxStatus(state: $0, backlog: try backlog(db, $0), deadLetters: deadLetters[$0.destination] ?? 0) }
    }

    /// The interval revisions with `seq` in `seqs`, in seq order.
    public func intervalRevisions(seqs: ClosedRange<Int64>) throws(StoreError) -> [IntervalRow] {
        try read("interval revisions \(seqs)") { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.intervalColumns) FROM interval i WHERE i.seq BETWEEN ? AND ? ORDER BY i.seq",
                             arguments: [seqs.lowerBound, seqs.upperBound]).map(Self.interval(from:))
        }
    }

    static let outboxColumns = """
        destination, table_name, position, batch_first, batch_last, consecutive_failures, next_attempt_at, last_error, last_success_at, delivered_rows
        """

    static func outboxState(_ db: Database, _ destination: String) throws -> OutboxState? {
        try Row.fetchOne(db, sql: "SELECT \(outboxColumns) FROM delivery_cursor WHERE destination = ?", arguments: [destination])
            .flatMap(outboxState(from:))
    }

    private static func outboxState(from row: Row) -> OutboxState? {
        guard let table = StoreTable(rawValue: row[1]) else { return nil }
        let first: Int64? = row[3], last: Int64? = row[4]
        return OutboxState(destination: row[0], table: table, position: row[2], batch: first.flatMap { f in last.map { f...$0 } },
                           consecutiveFailures: row[5], nextAttemptAt: (row[6] as Int64?).map(Date.init(unixMillis:)), lastError: row[7],
                           lastSuccessAt: (row[8] as Int64?).map(Date.init(unixMillis:)), deliveredRows: row[9])
    }

    private static func unknown(_ destination: String) -> DatabaseError {
        DatabaseError(resultCode: .SQLITE_MISUSE, message: "no outbox for destination \(destination)")
    }
}
