import Foundation
import GRDB

extension MeterStore {
    /// Files a request; the gateway's poller of the meter's bus picks it up.
    ///
    /// - Returns: the request as stored, `id` filled in.
    public func fileReadRequest(_ request: ReadRequestRow) throws(StoreError) -> ReadRequestRow {
        try write("file \(request.kind.rawValue) request for meter \(request.meterID)") { db in
            try db.execute(sql: """
                INSERT INTO read_request (meter_id, kind, range_start, range_end, requested_at, requested_by, state)
                VALUES (?, ?, ?, ?, ?, ?, 'pending')
                """, arguments: [request.meterID, request.kind.rawValue, request.range?.lowerBound.unixMillis,
                                 request.range?.upperBound.unixMillis, request.requestedAt.unixMillis, request.requestedBy])
            var stored = request
            stored.id = db.lastInsertedRowID
            stored.state = .pending
            return stored
        }
    }

    /// Requests not yet carried out, oldest first.
    public func pendingReadRequests() throws(StoreError) -> [ReadRequestRow] {
        try read("pending read requests") { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.requestColumns) FROM read_request WHERE state = 'pending' ORDER BY id")
                .map(Self.readRequest(from:))
        }
    }

    public func readRequest(id: Int64) throws(StoreError) -> ReadRequestRow? {
        try read("read request \(id)") { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.requestColumns) FROM read_request WHERE id = ?", arguments: [id])
                .map(Self.readRequest(from:))
        }
    }

    /// Marks a pending request done or failed, with its result.
    public func finishReadRequest(id: Int64, state: ReadRequestState, result: String, at instant: Date) throws(StoreError) {
        try write("finish read request \(id)") { db in
            try db.execute(sql: "UPDATE read_request SET state = ?, result = ?, finished_at = ? WHERE id = ? AND state = 'pending'",
                           arguments: [state.rawValue, result, instant.unixMillis, id])
        }
    }

    /// Stores what a re-read of a meter's memory returned: records the store lacked are
    /// added, and records it holds with other values are replaced.
    ///
    /// The first copy of a record normally wins (the memory does not change); a re-read is
    /// the one deliberate exception, asked for because the stored copy is in doubt. The
    /// event, written in the same transaction, records that it happened and why.
    public func reviseRecordedIntervals(_ rows: [RecordedIntervalRow], meterID: Int64, at instant: Date,
                                        event: (RecordedRevision) -> String) throws(StoreError) -> RecordedRevision {
        try write("revise recorded intervals of meter \(meterID)") { db in
            var revision = RecordedRevision(read: rows.count)
            let find = try db.cachedStatement(sql: """
                SELECT import_wh, export_wh, status_bits, length_s FROM recorded_interval WHERE interval_start = ? AND meter_id = ?
                """)
            for row in rows {
                let arguments: StatementArguments = [row.importWh, row.exportWh, row.statusBits, row.lengthSeconds, row.readAt.unixMillis,
                                                     row.start.unixMillis, row.meterID]
                guard let stored = try Row.fetchOne(find, arguments: [row.start.unixMillis, row.meterID]) else {
                    try db.execute(sql: """
                        INSERT INTO recorded_interval (import_wh, export_wh, status_bits, length_s, read_at, interval_start, meter_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """, arguments: arguments)
                    revision.added += 1
                    continue
                }
                let same = (stored[0] as Int64) == row.importWh && (stored[1] as Int64) == row.exportWh
                    && (stored[2] as Int) == row.statusBits && (stored[3] as Int) == row.lengthSeconds
                guard !same else { continue }
                try db.execute(sql: """
                    UPDATE recorded_interval SET import_wh = ?, export_wh = ?, status_bits = ?, length_s = ?, read_at = ?
                    WHERE interval_start = ? AND meter_id = ?
                    """, arguments: arguments)
                revision.changed += 1
            }
            try Self.insertEvents([MeterEventRow(meterID: meterID, at: instant, kind: .backfill, detail: event(revision))], db)
            return revision
        }
    }

    /// One meter event outside a poll cycle (a clock set on request).
    public func appendEvent(_ event: MeterEventRow) throws(StoreError) {
        try write("event of meter \(event.meterID)") { db in try Self.insertEvents([event], db) }
    }

    private static let requestColumns = "id, meter_id, kind, range_start, range_end, requested_at, requested_by, state, finished_at, result"

    private static func readRequest(from row: Row) -> ReadRequestRow {
        let range = (row[3] as Int64?).flatMap { start in (row[4] as Int64?).map { Date(unixMillis: start)..<Date(unixMillis: $0) } }
        return ReadRequestRow(id: row[0], meterID: row[1], kind: ReadRequestKind(rawValue: row[2]) ?? .read, range: range,
                              requestedAt: Date(unixMillis: row[5]), requestedBy: row[6],
                              state: ReadRequestState(rawValue: row[7]) ?? .pending, finishedAt: (row[8] as Int64?).map(Date.init(unixMillis:)),
                              result: row[9])
    }
}
