/// The result of every validation rule for one interval: one bit per rule that fired.
///
/// Stored with each interval revision, so `metergate vee` can say why an interval is
/// questionable or estimated long after the data that made it so has been pruned.
public struct ValidationFlags: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// No data for the interval (before estimation filled it).
    public static let missing = ValidationFlags(rawValue: 1 << 0)
    /// The meter recorded the interval twice with different values.
    public static let duplicate = ValidationFlags(rawValue: 1 << 1)
    /// A recorded interval whose length is not the grid's.
    public static let wrongLength = ValidationFlags(rawValue: 1 << 2)
    /// Negative energy on an import channel.
    public static let negative = ValidationFlags(rawValue: 1 << 3)
    /// The day's highest interval beyond the tolerance above its third highest.
    public static let spike = ValidationFlags(rawValue: 1 << 4)
    /// The day's use above the high limit against recent average daily use.
    public static let highUsage = ValidationFlags(rawValue: 1 << 5)
    /// The day's use below the low limit against recent average daily use.
    public static let lowUsage = ValidationFlags(rawValue: 1 << 6)
    /// Part of a run of zero intervals longer than allowed (without an outage).
    public static let zeroRun = ValidationFlags(rawValue: 1 << 7)
    /// The day's intervals do not add up to the register delta within the tolerance.
    public static let reconciliation = ValidationFlags(rawValue: 1 << 8)
    /// The meter marked the interval's data not valid.
    public static let meterInvalid = ValidationFlags(rawValue: 1 << 13)
    /// The meter clock was off beyond the tolerance, or set, in this interval (time shift).
    public static let clockError = ValidationFlags(rawValue: 1 << 9)
    /// Power down (meter status) or the meter was offline.
    public static let outage = ValidationFlags(rawValue: 1 << 10)
    /// A register reset or a meter exchange inside the interval.
    public static let resetOrExchange = ValidationFlags(rawValue: 1 << 11)
    /// The register rolled over at its width inside the interval (handled, not an error).
    public static let rollover = ValidationFlags(rawValue: 1 << 12)

    /// Flags that make actual data questionable (code 10); the others are information.
    public static let questionable: ValidationFlags = [.duplicate, .wrongLength, .negative, .spike, .highUsage, .lowUsage,
                                                       .zeroRun, .reconciliation, .clockError, .meterInvalid]

    public static let named: [(ValidationFlags, String)] = [
        (.missing, "missing"), (.duplicate, "duplicate"), (.wrongLength, "wrong-length"), (.negative, "negative"),
        (.spike, "spike"), (.highUsage, "high-usage"), (.lowUsage, "low-usage"), (.zeroRun, "zero-run"),
        (.reconciliation, "reconciliation"), (.meterInvalid, "meter-invalid"), (.clockError, "clock-error"), (.outage, "outage"),
        (.resetOrExchange, "reset-or-exchange"), (.rollover, "rollover"),
    ]

    /// Names of the set flags, for reports.
    public var names: [String] { Self.named.filter { contains($0.0) }.map(\.1) }
}
