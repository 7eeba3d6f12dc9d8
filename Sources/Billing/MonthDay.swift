import Foundation

/// A day of the year without a year (`07-01`), for seasons and fixed annual holiday periods
/// that recur every year whatever weekday they fall on.
public struct MonthDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let month: Int
    public let day: Int

    /// Nil unless the day exists in some year (29 February is accepted: leap years have it).
    public init?(month: Int, day: Int) {
        guard (1...12).contains(month), (1...Self.daysIn[month - 1]).contains(day) else { return nil }
        self.month = month
        self.day = day
    }

    /// `MM-DD`, as tariff files write it; nil for anything else.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let month = Int(parts[0]), let day = Int(parts[1]) else { return nil }
        self.init(month: month, day: day)
    }

    /// Days per month in a leap year, so that every day that can occur has an ordinal.
    static let daysIn = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

    /// Every day a year can have, 01-01 to 12-31 with 02-29: 366 days.
    public static let allDays: [MonthDay] = (1...12).flatMap { month in
        (1...daysIn[month - 1]).compactMap { MonthDay(month: month, day: $0) }
    }

    /// 0...365 in a leap year's order; the index into per-day tables.
    var ordinal: Int { Self.daysIn.prefix(month - 1).reduce(0, +) + day - 1 }

    public var description: String { (month < 10 ? "0" : "") + "\(month)-" + (day < 10 ? "0" : "") + "\(day)" }

    public static func < (a: MonthDay, b: MonthDay) -> Bool { (a.month, a.day) < (b.month, b.day) }
}

/// Month-days from `first` to `last`, both included, wrapping the year end when `last` comes
/// before `first` (`10-01..06-30` is the "other" season around a 1 July - 30 September summer).
public struct AnnualPeriod: Sendable, Hashable, CustomStringConvertible {
    public let first: MonthDay
    public let last: MonthDay

    public init(first: MonthDay, last: MonthDay) {
        self.first = first
        self.last = last
    }

    /// One day only (`01-01`).
    public init(_ day: MonthDay) { self.init(first: day, last: day) }

    /// `MM-DD..MM-DD` or a single `MM-DD`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "..", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(parts.count), let first = MonthDay(parts[0]), let last = MonthDay(parts[parts.count - 1]) else {
            return nil
        }
        self.init(first: first, last: last)
    }

    public func contains(_ day: MonthDay) -> Bool {
        first <= last ? (first <= day && day <= last) : (day >= first || day <= last)
    }

    public var description: String { first == last ? "\(first)" : "\(first)..\(last)" }
}
