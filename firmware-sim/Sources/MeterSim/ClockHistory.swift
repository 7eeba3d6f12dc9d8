import Foundation

/// A meter clock's reading as a piecewise-linear function of simulated time.
///
/// A quartz clock runs at a constant rate off true time (drift, in ppm) until someone sets
/// it; each setting starts a new segment. Keeping every segment, not just the latest, lets
/// the load profile be computed for intervals that were lived before a setting, so the
/// recorded memory stays stable when the clock is set later. A value type so that one
/// consistent snapshot can be used for a whole computation while a gateway sets the clock
/// concurrently.
public struct ClockHistory: Sendable, Hashable {
    /// One linear piece: from `simTime` on (until the next segment), the meter reads
    /// `meterTime + (sim - simTime) x rate`.
    public struct Segment: Sendable, Hashable {
        public var simTime: Date
        public var meterTime: Date
        /// Whether a technician or gateway set the clock here (the first segment, the state
        /// at commissioning, is not a setting).
        public var isSetting: Bool
    }

    /// Meter seconds per simulated second: 1 + drift x 10^-6.
    public let rate: Double
    /// Sorted by `simTime`; never empty.
    public private(set) var segments: [Segment]

    /// A clock that read `anchor + initialOffset` at simulated instant `anchor` and drifts
    /// by `driftPPM` (positive runs fast). Before `anchor` the first segment extends back.
    public init(anchor: Date, initialOffset: TimeInterval = 0, driftPPM: Double = 0) {
        precondition(driftPPM > -1_000_000, "a clock must move forward")
        rate = 1 + driftPPM * 1e-6
        segments = [Segment(simTime: anchor, meterTime: anchor + initialOffset, isSetting: false)]
    }

    /// Records that the clock was set to read `meterTime` at simulated instant `sim`.
    /// Settings may arrive out of order from concurrent connections; they are kept sorted.
    public mutating func set(to meterTime: Date, at sim: Date) {
        let setting = Segment(simTime: sim, meterTime: meterTime, isSetting: true)
        let index = segments.firstIndex { $0.simTime > sim } ?? segments.count
        segments.insert(setting, at: index)
    }

    /// The clock reading at simulated instant `sim`.
    public func meterTime(at sim: Date) -> Date {
        let s = segments[segmentIndex(at: sim)]
        return s.meterTime + sim.timeIntervalSince(s.simTime) * rate
    }

    /// Meter time minus simulated time at `sim`, in seconds.
    public func offset(at sim: Date) -> TimeInterval {
        meterTime(at: sim).timeIntervalSince(sim)
    }

    /// The first simulated instant at which the clock read `meterTime` or later.
    ///
    /// When the clock was set forward past `meterTime`, that is the instant of the setting
    /// (the reading jumped over it); when it was set back, a reading shown twice maps to
    /// its first occurrence. This "first passage" is non-decreasing in `meterTime`, so
    /// consecutive meter intervals map to consecutive, non-overlapping stretches of
    /// simulated time and their energies add up to the register delta.
    public func simTime(atMeterTime meterTime: Date) -> Date {
        for (k, s) in segments.enumerated() {
            let next = k + 1 < segments.count ? segments[k + 1].simTime : nil
            if k > 0, meterTime <= s.meterTime { return s.simTime }
            let sim = s.simTime + meterTime.timeIntervalSince(s.meterTime) / rate
            if let next, sim >= next { continue }  // reached only after this segment ends
            return sim
        }
        return segments[segments.count - 1].simTime  // unreachable: the last segment is open
    }

    /// The highest reading the clock has shown up to simulated instant `sim` (the supremum:
    /// after a backward setting, the reading just before it). A meter has completed every
    /// interval that ends by this reading, even if its clock now shows an earlier time.
    public func highestReading(until sim: Date) -> Date {
        var highest = meterTime(at: sim)
        for k in 0..<(segments.count - 1) where segments[k + 1].simTime <= sim {
            let s = segments[k]
            highest = max(highest, s.meterTime + segments[k + 1].simTime.timeIntervalSince(s.simTime) * rate)
        }
        return highest
    }

    /// Simulated instants of clock settings in `range`.
    public func settings(in range: ClosedRange<Date>) -> [Date] {
        segments.filter { $0.isSetting && range.contains($0.simTime) }.map(\.simTime)
    }

    private func segmentIndex(at sim: Date) -> Int {
        // Settings are few; a backward scan finds the newest segment that has begun.
        var k = segments.count - 1
        while k > 0, segments[k].simTime > sim { k -= 1 }
        return k
    }
}
