import Foundation
import GRDB

extension MeterStore {
    /// Appends new revisions in one transaction; each gets the next revision number of its
    /// interval. Returns the rows as stored (revision and seq filled in).
    ///
    /// - Throws: `StoreError` when a row breaks a constraint (an unknown quality, source or
    ///   length); then nothing is stored.
    @discardableResult
    public func appendIntervalRevisions(_ rows: [IntervalRow]) throws(StoreError) -> [IntervalRow] {
        guard !rows.isEmpty else { return [] }
        return try write("append \(rows.count) interval revisions") { db in
            // Two plain statements rather than one INSERT ... RETURNING: RETURNING makes SQLite
            // open a statement journal for every row, and freeing it made glibc hand pages back
            // to the kernel and fault them in again, tens of thousands of times a second.
            let nextRevision = try db.cachedStatement(sql: """
                SELECT coalesce(max(revision), 0) + 1 FROM interval WHERE start = ? AND meter_id = ? AND channel_id = ?
                """)
            let insert = try db.cachedStatement(sql: """
                INSERT INTO interval (start, meter_id, channel_id, revision, length_s, value_wh, quality, source, estimation, flags, computed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            var stored: [IntervalRow] = []
            stored.reserveCapacity(rows.count)
            for var row in rows {
                let start = row.start.unixMillis
                row.revision = try Int.fetchOne(nextRevision, arguments: [start, row.meterID, row.channelID]) ?? 1
                try insert.execute(arguments: [
                    start, row.meterID, row.channelID, row.revision, row.lengthSeconds, row.valueWh, row.quality,
                    row.source, row.estimation, row.flags, row.computedAt.unixMillis,
                ])
                row.seq = db.lastInsertedRowID
                stored.append(row)
            }
            return stored
        }
    }

    /// The latest revision of every interval of the meters with ids in `meters` that starts
    /// in `from ..< to`, in (start, meter, channel) order: one range scan of the unique key.
    public func latestIntervals(from: Date, to: Date, meters: ClosedRange<Int64> = .min ... .max) throws(StoreError) -> [IntervalRow] {
        try read("latest intervals from \(from.storeDescription)") { db in
            let statement = try db.cachedStatement(sql: """
                SELECT \(Self.intervalColumns) FROM interval i
                WHERE i.start >= ? AND i.start < ? AND i.meter_id BETWEEN ? AND ?
                  AND i.revision = (SELECT max(revision) FROM interval j
                                    WHERE j.start = i.start AND j.meter_id = i.meter_id AND j.channel_id = i.channel_id)
                ORDER BY i.start, i.meter_id, i.channel_id
                """)
            return try Row.fetchAll(statement, arguments: [from.unixMillis, to.unixMillis, meters.lowerBound, meters.upperBound])
                .map(Self.interval(from:))
        }
    }

    /// One channel of one meter at the given interval starts, latest revision each (or every
    /// revision with `allRevisions`), in time order. Each start is one seek of the key, so a
    /// day of one meter costs 96 seeks whatever the fleet's size.
    public func intervals(meterID: Int64, channelID: Int64, starts: [Date], allRevisions: Bool = false) throws(StoreError) -> [IntervalRow] {
        let keys = Array(Set(starts.map(\.unixMillis))).sorted()
        return try read("intervals of meter \(meterID) channel \(channelID)") { db in
            var rows: [IntervalRow] = []
            for first in stride(from: 0, to: keys.count, by: Self.bucketsPerStatement) {
                let chunk = keys[first..<min(first + Self.bucketsPerStatement, keys.count)]
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                let latestOnly = allRevisions ? "" : """
                    AND i.revision = (SELECT max(revision) FROM interval j
                                      WHERE j.start = i.start AND j.meter_id = i.meter_id AND j.channel_id = i.channel_id)
                    """
                let statement = try db.cachedStatement(sql: """
                    SELECT \(Self.intervalColumns) FROM interval i
                    WHERE i.start IN (\(marks)) AND i.meter_id = ? AND i.channel_id = ? \(latestOnly)
                    ORDER BY i.start, i.revision
                    """)
                rows += try Row.fetchAll(statement, arguments: StatementArguments(chunk) + [meterID, channelID]).map(Self.interval(from:))
            }
            return rows
        }
    }

    /// How many interval revisions the store holds (all meters); for tests and the demo.
    public func intervalRevisionCount() throws(StoreError) -> Int {
        try read("count intervals") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM interval") ?? 0 }
    }

    /// Every register read of the meters with ids in `meters` in the buckets `from ... to`
    /// (inclusive): one range scan of the time-first key, which is what the interval engine
    /// reads a window with, a batch of meters at a time to bound its memory.
    public func registerReads(from: Date, through to: Date, meters: ClosedRange<Int64> = .min ... .max) throws(StoreError) -> [RegisterReadRow] {
        try read("register reads from \(from.storeDescription)") { db in
            let statement = try db.cachedStatement(sql: """
                SELECT bucket, meter_id, channel_id, gateway_time, meter_time, value, status FROM register_read
                WHERE bucket >= ? AND bucket <= ? AND meter_id BETWEEN ? AND ? ORDER BY bucket, meter_id, channel_id
                """)
            return try Row.fetchAll(statement, arguments: [from.unixMillis, to.unixMillis, meters.lowerBound, meters.upperBound]).map { row in
                RegisterReadRow(meterID: row[1], channelID: row[2], bucket: Date(unixMillis: row[0]), gatewayTime: Date(unixMillis: row[3]),
                                meterTime: (row[4] as Int64?).map(Date.init(unixMillis:)), value: row[5],
                                status: ReadStatus(rawValue: row[6]) ?? .failed)
            }
        }
    }

    /// Every recorded interval of the meters with ids in `meters` that starts in `from ..< to`.
    public func recordedIntervals(from: Date, to: Date, meters: ClosedRange<Int64> = .min ... .max) throws(StoreError) -> [RecordedIntervalRow] {
        try read("recorded intervals from \(from.storeDescription)") { db in
            let statement = try db.cachedStatement(sql: """
                SELECT interval_start, meter_id, length_s, import_wh, export_wh, status_bits, read_at FROM recorded_interval
                WHERE interval_start >= ? AND interval_start < ? AND meter_id BETWEEN ? AND ? ORDER BY interval_start, meter_id
                """)
            return try Row.fetchAll(statement, arguments: [from.unixMillis, to.unixMillis, meters.lowerBound, meters.upperBound]).map { row in
                RecordedIntervalRow(meterID: row[1], start: Date(unixMillis: row[0]), lengthSeconds: row[2], importWh: row[3],
                                    exportWh: row[4], statusBits: row[5], readAt: Date(unixMillis: row[6]))
            }
        }
    }

    static let intervalColumns = """
        i.meter_id, i.channel_id, i.start, i.length_s, i.revision, i.value_wh, i.quality, i.source, i.estimation, i.flags, i.computed_at, i.seq
        """

    static func interval(from row: Row) -> IntervalRow {
        IntervalRow(meterID: row[0], channelID: row[1], start: Date(unixMillis: row[2]), lengthSeconds: row[3], revision: row[4],
                    valueWh: row[5], quality: row[6], source: row[7], estimation: row[8], flags: row[9],
                    computedAt: Date(unixMillis: row[10]), seq: row[11])
    }

    /// Interval revisions with an estimated quality (8 like-day, 9 linear) whose interval
    /// starts at or after `since`: a range of the (start, ...) key, cheap for a day.
    public func estimatedIntervalCount(since: Date) throws(StoreError) -> Int {
        try read("count estimated intervals") { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM interval WHERE start >= ? AND quality IN (8, 9)", arguments: [since.unixMillis]) ?? 0
        }
    }
}
