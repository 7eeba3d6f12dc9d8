/// A configured meter as the store keeps it (table `meter`), matched by its unique `name`.
///
/// `MeterStore.syncMeters(_:)` upserts these from the gateway configuration and hands back
/// the integer ids every other table refers to; a meter that leaves the configuration keeps
/// its row so that its history stays attached to a name.
public struct StoredMeter: Sendable, Hashable {
    /// The configuration's name for the meter; unique in the store.
    public var name: String
    /// The bus it hangs on, as the configuration names it (e.g. "rs485-1", "tcp:10.0.0.5").
    public var bus: String
    /// Modbus unit id (0-255).
    public var unit: Int
    /// Device profile stem (e.g. "sdm630").
    public var profile: String
    /// Free metadata for load research (rate class, stratum, weather zone, site) as a JSON
    /// object; SQLite's `json_valid` checks it.
    public var metadataJSON: String
    /// CT/PT multiplier applied to the meter's energy to get primary-side energy.
    public var multiplier: Double

    public init(name: String, bus: String, unit: Int, profile: String, metadataJSON: String = "{}", multiplier: Double = 1) {
        self.name = name
        self.bus = bus
        self.unit = unit
        self.profile = profile
        self.metadataJSON = metadataJSON
        self.multiplier = multiplier
    }
}
