import Foundation

/// One interval of one channel of one meter: energy in Wh with the CT/PT multiplier
/// applied, its quality, where it came from and what validation said about it.
///
/// A missing value is `nil` with the `missing` flag, never a zero.
public struct EnergyInterval: Sendable, Hashable {
    /// Interval start, UTC.
    public var start: Date
    public var lengthSeconds: Int
    /// Energy in Wh after the multiplier; nil when missing.
    public var energyWh: Double?
    public var quality: IntervalQuality
    public var source: IntervalSource
    public var estimation: EstimationMethod?
    public var flags: ValidationFlags

    public init(start: Date, lengthSeconds: Int, energyWh: Double?, quality: IntervalQuality = .valid,
                source: IntervalSource, estimation: EstimationMethod? = nil, flags: ValidationFlags = []) {
        self.start = start
        self.lengthSeconds = lengthSeconds
        self.energyWh = energyWh
        self.quality = quality
        self.source = source
        self.estimation = estimation
        self.flags = flags
    }

    public var end: Date { start.addingTimeInterval(TimeInterval(lengthSeconds)) }

    /// Demand in W over the interval (Wh x 3600 / seconds).
    public var averageDemandW: Double? { energyWh.map { $0 * 3600 / Double(lengthSeconds) } }
}
