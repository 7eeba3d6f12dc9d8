import Foundation

/// The reasonability and reconciliation checks of VEE (domain brief section 4), run over one
/// channel's series; each rule sets its own flag, and the flags then decide the quality.
///
/// Validation runs on actual data and again on estimates: an estimate can be flagged too,
/// but keeps its code 8 or 9. The rule flags are recomputed on every run (cleared first), so
/// validating a series twice gives the same result; flags from derivation (missing, outage,
/// clock error, ...) are kept. Pure: no clock, no I/O.
public enum Validation {
    /// The flags this type's rules set (and clears before running them).
    public static let ruleFlags: ValidationFlags = [.negative, .spike, .highUsage, .lowUsage, .zeroRun, .reconciliation]

    /// Runs the rules and sets flags and quality in place.
    /// - Parameters:
    ///   - intervals: one channel's series, one interval per grid slot, oldest first.
    ///   - history: earlier intervals of the channel (final values, any order), for the
    ///     average daily use of the high/low check.
    ///   - days: the site's local days (spike, usage and reconciliation are per local day).
    ///   - settings: the thresholds.
    ///   - registerDelta: the register delta in Wh (multiplier applied) over a range, nil
    ///     when unknown; reconciliation skips such days.
    public static func validate(_ intervals: inout [EnergyInterval], history: [EnergyInterval], days: LocalDays,
                                settings: VEESettings, registerDelta: (Range<Date>) -> Double?) {
        for index in intervals.indices { intervals[index].flags.subtract(ruleFlags) }
        let localDays = groupByDay(intervals, days: days)
        flagNegatives(&intervals, settings: settings)
        for day in localDays { flagSpike(&intervals, day.indices, settings: settings) }
        let baseline = DailyBaseline(history: history, days: days)
        for day in localDays where day.isComplete {
            flagUsage(&intervals, day, baseline: baseline, settings: settings)
            reconcile(&intervals, day, settings: settings, registerDelta: registerDelta)
        }
        flagZeroRuns(&intervals, settings: settings)
        for index in intervals.indices { assignQuality(&intervals[index]) }
    }

    /// The indices of one local day in the series, and whether the series covers every grid
    /// slot of that day with a value.
    private struct LocalDay {
        let range: Range<Date>
        var indices: [Int]
        var isComplete = false
    }

    private static func groupByDay(_ intervals: [EnergyInterval], days: LocalDays) -> [LocalDay] {
        var out: [LocalDay] = []
        var cursor = LocalDayCursor(days)
        for (index, interval) in intervals.enumerated() {
            let range = cursor.day(containing: interval.start)
            if out.last?.range == range { out[out.count - 1].indices.append(index) } else { out.append(LocalDay(range: range, indices: [index])) }
        }
        for d in out.indices {
            let members = out[d].indices.map { intervals[$0] }
            out[d].isComplete = members.allSatisfy { $0.energyWh != nil }
                && Set(members.map(\.start)).count == slots(in: out[d].range, lengthSeconds: members[0].lengthSeconds)
        }
        return out
    }

    /// Grid slots in a local day (92, 96 or 100 quarter hours); 0 for a length off the grid.
    static func slots(in day: Range<Date>, lengthSeconds: Int) -> Int {
        guard lengthSeconds > 0, 86_400 % lengthSeconds == 0 else { return 0 }
        return IntervalGrid(lengthSeconds: lengthSeconds).starts(in: day).count
    }

    /// Negative energy on an import channel, beyond `negativeToleranceWh` of rounding noise.
    private static func flagNegatives(_ intervals: inout [EnergyInterval], settings: VEESettings) {
        guard settings.importChannel else { return }
        for index in intervals.indices {
            if let value = intervals[index].energyWh, value < -settings.negativeToleranceWh { intervals[index].flags.insert(.negative) }
        }
    }

    /// The day's highest value above its third highest x (1 + spikeTolerance), and above
    /// spikeMinimumWh: the highest is flagged.
    private static func flagSpike(_ intervals: inout [EnergyInterval], _ indices: [Int], settings: VEESettings) {
        let values = indices.compactMap { intervals[$0].energyWh }.sorted(by: >)
        guard values.count >= 3 else { return }
        let highest = values[0]
        guard highest > values[2] * (1 + settings.spikeTolerance), highest > settings.spikeMinimumWh else { return }
        for index in indices where intervals[index].energyWh == highest { intervals[index].flags.insert(.spike) }
    }

