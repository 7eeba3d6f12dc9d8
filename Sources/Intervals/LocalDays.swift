import Foundation

/// Local prevailing time for one site: local days (23, 24 or 25 hours long), day types and
/// holidays. Only tariffs, like-day estimation, daily checks and exports use it; the
/// intervals themselves stay on the UTC grid.
public struct LocalDays: Sendable {
    public let timeZone: TimeZone
    /// Holidays as local dates "yyyy-MM-dd".
    public let holidays: Set<String>
    private let calendar: Calendar

    public init(timeZone: TimeZone, holidays: Set<String> = []) {
        self.timeZone = timeZone
        self.holidays = holidays
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The local day that contains `instant`, as a UTC range [local midnight, next local midnight).
    public func day(containing instant: Date) -> Range<Date> {
        let start = calendar.startOfDay(for: instant)
        let end = calendar.date(byAdding: .day, value: 1, to: start) ?? start.addingTimeInterval(86_400)
        return start..<end
    }

    /// The local days that overlap `range`, oldest first.
    public func days(overlapping range: Range<Date>) -> [Range<Date>] {
        var out: [Range<Date>] = []
        var day = day(containing: range.lowerBound)
        while day.lowerBound < range.upperBound {
            out.append(day)
            day = self.day(containing: day.upperBound)
        }
        return out
    }

    /// The local date "yyyy-MM-dd" of `instant`.
    public func date(of instant: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// Weekday, Saturday, Sunday, or holiday (which wins over the weekday).
    public func dayType(of instant: Date) -> DayType {
        if holidays.contains(date(of: instant)) { return .holiday }
        switch calendar.component(.weekday, from: instant) {
        case 1: return .sunday
        case 7: return .saturday
        default: return .weekday
        }
    }

    /// Local wall-clock components of `instant` (for tariff bands and export labels).
    public func components(of instant: Date) -> DateComponents {
        calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: instant)
    }
}

/// The day types tariffs and like-day estimation distinguish.
public enum DayType: String, Sendable, Hashable, Codable, CaseIterable {
    case weekday, saturday, sunday, holiday
}
