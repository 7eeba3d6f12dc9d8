import GatewayConfig
import Logging
import Warehouse

/// The load-research warehouse: interval revisions loaded into PostgreSQL, meters'
/// metadata kept current. A resent batch has exactly-once effect because every revision is
/// its own row, keyed by (meter, channel, start, revision), and inserted with DO NOTHING.
public struct WarehouseDestination: Destination {
    public let id: String
    let loader: WarehouseLoader
    let gatewayID: String
    let meters: [WarehouseMeter]

    public init(id: String, endpoint: WarehouseEndpoint, gatewayID: String, meters: [WarehouseMeter], logger: Logger) {
        self.id = id
        loader = WarehouseLoader(endpoint: endpoint, logger: logger)
        self.gatewayID = gatewayID
        self.meters = meters
    }

    /// The configured meters as the warehouse describes them.
    public static func meters(of configuration: GatewayConfiguration) -> [WarehouseMeter] {
        configuration.meters.map { meter in
            WarehouseMeter(meterID: meter.id, gatewayID: configuration.gatewayID, rateClass: meter.metadata.rateClass, tariff: meter.metadata.tariff,
                           stratum: meter.metadata.stratum, weight: meter.metadata.weight, weatherZone: meter.metadata.weatherZone,
                           site: meter.metadata.site, multiplier: meter.multiplier, profile: meter.profileID)
        }
    }

    /// Creates or migrates the warehouse schema and brings the meters' metadata up to date.
    public func prepare() async throws(DeliveryError) {
        do {
            try await loader.migrate()
            try await loader.upsertMeters(meters)
        } catch {
            throw Self.deliveryError(error)
        }
    }

    public func deliver(_ batch: OutboxBatch) async throws(DeliveryError) {
        guard case .intervals(let rows) = batch.rows else { throw .rejected("the warehouse takes interval revisions only") }
        let intervals = rows.map { row in
            WarehouseInterval(meterID: batch.meterName(row.meterID), channel: batch.channelName(row.channelID), start: row.start,
                              lengthSeconds: row.lengthSeconds, valueWh: row.valueWh, quality: row.quality, revision: row.revision,
                              source: row.source, estimation: row.estimation, flags: row.flags, computedAt: row.computedAt, seq: row.seq)
        }
        do {
            try await loader.load(intervals, gatewayID: gatewayID, throughSeq: batch.positions.upperBound)
        } catch {
            throw Self.deliveryError(error)
        }
    }

    public func close() async { await loader.close() }

    static func deliveryError(_ error: WarehouseError) -> DeliveryError {
        switch error {
        case .unavailable(let reason): .unavailable("warehouse: \(reason)")
        case .rejected(let reason): .rejected("warehouse: \(reason)")
        }
    }
}
