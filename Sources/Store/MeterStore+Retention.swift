import Foundation
import GRDB

extension MeterStore {
    /// Deletes register reads, recorded intervals, interval revisions, events and bus cycles older than `cutoff`
    /// that every delivery cursor of their table has passed; with no cursor for a table,
    /// everything older than `cutoff` goes. Returns how many rows went.
    ///
    /// - Throws: `StoreError` when the store cannot be written; what was deleted before the
    ///   failure stays deleted (each step is its own transaction, and all are safe to redo).
    public func prune(before cutoff: Date) throws(StoreError) -> Int {
        try pruneCounts(before: cutoff).total
    }

    /// `prune(before:)` with the count per table.
    ///
    /// The big tables are pruned a day of keys per transaction, oldest first, so a poll
    /// cycle waits for one short delete at most instead of the whole backlog. The cursors
    /// are read once up front: they only ever advance, so an old value prunes less, never more.
    public func pruneCounts(before cutoff: Date) throws(StoreError) -> PruneCounts {
        let operation = "prune before \(cutoff.storeDescription)"
        let cursors = try deliveryCursors()
        /// Highest key that may go in `table`: older than the cutoff and delivered everywhere.
        func bound(_ table: StoreTable, _ olderThan: Int64) -> Int64 {
            let delivered = cursors.filter { $0.table == table }.map(\.position).min() ?? .max
            return min(olderThan - 1, delivered)
        }
        let before = cutoff.unixMillis
        var counts = PruneCounts()
        counts.registerReads = try pruneByKey("register_read", key: "bucket", upTo: bound(.registerRead, before), operation)
        counts.recordedIntervals = try pruneByKey("recorded_interval", key: "interval_start", upTo: bound(.recordedInterval, before), operation)
        counts.busCycles = try pruneByKey("bus_cycle", key: "bucket", upTo: bound(.busCycle, before), operation)
        // Every revision of an interval goes together, once the interval is old enough and its
        // newest revision is delivered everywhere, so no revision is pruned under a newer one.
        let lastInterval = bound(.interval, .max)
        counts.intervals = try write(operation) { db in
            try db.execute(sql: """
                DELETE FROM interval WHERE start < :before AND NOT EXISTS (
                    SELECT 1 FROM interval n WHERE n.start = interval.start AND n.meter_id = interval.meter_id
                      AND n.channel_id = interval.channel_id AND n.seq > :last)
                """, arguments: ["before": before, "last": lastInterval])
            return db.changesCount
        }
        let lastEvent = bound(.meterEvent, .max)
        counts.events = try write(operation) { db in
            try db.execute(sql: "DELETE FROM meter_event WHERE at < ? AND id <= ?", arguments: [before, lastEvent])
            return db.changesCount
        }
        return counts
    }

    /// Deletes the rows of `table` whose `key` (its leading primary-key column) is at most
    /// `last`, one day of keys per transaction.
    private func pruneByKey(_ table: String, key: String, upTo last: Int64, _ operation: String) throws(StoreError) -> Int {
        let day: Int64 = 86_400_000
        var deleted = 0
        var oldest = try read(operation) { db in try Int64.fetchOne(db, sql: "SELECT min(\(key)) FROM \(table)") }
        while let first = oldest, first <= last {
            let stepEnd = first > last - day ? last : first + day - 1
            oldest = try write(operation) { db in
                try db.execute(sql: "DELETE FROM \(table) WHERE \(key) <= ?", arguments: [stepEnd])
                deleted += db.changesCount
                return try Int64.fetchOne(db, sql: "SELECT min(\(key)) FROM \(table)")
            }
        }
        return deleted
    }

    /// Sets (or moves) a destination's cursor. Forwarding calls this after a destination
    /// acknowledged everything up to `position`.
    ///
    /// - Throws: `StoreError` when the store cannot be written.
    public func setDeliveryCursor(_ cursor: DeliveryCursor) throws(StoreError) {
        try write("set delivery cursor of \(cursor.destination)") { db in
            try db.execute(
                sql: """
                    INSERT INTO delivery_cursor (destination, table_name, position) VALUES (?, ?, ?)
                    ON CONFLICT (destination) DO UPDATE SET table_name = excluded.table_name, position = excluded.position
                    """,
                arguments: [cursor.destination, cursor.table.rawValue, cursor.position])
        }
    }

    /// Every destination's cursor.
    public func deliveryCursors() throws(StoreError) -> [DeliveryCursor] {
        try read("delivery cursors") { db in
            try Row.fetchAll(db, sql: "SELECT destination, table_name, position FROM delivery_cursor ORDER BY destination").compactMap { row in
                StoreTable(rawValue: row[1]).map { DeliveryCursor(destination: row[0], table: $0, position: row[2]) }
            }
        }
    }
}
