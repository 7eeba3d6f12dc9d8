import Billing
import Foundation
import Intervals
import Testing

/// A September 2025 cycle under the shipped hv-tou tariff in Tokyo, every figure worked out
/// by hand below.
///
/// The cycle: cycle day 1, 2025-09-01 00:00 JST (2025-08-31T15:00Z) to 2025-10-01 00:00 JST:
/// 30 days of 24 h (Tokyo has no DST), 720 h, 2880 quarter hours, all in summer.
/// 1 September 2025 is a Monday. Weekends: 6, 7, 13, 14, 20, 21, 27, 28 (8 days). Public
/// holidays passed in: Monday 15 (Respect for the Aged Day) and Tuesday 23 (Autumnal
/// Equinox), 2 days. Ordinary weekdays: 30 - 8 - 2 = 20.
///
/// Load: 100 Wh every quarter hour, plus four spikes (local time):
/// - A. Wed 09-10 02:00 and 02:15: 900 Wh each (night, +1600 Wh).
/// - B. Thu 09-11 10:15: 700 Wh (daytime, +600 Wh).
/// - C. Fri 09-12 14:15 and 14:30: 500 Wh each (peak, +800 Wh). They straddle the 14:30
///   block boundary, which is what block and rolling demand disagree on.
/// - D. Mon 09-15 (holiday) 14:00 and 14:15: 600 Wh each (+1000 Wh). 14:00 on a weekday is
///   peak; on a holiday it is night.
struct HandComputedMonth {
    static let holidays: Set<String> = ["2025-09-15", "2025-09-23"]
    static let days = LocalDays(timeZone: tokyo, holidays: holidays)

    static func cycle() throws -> BillingCycle { try BillingCycle(year: 2025, month: 9, cycleDay: 1, days: days) }

    static func intervals() throws -> [EnergyInterval] {
        quarterHours(of: try cycle(), wh: 100, zone: tokyo, overrides: [
            "2025-09-10 02:00": 900, "2025-09-10 02:15": 900,
            "2025-09-11 10:15": 700,
            "2025-09-12 14:15": 500, "2025-09-12 14:30": 500,
            "2025-09-15 14:00": 600, "2025-09-15 14:15": 600,
        ])
    }

    static func determinants(_ tariff: Tariff) throws -> BillingDeterminants {
        try DeterminantCalculator.determinants(
            meterID: "meter-7", tariff: tariff, cycle: try cycle(), days: days, intervalLengthSeconds: 900,
            intervals: try intervals(),
            startRead: RegisterReading(valueWh: 1_000_000, readAt: Date(timeIntervalSince1970: 1_756_652_430)),
            endRead: RegisterReading(valueWh: 1_292_000, readAt: Date(timeIntervalSince1970: 1_759_244_410)))
    }
}

