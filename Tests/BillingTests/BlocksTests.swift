import Billing
import Foundation
import Intervals
import Testing

@Suite struct BlocksTests {
    /// November 2025 in Tokyo (30 days, no holidays passed): 150 Wh every quarter hour of
    /// TOD A's day band (07:00-23:00, 64 quarter hours), 50 Wh at night (32 quarter hours).
    func november(_ tariffID: String) throws -> BillingDeterminants {
        let days = LocalDays(timeZone: tokyo)
        let cycle = try BillingCycle(year: 2025, month: 11, cycleDay: 1, days: days)
        let calendar = TariffCalendar(tariff: try Repository.tariff("tod-a"), days: days)
        let intervals = quarterHours(of: cycle, wh: 0, zone: tokyo).map { interval in
            var interval = interval
            interval.energyWh = calendar.position(of: interval.start).band == "day" ? 150 : 50
            return interval
        }
        return try DeterminantCalculator.determinants(meterID: "home-1", tariff: try Repository.tariff(tariffID), cycle: cycle,
                                                      days: days, intervalLengthSeconds: 900, intervals: intervals)
    }

    @Test func todABlocksSplitTheDayBandEnergyAt90And230KWh() throws {
        let result = try november("tod-a")
        // Day: 64 x 150 = 9600 Wh a day x 30 = 288 000 Wh; night: 32 x 50 = 1600 Wh x 30 = 48 000 Wh.
        #expect(result.energyWh(inBand: "day") == 288_000)
        #expect(result.energyWh(inBand: "night") == 48_000)
        // The blocks apply to the day band only: 0-90 kWh full (90 000), 90-230 kWh full
        // (140 000), above 230 kWh the rest: 288 000 - 230 000 = 58 000 Wh.
        #expect(result.energyByBlock == [
            BlockEnergy(block: 1, band: "day", fromWh: 0, toWh: 90_000, energyWh: 90_000),
            BlockEnergy(block: 2, band: "day", fromWh: 90_000, toWh: 230_000, energyWh: 140_000),
            BlockEnergy(block: 3, band: "day", fromWh: 230_000, toWh: nil, energyWh: 58_000),
        ])
    }

    @Test func flatBlocksApplyToTheTotalAndLeaveLaterBlocksEmptyBelowTheirBound() throws {
        // The same load under block-flat: total 336 000 Wh -> 120 000, 180 000, 36 000.
        let result = try november("block-flat")
        #expect(result.totalEnergyWh == 336_000)
        #expect(result.energyByBlock.map(\.energyWh) == [120_000, 180_000, 36_000])
        #expect(result.energyByBlock.allSatisfy { $0.band == nil })
        // Under TOD B (day 08:00-22:00, blocks at 80 and 200 kWh) the day band differs: per day
        // 56 quarter hours of the load's day band (08:00-22:00 are all TOD A day: 150 Wh) =
        // 8400 Wh x 30 = 252 000 Wh -> 80 000, 120 000, 52 000.
        let todB = try november("tod-b")
        #expect(todB.energyByBlock.map(\.energyWh) == [80_000, 120_000, 52_000])
    }
}
