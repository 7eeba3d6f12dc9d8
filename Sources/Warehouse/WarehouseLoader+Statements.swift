import Foundation
import PostgresNIO

extension WarehouseLoader {
    /// Creates the month partitions of `interval_reading` that `months` need and that do
    /// not exist yet. The common case (all there) costs one catalog query and takes no lock.
    /// Creating one takes the schema's advisory lock first, so two gateways loading into a
    /// new month at once do not race in the catalogs (CREATE ... IF NOT EXISTS alone can
    /// fail with a unique violation there); the second sees the first's table once it has
    /// the lock, because the lock is held until the first commits.
    func ensurePartitions(_ months: [WarehouseSchema.Month], on connection: PostgresConnection) async throws {
        guard !months.isEmpty else { return }
        let names = months.map(\.tableName)
        var missing = Set<String>()
        let rows = try await connection.query("SELECT n FROM unnest(\(names)::text[]) AS n WHERE to_regclass(n) IS NULL", logger: logger)
        for try await name in rows.decode(String.self) { missing.insert(name) }
        guard !missing.isEmpty else { return }
        try await connection.query("SELECT pg_advisory_xact_lock(\(WarehouseSchema.lockKey))", logger: logger)
        for month in months where missing.contains(month.tableName) {
            try await connection.query(PostgresQuery(unsafeSQL: month.createPartition), logger: logger)
            logger.info("warehouse partition ready", metadata: ["partition": "\(month.tableName)"])
        }
    }

    /// One multi-row INSERT of meters; on a known meter the metadata is replaced and
    /// `updated_at` moves, unless nothing changed.
    static func meterUpsert(_ meters: ArraySlice<WarehouseMeter>) -> PostgresQuery {
        var binds = PostgresBindings(capacity: meters.count * 10)
        var values: [String] = []
        values.reserveCapacity(meters.count)
        for meter in meters {
            let first = binds.count
            binds.append(meter.meterID)
            binds.append(meter.gatewayID)
            binds.append(meter.rateClass)
            binds.append(meter.tariff)
            binds.append(meter.stratum)
            binds.append(meter.weight)
            binds.append(meter.weatherZone)
            binds.append(meter.site)
            binds.append(meter.multiplier)
            binds.append(meter.profile)
            let placeholders = (1...10).map { "$\(first + $0)" }
            values.append("(\(placeholders[0...4].joined(separator: ", ")), \(placeholders[5])::double precision, "
                + "\(placeholders[6...7].joined(separator: ", ")), \(placeholders[8])::double precision, \(placeholders[9]), now())")
        }
        let columns = "gateway_id, rate_class, tariff, stratum, weight, weather_zone, site, multiplier, profile"
        let excluded = columns.split(separator: ",").map { "EXCLUDED.\($0.trimmingCharacters(in: .whitespaces))" }.joined(separator: ", ")
        let sql = """
            INSERT INTO meter (meter_id, \(columns), updated_at) VALUES \(values.joined(separator: ", "))
            ON CONFLICT (meter_id) DO UPDATE SET (\(columns), updated_at) = (\(excluded), now())
            WHERE (\(columns.split(separator: ",").map { "meter.\($0.trimmingCharacters(in: .whitespaces))" }.joined(separator: ", ")))
                IS DISTINCT FROM (\(excluded))
            """
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }
}
