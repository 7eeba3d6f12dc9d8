import Billing
import Foundation
import Intervals
import Testing

@Suite struct CompletenessTests {
    static let days = LocalDays(timeZone: tokyo)

    /// October 2025 in Tokyo: 31 days, 2976 quarter hours, 100 Wh each, then:
    /// - absent: 10-07 10:00, 10:15, 10:30 (3); no value: 10-08 03:00, 03:15 (2) -> 5 missing;
    /// - 10-07 10:45 holds 2000 Wh, but its block window 10:30-11:00 contains a missing
    ///   interval, so no demand is formed from it;
    /// - estimated (linear, 9): 10-09 12:00, 12:15; (reference day, 8): 10-10 00:00-00:45 (4);
    ///   questionable (10): 10-11 09:00, which counts as actual;
    /// - one interval of 09-30 23:45 JST (before the cycle) is given and ignored.
    func october() throws -> (BillingCycle, [EnergyInterval]) {
        let cycle = try BillingCycle(year: 2025, month: 10, cycleDay: 1, days: Self.days)
        var series = quarterHours(of: cycle, wh: 100, zone: tokyo, overrides: ["2025-10-07 10:45": 2000])
        let absent = ["2025-10-07 10:00", "2025-10-07 10:15", "2025-10-07 10:30"].map { local($0, tokyo) }
        series.removeAll { absent.contains($0.start) }
        func set(_ wall: String, _ change: (inout EnergyInterval) -> Void) {
            if let index = series.firstIndex(where: { $0.start == local(wall, tokyo) }) { change(&series[index]) }
        }
        for wall in ["2025-10-08 03:00", "2025-10-08 03:15"] { set(wall) { $0.energyWh = nil; $0.flags = [.missing] } }
        for wall in ["2025-10-09 12:00", "2025-10-09 12:15"] { set(wall) { $0.quality = .estimatedLinear } }
        for wall in ["2025-10-10 00:00", "2025-10-10 00:15", "2025-10-10 00:30", "2025-10-10 00:45"] {
            set(wall) { $0.quality = .estimatedReferenceDay }
        }
        set("2025-10-11 09:00") { $0.quality = .questionable }
        series.append(EnergyInterval(start: local("2025-09-30 23:45", tokyo), lengthSeconds: 900, energyWh: 5000, source: .registerReads))
        return (cycle, series)
    }

    @Test func estimatedAndMissingIntervalsAreCountedAndMissingOnesAreNotZeros() throws {
        let (cycle, series) = try october()
        let result = try DeterminantCalculator.determinants(meterID: "m", tariff: try Repository.tariff("hv-tou"), cycle: cycle,
                                                            days: Self.days, intervalLengthSeconds: 900, intervals: series)
        #expect(result.intervalsExpected == 2976)
        #expect(result.intervalsMissing == 5)
        #expect(result.intervalsPresent == 2971)
        #expect(result.intervalsEstimated == 6)
        #expect(result.estimatedIntervalStarts == ["2025-10-09 12:00", "2025-10-09 12:15", "2025-10-10 00:00", "2025-10-10 00:15",
                                                    "2025-10-10 00:30", "2025-10-10 00:45"].map { local($0, tokyo) })
        // 2971 present x 100 Wh, with 10:45's 2000 Wh in place of 100: 297 100 + 1900 = 299 000 Wh.
        #expect(result.totalEnergyWh == 299_000)
        // 10:45's window is incomplete, so every complete window holds 2 x 100 Wh: 400 W.
        #expect(result.maxDemand?.demandW == 400)
    }

    @Test func aDuplicatedIntervalIsRejected() throws {
        let (cycle, series) = try october()
        #expect(throws: BillingError.duplicateInterval(start: series[0].start)) {
            try DeterminantCalculator.determinants(meterID: "m", tariff: try Repository.tariff("hv-tou"), cycle: cycle,
                                                   days: Self.days, intervalLengthSeconds: 900, intervals: series + [series[0]])
        }
    }

    @Test func thirtyMinuteDemandCannotBeFormedFromHourlyIntervals() throws {
        let cycle = try BillingCycle(year: 2025, month: 10, cycleDay: 1, days: Self.days)
        #expect(throws: BillingError.demandWindowNotWholeIntervals(windowMinutes: 30, intervalSeconds: 3600)) {
            try DeterminantCalculator.determinants(meterID: "m", tariff: try Repository.tariff("hv-tou"), cycle: cycle,
                                                   days: Self.days, intervalLengthSeconds: 3600, intervals: [])
        }
    }

    @Test func hourlyIntervalsWithHourlyDemandCountPerHour() throws {
        let cycle = try BillingCycle(year: 2025, month: 10, cycleDay: 1, days: Self.days)
        let tariff = try withDemand(try Repository.tariff("hv-tou"), DemandRule(windowMinutes: 60, method: .block))
        let hours = IntervalGrid(lengthSeconds: 3600).starts(in: cycle.range).dropLast(1).map {
            EnergyInterval(start: $0, lengthSeconds: 3600, energyWh: 400, source: .registerReads)
        }
        let result = try DeterminantCalculator.determinants(meterID: "m", tariff: tariff, cycle: cycle, days: Self.days,
                                                            intervalLengthSeconds: 3600, intervals: hours)
        // 31 x 24 = 744 hours expected, the last one not given.
        #expect((result.intervalsExpected, result.intervalsMissing) == (744, 1))
        #expect(result.maxDemand?.demandW == 400)
    }
}
