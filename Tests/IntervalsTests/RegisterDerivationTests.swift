import Foundation
import Intervals
import Testing

/// An instant on 2026-03-02 (UTC).
private func at(_ hour: Int, _ minute: Int, _ second: Int = 0) -> Date {
    Date(timeIntervalSince1970: 1_772_409_600 + TimeInterval(hour * 3600 + minute * 60 + second))
}

private func close(_ value: Double?, _ expected: Double, tolerance: Double = 1e-9) -> Bool {
    guard let value else { return false }
    return abs(value - expected) <= tolerance * max(1, abs(expected))
}

/// Reads every 5 minutes from `from` to `through` (inclusive), the value a linear function of the minutes since `origin`.
private func reads(from: Date, through: Date, origin: Date, base: Double, perMinute: Double,
                   serial: String? = nil) -> [RegisterSample] {
    stride(from: from.timeIntervalSince1970, through: through.timeIntervalSince1970, by: 300).map { seconds in
        let minutes = (seconds - origin.timeIntervalSince1970) / 60
        return RegisterSample(time: Date(timeIntervalSince1970: seconds), valueWh: base + perMinute * minutes, serial: serial)
    }
}

@Suite struct RegisterDerivationTests {
    let quarterHours = IntervalGrid(lengthSeconds: 900)

    /// Reads about every 5 minutes, each 20 to 40 s off the 5-minute mark, straddling the boundaries.
    let jittered = [
        RegisterSample(time: at(9, 59, 20), valueWh: 1000), RegisterSample(time: at(10, 4, 30), valueWh: 1040),
        RegisterSample(time: at(10, 9, 40), valueWh: 1090), RegisterSample(time: at(10, 15, 40), valueWh: 1150),
        RegisterSample(time: at(10, 19, 30), valueWh: 1180), RegisterSample(time: at(10, 25, 20), valueWh: 1230),
        RegisterSample(time: at(10, 29, 40), valueWh: 1260), RegisterSample(time: at(10, 35, 10), valueWh: 1300),
    ]

    @Test func jitteredFiveMinuteReadsAreInterpolatedAtTheBoundariesAndValid() {
        let series = RegisterDerivation.derive(jittered, grid: quarterHours, range: at(10, 0)..<at(10, 30), multiplier: 1,
                                               settings: VEESettings())
        // 10:00 lies 40 of 310 s from the 09:59:20 read to the 10:04:30 read.
        let b1000 = 1000 + 40.0 / 310 * (1040 - 1000)  // 1005.16
        // 10:15 lies 320 of 360 s from the 10:09:40 read to the 10:15:40 read.
        let b1015 = 1090 + 320.0 / 360 * (1150 - 1090)  // 1143.33
        // 10:30 lies 20 of 330 s from the 10:29:40 read to the 10:35:10 read.
        let b1030 = 1260 + 20.0 / 330 * (1300 - 1260)  // 1262.42
        #expect(series.intervals.map(\.start) == [at(10, 0), at(10, 15)])
        #expect(close(series.intervals[0].energyWh, b1015 - b1000))  // 138.17
        #expect(close(series.intervals[1].energyWh, b1030 - b1015))  // 119.09
        for interval in series.intervals {
            #expect(interval.quality == .valid && interval.estimation == nil && interval.flags == [])
            #expect(interval.source == .registerReads)
        }
        #expect(series.longGaps.isEmpty && series.events.isEmpty)
    }

    @Test func unsortedAndDuplicatedReadsGiveTheSameSeries() {
        let shuffled = Array(jittered.reversed()) + jittered[2...4]
        let clean = RegisterDerivation.derive(jittered, grid: quarterHours, range: at(10, 0)..<at(10, 30), multiplier: 1,
                                              settings: VEESettings())
        let messy = RegisterDerivation.derive(shuffled, grid: quarterHours, range: at(10, 0)..<at(10, 30), multiplier: 1,
                                              settings: VEESettings())
        #expect(messy.intervals == clean.intervals)
        #expect(messy.events.isEmpty)
    }

