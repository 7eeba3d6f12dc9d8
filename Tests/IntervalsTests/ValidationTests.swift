import Foundation
import Intervals
import Testing

@Suite struct ValidationTests {
    let chicago = LocalDays(timeZone: TimeZone(identifier: "America/Chicago")!)
    let settings = VEESettings()

    /// Local midnight of a day in April 2026, Chicago (CDT all month: 96 quarter hours a day).
    func midnight(_ day: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = chicago.timeZone
        return calendar.date(from: DateComponents(year: 2026, month: 4, day: day))!
    }

    /// A whole local day of quarter hours of `wh` Wh each.
    func day(_ day: Int, _ wh: Double, source: IntervalSource = .registerReads) -> [EnergyInterval] {
        (0..<96).map { q in
            EnergyInterval(start: midnight(day).addingTimeInterval(Double(q) * 900), lengthSeconds: 900, energyWh: wh, source: source)
        }
    }

    func validated(_ series: [EnergyInterval], history: [EnergyInterval] = [], settings: VEESettings? = nil,
                   registerDelta: (Range<Date>) -> Double? = { _ in nil }) -> [EnergyInterval] {
        var series = series
        Validation.validate(&series, history: history, days: chicago, settings: settings ?? self.settings, registerDelta: registerDelta)
        return series
    }

    @Test func negativeOnImportChannelIsFlaggedBeyondHalfAWattHour() {
        var series = day(16, 10)
        (series[10].energyWh, series[11].energyWh, series[12].energyWh) = (-0.6, -0.5, -0.4)
        let result = validated(series)
        #expect(result[10].flags.contains(.negative))  // -0.6 < -0.5
        #expect(result[10].quality == .questionable)
        #expect(!result[11].flags.contains(.negative))  // -0.5 is not below -0.5
        #expect(!result[12].flags.contains(.negative))
        #expect(result[11].quality == .valid)

        var export = settings
        export.importChannel = false
        #expect(!validated(series, settings: export)[10].flags.contains(.negative))
    }

    @Test func spikeFlagsTheHighestIntervalAboveFourTimesTheThirdHighest() {
        var series = day(16, 20)
        (series[40].energyWh, series[41].energyWh) = (30, 30)  // second and third highest
        // Limit: third highest x (1 + spikeTolerance) = 30 x (1 + 3) = 120 Wh, and above spikeMinimumWh (100).
        series[50].energyWh = 121
        let flagged = validated(series)
        #expect(flagged[50].flags.contains(.spike))
        #expect(flagged.indices.filter { flagged[$0].flags.contains(.spike) } == [50])

        series[50].energyWh = 120  // just at the limit
        #expect(!validated(series).contains { $0.flags.contains(.spike) })
    }

    @Test func spikeBelowTheMinimumIsNotFlagged() {
        var series = day(16, 20)  // third highest 20: limit 20 x 4 = 80 Wh, but spikes need more than 100 Wh
        series[50].energyWh = 100
        #expect(!validated(series)[50].flags.contains(.spike))
        series[50].energyWh = 101
        #expect(validated(series)[50].flags.contains(.spike))
    }

    @Test func zeroRunLongerThanEightHoursWithoutOutageIsFlagged() {
        // maxZeroRun 8 h = 32 quarter hours. Indices 10..<43 are 33 zeros; 50..<82 are 32 zeros.
        var series = day(16, 10)
        for index in 10..<43 { series[index].energyWh = 0 }
        for index in 50..<82 { series[index].energyWh = 0 }
        let result = validated(series)
        #expect((10..<43).allSatisfy { result[$0].flags.contains(.zeroRun) && result[$0].quality == .questionable })
        #expect(!(43..<96).contains { result[$0].flags.contains(.zeroRun) })
        #expect(!result[9].flags.contains(.zeroRun))

        series[26].flags = [.outage]  // a power-down in the middle: two runs of 16 and 16
        #expect(!validated(series).contains { $0.flags.contains(.zeroRun) })
    }

