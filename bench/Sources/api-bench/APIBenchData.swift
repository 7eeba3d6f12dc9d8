import Foundation
import GRDBSQLite
import Store

/// The benchmark's store: METERS meters with DAYS days of quarter-hour intervals on one
/// channel (60 x 1000 x 96 = 5.76 million revisions by default), written once through
/// SQLite's C API in one transaction (in key order, as the interval task appends them) on a
/// file whose schema `MeterStore` made, and kept for later runs.
enum APIBenchData {
    static let dayMs: Int64 = 86_400_000
    /// 2026-01-01T00:00:00Z, the first stored day.
    static let firstDay: Int64 = 1_767_225_600_000

    static func meterName(_ index: Int) -> String { String(format: "m-%04d", index) }

    /// Fills `path` unless it already holds the intervals; returns the channel id.
    static func prepare(path: String, meters: Int, days: Int) throws -> Int64 {
        let store = try MeterStore(path: path)
        let ids = try store.syncMeters((1...meters).map { StoredMeter(name: meterName($0), bus: "bus-\($0 % 8)", unit: $0 % 247 + 1, profile: "sdm630") })
        let channel = try store.channelIDs(["energy.import.total"])["energy.import.total"]!
        let have = try store.intervalRevisionCount()
        try store.close()
        let expected = meters * days * 96
        guard have != expected else { return channel }
        guard have == 0 else { throw BenchError("\(path) holds \(have) intervals, not \(expected); delete it") }
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK else { throw BenchError("cannot open \(path)") }
        defer { sqlite3_close(db) }
        try exec(db, "PRAGMA journal_mode = WAL; BEGIN")
        var insert: OpaquePointer?
        try check(db, sqlite3_prepare_v2(db, """
            INSERT INTO interval (start, meter_id, channel_id, revision, length_s, value_wh, quality, source, estimation, flags, computed_at)
            VALUES (?, ?, ?, 1, 900, ?, 0, 'registers', NULL, 0, ?)
            """, -1, &insert, nil))
        defer { sqlite3_finalize(insert) }
        let sortedIDs = ids.values.sorted()
        for slot in 0..<(days * 96) {
            let start = firstDay + Int64(slot) * 900_000
            for meter in sortedIDs {
                sqlite3_bind_int64(insert, 1, start)
                sqlite3_bind_int64(insert, 2, meter)
                sqlite3_bind_int64(insert, 3, channel)
                sqlite3_bind_double(insert, 4, Double((Int64(slot) * 7 + meter * 13) % 500) + 50)
                sqlite3_bind_int64(insert, 5, start + 1_800_000)
                guard sqlite3_step(insert) == SQLITE_DONE else { throw BenchError(String(cString: sqlite3_errmsg(db))) }
                sqlite3_reset(insert)
            }
        }
        try exec(db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)")
        return channel
    }

    static func exec(_ db: OpaquePointer?, _ sql: String) throws {
        try check(db, sqlite3_exec(db, sql, nil, nil, nil))
    }

    static func check(_ db: OpaquePointer?, _ code: Int32) throws {
        guard code == SQLITE_OK else { throw BenchError(String(cString: sqlite3_errmsg(db))) }
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
