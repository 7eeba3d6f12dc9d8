import MeterKit

/// How billing determinants are computed: which channel is billed, when cycles run, and
/// where tariffs are. A meter is billed when its `metadata.tariff` names a tariff.
public struct BillingSettings: Sendable, Hashable {
    /// The tariff directory, absolute; nil to find the nearest `tariffs/` as profiles are found.
    public var tariffsDirectory: String?
    /// The local day of the month each cycle starts on (1...28, so every month has it).
    public var cycleDay: Int
    /// The cumulative import energy channel whose intervals are billed.
    public var channel: PointName
    /// How long after a cycle ends its first version is computed: late reads and backfill
    /// get this long to arrive. Later revisions still produce superseding versions.
    public var closeAfterSeconds: Int

    public init(tariffsDirectory: String? = nil, cycleDay: Int = 1, channel: PointName = .energyImportTotal, closeAfterSeconds: Int = 3600) {
        self.tariffsDirectory = tariffsDirectory
        self.cycleDay = cycleDay
        self.channel = channel
        self.closeAfterSeconds = closeAfterSeconds
    }
}
