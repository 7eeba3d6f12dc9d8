import GRDB

/// What a store holds, read without opening it as a `MeterStore` (so nothing is migrated or
/// written): the first and last bucket of its register reads and its meter count. The RSS
/// run starts its simulated clock after the last bucket and keeps every row (retention
/// longer than the span), so the store only grows while memory is measured.
struct StoreSpan {
    let first: Int64
    let latest: Int64
    let meters: Int

    init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        (first, latest, meters) = try queue.read { db in
            // Both ends are one seek: bucket leads register_read's primary key.
            let first = try Int64.fetchOne(db, sql: "SELECT min(bucket) FROM register_read") ?? 0
            let latest = try Int64.fetchOne(db, sql: "SELECT max(bucket) FROM register_read") ?? 0
            let meters = try Int.fetchOne(db, sql: "SELECT count(*) FROM meter") ?? 0
            return (first, latest, meters)
        }
        try queue.close()
    }

    /// Unix seconds, like the shell wants them.
    var line: String { "first=\(first / 1000) latest=\(latest / 1000) meters=\(meters)" }
}

/// The time split of the timed cycles, from the store's `bus_cycle` rows: a cycle's
/// `started_at ... finished_at` covers its live reads and decoding (backfill too, which an
/// SDM630 has none of); the rest of the wall time is the commit and the step between cycles.
struct CycleSplit {
    let cycles: Int
    let pollMs: Double

    init(path: String, after bucketMs: Int64) throws {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        (cycles, pollMs) = try queue.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT count(*), total(finished_at - started_at) FROM bus_cycle WHERE bucket > ?",
                                       arguments: [bucketMs])
            return (row?[0] ?? 0, row?[1] ?? 0)
        }
        try queue.close()
    }
}
