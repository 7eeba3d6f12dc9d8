/// One named measurement in a device profile: where it is, how to decode it, and what unit
/// the meter reports it in.
public struct PointDefinition: Sendable, Hashable {
    public var name: PointName
    public var location: RegisterLocation
    /// The unit the meter reports in; converted to `name.canonicalUnit` after scaling.
    public var unit: MeasurementUnit
    public var scale: Scale
    /// Whether SunSpec "not implemented" patterns decode to no value. On by default; a
    /// profile turns it off for a point where the all-ones pattern is a legitimate reading.
    public var sentinels: Bool

    public init(name: PointName, location: RegisterLocation, unit: MeasurementUnit, scale: Scale = .none, sentinels: Bool = true) {
        self.name = name
        self.location = location
        self.unit = unit
        self.scale = scale
        self.sentinels = sentinels
    }
}
