import Foundation

/// The poller's memory of one meter (table `meter_state`, one row per meter), written whole
/// in every cycle that visited the meter, so a restarted gateway resumes back-off, backfill
/// and counters where it stopped.
public struct MeterStateRow: Sendable, Hashable {
    public var meterID: Int64
    public var health: MeterHealth
    /// Failed polls in a row; the poller's back-off reads it.
    public var consecutiveFailures: Int
    /// When the meter is due again (back-off for an offline meter); nil means the next cycle.
    public var nextAttemptAt: Date?
    /// The last successful read.
    public var lastReadAt: Date?
    public var lastError: String?
    /// Start of the oldest recorded interval not yet read back; nil when nothing is owed.
    public var backfillResume: Date?
    public var readsOK: Int64
    public var readsFailed: Int64
    public var retries: Int64
    /// Sum of read latencies, with `latencyCount`, for a mean without keeping samples.
    public var latencyTotalMs: Double
    public var latencyCount: Int64

    public init(
        meterID: Int64, health: MeterHealth = .unknown, consecutiveFailures: Int = 0, nextAttemptAt: Date? = nil,
        lastReadAt: Date? = nil, lastError: String? = nil, backfillResume: Date? = nil, readsOK: Int64 = 0,
        readsFailed: Int64 = 0, retries: Int64 = 0, latencyTotalMs: Double = 0, latencyCount: Int64 = 0
    ) {
        self.meterID = meterID
        self.health = health
        self.consecutiveFailures = consecutiveFailures
        self.nextAttemptAt = nextAttemptAt
        self.lastReadAt = lastReadAt
        self.lastError = lastError
        self.backfillResume = backfillResume
        self.readsOK = readsOK
        self.readsFailed = readsFailed
        self.retries = retries
        self.latencyTotalMs = latencyTotalMs
        self.latencyCount = latencyCount
    }

    /// What a restart resumes from: health, back-off, the last error and the backfill point.
    /// The last read and the counters change with every poll; this part rarely does, so a
    /// cycle rewrites it only when it changed (`BusCycleRecord.statistics`).
    public struct Resumable: Sendable, Hashable {
        public var health: MeterHealth
        public var consecutiveFailures: Int
        public var nextAttemptAt: Date?
        public var lastError: String?
        public var backfillResume: Date?
    }

    public var resumable: Resumable {
        Resumable(health: health, consecutiveFailures: consecutiveFailures, nextAttemptAt: nextAttemptAt,
                  lastError: lastError, backfillResume: backfillResume)
    }

    /// Mean read latency, nil before the first timed read.
    public var meanLatencyMs: Double? { latencyCount > 0 ? latencyTotalMs / Double(latencyCount) : nil }
}
