import Foundation
import GRDB

extension MeterStore {
    /// Most buckets bound in one statement; SQLite allows 32766 variables, and a modest
    /// chunk keeps the statement cache small (one cached statement per chunk size).
    static let bucketsPerStatement = 500

    /// One channel of one meter at the given buckets, in time order; buckets with no row
    /// (a cycle that skipped the meter, or before it existed) are simply absent.
    ///
    /// The caller knows the cadence, so it enumerates the boundaries of the range it wants;
    /// each becomes one primary-key seek (bucket, meter, channel). This is what keeps the
    /// table free of a (meter, ...) index that would make every append cost a random write.
    ///
    /// - Throws: `StoreError` when the store cannot be read.
    public func registerReads(meterID: Int64, channelID: Int64, buckets: [Date]) throws(StoreError) -> [RegisterReadRow] {
        let keys = Array(Set(buckets.map(\.unixMillis))).sorted()
        return try read("register reads of meter \(meterID) channel \(channelID)") { db in
            var rows: [RegisterReadRow] = []
            rows.reserveCapacity(keys.count)
            for start in stride(from: 0, to: keys.count, by: Self.bucketsPerStatement) {
                let chunk = keys[start..<min(start + Self.bucketsPerStatement, keys.count)]
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                let statement = try db.cachedStatement(sql: """
                    SELECT bucket, gateway_time, meter_time, value, status FROM register_read
                    WHERE bucket IN (\(marks)) AND meter_id = ? AND channel_id = ? ORDER BY bucket
                    """)
                let arguments = StatementArguments(chunk) + [meterID, channelID]
                for row in try Row.fetchAll(statement, arguments: arguments) {
                    rows.append(RegisterReadRow(
                        meterID: meterID, channelID: channelID, bucket: Date(unixMillis: row[0]),
                        gatewayTime: Date(unixMillis: row[1]), meterTime: (row[2] as Int64?).map(Date.init(unixMillis:)),
                        value: row[3], status: ReadStatus(rawValue: row[4]) ?? .failed))
                }
            }
            return rows
        }
    }

    /// How many register reads the store holds. Counts the whole table: seconds on a
    /// store of tens of millions of rows; for tests and diagnostics.
    public func registerReadCount() throws(StoreError) -> Int {
        try read("count register reads") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM register_read") ?? 0 }
    }

    /// The newest bucket with register reads (nil for an empty store): where a restarted
    /// poller's schedule stands.
    public func latestBucket() throws(StoreError) -> Date? {
        try read("latest bucket") { db in
            try Int64.fetchOne(db, sql: "SELECT max(bucket) FROM register_read").map(Date.init(unixMillis:))
        }
    }

    /// A meter's recorded intervals that start in `from ..< to`, in time order.
    ///
    /// The table's key leads with the interval start, so the range is walked as a loose
    /// index scan: one seek to each distinct start in the range, then one seek to
    /// (start, meter). That costs two seeks per interval instead of visiting every meter's
    /// row in the range.
    ///
    /// - Throws: `StoreError` when the store cannot be read.
    public func recordedIntervals(meterID: Int64, from: Date, to: Date) throws(StoreError) -> [RecordedIntervalRow] {
        try read("recorded intervals of meter \(meterID)") { db in
            let statement = try db.cachedStatement(sql: """
                WITH RECURSIVE start(t) AS (
                    SELECT min(interval_start) FROM recorded_interval WHERE interval_start >= :from
                    UNION ALL
                    SELECT (SELECT min(interval_start) FROM recorded_interval WHERE interval_start > start.t)
                    FROM start WHERE start.t < :to
                )
                SELECT r.interval_start, r.length_s, r.import_wh, r.export_wh, r.status_bits, r.read_at
                FROM start JOIN recorded_interval r ON r.interval_start = start.t AND r.meter_id = :meter
                WHERE start.t < :to
                ORDER BY r.interval_start
                """)
            let arguments: StatementArguments = ["from": from.unixMillis, "to": to.unixMillis, "meter": meterID]
            return try Row.fetchAll(statement, arguments: arguments).map { row in
                RecordedIntervalRow(meterID: meterID, start: Date(unixMillis: row[0]), lengthSeconds: row[1], importWh: row[2],
                                    exportWh: row[3], statusBits: row[4], readAt: Date(unixMillis: row[5]))
            }
        }
    }

    /// Events of one meter, or of all meters when `meterID` is nil, oldest first.
    ///
    /// - Throws: `StoreError` when the store cannot be read.
    public func events(meterID: Int64?) throws(StoreError) -> [MeterEventRow] {
        try read("events of \(meterID.map { "meter \($0)" } ?? "all meters")") { db in
            let rows: [Row]
            if let meterID {
                rows = try Row.fetchAll(db, sql: "SELECT meter_id, at, kind, detail FROM meter_event WHERE meter_id = ? ORDER BY at, id",
                                        arguments: [meterID])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT meter_id, at, kind, detail FROM meter_event ORDER BY at, id")
            }
            return rows.compactMap { row in
                MeterEventKind(rawValue: row[2]).map { MeterEventRow(meterID: row[0], at: Date(unixMillis: row[1]), kind: $0, detail: row[3]) }
            }
        }
    }

    /// Events of every meter with `from <= at < to`, oldest first.
    public func events(from: Date, to: Date) throws(StoreError) -> [MeterEventRow] {
        try read("events from \(from.storeDescription)") { db in
            try Row.fetchAll(db, sql: "SELECT meter_id, at, kind, detail FROM meter_event WHERE at >= ? AND at < ? ORDER BY at, id",
                             arguments: [from.unixMillis, to.unixMillis]).compactMap { row in
                MeterEventKind(rawValue: row[2]).map { MeterEventRow(meterID: row[0], at: Date(unixMillis: row[1]), kind: $0, detail: row[3]) }
            }
        }
    }

    /// Every meter's state row by meter id.
    ///
    /// - Throws: `StoreError` when the store cannot be read.
    public func meterStates() throws(StoreError) -> [Int64: MeterStateRow] {
        try read("meter states") { db in
            var states: [Int64: MeterStateRow] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT \(Self.stateColumns) FROM meter_state") {
                let state = Self.state(from: row, at: 0)
                states[state.meterID] = state
            }
            return states
        }
    }

    /// The `meter_state` columns in the order `state(from:at:)` reads them.
    static let stateColumns = """
        meter_state.meter_id, health, consecutive_failures, next_attempt_at, last_read_at, last_error, backfill_resume,
        reads_ok, reads_failed, retries, latency_total_ms, latency_count
        """

    /// Decodes `stateColumns` starting at column `i` of `row`.
    static func state(from row: Row, at i: Int) -> MeterStateRow {
        func date(_ column: Int) -> Date? { (row[i + column] as Int64?).map(Date.init(unixMillis:)) }
        return MeterStateRow(
            meterID: row[i], health: MeterHealth(rawValue: row[i + 1]) ?? .unknown, consecutiveFailures: row[i + 2],
            nextAttemptAt: date(3), lastReadAt: date(4), lastError: row[i + 5], backfillResume: date(6),
            readsOK: row[i + 7], readsFailed: row[i + 8], retries: row[i + 9], latencyTotalMs: row[i + 10], latencyCount: row[i + 11])
    }
}