    /// A complete day's total above highUsageFactor or below lowUsageFactor times the
    /// average daily use: every interval of the day is flagged.
    private static func flagUsage(_ intervals: inout [EnergyInterval], _ day: LocalDay, baseline: DailyBaseline,
                                  settings: VEESettings) {
        guard let average = baseline.average(before: day.range.lowerBound, days: settings.usageLookbackDays) else { return }
        let total = day.indices.reduce(0) { $0 + (intervals[$1].energyWh ?? 0) }
        let flag: ValidationFlags
        if total > average * settings.highUsageFactor {
            flag = .highUsage
        } else if total < average * settings.lowUsageFactor {
            flag = .lowUsage
        } else {
            return
        }
        for index in day.indices { intervals[index].flags.insert(flag) }
    }

    /// Zero intervals in a row (contiguous in time, none with an outage) longer than
    /// maxZeroRun are flagged; an outage interval breaks the run, since it explains its zero.
    /// Import channels only: a consumer's export channel is zero all day, every day.
    private static func flagZeroRuns(_ intervals: inout [EnergyInterval], settings: VEESettings) {
        guard settings.importChannel else { return }
        var run: [Int] = []
        func close() {
            let seconds = run.reduce(0) { $0 + intervals[$1].lengthSeconds }
            if TimeInterval(seconds) > settings.maxZeroRun { for index in run { intervals[index].flags.insert(.zeroRun) } }
            run = []
        }
        for index in intervals.indices {
            let interval = intervals[index]
            guard interval.energyWh == 0, !interval.flags.contains(.outage) else {
                close()
                continue
            }
            if let last = run.last, intervals[last].end != interval.start { close() }
            run.append(index)
        }
        close()
    }

    /// A complete day recorded wholly by the meter's profile against the register delta:
    /// |sum - delta| > max(reconciliationTolerance x |delta|, reconciliationMinimumWh) flags the day.
    private static func reconcile(_ intervals: inout [EnergyInterval], _ day: LocalDay, settings: VEESettings,
                                  registerDelta: (Range<Date>) -> Double?) {
        guard day.indices.allSatisfy({ intervals[$0].source == .meterProfile }), let delta = registerDelta(day.range) else { return }
        let sum = day.indices.reduce(0) { $0 + (intervals[$1].energyWh ?? 0) }
        guard abs(sum - delta) > max(settings.reconciliationTolerance * abs(delta), settings.reconciliationMinimumWh) else { return }
        for index in day.indices { intervals[index].flags.insert(.reconciliation) }
    }

    /// Estimates keep 8 or 9; actual data is questionable (10) with any flag of
    /// `ValidationFlags.questionable`, else valid (0). A missing value keeps its quality.
    private static func assignQuality(_ interval: inout EnergyInterval) {
        guard interval.energyWh != nil, !interval.quality.isEstimate else { return }
        interval.quality = interval.flags.isDisjoint(with: .questionable) ? .valid : .questionable
    }
}

/// Daily totals of the complete local days in a channel's history, for average daily use.
private struct DailyBaseline {
    /// (local day start, total Wh) of complete days, newest first.
    private let totals: [(start: Date, totalWh: Double)]

    init(history: [EnergyInterval], days: LocalDays) {
        var latest: [Date: EnergyInterval] = [:]
        for interval in history { latest[interval.start] = interval }
        var byDay: [Range<Date>: [EnergyInterval]] = [:]
        var cursor = LocalDayCursor(days)
        for interval in latest.values.sorted(by: { $0.start < $1.start }) {
            byDay[cursor.day(containing: interval.start), default: []].append(interval)
        }
        totals = byDay.compactMap { range, members in
            guard members.allSatisfy({ $0.energyWh != nil }),
                  members.count == Validation.slots(in: range, lengthSeconds: members[0].lengthSeconds) else { return nil }
            return (range.lowerBound, members.reduce(0) { $0 + ($1.energyWh ?? 0) })
        }
        .sorted { $0.start > $1.start }
    }

    /// The average total of the `days` most recent complete days before `dayStart`; nil
    /// with fewer than 3 such days.
    func average(before dayStart: Date, days: Int) -> Double? {
        let recent = totals.filter { $0.start < dayStart }.prefix(days)
        guard recent.count >= 3 else { return nil }
        return recent.reduce(0) { $0 + $1.totalWh } / Double(recent.count)
    }
}
