import Foundation
import MeterKit

/// Local prevailing time for one site: local days (23, 24 or 25 hours long), day types and
/// holidays. Only tariffs, like-day estimation, daily checks and exports use it; the
/// intervals themselves stay on the UTC grid.
///
/// Built on the zone's UTC offset at an instant (`TimeZone.secondsFromGMT(for:)`, about
/// 40 ns) and civil-date arithmetic rather than `Calendar`, whose `startOfDay` takes about
/// 1.6 µs: the engine asks for an interval's local day hundreds of thousands of times a run.
public struct LocalDays: Sendable {
    public let timeZone: TimeZone
    /// Holidays as local dates "yyyy-MM-dd".
    public let holidays: Set<String>
    /// The holidays as local day numbers (days since 1970-01-01 in local time).
    private let holidayNumbers: Set<Int>

    public init(timeZone: TimeZone, holidays: Set<String> = []) {
        self.timeZone = timeZone
        self.holidays = holidays
        holidayNumbers = Set(holidays.compactMap(Self.dayNumber(ofDate:)))
    }

    /// The local day that contains `instant`, as a UTC range [local midnight, next local midnight).
    public func day(containing instant: Date) -> Range<Date> {
        let number = dayNumber(of: instant)
        return midnight(starting: number)..<midnight(starting: number + 1)
    }

    /// The local days that overlap `range`, oldest first.
    public func days(overlapping range: Range<Date>) -> [Range<Date>] {
        var out: [Range<Date>] = []
        var number = dayNumber(of: range.lowerBound)
        var start = midnight(starting: number)
        while start < range.upperBound {
            let end = midnight(starting: number + 1)
            out.append(start..<end)
            number += 1
            start = end
        }
        return out
    }

    /// The local date "yyyy-MM-dd" of `instant`.
    public func date(of instant: Date) -> String {
        let (year, month, day) = Self.civil(dayNumber(of: instant))
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// Weekday, Saturday, Sunday, or holiday (which wins over the weekday).
    public func dayType(of instant: Date) -> DayType {
        let number = dayNumber(of: instant)
        if holidayNumbers.contains(number) { return .holiday }
        // 1970-01-01 was a Thursday: day 0 is weekday 4 counting from Sunday = 0.
        switch ((number + 4) % 7 + 7) % 7 {
        case 0: return .sunday
        case 6: return .saturday
        default: return .weekday
        }
    }

    /// Seconds since local midnight on the wall clock (so 01:30 twice on the autumn day).
    public func secondsIntoDay(of instant: Date) -> Int {
        let wall = localSeconds(instant)
        return wall - Self.floorDiv(wall, 86_400) * 86_400
    }

    /// Local wall-clock components of `instant` (for tariff bands and export labels).
    public func components(of instant: Date) -> DateComponents {
        let wall = localSeconds(instant)
        let number = Self.floorDiv(wall, 86_400)
        let (year, month, day) = Self.civil(number)
        let seconds = wall - number * 86_400
        return DateComponents(timeZone: timeZone, year: year, month: month, day: day, hour: seconds / 3600,
                              minute: seconds % 3600 / 60, second: seconds % 60, weekday: ((number + 4) % 7 + 7) % 7 + 1)
    }

    // MARK: - Arithmetic

    private func localSeconds(_ instant: Date) -> Int {
        Int(instant.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: instant)
    }

    private func dayNumber(of instant: Date) -> Int { Self.floorDiv(localSeconds(instant), 86_400) }

    /// The UTC instant of local midnight that starts day `number`. The zone's offset is taken
    /// at that midnight (tried twice, since the first guess may sit across a transition); in
    /// a zone that skips midnight itself, the day starts at the first instant of that date.
    private func midnight(starting number: Int) -> Date {
        let wall = number * 86_400
        var utc = wall - timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall)))
        for _ in 0..<2 {
            let corrected = wall - timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc)))
            if corrected == utc { break }
            utc = corrected
        }
        // Midnight skipped by a transition: step forward to where the date begins.
        while dayNumber(of: Date(timeIntervalSince1970: TimeInterval(utc))) < number { utc += 900 }
        while dayNumber(of: Date(timeIntervalSince1970: TimeInterval(utc - 1))) >= number { utc -= 900 }
        return Date(timeIntervalSince1970: TimeInterval(utc))
    }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    private static func civil(_ number: Int) -> (year: Int, month: Int, day: Int) { CivilDate.civil(fromDays: number) }

    /// Day number of "yyyy-MM-dd", nil when it is not a date.
    private static func dayNumber(ofDate text: String) -> Int? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        return CivilDate.days(fromCivil: parts[0], parts[1], parts[2])
    }
}

/// The day types tariffs and like-day estimation distinguish.
public enum DayType: String, Sendable, Hashable, Codable, CaseIterable {
    case weekday, saturday, sunday, holiday
}

/// The local day of instants that mostly come in time order: the zone is only asked again
/// when an instant leaves the last day found, which turns a day lookup per interval into
/// one per day.
struct LocalDayCursor {
    let days: LocalDays
    private var current: Range<Date>?

    init(_ days: LocalDays) { self.days = days }

    mutating func day(containing instant: Date) -> Range<Date> {
        if let current, current.contains(instant) { return current }
        let day = days.day(containing: instant)
        current = day
        return day
    }
}
