import Store

/// The rows of one batch in flight, with the names destinations key them by (the store's
/// numeric ids mean nothing outside this gateway).
public struct OutboxBatch: Sendable {
    public enum Rows: Sendable {
        case intervals([IntervalRow])
        case billing([BillingCycleRow])
    }

    public var gatewayID: String
    public var destination: String
    /// The batch's keys (seqs) in its table: stable across retries, so they identify it.
    public var positions: ClosedRange<Int64>
    public var rows: Rows
    /// Meter names by store id.
    public var meterNames: [Int64: String]
    /// Channel names by store id.
    public var channelNames: [Int64: String]

    public init(gatewayID: String, destination: String, positions: ClosedRange<Int64>, rows: Rows,
                meterNames: [Int64: String], channelNames: [Int64: String]) {
        self.gatewayID = gatewayID
        self.destination = destination
        self.positions = positions
        self.rows = rows
        self.meterNames = meterNames
        self.channelNames = channelNames
    }

    /// The rows' keys in their table, in order.
    public var seqs: [Int64] {
        switch rows {
        case .intervals(let rows): rows.map(\.seq)
        case .billing(let rows): rows.map(\.seq)
        }
    }

    public var count: Int { seqs.count }

    public func meterName(_ id: Int64) -> String { meterNames[id] ?? "meter-\(id)" }
    public func channelName(_ id: Int64) -> String { channelNames[id] ?? "channel-\(id)" }
}
