import MeterKit

/// One meter the gateway reads: where it is, how to read it, and what to tell the
/// warehouse about it.
public struct MeterConfiguration: Sendable, Hashable {
    /// Unique among the meters, after group expansion.
    public var id: String
    /// The `BusConfiguration.id` of the bus the meter is on.
    public var bus: String
    /// The meter's Modbus unit id on its bus, 1...247; unique on the bus.
    public var unit: UInt8
    /// Key into `GatewayConfiguration.profiles`.
    public var profileID: String
    /// The points read every cycle; each one is mapped by the profile.
    public var channels: [PointName]
    public var currentTransformer: TransformerRatio?
    public var voltageTransformer: TransformerRatio?
    public var metadata: MeterMetadata
    /// The line of the meter's entry (a group's, for meters of a group), so that later
    /// messages about the meter can point back into the configuration.
    public var line: Int?

    /// The factor from the meter's secondary-side readings to primary values: the CT ratio
    /// times the PT ratio, 1 without transformers. Computed, so it cannot disagree with them.
    public var multiplier: Double { (currentTransformer?.ratio ?? 1) * (voltageTransformer?.ratio ?? 1) }

    public init(id: String, bus: String, unit: UInt8, profileID: String, channels: [PointName],
                currentTransformer: TransformerRatio? = nil, voltageTransformer: TransformerRatio? = nil,
                metadata: MeterMetadata = MeterMetadata(), line: Int? = nil) {
        self.id = id
        self.bus = bus
        self.unit = unit
        self.profileID = profileID
        self.channels = channels
        self.currentTransformer = currentTransformer
        self.voltageTransformer = voltageTransformer
        self.metadata = metadata
        self.line = line
    }
}
