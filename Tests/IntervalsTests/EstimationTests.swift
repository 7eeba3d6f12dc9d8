import Foundation
import Intervals
import Testing

@Suite struct EstimationTests {
    let chicago = LocalDays(timeZone: TimeZone(identifier: "America/Chicago")!)
    let settings = VEESettings()

    /// A wall-clock instant in Chicago in April 2026 (CDT all month: every day has 96 quarter hours).
    /// April 2026: the 9th and 16th are Thursdays, the 11th a Saturday, the 12th a Sunday.
    func local(_ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = chicago.timeZone
        return calendar.date(from: DateComponents(year: 2026, month: 4, day: day, hour: hour, minute: minute))!
    }

    /// A whole local day of actual quarter hours from the registers; `wh(hour)` is each quarter hour's energy.
    func day(_ day: Int, _ wh: (Int) -> Double) -> [EnergyInterval] {
        (0..<96).map { q in
            EnergyInterval(start: local(day, 0).addingTimeInterval(Double(q) * 900), lengthSeconds: 900, energyWh: wh(q / 4),
                           source: .registerReads)
        }
    }

    /// A day of 10 Wh quarter hours with `shape[h - 8]` Wh in each quarter hour of local hours 08 to 12.
    func shapedDay(_ d: Int, _ shape: [Double]) -> [EnergyInterval] {
        day(d) { hour in (8...12).contains(hour) ? shape[hour - 8] : 10 }
    }

    @Test func fiveHourGapFollowsThreeLikeDaysScaledToTheRegisterDelta() {
        // Thursday 16 April, 08:00 to 13:00 local: 20 quarter hours (indices 32..<52) inside a
        // long read gap, provisionally spread evenly by the derivation; the register rose 1800 Wh.
        var series = day(16) { _ in 10 }
        for index in 32..<52 {
            series[index].energyWh = 90
            (series[index].quality, series[index].estimation) = (.estimatedLinear, .proratedFlat)
        }
        // Monday to Wednesday, Wh per quarter hour in hours 08, 09, 10, 11, 12:
        let history = shapedDay(13, [20, 50, 80, 100, 125]) + shapedDay(14, [25, 45, 75, 110, 125])
            + shapedDay(15, [30, 55, 70, 90, 125])
        // Averaged shape: (20+25+30)/3 = 25, (50+45+55)/3 = 50, (80+75+70)/3 = 75, (100+110+90)/3 = 100, 125.
        // Shape total over the gap: 4 quarter hours x (25 + 50 + 75 + 100 + 125) = 4 x 375 = 1500 Wh.
        // Scale factor: 1800 / 1500 = 1.2, so each hour becomes 30, 60, 90, 120, 150 Wh per quarter hour.
        Estimation.fill(&series, longGaps: [RegisterGap(intervals: 32..<52, deltaWh: 1800)], history: history, days: chicago, settings: settings)

        let expected: [Double] = [30, 60, 90, 120, 150]
        for index in 32..<52 {
            #expect(abs(series[index].energyWh! - expected[(index - 32) / 4]) < 1e-9)
            #expect(series[index].quality == .estimatedReferenceDay)
            #expect(series[index].estimation == .likeDay)
            #expect(series[index].source == .estimate)
            #expect(series[index].flags.contains(.missing))
        }
        let gapTotal = series[32..<52].reduce(0) { $0 + $1.energyWh! }
        #expect(abs(gapTotal - 1800) <= 1)
        #expect(series[31] == day(16) { _ in 10 }[31])  // the actual data around the gap is untouched
    }

    @Test func likeDaysSkipOutagesEstimatesOtherDayTypesAndOlderDays() {
        // Thursday 16, 08:00 to 10:00 missing (indices 32..<40), no register delta.
        var series = day(16) { _ in 10 }
        for index in 32..<40 {
            series[index].energyWh = nil
            series[index].flags = [.missing]
        }
        var outageDay = shapedDay(15, [1000, 1000, 1000, 1000, 1000])  // Wednesday with a power-down at 03:00
        outageDay[12].flags = [.outage]
        var estimatedDay = shapedDay(14, [1000, 1000, 1000, 1000, 1000])  // Tuesday with one estimate at 20:00
        (estimatedDay[80].quality, estimatedDay[80].source, estimatedDay[80].estimation) = (.estimatedReferenceDay, .estimate, .likeDay)
        let history = outageDay + estimatedDay
            + shapedDay(13, [40, 40, 40, 40, 40])  // Monday: used
            + shapedDay(12, [1000, 1000, 1000, 1000, 1000])  // Sunday: other day type
            + shapedDay(11, [1000, 1000, 1000, 1000, 1000])  // Saturday: other day type
            + shapedDay(10, [50, 50, 50, 50, 50])  // Friday: used
            + shapedDay(9, [60, 60, 60, 60, 60])  // Thursday: used (third most recent usable weekday)
            + shapedDay(8, [1000, 1000, 1000, 1000, 1000])  // Wednesday: a fourth like day, not needed
        Estimation.fill(&series, longGaps: [RegisterGap(intervals: 32..<40, deltaWh: nil)], history: history, days: chicago, settings: settings)

        // Unscaled (no delta): (40 + 50 + 60) / 3 = 50 Wh per quarter hour.
        for index in 32..<40 {
            #expect(series[index].energyWh == 50)
            #expect(series[index].quality == .estimatedReferenceDay)
            #expect(series[index].source == .estimate)
        }
    }

