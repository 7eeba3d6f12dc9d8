import Foundation

/// Interval energy derived from cumulative register reads, with what the reads could not
/// tell: long read gaps to estimate from like days, and rollovers, resets and exchanges.
public struct DerivedSeries: Sendable {
    /// One interval per grid start in the range, oldest first.
    public var intervals: [EnergyInterval]
    /// Runs of intervals inside read gaps longer than settings.maxLinearGap (to be estimated from like days).
    public var longGaps: [RegisterGap]
    /// Rollovers, resets and exchanges between reads that overlap the range, oldest first.
    public var events: [RegisterEvent]
    private let curve: RegisterCurve

    fileprivate init(intervals: [EnergyInterval], longGaps: [RegisterGap], events: [RegisterEvent], curve: RegisterCurve) {
        self.intervals = intervals
        self.longGaps = longGaps
        self.events = events
        self.curve = curve
    }

    /// The register delta in Wh (multiplier applied, rollovers unwrapped) between two instants, nil when either
    /// instant is not bracketed by reads or a reset/exchange lies between. Used for day reconciliation and proration.
    ///
    /// Any instants work, not only grid boundaries; the register is interpolated linearly in time
    /// between the reads around each. Negative when `to` is before `from`.
    public func registerDelta(from: Date, to: Date) -> Double? {
        guard let a = curve.reading(at: from), let b = curve.reading(at: to),
              let va = a.value, let vb = b.value, a.segment == b.segment else { return nil }
        return vb - va
    }
}

/// A run of intervals inside one read gap longer than `maxLinearGap`.
public struct RegisterGap: Sendable, Hashable {
    /// Indices into `DerivedSeries.intervals`.
    public var intervals: Range<Int>
    /// The register delta across the run (Wh, multiplier applied): the sum of the run's interpolated
    /// energies. Nil when the gap spans a reset or exchange, so only the like-day shape can fill it.
    public var deltaWh: Double?

    public init(intervals: Range<Int>, deltaWh: Double?) {
        self.intervals = intervals
        self.deltaWh = deltaWh
    }
}

/// Something that happened to the register between two reads.
public struct RegisterEvent: Sendable, Hashable {
    public enum Kind: String, Sendable { case rollover, reset, exchange }
    public var kind: Kind
    /// The first read after the event (the event itself lies between that read and the one before).
    public var time: Date
    /// For the event log: the values (and serials) on either side.
    public var detail: String

    public init(kind: Kind, time: Date, detail: String) {
        self.kind = kind
        self.time = time
        self.detail = detail
    }
}

/// Turns register reads into interval energy on the grid.
///
/// A cumulative register is exact at each read; between reads it is interpolated linearly in
/// time. An interval's energy is the register at its end minus the register at its start, so
/// the intervals of a run always add up to the register delta across the run. How far the
/// reads around a boundary are apart decides the quality:
/// - at most `maxActualReadSpacing`: actual data (`.valid`);
/// - at most `maxLinearGap`: linear interpolation between the neighbouring good reads (code 9);
/// - longer: a provisional even spread (`.proratedFlat`), listed in `longGaps` so estimation
///   can reshape it from like days and prorate it to the gap's register delta.
///
/// The reads are cut into segments at resets and exchanges; an interval whose boundaries fall
/// in different segments (or outside the reads) is missing, so a reset or exchange never shows
/// up as a negative or a giant interval.
public enum RegisterDerivation {
    /// Derives one interval per grid start in `range`.
    /// - Parameters:
    ///   - samples: register reads in any order; exact duplicates are dropped, and of two reads
    ///     at the same instant the first given wins (a register has one value at a time).
    ///   - multiplier: the CT/PT multiplier, applied exactly once, to the cumulative curve.
    ///   - settings: `maxActualReadSpacing`, `maxLinearGap`, `registerNoiseWh` and `rolloverWh` are used.
    public static func derive(_ samples: [RegisterSample], grid: IntervalGrid, range: Range<Date>, multiplier: Double,
                              settings: VEESettings) -> DerivedSeries {
        let (curve, found) = RegisterCurve.build(samples, multiplier: multiplier, settings: settings)
        var intervals: [EnergyInterval] = []
        var gapKeys: [GapKey?] = []
        for start in grid.starts(in: range) {
            var interval = EnergyInterval(start: start, lengthSeconds: grid.lengthSeconds, energyWh: nil,
                                          source: .registerReads, flags: [.missing])
            var key: GapKey?
            if let a = curve.reading(at: start), let b = curve.reading(at: interval.end) {
                // The wider of the two read gaps decides: the interval is only as good as its worse boundary.
                let wide = b.span > a.span ? b : a
                if wide.span > settings.maxLinearGap { key = GapKey(lower: wide.lower, upper: wide.upper) }
                if let va = a.value, let vb = b.value, a.segment == b.segment {
                    interval.energyWh = vb - va
                    interval.flags = []
                    if wide.span > settings.maxLinearGap {
                        (interval.quality, interval.estimation) = (.estimatedLinear, .proratedFlat)
                    } else if wide.span > settings.maxActualReadSpacing {
                        (interval.quality, interval.estimation) = (.estimatedLinear, .linearInterpolation)
                    }
                }
            }
            intervals.append(interval)
            gapKeys.append(key)
        }
        // An event lies somewhere between its two reads: flag every interval that overlaps that span.
        var events: [RegisterEvent] = []
        for event in found where event.after > range.lowerBound && event.before < range.upperBound {
            events.append(event.event)
            let flag: ValidationFlags = event.event.kind == .rollover ? .rollover : .resetOrExchange
            for index in intervals.indices where intervals[index].start < event.after && intervals[index].end > event.before {
                intervals[index].flags.insert(flag)
            }
        }
        var series = DerivedSeries(intervals: intervals, longGaps: [], events: events, curve: curve)
        series.longGaps = gaps(gapKeys, in: series)
        return series
    }