    @Test func aFortyMinuteReadGapIsLinearlyInterpolatedAndAddsUpToTheRegisterDelta() {
        // 10 Wh/min up to the 10:05 read (2050), nothing until 10:45 (2210), then 4 Wh/min.
        let samples = reads(from: at(9, 30), through: at(10, 5), origin: at(10, 0), base: 2000, perMinute: 10)
            + reads(from: at(10, 45), through: at(11, 30), origin: at(10, 45), base: 2210, perMinute: 4)
        let series = RegisterDerivation.derive(samples, grid: quarterHours, range: at(9, 45)..<at(11, 15), multiplier: 1,
                                               settings: VEESettings())
        let energies = series.intervals.map(\.energyWh)
        let b1015 = 2050 + 10.0 / 40 * (2210 - 2050)  // 10:15 is 10 of the 40 gap minutes in: 2090
        let b1030 = 2050 + 25.0 / 40 * (2210 - 2050)  // 2150
        #expect(close(energies[0], 2000 - 1850))  // 09:45 -> 10:00, reads at both: 150
        #expect(close(energies[1], b1015 - 2000))  // 90
        #expect(close(energies[2], b1030 - b1015))  // 60
        #expect(close(energies[3], 2210 - b1030))  // 60
        #expect(close(energies[4], 4 * 15))  // 10:45 -> 11:00 on reads again
        for index in 1...3 {
            #expect(series.intervals[index].quality == .estimatedLinear)
            #expect(series.intervals[index].estimation == .linearInterpolation)
        }
        for index in [0, 4, 5] { #expect(series.intervals[index].quality == .valid && series.intervals[index].estimation == nil) }
        let gapSum = series.intervals[1...3].compactMap(\.energyWh).reduce(0, +)
        #expect(close(gapSum, 2210 - 2000))
        #expect(close(series.registerDelta(from: at(10, 0), to: at(10, 45)), gapSum))
        #expect(series.longGaps.isEmpty)
    }

    @Test func aFiveHourReadGapIsOneLongGapCarryingTheRegisterDelta() {
        // 4 Wh/min up to the 11:58 read (5000); 5 Wh/min across the gap to 17:03 (5000 + 305 x 5 = 6525); then 6 Wh/min.
        let samples = reads(from: at(10, 58), through: at(11, 58), origin: at(11, 58), base: 5000, perMinute: 4)
            + reads(from: at(17, 3), through: at(18, 3), origin: at(17, 3), base: 6525, perMinute: 6)
        let series = RegisterDerivation.derive(samples, grid: quarterHours, range: at(11, 0)..<at(18, 0), multiplier: 1,
                                               settings: VEESettings())
        #expect(series.intervals.count == 28)
        // The gap runs from the interval whose end (12:00) is in it, 11:45 (index 3), to the one whose
        // start (17:00) is in it, 17:00 (index 24).
        #expect(series.longGaps.count == 1)
        let gap = series.longGaps[0]
        #expect(gap.intervals == 3..<25)
        let b1145 = 4940 + 2.0 / 5 * (4960 - 4940)  // 2 of 5 min from the 11:43 read to the 11:48 read: 4948
        let b1715 = 6585 + 2.0 / 5 * (6615 - 6585)  // 2 of 5 min from the 17:13 read to the 17:18 read: 6597
        #expect(close(gap.deltaWh, b1715 - b1145))  // 1649
        #expect(close(series.registerDelta(from: at(11, 45), to: at(17, 15)), 1649))
        let sum = series.intervals[gap.intervals].compactMap(\.energyWh).reduce(0, +)
        #expect(close(sum, 1649))
        #expect(close(series.intervals[4].energyWh, 15 * 5))  // 12:00 -> 12:15 inside the gap, 5 Wh/min
        #expect(close(series.intervals[3].energyWh, (5000 + 2 * 5) - b1145))  // 11:45 -> 12:00: 62
        for interval in series.intervals[gap.intervals] {
            #expect(interval.quality == .estimatedLinear && interval.estimation == .proratedFlat)
        }
        #expect(series.intervals[2].quality == .valid && series.intervals[25].quality == .valid)
    }

    @Test func aThirtyTwoBitAccumulatorRollingOverMidDayStaysPositive() {
        let width = 4_294_967_296.0
        var settings = VEESettings()
        settings.rolloverWh = width
        // 40 Wh/min; the register reads width - 300 at 10:00, width - 100 at 10:05 and wraps to 100 by 10:10.
        let samples = reads(from: at(9, 30), through: at(10, 30), origin: at(10, 0), base: width - 300, perMinute: 40)
            .map { RegisterSample(time: $0.time, valueWh: $0.valueWh.truncatingRemainder(dividingBy: width)) }
        #expect(samples[8].valueWh == 100)  // the 10:10 read, after the wrap
        let series = RegisterDerivation.derive(samples, grid: quarterHours, range: at(9, 45)..<at(10, 30), multiplier: 1,
                                               settings: settings)
        #expect(series.intervals.map(\.energyWh) == [600, 600, 600])  // 15 min x 40 Wh/min each
        #expect(series.events.map(\.kind) == [.rollover])
        #expect(series.events.first?.time == at(10, 10))
        #expect(series.intervals.map(\.flags) == [[], [.rollover], []])  // the wrap lies between 10:05 and 10:10
        #expect(series.intervals.allSatisfy { $0.quality == .valid })
        #expect(series.registerDelta(from: at(9, 45), to: at(10, 30)) == 1800)
    }

    /// Register A at 10 Wh/min up to 80100 at 10:10; from 10:17 a register near 0 at 10 Wh/min.
    private func swapped(newSerial: String?, oldSerial: String?) -> [RegisterSample] {
        reads(from: at(9, 30), through: at(10, 10), origin: at(10, 0), base: 80000, perMinute: 10, serial: oldSerial)
            + reads(from: at(10, 17), through: at(11, 2), origin: at(10, 17), base: 5, perMinute: 10, serial: newSerial)
    }

    private func expectCleanBreak(_ series: DerivedSeries) {
        // Neither the -80095 drop nor a +2^32 "rollover" may appear as energy.
        #expect(series.intervals.allSatisfy { ($0.energyWh ?? 0) >= 0 && ($0.energyWh ?? 0) < 1000 })
        #expect(close(series.intervals[0].energyWh, 150))  // 09:45 -> 10:00 on the old register
        // 10:00 -> 10:15 and 10:15 -> 10:30 both overlap the 10:10 -> 10:17 span the change lies in.
        for index in [1, 2] {
            #expect(series.intervals[index].energyWh == nil)
            #expect(series.intervals[index].flags == [.missing, .resetOrExchange])
        }
        let b1030 = 105 + 3.0 / 5 * (155 - 105)  // 3 of 5 min from the 10:27 read to the 10:32 read: 135
        let b1045 = 255 + 3.0 / 5 * (305 - 255)  // 285
        #expect(close(series.intervals[3].energyWh, b1045 - b1030))  // 150
        #expect(close(series.registerDelta(from: at(10, 30), to: at(10, 45)), 150))
        #expect(series.registerDelta(from: at(10, 0), to: at(10, 45)) == nil)
        #expect(series.events.map(\.time) == [at(10, 17)])
    }

    @Test func aMeterExchangeIsABreakNotANegativeInterval() {
        let series = RegisterDerivation.derive(swapped(newSerial: "B-2", oldSerial: "A-1"), grid: quarterHours,
                                               range: at(9, 45)..<at(11, 0), multiplier: 1, settings: VEESettings())
        expectCleanBreak(series)
        #expect(series.events.map(\.kind) == [.exchange])
    }

    @Test func aResetWithoutSerialChangeIsABreakAndNotARollover() {
        var settings = VEESettings()
        settings.rolloverWh = 4_294_967_296  // 80100 is far below half the width: a reset, not a wrap
        let series = RegisterDerivation.derive(swapped(newSerial: "A-1", oldSerial: "A-1"), grid: quarterHours,
                                               range: at(9, 45)..<at(11, 0), multiplier: 1, settings: settings)
        expectCleanBreak(series)
        #expect(series.events.map(\.kind) == [.reset])
    }

    @Test func aResetInsideALongReadGapIsAGapWithoutDelta() {
        let samples = reads(from: at(9, 0), through: at(10, 0), origin: at(10, 0), base: 9000, perMinute: 10)
            + reads(from: at(15, 0), through: at(16, 0), origin: at(15, 0), base: 3, perMinute: 10)
        let series = RegisterDerivation.derive(samples, grid: quarterHours, range: at(9, 0)..<at(16, 0), multiplier: 1,
                                               settings: VEESettings())
        // 10:00 to 15:00 is 20 intervals (indices 4..<24), all missing: nothing but the like-day shape can fill them.
        #expect(series.longGaps == [RegisterGap(intervals: 4..<24, deltaWh: nil)])
        #expect(series.intervals[4..<24].allSatisfy { $0.energyWh == nil && $0.flags == [.missing, .resetOrExchange] })
        #expect(series.events.map(\.kind) == [.reset])
    }

    @Test func intervalsBeyondTheReadsAreMissingButNotGaps() {
        let samples = reads(from: at(10, 0), through: at(10, 30), origin: at(10, 0), base: 0, perMinute: 1)
        let series = RegisterDerivation.derive(samples, grid: quarterHours, range: at(9, 30)..<at(11, 0), multiplier: 1,
                                               settings: VEESettings())
        #expect(series.intervals.map(\.energyWh) == [nil, nil, 15, 15, nil, nil])
        #expect(series.intervals[0].flags == [.missing])
        #expect(series.longGaps.isEmpty)
        #expect(series.registerDelta(from: at(9, 59), to: at(10, 30)) == nil)
    }

    @Test func aBackwardStepWithinNoiseIsClampedToZero() {
        // 500 at 10:00, a noisy 499.4 at 10:07, 500.6 at 10:15: the register is held at 500 through the dip.
        let samples = [RegisterSample(time: at(10, 0), valueWh: 500), RegisterSample(time: at(10, 7), valueWh: 499.4),
                       RegisterSample(time: at(10, 15), valueWh: 500.6)]
        let fiveMinutes = IntervalGrid(lengthSeconds: 300)
        let series = RegisterDerivation.derive(samples, grid: fiveMinutes, range: at(10, 0)..<at(10, 15), multiplier: 1,
                                               settings: VEESettings())
        let b1010 = 500 + 3.0 / 8 * (500.6 - 500)  // 3 of 8 min from the held 500 at 10:07 to 500.6 at 10:15
        #expect(close(series.intervals[0].energyWh, 0))  // not 5/7 x -0.6
        #expect(close(series.intervals[1].energyWh, b1010 - 500))
        #expect(close(series.intervals[2].energyWh, 500.6 - b1010))
        #expect(series.events.isEmpty)
    }

    @Test func theMultiplierIsAppliedExactlyOnce() {
        // A CT 200/5 = 40: 12.5 Wh on the register is 500 Wh at the primary.
        let samples = [RegisterSample(time: at(10, 0), valueWh: 500), RegisterSample(time: at(10, 5), valueWh: 504),
                       RegisterSample(time: at(10, 10), valueWh: 508.5), RegisterSample(time: at(10, 15), valueWh: 512.5)]
        let series = RegisterDerivation.derive(samples, grid: quarterHours, range: at(10, 0)..<at(10, 15), multiplier: 40,
                                               settings: VEESettings())
        #expect(close(series.intervals[0].energyWh, (512.5 - 500) * 40))
        #expect(close(series.registerDelta(from: at(10, 0), to: at(10, 15)), 500))
        #expect(close(series.registerDelta(from: at(10, 0), to: at(10, 7, 30)), (508.5 - 504) / 2 * 40 + (504 - 500) * 40))
    }
}
