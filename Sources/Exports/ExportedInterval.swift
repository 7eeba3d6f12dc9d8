import Foundation
import Intervals

/// One interval as the export formats see it: the forwarding code maps a stored revision
/// (`IntervalRow` plus the meter's and channel's names) to this, so the encoders depend on
/// neither the store nor GRDB and stay pure.
public struct ExportedInterval: Sendable, Hashable {
    /// The meter's configured id (an ESI ID for Texas LSE files).
    public var meterID: String
    /// The channel's point name, for example `energy.import.total` or `energy.export.total`.
    public var channel: String
    /// Interval start, UTC.
    public var start: Date
    /// 900 or 3600.
    public var lengthSeconds: Int
    /// Wh with the CT/PT multiplier applied; nil when missing (never a zero).
    public var valueWh: Double?
    public var quality: IntervalQuality
    public var revision: Int
    /// `profile`, `registers` or `estimate` (`IntervalSource.rawValue`).
    public var source: String
    /// The estimation method's name when estimated (`EstimationMethod.rawValue`).
    public var estimation: String?
    /// The validation flags' bits (`ValidationFlags.rawValue`).
    public var flags: Int

    public init(meterID: String, channel: String, start: Date, lengthSeconds: Int, valueWh: Double?,
                quality: IntervalQuality = .valid, revision: Int = 0, source: String = IntervalSource.meterProfile.rawValue,
                estimation: String? = nil, flags: Int = 0) {
        self.meterID = meterID
        self.channel = channel
        self.start = start
        self.lengthSeconds = lengthSeconds
        self.valueWh = valueWh
        self.quality = quality
        self.revision = revision
        self.source = source
        self.estimation = estimation
        self.flags = flags
    }

    /// Interval end, UTC.
    public var end: Date { start.addingTimeInterval(TimeInterval(lengthSeconds)) }
}
