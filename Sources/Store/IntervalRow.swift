import Foundation

/// One revision of one validated interval (table `interval`).
///
/// The store keeps every revision: an estimate superseded by the meter's own data stays,
/// under a lower revision, so a bill computed from it can be explained later. Quality,
/// source, estimation and flags are the interval engine's values as stored (Green Button
/// code, source and method names, the validation flags' bits).
public struct IntervalRow: Sendable, Hashable {
    public var meterID: Int64
    public var channelID: Int64
    /// Interval start, UTC.
    public var start: Date
    public var lengthSeconds: Int
    /// Assigned by the store: one more than the latest revision of the same interval.
    public var revision: Int
    /// Wh with the CT/PT multiplier applied; nil when missing (never a zero).
    public var valueWh: Double?
    public var quality: Int
    public var source: String
    public var estimation: String?
    public var flags: Int
    /// When the gateway computed this revision.
    public var computedAt: Date
    /// The order of revisions in the store (0 until stored): what forwarding delivers by.
    public var seq: Int64

    public init(meterID: Int64, channelID: Int64, start: Date, lengthSeconds: Int, revision: Int = 0, valueWh: Double?,
                quality: Int, source: String, estimation: String?, flags: Int, computedAt: Date, seq: Int64 = 0) {
        self.meterID = meterID
        self.channelID = channelID
        self.start = start
        self.lengthSeconds = lengthSeconds
        self.revision = revision
        self.valueWh = valueWh
        self.quality = quality
        self.source = source
        self.estimation = estimation
        self.flags = flags
        self.computedAt = computedAt
        self.seq = seq
    }
}
