import Foundation
import Testing
@testable import MeterSim

@Suite("UTC days and load classes")
struct CalendarAndLoadShapeTests {
    @Test("civil dates, weekdays and day types")
    func civilDates() {
        // 1970..2019 is 50 years with 12 leap years (1972 ... 2016): 50 x 365 + 12 = 18262.
        #expect(UTCDay(year: 2020, month: 1, day: 1).number == 18_262)
        // 2026-01-01 is a Thursday; 15 March is day 31 + 28 + 15 = 74, and 73 days after a
        // Thursday (73 = 10 x 7 + 3) is a Sunday.
        let sunday = UTCDay(year: 2026, month: 3, day: 15)
        #expect(sunday.dayOfYear == 74)
        #expect(sunday.isoWeekday == 7)
        #expect(sunday.kind == .weekendOrHoliday)
        #expect(UTCDay(year: 2026, month: 3, day: 16).kind == .weekday)
        #expect(UTCDay(year: 2026, month: 12, day: 25).kind == .weekendOrHoliday)  // a Friday, but Christmas
        #expect(UTCDay(year: 2024, month: 2, day: 29).dayOfYear == 60)
        #expect(UTCDay(year: 2024, month: 12, day: 31).dayOfYear == 366)
        let d = UTCDay(unixSeconds: Fixtures.utc("2026-03-15T23:59:59Z").timeIntervalSince1970)
        #expect((d.year, d.month, d.day) == (2026, 3, 15))
        #expect(d.firstOfMonth == UTCDay(year: 2026, month: 3, day: 1))
        for n in [-800_000, -1, 0, 18_262, 20_000, 2_000_000] {
            let day = UTCDay(number: n)
            #expect(UTCDay(year: day.year, month: day.month, day: day.day).number == n)
        }
    }

    @Test("day-type factors average 1 over a week")
    func dayTypeFactors() {
        // Commercial: weekend = 0.5 x weekday, so 5w + 2(0.5w) = 7 gives w = 7/6, weekend 7/12.
        #expect(abs(LoadClass.commercial.dayTypeFactor(.weekday) - 7.0 / 6) < 1e-12)
        #expect(abs(LoadClass.commercial.dayTypeFactor(.weekendOrHoliday) - 7.0 / 12) < 1e-12)
        for c in LoadClass.allCases {
            let week = 5 * c.dayTypeFactor(.weekday) + 2 * c.dayTypeFactor(.weekendOrHoliday)
            #expect(abs(week - 7) < 1e-12)
        }
    }

    @Test("shapes have the published forms")
    func shapes() {
        let r = LoadClass.residential.hourlyShape(.weekday)
        #expect(r[19] > 2 * r[3])  // evening peak against the night trough
        let c = LoadClass.commercial
        #expect(c.hourlyShape(.weekday)[12] > 1.8 * c.hourlyShape(.weekendOrHoliday)[12])
        #expect(LoadClass.residential.quarterHourShape(.weekday).count == 96)
        // Quarter 2 (00:30-00:45) has its midpoint at 00:37:30, 0.125 h after the midpoint of
        // hour 0 (00:30, weight 0.55) toward hour 1's (01:30, 0.48):
        // 0.55 + (0.48 - 0.55) x 0.125 = 0.54125.
        #expect(abs(LoadClass.residential.quarterHourShape(.weekday)[2] - 0.541_25) < 1e-12)
    }

    @Test("seasons: residential winter and summer peaks, commercial summer, industrial flat")
    func seasons() {
        func s(_ c: LoadClass, _ doy: Int) -> Double { c.seasonalFactor(dayOfYear: doy, daysInYear: 365) }
        #expect(s(.residential, 15) > s(.residential, 196))
        #expect(s(.residential, 196) > s(.residential, 105))
        #expect(s(.commercial, 200) > 1.14 && s(.commercial, 15) < 0.87)
        #expect((1...365).allSatisfy { abs(s(.industrial, $0) - 1) <= 0.03 + 1e-12 })
        for c in LoadClass.allCases {
            let mean = (1...365).map { s(c, $0) }.reduce(0, +) / 365
            #expect(abs(mean - 1) < 0.005)
        }
    }

    @Test("a year of day totals averages the class mean times the meter's scale")
    func annualMean() {
        for c in LoadClass.allCases {
            let model = EnergyModel(seed: 3, meterKey: 11, loadClass: c)
            let first = UTCDay(year: 2023, month: 1, day: 1).number
            let mean = (0..<365).map { model.dayTotalWh(UTCDay(number: first + $0)) }.reduce(0, +) / 365
            let expected = c.meanDailyKWh * 1_000 * model.meterScale
            #expect(abs(mean / expected - 1) < 0.03, "\(c): \(mean) Wh/day against \(expected)")
            #expect((0.7...1.3).contains(model.meterScale))
        }
    }
}
