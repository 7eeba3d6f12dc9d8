import Foundation

/// Every threshold of derivation, validation and estimation, with the defaults of the
/// domain brief (section 4). They are configuration, not constants: a utility's VEE
/// standard decides them.
public struct VEESettings: Sendable, Hashable {
    /// Reads further apart than this around a boundary make the interval an estimate
    /// (the register interpolated across a read gap) rather than actual data.
    public var maxActualReadSpacing: TimeInterval = 20 * 60
    /// Read gaps up to this long are filled by linear interpolation (code 9); longer ones
    /// from like days (code 8).
    public var maxLinearGap: TimeInterval = 3600
    /// How many recent like days (same day type, no outage, no estimates) shape a long gap.
    public var likeDays = 3
    /// How far back like days are looked for.
    public var likeDayLookbackDays = 14
    /// A negative register delta smaller than this (Wh) is read noise, not a reset.
    public var registerNoiseWh: Double = 1
    /// The register's width in Wh when it rolls over (2^32 for a 32-bit Wh accumulator);
    /// nil for registers that do not wrap (float kWh).
    public var rolloverWh: Double? = nil
    /// Meter clock offsets beyond this are a time shift.
    public var clockTolerance: TimeInterval = 30
    /// Spike: the day's highest interval above its third highest by more than this fraction.
    public var spikeTolerance: Double = 3.0
    /// Spikes below this (Wh) are ignored, so a nearly idle day does not flag noise.
    public var spikeMinimumWh: Double = 100
    /// High/low: the day's use against the average of recent days, as factors.
    public var highUsageFactor: Double = 3.0
    public var lowUsageFactor: Double = 0.2
    /// How many recent days make the average daily use (at least 3 are needed to judge).
    public var usageLookbackDays = 7
    /// A run of zero intervals longer than this, without an outage, is flagged.
    public var maxZeroRun: TimeInterval = 8 * 3600
    /// Register reconciliation: allowed difference between a day's intervals and its
    /// register delta, as a fraction of the delta and at least `reconciliationMinimumWh`.
    public var reconciliationTolerance: Double = 0.01
    public var reconciliationMinimumWh: Double = 10
    /// Whether the channel imports energy (negative values are then flagged).
    public var importChannel = true
    /// Negative values on an import channel down to this much below zero (Wh) are rounding
    /// noise; below it they are flagged.
    public var negativeToleranceWh: Double = 0.5

    public init() {}
}
