import GRDB

extension MeterStore {
    /// Upserts the configured meters by name and returns every given name's id.
    ///
    /// A known name keeps its id (all history refers to it) and gets the new bus, unit,
    /// profile, metadata and multiplier. Meters missing from `meters` are left alone.
    ///
    /// - Throws: `StoreError` when a row breaks a constraint (unit outside 0-255, metadata
    ///   that is not JSON, a multiplier not above 0); then no meter is changed.
    public func syncMeters(_ meters: [StoredMeter]) throws(StoreError) -> [String: Int64] {
        try write("sync of \(meters.count) meters") { db in
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO meter (name, bus, unit, profile, metadata, multiplier) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET bus = excluded.bus, unit = excluded.unit, profile = excluded.profile,
                    metadata = excluded.metadata, multiplier = excluded.multiplier
                RETURNING id
                """)
            var ids: [String: Int64] = [:]
            for meter in meters {
                let arguments: StatementArguments = [meter.name, meter.bus, meter.unit, meter.profile, meter.metadataJSON, meter.multiplier]
                ids[meter.name] = try Int64.fetchOne(upsert, arguments: arguments)
            }
            return ids
        }
    }

    /// The ids of the given channel names (e.g. point names like "energy.import.total"),
    /// creating the missing ones.
    ///
    /// - Throws: `StoreError` when the store cannot be written.
    public func channelIDs(_ names: [String]) throws(StoreError) -> [String: Int64] {
        try write("channel ids for \(names.count) names") { db in
            let insert = try db.cachedStatement(sql: "INSERT INTO channel (name) VALUES (?) ON CONFLICT (name) DO NOTHING")
            let select = try db.cachedStatement(sql: "SELECT id FROM channel WHERE name = ?")
            var ids: [String: Int64] = [:]
            for name in names where ids[name] == nil {
                try insert.execute(arguments: [name])
                ids[name] = try Int64.fetchOne(select, arguments: [name])
            }
            return ids
        }
    }

    /// Every stored meter by id (configured now or earlier).
    public func meters() throws(StoreError) -> [Int64: StoredMeter] {
        try read("list meters") { db in
            var meters: [Int64: StoredMeter] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, name, bus, unit, profile, metadata, multiplier FROM meter") {
                meters[row[0]] = StoredMeter(name: row[1], bus: row[2], unit: row[3], profile: row[4], metadataJSON: row[5], multiplier: row[6])
            }
            return meters
        }
    }

    /// Every channel name by id.
    public func channels() throws(StoreError) -> [Int64: String] {
        try read("list channels") { db in
            var channels: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, name FROM channel") { channels[row[0]] = row[1] }
            return channels
        }
    }

    /// The id of the meter with this name; nil when the store has none.
    public func meterID(name: String) throws(StoreError) -> Int64? {
        try read("look up meter \(name)") { db in try Int64.fetchOne(db, sql: "SELECT id FROM meter WHERE name = ?", arguments: [name]) }
    }
}
