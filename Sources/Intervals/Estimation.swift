import Foundation

/// Fills the gaps of one channel's series (domain brief section 4, "Estimation").
///
/// The derivation step hands over one interval per grid slot: actual data, short read gaps
/// already interpolated from the registers (code 9), missing slots (`nil` with `.missing`),
/// and the long read gaps whose provisional values must be re-estimated. Estimation then
/// - shapes each long gap from like days and prorates it to the register delta (code 8),
///   or spreads the delta evenly when there are no like days (code 9);
/// - fills the remaining missing runs: linear interpolation when short and interior, the
///   like-day shape (unscaled) when long and interior, a flat hold at the edges (code 9).
///
/// Nothing is ever filled with a silent zero: a series without a single good value stays
/// missing. Every value it writes has source `.estimate` and keeps `.missing` set, so the
/// record still says the data was missing. Intervals the derivation interpolated from the
/// registers are left alone. Pure: no clock, no I/O.
public enum Estimation {
    /// Fills gaps in place.
    /// - Parameters:
    ///   - intervals: one channel's series, one interval per grid slot, oldest first.
    ///   - longGaps: index ranges into `intervals` inside read gaps longer than
    ///     `settings.maxLinearGap`, with the register delta across each gap when both reads
    ///     around it are known (Wh, multiplier applied).
    ///   - history: earlier intervals of the same channel (final values, any order), used
    ///     for like days together with the earlier days of `intervals` itself.
    ///   - days: the site's local days (day types, time of day).
    ///   - settings: `likeDays`, `likeDayLookbackDays` and `maxLinearGap` are used.
    public static func fill(_ intervals: inout [EnergyInterval], longGaps: [RegisterGap],
                            history: [EnergyInterval], days: LocalDays, settings: VEESettings) {
        // Nothing to fill: skip building the like days, the costly part.
        guard !longGaps.isEmpty || intervals.contains(where: { $0.energyWh == nil }) else { return }
        let shapes = LikeDayShapes(series: history + intervals, days: days, settings: settings)
        for gap in longGaps {
            fillLongGap(&intervals, gap.intervals.clamped(to: intervals.indices), deltaWh: gap.deltaWh, shapes: shapes)
        }
        fillMissingRuns(&intervals, shapes: shapes, settings: settings)
    }

    /// Like-day shape prorated to the delta; without like days the delta spread evenly;
    /// without either the gap is left missing for `fillMissingRuns`. Intervals the meter's
    /// profile recorded inside the range are kept, and their energy taken off the delta.
    private static func fillLongGap(_ intervals: inout [EnergyInterval], _ range: Range<Int>, deltaWh: Double?,
                                    shapes: LikeDayShapes) {
        let gap = range.filter { intervals[$0].source != .meterProfile || intervals[$0].energyWh == nil }
        guard !gap.isEmpty else { return }
        let recorded = range.filter { !gap.contains($0) }.reduce(0) { $0 + (intervals[$1].energyWh ?? 0) }
        let deltaWh = deltaWh.map { $0 - recorded }
        let shape = shapes.shape(for: gap.map { intervals[$0].start })
        switch (shape, deltaWh) {
        case let (shape?, delta?):
            let total = shape.reduce(0, +)
            guard total > 0 else { return spread(delta, over: gap, in: &intervals) }
            let scale = delta / total
            for (index, value) in zip(gap, shape) { setEstimate(&intervals[index], value * scale, .likeDay) }
        case let (shape?, nil):
            for (index, value) in zip(gap, shape) { setEstimate(&intervals[index], value, .likeDay) }
        case let (nil, delta?):
            spread(delta, over: gap, in: &intervals)
        case (nil, nil):
            for index in gap { setMissing(&intervals[index]) }
        }
    }

    private static func spread(_ delta: Double, over gap: [Int], in intervals: inout [EnergyInterval]) {
        let each = delta / Double(gap.count)
        for index in gap { setEstimate(&intervals[index], each, .proratedFlat) }
    }

