import Billing
import Foundation
import Intervals
import Testing

/// Cycles in America/Chicago that contain a DST change, under four-part-tou, whose super
/// off-peak band (01:00-05:00 every day) holds the repeated or skipped hour. Constant 100 Wh
/// a quarter hour, so the 15-minute peak is 400 W everywhere and the load factor is exactly 1
/// only when the cycle's real hours (not days x 24) are used.
@Suite struct DaylightSavingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var year: Int, month: Int, hours: Double, quarterHours: Int, superOffPeakWh: Double
        var testDescription: String { "\(year)-\(month)" }
    }

    static let cases = [
        // November 2025: 30 days, and 2 Nov (a Sunday) falls back: 721 h, 2884 quarter hours.
        // Super off-peak 01:00-05:00 is 16 quarter hours a day, 20 on 2 Nov (01:00-02:00 twice):
        // (30 x 16 + 4) x 100 = 48 400 Wh.
        Case(year: 2025, month: 11, hours: 721, quarterHours: 2884, superOffPeakWh: 48_400),
        // March 2026: 31 days, and 8 Mar (a Sunday) springs forward: 743 h, 2972 quarter hours.
        // 02:00-03:00 does not exist on 8 Mar: (31 x 16 - 4) x 100 = 49 200 Wh.
        Case(year: 2026, month: 3, hours: 743, quarterHours: 2972, superOffPeakWh: 49_200),
    ]

    @Test(arguments: cases)
    func aCycleSpanningADSTChangeCountsItsRealHoursAndQuarterHours(_ c: Case) throws {
        let days = LocalDays(timeZone: chicago)
        let cycle = try BillingCycle(year: c.year, month: c.month, cycleDay: 1, days: days)
        #expect(cycle.hours == c.hours)
        let result = try DeterminantCalculator.determinants(
            meterID: "tx-1", tariff: try Repository.tariff("four-part-tou"), cycle: cycle, days: days,
            intervalLengthSeconds: 900, intervals: quarterHours(of: cycle, wh: 100, zone: chicago))
        #expect(result.intervalsExpected == c.quarterHours)
        #expect(result.intervalsMissing == 0)
        #expect(result.totalEnergyWh == Double(c.quarterHours) * 100)
        #expect(result.energyWh(inBand: "super_off_peak") == c.superOffPeakWh)
        #expect(result.maxDemand?.demandW == 400)
        // Load factor = quarter hours x 100 Wh / (400 W x hours) = 1 exactly (4 quarter hours an hour).
        #expect(result.loadFactor == 1)
    }

    @Test func theFallBackDayHas100QuarterHoursAndItsRepeatedHourIsOneBand() throws {
        let days = LocalDays(timeZone: chicago)
        let tariff = try Repository.tariff("four-part-tou")
        let calendar = TariffCalendar(tariff: tariff, days: days)
        // 2025-11-02 01:30 CDT is 06:30Z, 01:30 CST an hour later: both super off-peak.
        let first = Date(timeIntervalSince1970: 1_762_065_000)  // 2025-11-02T06:30:00Z
        #expect(calendar.position(of: first).band == "super_off_peak")
        #expect(calendar.position(of: first.addingTimeInterval(3600)).band == "super_off_peak")
        let day = days.day(containing: first)
        #expect(IntervalGrid(lengthSeconds: 900).starts(in: day).count == 100)
    }
}