    /// Consecutive long-gap intervals bracketed by the same pair of reads form one gap.
    private static func gaps(_ keys: [GapKey?], in series: DerivedSeries) -> [RegisterGap] {
        var gaps: [RegisterGap] = []
        var first = 0
        while first < keys.count {
            guard let key = keys[first] else {
                first += 1
                continue
            }
            var end = first + 1
            while end < keys.count, keys[end] == key { end += 1 }
            let run = series.intervals[first..<end]
            let valued = run.allSatisfy { $0.energyWh != nil }
            let delta = valued ? series.registerDelta(from: run[first].start, to: run[end - 1].end) : nil
            gaps.append(RegisterGap(intervals: first..<end, deltaWh: delta))
            first = end
        }
        return gaps
    }

    /// The pair of reads (indices into the curve) around a long read gap.
    private struct GapKey: Hashable {
        var lower: Int
        var upper: Int
    }
}

/// The register as an unwrapped cumulative curve (Wh x multiplier) over the sorted reads,
/// cut into segments at resets and exchanges.
private struct RegisterCurve: Sendable {
    var times: [Date] = []
    var values: [Double] = []
    var segments: [Int] = []

    /// An event found between reads `before` and `after`.
    struct Found {
        var event: RegisterEvent
        var before: Date
        var after: Date
    }

    /// The curve at one instant: a value only when reads of one segment bracket it.
    struct Reading {
        var value: Double?
        var segment: Int?
        /// Time between the bracketing reads; 0 for a read exactly at the instant.
        var span: TimeInterval
        var lower: Int
        var upper: Int
    }

    /// Sorts and cleans the reads and unwraps them into segments.
    ///
    /// Deltas are taken against the last accepted value rather than the previous read, so a
    /// read that dipped within noise (clamped: the register never runs backwards) is not
    /// counted again when the register climbs back, and a slow slide below it is a reset.
    static func build(_ samples: [RegisterSample], multiplier: Double,
                      settings: VEESettings) -> (RegisterCurve, [Found]) {
        let sorted = samples.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
        var curve = RegisterCurve()
        var found: [Found] = []
        var segment = 0
        var unwrapped = 0.0  // raw Wh, rollovers unwrapped, since the segment began
        var accepted = 0.0  // the raw register value `unwrapped` stands for
        var serial: String?  // the last serial seen: reads without one do not hide an exchange
        for sample in sorted.map(\.element) {
            if let last = curve.times.last, sample.time == last { continue }
            let value = sample.valueWh
            if let previousTime = curve.times.last {
                let d = value - accepted
                func note(_ kind: RegisterEvent.Kind, _ detail: String) {
                    found.append(Found(event: RegisterEvent(kind: kind, time: sample.time, detail: detail),
                                       before: previousTime, after: sample.time))
                }
                let change = "register \(accepted) -> \(value) Wh"
                if let old = serial, let new = sample.serial, old != new {
                    note(.exchange, "serial \(old) -> \(new), \(change)")
                    (segment, unwrapped, accepted) = (segment + 1, value, value)
                } else if d >= 0 {
                    (unwrapped, accepted) = (unwrapped + d, value)
                } else if d >= -settings.registerNoiseWh {
                    // Read noise: hold the accepted value.
                } else if let width = settings.rolloverWh, accepted > width / 2, value < width / 2 {
                    note(.rollover, "\(change), wrapped at \(width) Wh")
                    (unwrapped, accepted) = (unwrapped + d + width, value)
                } else {
                    note(.reset, change)
                    (segment, unwrapped, accepted) = (segment + 1, value, value)
                }
            } else {
                (unwrapped, accepted) = (value, value)
            }
            serial = sample.serial ?? serial
            curve.times.append(sample.time)
            curve.values.append(unwrapped * multiplier)
            curve.segments.append(segment)
        }
        return (curve, found)
    }

    /// The curve at `instant`, nil when no read lies on each side of it (or at it).
    func reading(at instant: Date) -> Reading? {
        var low = 0, high = times.count  // first index with times[index] >= instant
        while low < high {
            let mid = (low + high) / 2
            if times[mid] < instant { low = mid + 1 } else { high = mid }
        }
        if low < times.count, times[low] == instant {
            return Reading(value: values[low], segment: segments[low], span: 0, lower: low, upper: low)
        }
        guard low > 0, low < times.count else { return nil }
        let (a, b) = (low - 1, low)
        let span = times[b].timeIntervalSince(times[a])
        guard segments[a] == segments[b] else { return Reading(value: nil, segment: nil, span: span, lower: a, upper: b) }
        let fraction = instant.timeIntervalSince(times[a]) / span
        return Reading(value: values[a] + (values[b] - values[a]) * fraction, segment: segments[a], span: span, lower: a, upper: b)
    }
}
