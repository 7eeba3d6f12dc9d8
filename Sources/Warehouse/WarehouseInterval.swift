import Foundation

/// One revision of one validated interval as the warehouse receives it (table
/// `interval_reading`). A later revision of the same interval is a new value, never an edit:
/// settlement reruns on day 17, 59 and 180 must be able to see what each one used.
public struct WarehouseInterval: Sendable, Hashable {
    public var meterID: String
    /// The channel's name, e.g. `import_wh`.
    public var channel: String
    /// Interval start, UTC.
    public var start: Date
    public var lengthSeconds: Int
    /// Wh with the CT/PT multiplier applied; nil when missing (never a zero).
    public var valueWh: Double?
    /// Green Button quality code: 0 valid, 8 estimated, 9 missing, 10 suspect.
    public var quality: Int
    /// 1 for the first value of an interval, one more for each that supersedes it.
    public var revision: Int
    /// Where the value came from (`register`, `profile`, `estimate`, ...).
    public var source: String
    /// The estimation method when the value is an estimate.
    public var estimation: String?
    /// The validation flags' bits.
    public var flags: Int
    /// When the gateway computed this revision.
    public var computedAt: Date
    /// The gateway store's delivery order of this revision; loads are acknowledged by it.
    public var seq: Int64

    public init(meterID: String, channel: String, start: Date, lengthSeconds: Int, valueWh: Double?, quality: Int, revision: Int,
                source: String, estimation: String? = nil, flags: Int = 0, computedAt: Date, seq: Int64) {
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
        self.computedAt = computedAt
        self.seq = seq
    }
}
