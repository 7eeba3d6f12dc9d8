import Foundation
import Intervals
import Testing

@Suite struct LocalDaysTests {
    let chicago = LocalDays(timeZone: TimeZone(identifier: "America/Chicago")!)
    let quarterHours = IntervalGrid(lengthSeconds: 900)

    @Test func springForwardDayInChicagoHas92QuarterHours() {
        // 2026-03-08: clocks go from 02:00 CST to 03:00 CDT. Local midnight is 06:00Z (CST,
        // UTC-6); the next local midnight is 05:00Z on 03-09 (CDT, UTC-5): 23 h = 92 x 15 min.
        let day = chicago.day(containing: Date(timeIntervalSince1970: 1_772_971_200))  // 2026-03-08T12:00Z
        #expect(day.lowerBound == Date(timeIntervalSince1970: 1_772_949_600))  // 2026-03-08T06:00Z
        #expect(quarterHours.starts(in: day).count == 92)
    }

    @Test func fallBackDayInChicagoHas100QuarterHours() {
        // 2026-11-01: 02:00 CDT back to 01:00 CST. Local midnight 05:00Z, next 06:00Z on 11-02:
        // 25 h = 100 x 15 min.
        let day = chicago.day(containing: Date(timeIntervalSince1970: 1_793_534_400))  // 2026-11-01T12:00Z
        #expect(day.lowerBound == Date(timeIntervalSince1970: 1_793_509_200))  // 2026-11-01T05:00Z
        #expect(quarterHours.starts(in: day).count == 100)
    }

    @Test func anOrdinaryDayHas96QuarterHoursAndHolidaysWinOverWeekdays() {
        let days = LocalDays(timeZone: TimeZone(identifier: "America/Chicago")!, holidays: ["2026-11-26"])
        let thanksgiving = Date(timeIntervalSince1970: 1_795_708_800)  // 2026-11-26T16:00Z, 10:00 CST on a Thursday
        #expect(quarterHours.starts(in: days.day(containing: thanksgiving)).count == 96)
        #expect(days.dayType(of: thanksgiving) == .holiday)
        #expect(days.dayType(of: thanksgiving.addingTimeInterval(86_400)) == .weekday)
        #expect(days.dayType(of: thanksgiving.addingTimeInterval(2 * 86_400)) == .saturday)
    }
}

@Suite struct LocalDaysAgainstTheCalendarTests {
    /// The arithmetic agrees with Foundation's Calendar on every day of 2024-2027 in zones
    /// with DST at 02:00 (Chicago), at midnight (Santiago, where midnight is skipped in
    /// spring), a half-hour offset (Adelaide) and none (Tokyo).
    @Test(arguments: ["America/Chicago", "America/Santiago", "Australia/Adelaide", "Asia/Tokyo", "UTC"])
    func dayBoundariesDatesAndWeekdaysMatchTheCalendar(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let days = LocalDays(timeZone: timeZone)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var instant = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01T00:00:00Z
        while instant < Date(timeIntervalSince1970: 1_830_297_600) {  // 2028-01-01
            let start = calendar.startOfDay(for: instant)
            // The next day's start (days are 23 to 25 h long). Not `date(byAdding: .day)`, which
            // keeps the wall time: in Santiago, where the day starts at 01:00 after the
            // spring change, it would end the day at 01:00 instead of midnight.
            let end = calendar.startOfDay(for: start.addingTimeInterval(26 * 3600))
            #expect(days.day(containing: instant) == start..<end, "\(zone) \(instant)")
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: instant)
            let mine = days.components(of: instant)
            #expect([mine.year, mine.month, mine.day, mine.hour, mine.minute, mine.weekday] == [c.year, c.month, c.day, c.hour, c.minute, c.weekday])
            instant.addTimeInterval(6 * 3600 + 17 * 60)  // every 6 h 17 min: every hour of the day over the years
        }
    }
}
