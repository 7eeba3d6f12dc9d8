import Store

/// Meter and channel names by store id, read once and again only when a batch holds an id
/// not seen yet (a meter added while the gateway runs).
struct NameCache: Sendable {
    private var meters: [Int64: String] = [:]
    private var channels: [Int64: String] = [:]

    /// The rows of `positions` in `table`, with their names.
    mutating func batch(of table: StoreTable, positions: ClosedRange<Int64>, gatewayID: String, destination: String,
                        store: MeterStore) throws(StoreError) -> OutboxBatch {
        let rows: OutboxBatch.Rows
        let meterIDs: Set<Int64>
        var channelIDs: Set<Int64> = []
        switch table {
        case .billingCycle:
            let cycles = try store.billingCycles(seqs: positions)
            rows = .billing(cycles)
            meterIDs = Set(cycles.map(\.meterID))
        default:
            let intervals = try store.intervalRevisions(seqs: positions)
            rows = .intervals(intervals)
            meterIDs = Set(intervals.map(\.meterID))
            channelIDs = Set(intervals.map(\.channelID))
        }
        if !meterIDs.isSubset(of: meters.keys) { meters = try store.meters().mapValues(\.name) }
        if !channelIDs.isSubset(of: channels.keys) { channels = try store.channels() }
        return OutboxBatch(gatewayID: gatewayID, destination: destination, positions: positions, rows: rows,
                           meterNames: meters, channelNames: channels)
    }
}
