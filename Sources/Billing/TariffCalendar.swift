import Foundation
import Intervals

/// Answers "which season, kind of day and band is this instant in" for one tariff at one
/// site, from tables built once: a season per day of the year and a band per minute of each
/// season's kinds of day, so the question costs a local-time lookup and two array reads.
public struct TariffCalendar: Sendable {
    public let tariff: Tariff
    public let days: LocalDays
    /// Season index per `MonthDay.ordinal`.
    private let seasonOfDay: [Int]
    /// Band index per [season][DayKind index][minute of the day].
    private let bandOfMinute: [[[Int]]]

    public init(tariff: Tariff, days: LocalDays) {
        self.tariff = tariff
        self.days = days
        seasonOfDay = MonthDay.allDays.map { day in tariff.seasons.firstIndex { $0.contains(day) } ?? 0 }
        bandOfMinute = tariff.schedules.map { schedule in
            DayKind.allCases.map { kind in
                // A valid tariff has exactly one owner per minute.
                schedule[kind].owners().map { owners in owners.first.flatMap { tariff.bands.firstIndex(of: $0) } ?? 0 }
            }
        }
    }

    /// Where an instant falls in the tariff, by its local wall-clock time.
    public struct Position: Sendable, Hashable {
        public let season: String
        public let dayKind: DayKind
        public let band: String
        /// Index of `band` in `Tariff.bands`.
        public let bandIndex: Int
    }

    public func position(of instant: Date) -> Position {
        let local = days.components(of: instant)
        let monthDay = MonthDay(month: local.month ?? 1, day: local.day ?? 1) ?? MonthDay(month: 1, day: 1)!
        let seasonIndex = seasonOfDay[monthDay.ordinal]
        let kind = dayKind(monthDay: monthDay, weekday: local.weekday ?? 1, instant: instant)
        let minute = (local.hour ?? 0) * 60 + (local.minute ?? 0)
        let kindIndex = DayKind.allCases.firstIndex(of: kind) ?? 0
        let band = bandOfMinute[seasonIndex][kindIndex][minute]
        return Position(season: tariff.seasons[seasonIndex].name, dayKind: kind, band: tariff.bands[band], bandIndex: band)
    }

    /// Holiday (the caller's public holidays or the tariff's fixed periods) wins over weekend,
    /// weekend over weekday.
    private func dayKind(monthDay: MonthDay, weekday: Int, instant: Date) -> DayKind {
        if days.dayType(of: instant) == .holiday || tariff.dayRules.holidayPeriods.contains(where: { $0.contains(monthDay) }) {
            return .holiday
        }
        return tariff.dayRules.weekend.contains { $0.number == weekday } ? .weekend : .weekday
    }
}
