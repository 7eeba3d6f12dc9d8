/// A named part of the year (`summer`: 07-01..09-30). A tariff's seasons must cover every
/// day of the year exactly once, 29 February included.
public struct Season: Sendable, Hashable {
    public let name: String
    public let periods: [AnnualPeriod]

    public init(name: String, periods: [AnnualPeriod]) {
        self.name = name
        self.periods = periods
    }

    /// The one season of a tariff without seasons.
    public static let allYear = Season(name: "all_year", periods: [AnnualPeriod(first: MonthDay(month: 1, day: 1)!,
                                                                                 last: MonthDay(month: 12, day: 31)!)])

    public func contains(_ day: MonthDay) -> Bool { periods.contains { $0.contains(day) } }
}

/// Days of the week by name, numbered as `DateComponents.weekday` numbers them (Sunday 1).
public enum Weekday: String, Sendable, Hashable, Codable, CaseIterable {
    case sunday, monday, tuesday, wednesday, thursday, friday, saturday

    /// 1 (Sunday) ... 7 (Saturday).
    public var number: Int { (Self.allCases.firstIndex(of: self) ?? 0) + 1 }
}

/// Which local dates are weekends and holidays for a tariff.
///
/// The caller's public holidays (`LocalDays.holidays`) always count as holidays; `holidayPeriods`
/// adds the fixed annual periods a tariff names itself (the New Year period 01-01..01-03), so
/// that they need not be repeated in every year's holiday list.
public struct DayRules: Sendable, Hashable {
    public let weekend: Set<Weekday>
    public let holidayPeriods: [AnnualPeriod]

    public init(weekend: Set<Weekday> = [.saturday, .sunday], holidayPeriods: [AnnualPeriod] = []) {
        self.weekend = weekend
        self.holidayPeriods = holidayPeriods
    }
}
