import Foundation

/// The intervals of one hour or one local day added up, with how complete and how good they were.
public struct IntervalRollup: Sendable, Hashable {
    /// The period, UTC instants (a local day is 23, 24 or 25 hours long).
    public var start: Date
    public var end: Date
    /// Sum of the intervals with a value, Wh.
    public var energyWh: Double
    /// Intervals with a value (actual or estimated).
    public var intervals: Int
    /// Grid slots in the period: 4 per hour on a 15-minute grid; 92, 96 or 100 per local day.
    public var expected: Int
    /// Of `intervals`, those estimated (code 8 or 9).
    public var estimated: Int
    /// Slots without a value: `expected - intervals` (absent or missing), never below 0.
    public var missing: Int
    /// Of `intervals`, those questionable (code 10).
    public var questionable: Int

    public init(start: Date, end: Date, energyWh: Double, intervals: Int, expected: Int, estimated: Int, missing: Int,
                questionable: Int) {
        self.start = start
        self.end = end
        self.energyWh = energyWh
        self.intervals = intervals
        self.expected = expected
        self.estimated = estimated
        self.missing = missing
        self.questionable = questionable
    }
}

/// Hourly and daily sums of one channel's intervals, for reports and exports. Pure.
public enum Rollups {
    /// One rollup per UTC hour that holds at least one interval, oldest first; `expected` is
    /// 3600 / the intervals' length (at least 1).
    public static func hourly(_ intervals: [EnergyInterval]) -> [IntervalRollup] {
        let groups = Dictionary(grouping: intervals) { ($0.start.timeIntervalSince1970 / 3600).rounded(.down) }
        return groups.keys.sorted().map { hour in
            let members = groups[hour] ?? []
            let start = Date(timeIntervalSince1970: hour * 3600)
            return rollup(members, start: start, end: start.addingTimeInterval(3600),
                          expected: max(1, 3600 / max(1, members[0].lengthSeconds)))
        }
    }

    /// One rollup per local day that holds at least one interval, oldest first; `expected`
    /// is the grid's slots in that local day (92 or 100 on DST days on a 15-minute grid).
    public static func daily(_ intervals: [EnergyInterval], days: LocalDays, grid: IntervalGrid) -> [IntervalRollup] {
        var cursor = LocalDayCursor(days)
        let groups = Dictionary(grouping: intervals) { cursor.day(containing: $0.start).lowerBound }
        return groups.keys.sorted().map { dayStart in
            let day = days.day(containing: dayStart)
            return rollup(groups[dayStart] ?? [], start: day.lowerBound, end: day.upperBound, expected: grid.starts(in: day).count)
        }
    }

    private static func rollup(_ members: [EnergyInterval], start: Date, end: Date, expected: Int) -> IntervalRollup {
        let valued = members.filter { $0.energyWh != nil }
        return IntervalRollup(
            start: start, end: end, energyWh: valued.reduce(0) { $0 + ($1.energyWh ?? 0) }, intervals: valued.count,
            expected: expected, estimated: valued.filter { $0.quality.isEstimate }.count,
            missing: max(0, expected - valued.count), questionable: valued.filter { $0.quality == .questionable }.count
        )
    }
}
