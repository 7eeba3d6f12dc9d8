import Foundation
import Intervals
import MeterKit

/// One billing cycle: from local midnight of the cycle day to local midnight of the cycle day
/// of the next month, as UTC instants (so a cycle spanning a DST change is 719 or 721 hours).
public struct BillingCycle: Sendable, Hashable {
    /// 1...28.
    public let cycleDay: Int
    public let start: Date
    public let end: Date
    /// The first local date of the cycle, `yyyy-MM-dd`.
    public let firstDay: String
    /// The last local date of the cycle (inclusive), `yyyy-MM-dd`.
    public let lastDay: String

    /// The cycle that starts on `cycleDay` of `month` (local time).
    public init(year: Int, month: Int, cycleDay: Int, days: LocalDays) throws(BillingError) {
        guard (1...28).contains(cycleDay) else { throw .cycleDayOutOfRange(cycleDay) }
        let (nextYear, nextMonth) = month == 12 ? (year + 1, 1) : (year, month + 1)
        self.cycleDay = cycleDay
        start = Self.midnight(year, month, cycleDay, days)
        end = Self.midnight(nextYear, nextMonth, cycleDay, days)
        firstDay = days.date(of: start)
        lastDay = days.date(of: end.addingTimeInterval(-1))
    }

    /// The cycle containing `instant`.
    public static func containing(_ instant: Date, cycleDay: Int, days: LocalDays) throws(BillingError) -> BillingCycle {
        let local = days.components(of: instant)
        var (year, month) = (local.year ?? 1970, local.month ?? 1)
        if (local.day ?? 1) < cycleDay { (year, month) = month == 1 ? (year - 1, 12) : (year, month - 1) }
        return try BillingCycle(year: year, month: month, cycleDay: cycleDay, days: days)
    }

    /// The cycles overlapping `range`, oldest first.
    public static func cycles(overlapping range: Range<Date>, cycleDay: Int,
                              days: LocalDays) throws(BillingError) -> [BillingCycle] {
        var cycle = try containing(range.lowerBound, cycleDay: cycleDay, days: days)
        var out: [BillingCycle] = []
        while cycle.start < range.upperBound {
            out.append(cycle)
            cycle = try containing(cycle.end, cycleDay: cycleDay, days: days)
        }
        return out
    }

    public var range: Range<Date> { start..<end }

    /// Real elapsed hours (DST included), the load factor's denominator.
    public var hours: Double { end.timeIntervalSince(start) / 3600 }

    /// Local midnight starting `year-month-day`: a guess at local noon of that date (the zone's
    /// offset can be off by a DST shift at most, which keeps it inside the date), then the
    /// start of the local day containing it.
    private static func midnight(_ year: Int, _ month: Int, _ day: Int, _ days: LocalDays) -> Date {
        let noonAsIfUTC = CivilDate.days(fromCivil: year, month, day) * 86_400 + 43_200
        let offset = days.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(noonAsIfUTC)))
        return days.day(containing: Date(timeIntervalSince1970: TimeInterval(noonAsIfUTC - offset))).lowerBound
    }
}