@Suite struct HandComputedMonthTests {
    @Test func energyPerBandUnderHvTouMatchesTheHandComputation() throws {
        let result = try HandComputedMonth.determinants(try Repository.tariff("hv-tou"))
        #expect(result.cycleStart == local("2025-09-01 00:00", tokyo))
        #expect(result.cycleEnd == local("2025-10-01 00:00", tokyo))
        #expect((result.cycleFirstDay, result.cycleLastDay) == ("2025-09-01", "2025-09-30"))
        // Per ordinary weekday: peak 13-16 = 12 quarter hours = 1200 Wh; daytime 8-13 and
        // 16-22 = 11 h = 44 quarter hours = 4400 Wh; night 22-8 = 40 quarter hours = 4000 Wh.
        // Per weekend day or holiday: 96 quarter hours of night = 9600 Wh.
        // peak    = 20 x 1200 + 800 (C)                          =  24 800 Wh
        // daytime = 20 x 4400 + 600 (B)                          =  88 600 Wh
        // night   = 20 x 4000 + 10 x 9600 + 1600 (A) + 1000 (D)  = 178 600 Wh
        // total   = 30 x 9600 + 1600 + 600 + 800 + 1000          = 292 000 Wh
        #expect(result.energyByBand == [
            BandEnergy(band: "peak", energyWh: 24_800),
            BandEnergy(band: "daytime", energyWh: 88_600),
            BandEnergy(band: "night", energyWh: 178_600),
        ])
        #expect(result.totalEnergyWh == 292_000)
        #expect(result.energyByBlock.isEmpty)
        #expect((result.intervalsExpected, result.intervalsPresent, result.intervalsEstimated, result.intervalsMissing)
            == (2880, 2880, 0, 0))
        #expect(result.startRead?.valueWh == 1_000_000 && result.endRead?.valueWh == 1_292_000)
        #expect(result.version == 1)
    }

    @Test func thirtyMinuteBlockDemandPutsTheWeekdayNightSpikeAboveEveryDaytimeWindow() throws {
        let result = try HandComputedMonth.determinants(try Repository.tariff("hv-tou"))
        // Demand W = Wh in the 30-minute window x 3600 / 1800 = 2 x Wh. Baseline: 200 Wh = 400 W.
        // night:   A fills the 02:00-02:30 window: 900 + 900 = 1800 Wh -> 3600 W (Wed 09-10).
        //          D's 14:00-14:30 window on the holiday: 1200 Wh -> 2400 W, night, lower.
        // daytime: B's 10:00-10:30 window: 100 + 700 = 800 Wh -> 1600 W (Thu 09-11).
        // peak:    C's windows 14:00-14:30 and 14:30-15:00 each 100 + 500 = 600 Wh -> 1200 W;
        //          the earlier wins. Had the holiday counted as a weekday, D would make 2400 W here.
        #expect(result.maxDemand(inBand: "night") == DemandPeak(demandW: 3600, windowStart: local("2025-09-10 02:00", tokyo)))
        #expect(result.maxDemand(inBand: "daytime") == DemandPeak(demandW: 1600, windowStart: local("2025-09-11 10:00", tokyo)))
        #expect(result.maxDemand(inBand: "peak") == DemandPeak(demandW: 1200, windowStart: local("2025-09-12 14:00", tokyo)))
        #expect(result.maxDemand == DemandPeak(demandW: 3600, windowStart: local("2025-09-10 02:00", tokyo)))
        // The peak-shift discount's question: the night maximum exceeds the daytime maximum by 2000 W.
        let night = try #require(result.maxDemand(inBand: "night")), daytime = try #require(result.maxDemand(inBand: "daytime"))
        #expect(night.demandW - daytime.demandW == 2000)
        // Load factor = 292 000 Wh / (3600 W x 720 h) = 292 000 / 2 592 000 = 0.112654320987...
        #expect(result.loadFactor == 292_000.0 / 2_592_000.0)
        #expect(abs((result.loadFactor ?? 0) - 0.112_654_320_988) < 1e-12)
    }

    @Test func theWeekdayHolidayCountsAsNightAllDay() throws {
        let tariff = try Repository.tariff("hv-tou")
        let calendar = TariffCalendar(tariff: tariff, days: HandComputedMonth.days)
        let holiday = calendar.position(of: local("2025-09-15 14:00", tokyo))
        #expect((holiday.dayKind, holiday.band) == (.holiday, "night"))
        let ordinaryMonday = calendar.position(of: local("2025-09-08 14:00", tokyo))
        #expect((ordinaryMonday.dayKind, ordinaryMonday.band) == (.weekday, "peak"))
        // Without 09-15 in the holiday list, that Monday's 13:00-16:00 moves into peak: 12
        // quarter hours of 100 Wh plus D's extra 1000 Wh, so peak = 24 800 + 1200 + 1000 Wh, and
        // D's 14:00-14:30 window (1200 Wh -> 2400 W) becomes the peak band's maximum.
        let asWeekday = try DeterminantCalculator.determinants(
            meterID: "meter-7", tariff: tariff, cycle: try HandComputedMonth.cycle(), days: LocalDays(timeZone: tokyo, holidays: ["2025-09-23"]),
            intervalLengthSeconds: 900, intervals: try HandComputedMonth.intervals())
        #expect(asWeekday.energyWh(inBand: "peak") == 27_000.0)
        #expect(asWeekday.maxDemand(inBand: "peak") == DemandPeak(demandW: 2400, windowStart: local("2025-09-15 14:00", tokyo)))
    }

    @Test func rollingDemandFindsThePeakThatBlockWindowsSplit() throws {
        let block = try HandComputedMonth.determinants(try Repository.tariff("hv-tou"))
        let rolling = try HandComputedMonth.determinants(
            try withDemand(try Repository.tariff("hv-tou"), DemandRule(windowMinutes: 30, method: .rolling)))
        // Rolling 30-minute windows in 15-minute steps: the 14:15-14:45 window holds both of C's
        // intervals, 500 + 500 = 1000 Wh -> 2000 W, where each block window held 600 Wh -> 1200 W.
        // Difference 800 W. The other bands are unchanged: A's spike already fills a block
        // window (01:45-02:15 rolling: 100 + 900 = 1000 Wh < 1800 Wh), and B's 10:15-10:45
        // rolling window ties the 10:00-10:30 block window at 800 Wh (the earlier one is kept).
        #expect(rolling.maxDemand(inBand: "peak") == DemandPeak(demandW: 2000, windowStart: local("2025-09-12 14:15", tokyo)))
        let difference = try #require(rolling.maxDemand(inBand: "peak")).demandW - (try #require(block.maxDemand(inBand: "peak"))).demandW
        #expect(difference == 800)
        #expect(rolling.maxDemand(inBand: "night") == block.maxDemand(inBand: "night"))
        #expect(rolling.maxDemand(inBand: "daytime") == block.maxDemand(inBand: "daytime"))
        #expect(rolling.maxDemand == block.maxDemand)
        #expect(rolling.energyByBand == block.energyByBand)
        #expect(rolling.demandMethod == .rolling && block.demandMethod == .block)
    }
}
