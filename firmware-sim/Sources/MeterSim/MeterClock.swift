import Foundation

/// A simulated meter's real-time clock, shared by every connection that talks to the meter.
///
/// The clock drifts against simulated time at a configured rate and can be set through the
/// meter's clock registers. Its full history (`ClockHistory`) is kept because the recorded
/// load profile is addressed by meter time: intervals lived before a setting must still map
/// to the simulated instants at which they were lived.
///
/// A final class because a setting made by one connection must be seen by all others.
public final class MeterClock: @unchecked Sendable {
    // @unchecked: `history` is the only mutable state and is read and written only with
    // `lock` held; callers get copies (value snapshots), never references into it.
    private let lock = NSLock()
    private var history: ClockHistory

    /// - Parameters:
    ///   - anchor: the simulated instant at which the clock read `anchor + initialOffset`
    ///     (typically when the meter was commissioned or the simulation's start). A clock's
    ///     reading depends on when it was last set, so this is configuration, like the drift.
    ///   - initialOffset: meter time minus simulated time at `anchor`, seconds.
    ///   - driftPPM: rate error; +100 gains 8.64 s a day.
    public init(anchor: Date, initialOffset: TimeInterval = 0, driftPPM: Double = 0) {
        history = ClockHistory(anchor: anchor, initialOffset: initialOffset, driftPPM: driftPPM)
    }

    /// A consistent copy of the whole history, for computations that query it many times.
    public func snapshot() -> ClockHistory {
        lock.withLock { history }
    }

    public var driftPPM: Double { (snapshot().rate - 1) * 1e6 }

    /// What the meter's clock reads at simulated instant `sim`.
    public func meterTime(at sim: Date) -> Date {
        snapshot().meterTime(at: sim)
    }

    /// Meter time minus simulated time at `sim`, seconds.
    public func offset(at sim: Date) -> TimeInterval {
        snapshot().offset(at: sim)
    }

    /// A technician or the gateway sets the clock to `meterTime` at simulated instant `sim`.
    public func set(to meterTime: Date, at sim: Date) {
        lock.withLock { history.set(to: meterTime, at: sim) }
    }

    /// The first simulated instant at which the clock read `meterTime` (see
    /// `ClockHistory.simTime(atMeterTime:)`).
    public func simTime(atMeterTime meterTime: Date) -> Date {
        snapshot().simTime(atMeterTime: meterTime)
    }

    /// Simulated instants of every setting so far, oldest first.
    public var settings: [Date] {
        snapshot().segments.filter(\.isSetting).map(\.simTime)
    }
}
