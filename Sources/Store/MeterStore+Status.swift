import Foundation
import GRDB

extension MeterStore {
    /// Every meter with its state, and every bus (from the meters and from committed
    /// cycles) with its cycle statistics; read from one snapshot, so the two agree.
    ///
    /// - Throws: `StoreError` when the store cannot be read.
    public func status() throws(StoreError) -> StoreStatus {
        try read("status") { db in
            let meters = try Row.fetchAll(db, sql: """
                SELECT meter.name, meter.bus, meter.unit, meter.profile, \(Self.stateColumns), meter.id
                FROM meter LEFT JOIN meter_state ON meter_state.meter_id = meter.id
                ORDER BY meter.bus, meter.unit, meter.name
                """).map { row -> MeterStatus in
                    let state = (row[4] as Int64?) == nil ? nil : Self.state(from: row, at: 4)
                    return MeterStatus(id: row[row.count - 1], name: row[0], bus: row[1], unit: row[2], profile: row[3], state: state, lastReadAt: state?.lastReadAt)
                }
            // SQLite takes the bare columns of an aggregate query with max() from the row
            // holding the maximum: the duration is the last cycle's.
            var buses: [String: BusStatus] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT bus, count(*), max(bucket), finished_at - started_at, sum(requests), sum(retries), sum(failures)
                FROM bus_cycle GROUP BY bus
                """) {
                let bus: String = row[0]
                buses[bus] = BusStatus(bus: bus, cycles: row[1], lastBucket: Date(unixMillis: row[2]), lastDurationMs: row[3],
                                       requests: row[4], retries: row[5], failures: row[6])
            }
            for meter in meters where buses[meter.bus] == nil {
                buses[meter.bus] = BusStatus(bus: meter.bus, cycles: 0, lastBucket: nil, lastDurationMs: nil, requests: 0, retries: 0, failures: 0)
            }
            return StoreStatus(meters: meters, buses: buses.values.sorted { $0.bus < $1.bus }, outboxes: try Self.outboxStatuses(db))
        }
    }

    /// The buckets of every cycle committed for `bus`, oldest first: what a complete
    /// collection must hold a read of, per meter due in it.
    public func cycleBuckets(bus: String) throws(StoreError) -> [Date] {
        try read("cycle buckets") { db in
            try Int64.fetchAll(db, sql: "SELECT bucket FROM bus_cycle WHERE bus = ? ORDER BY bucket", arguments: [bus]).map(Date.init(unixMillis:))
        }
    }
}
