import Billing
import Foundation
import Testing

@Suite struct TariffValidationTests {
    func range(_ text: String) -> TimeOfDayRange { TimeOfDayRange(text)! }

    func tariff(weekday: [BandPeriod]) throws(TariffError) -> Tariff {
        try Tariff(id: "t", name: "T", bands: ["day", "night"],
                   schedules: [SeasonSchedule(season: "all_year", weekday: DaySchedule(periods: weekday),
                                              weekend: .allDay("night"), holiday: .allDay("night"))],
                   demand: DemandRule(windowMinutes: 30, method: .block))
    }

    @Test func aMinuteInNoBandIsATypedErrorNamingTariffSeasonDayAndTime() throws {
        #expect(throws: TariffError(tariff: "t", season: "all_year", dayKind: .weekday,
                                    problem: .uncovered(fromMinute: 22 * 60, toMinute: 22 * 60 + 30))) {
            try tariff(weekday: [BandPeriod(band: "day", range: range("08:00-22:00")),
                                 BandPeriod(band: "night", range: range("22:30-08:00"))])
        }
        do {
            _ = try tariff(weekday: [BandPeriod(band: "day", range: range("08:00-22:00"))])
        } catch {
            #expect(error.description == "tariff t, season all_year, weekday: 22:00-08:00 is covered by no band")
        }
    }

    @Test func aWrappingNightBandAndAWholeDayAreAccepted() throws {
        let valid = try tariff(weekday: [BandPeriod(band: "day", range: range("08:00-22:00")),
                                         BandPeriod(band: "night", range: range("22:00-08:00"))])
        #expect(valid.bands == ["day", "night"])
        #expect(TimeOfDayRange("00:00-24:00") == .wholeDay)
        #expect(TimeOfDayRange("08:00-08:00") == nil)
        #expect(TimeOfDayRange("24:00-08:00") == nil)
        #expect(TimeOfDayRange("8:00-10:00") == nil)
    }

    @Test func seasonsMustCoverEveryDayOnceIncludingTheLeapDay() throws {
        let summer = Season(name: "summer", periods: [AnnualPeriod("07-01..09-30")!])
        let rest = Season(name: "other", periods: [AnnualPeriod("10-01..02-28")!, AnnualPeriod("03-01..06-30")!])
        #expect(throws: TariffError(tariff: "t", problem: .dayWithoutSeason(MonthDay(month: 2, day: 29)!))) {
            try Tariff(id: "t", name: "T", bands: ["all"], seasons: [summer, rest],
                       schedules: [SeasonSchedule(season: "summer", everyDay: .allDay("all")),
                                   SeasonSchedule(season: "other", everyDay: .allDay("all"))],
                       demand: DemandRule(windowMinutes: 30, method: .block))
        }
    }
}
