import MeterKit

/// A calendar day in UTC, computed arithmetically from its day number.
///
/// The energy model needs the weekday, day of year and month of thousands of days per meter
/// when it builds its prefix sums; `Foundation.Calendar` is far too slow for that and its
/// answers depend on the host's settings. Days are UTC days, as the domain brief stores time
/// as UTC instants; local time matters to tariffs, not to the physics of a meter.
public struct UTCDay: Sendable, Hashable, Comparable {
    /// Days since 1970-01-01 (which is day 0, a Thursday).
    public let number: Int
    public let year: Int
    public let month: Int
    public let day: Int

    public init(number: Int) {
        self.number = number
        (year, month, day) = Self.civil(fromDays: number)
    }

    /// The day containing `unixSeconds` (floor division, so instants before 1970 work too).
    public init(unixSeconds: Double) {
        self.init(number: Int((unixSeconds / 86_400).rounded(.down)))
    }

    public init(year: Int, month: Int, day: Int) {
        self.init(number: Self.days(fromCivil: year, month, day))
    }

    /// Unix seconds of midnight UTC starting this day.
    public var startUnixSeconds: Double { Double(number) * 86_400 }

    /// ISO weekday: 1 = Monday ... 7 = Sunday.
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (ISO 4).
        let r = (number + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    /// 1 ... 365 (366 in leap years).
    public var dayOfYear: Int { number - Self.days(fromCivil: year, 1, 1) + 1 }

    public var daysInYear: Int { Self.isLeap(year) ? 366 : 365 }

    /// The first day of this day's month.
    public var firstOfMonth: UTCDay { UTCDay(number: number - (day - 1)) }

    /// Fixed-date holidays kept by most of the markets the gateway serves (New Year's Day,
    /// Christmas Day, Boxing Day / St Stephen's Day). Movable feasts are left out: the
    /// simulator needs realistic day-type variety, not a national holiday calendar.
    public var isHoliday: Bool {
        (month == 1 && day == 1) || (month == 12 && (day == 25 || day == 26))
    }

    /// Weekends and holidays share one load shape, as in load-research day typing.
    public var kind: DayKind { isoWeekday >= 6 || isHoliday ? .weekendOrHoliday : .weekday }

    public static func < (lhs: UTCDay, rhs: UTCDay) -> Bool { lhs.number < rhs.number }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func days(fromCivil y: Int, _ m: Int, _ d: Int) -> Int { CivilDate.days(fromCivil: y, m, d) }

    /// Inverse of `days(fromCivil:_:_:)`.
    static func civil(fromDays z: Int) -> (Int, Int, Int) { CivilDate.civil(fromDays: z) }
}

/// The two day types load research distinguishes.
public enum DayKind: String, Sendable, Hashable, CaseIterable {
    case weekday
    case weekendOrHoliday
}
