import Foundation
import Intervals
import Testing

@Suite struct RollupsTests {
    let chicago = LocalDays(timeZone: TimeZone(identifier: "America/Chicago")!)
    let quarterHours = IntervalGrid(lengthSeconds: 900)
    /// 2026-11-01T05:00Z, local midnight (CDT) of Chicago's autumn DST day; the next local
    /// midnight (CST) is 06:00Z on 11-02: 25 hours, 100 quarter hours.
    let fallBackMidnight = Date(timeIntervalSince1970: 1_793_509_200)

    func fallBackDay(_ wh: Double) -> [EnergyInterval] {
        (0..<100).map { q in
            EnergyInterval(start: fallBackMidnight.addingTimeInterval(Double(q) * 900), lengthSeconds: 900, energyWh: wh, source: .meterProfile)
        }
    }

    @Test func dailyRollupOnTheAutumnDSTDayExpects100Intervals() {
        var series = fallBackDay(10)
        (series[20].quality, series[20].source, series[20].estimation) = (.estimatedLinear, .estimate, .flatHold)
        (series[21].quality, series[21].source, series[21].estimation) = (.estimatedReferenceDay, .estimate, .likeDay)
        series[30].quality = .questionable
        series[40].energyWh = nil  // missing
        series[40].flags = [.missing]
        series.removeSubrange(60..<63)  // absent
        let rollups = Rollups.daily(series, days: chicago, grid: quarterHours)

        // 100 slots - 1 missing - 3 absent = 96 intervals with a value, 96 x 10 = 960 Wh.
        #expect(rollups == [
            IntervalRollup(start: fallBackMidnight, end: fallBackMidnight.addingTimeInterval(25 * 3600), energyWh: 960,
                           intervals: 96, expected: 100, estimated: 2, missing: 4, questionable: 1),
        ])
    }

    @Test func dailyRollupOnTheSpringDSTDayExpects92Intervals() {
        let springMidnight = Date(timeIntervalSince1970: 1_772_949_600)  // 2026-03-08T06:00Z, 23 hours long
        let series = (0..<92).map { q in
            EnergyInterval(start: springMidnight.addingTimeInterval(Double(q) * 900), lengthSeconds: 900, energyWh: 5, source: .registerReads)
        }
        let rollup = Rollups.daily(series, days: chicago, grid: quarterHours)
        #expect(rollup.map(\.expected) == [92])
        #expect(rollup.map(\.intervals) == [92])
        #expect(rollup.map(\.energyWh) == [460])  // 92 x 5
        #expect(rollup.map(\.missing) == [0])
    }

    @Test func hourlyRollupFollowsTheUTCHourThroughTheRepeatedLocalHour() {
        var series = fallBackDay(10)
        series[4].energyWh = 25  // 06:00Z, 01:00 CDT (the first local 01:00)
        series.remove(at: 9)  // 07:15Z, 01:15 CST (the repeated local 01:15)
        let hourly = Rollups.hourly(series)

        #expect(hourly.count == 25)  // 25 UTC hours in the local day
        #expect(hourly.allSatisfy { $0.expected == 4 && $0.end.timeIntervalSince($0.start) == 3600 })
        // 06:00Z: 25 + 3 x 10 = 55 Wh; 07:00Z: 3 x 10 = 30 Wh with one missing.
        #expect(hourly[1] == IntervalRollup(start: fallBackMidnight.addingTimeInterval(3600), end: fallBackMidnight.addingTimeInterval(7200),
                                            energyWh: 55, intervals: 4, expected: 4, estimated: 0, missing: 0, questionable: 0))
        #expect(hourly[2].energyWh == 30)
        #expect(hourly[2].missing == 1)
    }
}
