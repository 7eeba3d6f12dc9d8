import Foundation

/// Everything the engine knows about one channel of one meter for a window.
public struct ChannelData: Sendable {
    /// Cumulative register reads (Wh before the multiplier), any order.
    public var samples: [RegisterSample]
    /// The meter's own recorded intervals for this channel, in meter time.
    public var recorded: [RecordedInterval]
    /// Meter clock against the gateway's, for placing recorded intervals.
    public var clock: [ClockObservation]
    /// When the meter did not answer (offline): intervals inside are flagged as outage.
    public var offline: [Range<Date>]
    /// CT x PT, applied exactly once, here.
    public var multiplier: Double

    public init(samples: [RegisterSample] = [], recorded: [RecordedInterval] = [], clock: [ClockObservation] = [],
                offline: [Range<Date>] = [], multiplier: Double = 1) {
        self.samples = samples
        self.recorded = recorded
        self.clock = clock
        self.offline = offline
        self.multiplier = multiplier
    }
}

/// Turns one channel's reads and recorded profile into validated, estimated intervals on
/// the grid: derivation from registers, the meter's profile placed by corrected time over
/// it (the profile is authoritative), outage flags, estimation of what is still missing,
/// then validation of everything, estimates included.
///
/// Pure: the same inputs give the same intervals, whatever the wall clock says, so the
/// service, the emulator's accelerated time and the golden tests run the same code.
public struct IntervalEngine: Sendable {
    public let grid: IntervalGrid
    public let days: LocalDays
    public let settings: VEESettings

    public init(grid: IntervalGrid, days: LocalDays, settings: VEESettings) {
        self.grid = grid
        self.days = days
        self.settings = settings
    }

    /// The intervals that start in `range`, oldest first, one per grid slot.
    ///
    /// - Parameter history: earlier final intervals of the channel (like days, average daily
    ///   use); called at most once, and only when a gap must be estimated or a complete day
    ///   validated, because reading two weeks back is the expensive part of a run.
    public func intervals(in range: Range<Date>, of data: ChannelData, history: () -> [EnergyInterval]) -> [EnergyInterval] {
        let derived = RegisterDerivation.derive(data.samples, grid: grid, range: range, multiplier: data.multiplier, settings: settings)
        var intervals = derived.intervals
        let profile = ProfilePlacement.place(data.recorded, clock: data.clock, grid: grid, range: range,
                                             multiplier: data.multiplier, settings: settings)
        var fromProfile = Set<Int>()
        for index in intervals.indices {
            guard let placed = profile[intervals[index].start] else { continue }
            intervals[index] = placed
            fromProfile.insert(index)
        }
        for index in intervals.indices where data.offline.contains(where: { $0.overlaps(intervals[index].start..<intervals[index].end) }) {
            intervals[index].flags.insert(.outage)
        }
        // A long read gap the profile partly filled: what is left of it shares what the
        // register delta leaves after the profile's intervals.
        let gaps = derived.longGaps.compactMap { gap -> RegisterGap? in
            let open = gap.intervals.filter { !fromProfile.contains($0) }
            guard let first = open.first, let last = open.last else { return nil }
            guard open.count == last - first + 1 else { return RegisterGap(intervals: first..<last + 1, deltaWh: nil) }
            let covered = gap.intervals.filter { fromProfile.contains($0) }.compactMap { intervals[$0].energyWh }.reduce(0, +)
            return RegisterGap(intervals: first..<last + 1, deltaWh: gap.deltaWh.map { $0 - covered })
        }
        var loaded: [EnergyInterval]?
        func past() -> [EnergyInterval] {
            if let loaded { return loaded }
            let fetched = history()
            loaded = fetched
            return fetched
        }
        let needsEstimate = !gaps.isEmpty || intervals.contains { $0.energyWh == nil }
        Estimation.fill(&intervals, longGaps: gaps, history: needsEstimate ? past() : [], days: days, settings: settings)
        let completeDay = days.days(overlapping: range).contains { range.lowerBound <= $0.lowerBound && $0.upperBound <= range.upperBound }
        Validation.validate(&intervals, history: completeDay ? past() : [], days: days, settings: settings,
                            registerDelta: { derived.registerDelta(from: $0.lowerBound, to: $0.upperBound) })
        return intervals
    }
}