    @Test func anExportChannelThatIsZeroAllDayIsNotAZeroRun() {
        var export = settings
        export.importChannel = false
        #expect(!validated(day(16, 0), settings: export).contains { $0.flags.contains(.zeroRun) || $0.quality == .questionable })
        #expect(validated(day(16, 0)).allSatisfy { $0.flags.contains(.zeroRun) })  // the same day on an import channel
    }

    /// Monday to Wednesday at 9.375, 10 and 10.625 Wh a quarter hour: 900, 960 and 1020 Wh a day,
    /// average daily use (900 + 960 + 1020) / 3 = 960 Wh.
    var usageHistory: [EnergyInterval] { day(13, 9.375) + day(14, 10) + day(15, 10.625) }

    @Test func highUsageFlagsTheWholeDayAboveThreeTimesTheAverage() {
        // High limit: 960 x 3 = 2880 Wh = 96 x 30 Wh.
        #expect(!validated(day(16, 30), history: usageHistory).contains { $0.flags.contains(.highUsage) })
        let high = validated(day(16, 30.01), history: usageHistory)  // 96 x 30.01 = 2880.96 Wh
        #expect(high.allSatisfy { $0.flags.contains(.highUsage) && $0.quality == .questionable })
        // Two complete days of history are not enough to judge.
        #expect(!validated(day(16, 30.01), history: day(14, 10) + day(15, 10)).contains { $0.flags.contains(.highUsage) })
    }

    @Test func lowUsageFlagsTheWholeDayBelowAFifthOfTheAverage() {
        // Low limit: 960 x 0.2 = 192 Wh = 96 x 2 Wh.
        #expect(!validated(day(16, 2), history: usageHistory).contains { $0.flags.contains(.lowUsage) })
        let low = validated(day(16, 1.99), history: usageHistory)  // 96 x 1.99 = 191.04 Wh
        #expect(low.allSatisfy { $0.flags.contains(.lowUsage) })
    }

    @Test func profileDayDisagreeingWithTheRegisterDeltaIsFlagged() {
        let series = day(16, 50, source: .meterProfile)  // 96 x 50 = 4800 Wh
        let dayRange = chicago.day(containing: midnight(16))
        func check(_ delta: Double) -> Bool {
            validated(series, registerDelta: { $0 == dayRange ? delta : nil }).allSatisfy { $0.flags.contains(.reconciliation) }
        }
        // Allowed: max(0.01 x 4848, 10) = 48.48 Wh; |4800 - 4848| = 48 is within, |4800 - 4849| = 49 is not.
        #expect(!check(4848))
        #expect(check(4849))

        let small = day(16, 10, source: .meterProfile)  // 960 Wh: allowed max(0.01 x 970, 10) = 10 Wh
        #expect(!validated(small, registerDelta: { _ in 970 }).contains { $0.flags.contains(.reconciliation) })  // off by 10
        #expect(validated(small, registerDelta: { _ in 971 }).allSatisfy { $0.flags.contains(.reconciliation) })  // off by 11
        // Register-derived days and unknown deltas are not reconciled.
        #expect(!validated(day(16, 10), registerDelta: { _ in 2000 }).contains { $0.flags.contains(.reconciliation) })
        #expect(!validated(small).contains { $0.flags.contains(.reconciliation) })
    }

    @Test func estimatesAreFlaggedButKeepTheirQuality() {
        var series = day(16, 20)
        series[50].energyWh = 500
        (series[50].quality, series[50].source, series[50].estimation) = (.estimatedReferenceDay, .estimate, .likeDay)
        let result = validated(series)
        #expect(result[50].flags.contains(.spike))
        #expect(result[50].quality == .estimatedReferenceDay)
    }

    @Test func revalidationClearsRuleFlagsThatNoLongerApply() {
        var series = day(16, 20)
        series[5].flags = [.spike, .outage]
        series[5].quality = .questionable
        let result = validated(series)
        #expect(result[5].flags == [.outage])
        #expect(result[5].quality == .valid)
    }
}
