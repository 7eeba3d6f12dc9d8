import Foundation
import Intervals
import MeterKit

/// A calendar date in the site's local time ("2026-11-20"): the day an operator picks for the
/// load curve, as the page's `day` query parameter carries it.
///
/// A date alone names no instants; `range(in:)` turns it into the UTC range of that local day,
/// which is 23, 24 or 25 hours long.
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The date, or nil when the three numbers name no day of the proleptic Gregorian calendar
    /// (month 13, 31 April, 29 February of a common year).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        // Round-tripping through the day number rejects days past the month's end.
        let number = CivilDate.days(fromCivil: year, month, day)
        guard CivilDate.civil(fromDays: number) == (year, month, day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` (what `<input type=date>` submits); nil for anything else.
    public init?(_ text: String) {
        guard let match = text.wholeMatch(of: /(\d{4})-(\d{2})-(\d{2})/),
              let year = Int(match.1), let month = Int(match.2), let day = Int(match.3) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The local date of `instant`.
    public init(of instant: Date, in days: LocalDays) {
        let parts = days.components(of: instant)
        self.init(unchecked: parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    /// For dates that civil arithmetic produced, which are real days by construction.
    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD`.
    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    /// Days since 1970-01-01.
    var dayNumber: Int { CivilDate.days(fromCivil: year, month, day) }

    /// The date `count` days later (earlier when negative).
    public func adding(days count: Int) -> LocalDate {
        let (year, month, day) = CivilDate.civil(fromDays: dayNumber + count)
        return LocalDate(unchecked: year, month, day)
    }

    /// This date as a UTC range [local midnight, next local midnight).
    ///
    /// Noon UTC of the date lies on the same local date in zones up to 12 hours from UTC and
    /// on a neighbouring one further out; one step corrects that.
    public func range(in days: LocalDays) -> Range<Date> {
        let noonUTC = Date(timeIntervalSince1970: TimeInterval(dayNumber * 86_400 + 43_200))
        let day = days.day(containing: noonUTC)
        let found = LocalDate(of: day.lowerBound, in: days)
        if found < self { return days.day(containing: day.upperBound) }
        if self < found { return days.day(containing: day.lowerBound.addingTimeInterval(-1)) }
        return day
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}