    /// Every run of missing values left after the long gaps.
    private static func fillMissingRuns(_ intervals: inout [EnergyInterval], shapes: LikeDayShapes, settings: VEESettings) {
        var first = 0
        while first < intervals.count {
            guard intervals[first].energyWh == nil else {
                first += 1
                continue
            }
            var end = first
            while end < intervals.count, intervals[end].energyWh == nil { end += 1 }
            let run = first..<end
            let before = first > 0 ? intervals[first - 1].energyWh : nil
            let after = end < intervals.count ? intervals[end].energyWh : nil
            switch (before, after) {
            case let (before?, after?):
                let seconds = run.reduce(0) { $0 + intervals[$1].lengthSeconds }
                if TimeInterval(seconds) > settings.maxLinearGap, let shape = shapes.shape(for: run.map { intervals[$0].start }) {
                    for (index, value) in zip(run, shape) { setEstimate(&intervals[index], value, .likeDay) }
                } else {
                    interpolate(&intervals, run, from: before, to: after)
                }
            case let (held?, nil), let (nil, held?):
                for index in run { setEstimate(&intervals[index], held, .flatHold) }
            case (nil, nil):
                for index in run { setMissing(&intervals[index]) }
            }
            first = end
        }
    }

    /// Step k of n + 1 between the good values around a run of n: a + (b - a) * k / (n + 1).
    private static func interpolate(_ intervals: inout [EnergyInterval], _ run: Range<Int>, from a: Double, to b: Double) {
        let steps = Double(run.count + 1)
        for (k, index) in run.enumerated() {
            setEstimate(&intervals[index], a + (b - a) * Double(k + 1) / steps, .linearInterpolation)
        }
    }

    private static func setEstimate(_ interval: inout EnergyInterval, _ value: Double, _ method: EstimationMethod) {
        interval.energyWh = value
        interval.quality = method.quality
        interval.source = .estimate
        interval.estimation = method
        interval.flags.insert(.missing)
    }

    private static func setMissing(_ interval: inout EnergyInterval) {
        interval.energyWh = nil
        interval.quality = .valid
        interval.estimation = nil
        interval.flags.insert(.missing)
    }
}

/// The like-day values of a channel: for a slot, the average of the values at the same
/// local time of day on the `likeDays` most recent earlier days of the same day type within
/// `likeDayLookbackDays`, using only days with no estimated, missing or outage interval.
private struct LikeDayShapes {
    private struct Day {
        let start: Date
        let type: DayType
        var usable = true
        /// Values by local minute of day; the repeated hour of an autumn DST day holds two.
        var values: [Int: [Double]] = [:]
    }

    private let days: LocalDays
    private let settings: VEESettings
    /// Usable days, newest first.
    private let usable: [Day]

    init(series: [EnergyInterval], days: LocalDays, settings: VEESettings) {
        self.days = days
        self.settings = settings
        var latest: [Date: EnergyInterval] = [:]
        for interval in series { latest[interval.start] = interval }  // later entries (the series itself) win
        var byDay: [Date: Day] = [:]
        var cursor = LocalDayCursor(days)
        for interval in latest.values.sorted(by: { $0.start < $1.start }) {
            let dayStart = cursor.day(containing: interval.start).lowerBound
            var day = byDay[dayStart] ?? Day(start: dayStart, type: days.dayType(of: dayStart))
            if let value = interval.energyWh, Self.isActual(interval) {
                day.values[Self.minuteOfDay(interval.start, days), default: []].append(value)
            } else {
                day.usable = false
            }
            byDay[dayStart] = day
        }
        usable = byDay.values.filter(\.usable).sorted { $0.start > $1.start }
    }

    /// The like-day value of every slot in `starts`, or nil when any slot has none (a shape
    /// is only used whole).
    func shape(for starts: [Date]) -> [Double]? {
        var shape: [Double] = []
        for start in starts {
            guard let value = value(at: start) else { return nil }
            shape.append(value)
        }
        return shape
    }

    private func value(at start: Date) -> Double? {
        let today = days.day(containing: start).lowerBound
        // Noon `likeDayLookbackDays` days back lies inside that local day whatever DST does.
        let oldest = days.day(containing: today.addingTimeInterval(-Double(settings.likeDayLookbackDays) * 86_400 + 43_200)).lowerBound
        let type = days.dayType(of: start)
        let minute = Self.minuteOfDay(start, days)
        var picked: [Double] = []
        for day in usable where day.start < today && day.start >= oldest && day.type == type {
            guard let values = day.values[minute] else { continue }
            picked.append(values.reduce(0, +) / Double(values.count))
            if picked.count == settings.likeDays { break }
        }
        return picked.isEmpty ? nil : picked.reduce(0, +) / Double(picked.count)
    }

    private static func isActual(_ interval: EnergyInterval) -> Bool {
        interval.source != .estimate && interval.estimation == nil && !interval.quality.isEstimate
            && interval.flags.isDisjoint(with: [.missing, .outage])
    }

    private static func minuteOfDay(_ instant: Date, _ days: LocalDays) -> Int { days.secondsIntoDay(of: instant) / 60 }
}
