import Foundation

/// Everything one poll cycle of one bus produced, committed in one transaction by
/// `MeterStore.commit(_:)`: either all of it is visible or none of it.
///
/// Every read carries the cycle's `bucket`. The cycle's statistics go to `bus_cycle`.
public struct BusCycleRecord: Sendable {
    public var bus: String
    /// The cycle's scheduled boundary (aligned to the wall clock); the reads' bucket.
    public var bucket: Date
    public var startedAt: Date
    public var finishedAt: Date
    /// Modbus requests sent, retries among them, and requests that failed for good.
    public var requests: Int
    public var retries: Int
    public var failures: Int
    public var reads: [RegisterReadRow]
    public var intervals: [RecordedIntervalRow]
    /// The meters' states to write whole: a meter whose row would not change may be left out.
    public var states: [MeterStateRow]
    /// States whose stored `resumable` part is already theirs: only their last read and
    /// counters are written, which costs the write path a third less per row
    /// (docs/performance.md, "Collector"). A meter without a stored row gets it whole.
    public var statistics: [MeterStateRow]
    public var events: [MeterEventRow]

    public init(
        bus: String, bucket: Date, startedAt: Date, finishedAt: Date, requests: Int = 0, retries: Int = 0, failures: Int = 0,
        reads: [RegisterReadRow] = [], intervals: [RecordedIntervalRow] = [], states: [MeterStateRow] = [], statistics: [MeterStateRow] = [], events: [MeterEventRow] = []
    ) {
        self.bus = bus
        self.bucket = bucket
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.requests = requests
        self.retries = retries
        self.failures = failures
        self.reads = reads
        self.intervals = intervals
        self.states = states
        self.statistics = statistics
        self.events = events
    }
}