    @Test func longGapWithoutLikeDaysSpreadsTheDeltaEvenly() {
        var series = day(16) { _ in 10 }
        for index in 32..<40 { series[index].energyWh = nil }
        // Thursday 1 April is 15 days back, beyond the 14-day lookback; Saturday 11 is another day type.
        let history = shapedDay(1, [40, 40, 40, 40, 40]) + shapedDay(11, [40, 40, 40, 40, 40])
        Estimation.fill(&series, longGaps: [RegisterGap(intervals: 32..<40, deltaWh: 800)], history: history, days: chicago, settings: settings)

        // 800 Wh over 8 quarter hours = 100 Wh each, code 9.
        for index in 32..<40 {
            #expect(series[index].energyWh == 100)
            #expect(series[index].estimation == .proratedFlat)
            #expect(series[index].quality == .estimatedLinear)
        }
    }

    @Test func fortyMinuteInteriorGapIsInterpolatedLinearly() {
        // A 5-minute channel: 30 Wh before the gap, eight missing intervals (40 minutes), then 48 Wh.
        var series = (0..<24).map { k in
            EnergyInterval(start: local(16, 8).addingTimeInterval(Double(k) * 300), lengthSeconds: 300,
                           energyWh: k < 8 ? 30 : k < 16 ? nil : 48, source: .registerReads, flags: (8..<16).contains(k) ? [.missing] : [])
        }
        // The interval before the gap was itself interpolated from the registers by the derivation.
        (series[7].quality, series[7].estimation) = (.estimatedLinear, .linearInterpolation)
        Estimation.fill(&series, longGaps: [], history: [], days: chicago, settings: settings)

        // Step k of 9 between 30 and 48: 30 + 18 x k / 9 = 30 + 2k, so 32, 34, ..., 46.
        #expect(series[8..<16].map(\.energyWh!) == [32, 34, 36, 38, 40, 42, 44, 46])
        #expect(series[8..<16].allSatisfy { $0.quality == .estimatedLinear && $0.estimation == .linearInterpolation })
        #expect(series[8..<16].allSatisfy { $0.source == .estimate && $0.flags.contains(.missing) })
        #expect(series[7].source == .registerReads)  // the derivation's own interpolation is left alone
    }

    @Test func longInteriorRunWithoutDeltaTakesTheUnscaledLikeDayShape() {
        var series = day(16) { _ in 10 }
        for index in 32..<40 { series[index].energyWh = nil }  // two hours: longer than maxLinearGap, not a long read gap
        let history = shapedDay(15, [70, 70, 70, 70, 70])
        Estimation.fill(&series, longGaps: [], history: history, days: chicago, settings: settings)
        #expect(series[32..<40].allSatisfy { $0.energyWh == 70 && $0.estimation == .likeDay })
    }

    @Test func trailingEdgeIsHeldFlatAtTheLastGoodValue() {
        var series = day(16) { _ in 10 }
        series[92].energyWh = 42
        for index in 93..<96 {
            series[index].energyWh = nil
            series[index].flags = [.missing]
        }
        Estimation.fill(&series, longGaps: [], history: [], days: chicago, settings: settings)

        for index in 93..<96 {
            #expect(series[index].energyWh == 42)
            #expect(series[index].estimation == .flatHold)
            #expect(series[index].quality == .estimatedLinear)
            #expect(series[index].source == .estimate)
        }
    }

    @Test func seriesWithoutAnyGoodValueStaysMissingNeverZero() {
        var series = day(16) { _ in 10 }
        for index in series.indices { series[index].energyWh = nil }
        Estimation.fill(&series, longGaps: [RegisterGap(intervals: 10..<30, deltaWh: nil)], history: [], days: chicago, settings: settings)
        #expect(series.allSatisfy { $0.energyWh == nil && $0.flags.contains(.missing) && $0.estimation == nil })
    }
}
