import Foundation
import GRDBSQLite

/// The baseline: the same rows by a plain SQLite query on one connection, one prepared
/// statement (the store's own latest-revision query for a day of one meter: 96 starts,
/// meter, channel), stepped and every column read, as fast as it goes.
struct PlainQuery {
    let path: String
    let meter: Int64
    let channel: Int64
    let day: Int64

    /// Queries a second for `seconds`; returns queries a second and rows per query.
    func run(seconds: Double) throws -> (rate: Double, rows: Int) {
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else { throw BenchError("cannot open \(path)") }
        defer { sqlite3_close(db) }
        let marks = Array(repeating: "?", count: 96).joined(separator: ", ")
        var statement: OpaquePointer?
        try APIBenchData.check(db, sqlite3_prepare_v2(db, """
            SELECT i.start, i.length_s, i.value_wh, i.quality, i.source, i.estimation, i.revision, i.flags FROM interval i
            WHERE i.start IN (\(marks)) AND i.meter_id = ? AND i.channel_id = ?
              AND i.revision = (SELECT max(revision) FROM interval j WHERE j.start = i.start AND j.meter_id = i.meter_id AND j.channel_id = i.channel_id)
            ORDER BY i.start, i.revision
            """, -1, &statement, nil))
        defer { sqlite3_finalize(statement) }
        let clock = ContinuousClock()
        let end = clock.now + .milliseconds(Int64(seconds * 1000))
        var queries = 0, rows = 0
        let start = clock.now
        var sink = 0.0
        while clock.now < end {
            for slot in 0..<96 { sqlite3_bind_int64(statement, Int32(slot + 1), day + Int64(slot) * 900_000) }
            sqlite3_bind_int64(statement, 97, meter)
            sqlite3_bind_int64(statement, 98, channel)
            rows = 0
            while sqlite3_step(statement) == SQLITE_ROW {
                sink += Double(sqlite3_column_int64(statement, 0)) + sqlite3_column_double(statement, 2)
                _ = sqlite3_column_text(statement, 4)
                rows += 1
            }
            sqlite3_reset(statement)
            queries += 1
        }
        if sink.isNaN { print("") }
        return (Double(queries) / ((clock.now - start) / .seconds(1)), rows)
    }
}
