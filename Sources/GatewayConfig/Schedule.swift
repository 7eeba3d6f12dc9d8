/// When the gateway reads and how it fills gaps, in seconds so that the scheduler can do
/// exact wall-clock arithmetic without converting units.
public struct Schedule: Sendable, Hashable {
    /// Register read cadence, aligned to UTC wall-clock boundaries: it divides a day and
    /// the interval, so every interval boundary is also a read.
    public var readEverySeconds: Int
    /// Length of a recorded interval: 900 or 3600.
    public var intervalSeconds: Int
    /// Recorded intervals read back from one meter's memory per cycle at most, so that a
    /// meter returning from a long outage cannot hold up its bus; 0 turns backfill off.
    public var backfillPerCycle: Int
    /// How far back a meter's memory is read the first time the gateway sees it.
    public var backfillLookbackSeconds: Int

    public init(readEverySeconds: Int = 900, intervalSeconds: Int = 900, backfillPerCycle: Int = 96,
                backfillLookbackSeconds: Int = 86_400) {
        self.readEverySeconds = readEverySeconds
        self.intervalSeconds = intervalSeconds
        self.backfillPerCycle = backfillPerCycle
        self.backfillLookbackSeconds = backfillLookbackSeconds
    }

    /// The interval lengths a meter's load profile and the warehouse agree on.
    public static let intervalLengths = [900, 3600]
}
