import Foundation
import Intervals
import MeterKit
import Testing

/// Golden values for the whole engine (`IntervalEngine.intervals(in:of:history:)`): register
/// reads, recorded profiles and history in, validated and estimated intervals out. The parts
/// have their own tests; these check that they compose as the domain brief (sections 3-5) says.

/// 2026-04-16T00:00Z, a Thursday; the 13th to 15th are Monday to Wednesday.
private let thursday = Date(timeIntervalSince1970: 1_776_297_600)

/// An instant on `day` April 2026, UTC.
private func april(_ day: Int, _ hour: Int, _ minute: Int = 0, _ second: Int = 0) -> Date {
    thursday.addingTimeInterval(TimeInterval((day - 16) * 86_400 + hour * 3600 + minute * 60 + second))
}

private func close(_ value: Double?, _ expected: Double, within tolerance: Double = 1e-9) -> Bool {
    guard let value else { return false }
    return abs(value - expected) <= tolerance * max(1, abs(expected))
}

/// Register reads on the quarter hours of the 16th, the register starting at `base` Wh and
/// rising by `energies[q]` in quarter hour q; the reads with an index in `skipping` are lost.
private func quarterHourReads(_ energies: [Double], base: Double, skipping: Range<Int> = 0..<0) -> [RegisterSample] {
    var value = base
    var reads: [RegisterSample] = []
    for q in 0...energies.count {
        if !skipping.contains(q) { reads.append(RegisterSample(time: april(16, 0).addingTimeInterval(Double(q) * 900), valueWh: value)) }
        if q < energies.count { value += energies[q] }
    }
    return reads
}

/// A final day of actual quarter hours: 10 Wh each, except `peak[h - 8]` Wh in each quarter hour of hours 08 to 12.
private func historyDay(_ day: Int, _ peak: [Double]) -> [EnergyInterval] {
    (0..<96).map { q in
        EnergyInterval(start: april(day, 0).addingTimeInterval(Double(q) * 900), lengthSeconds: 900,
                       energyWh: (8...12).contains(q / 4) ? peak[q / 4 - 8] : 10, source: .registerReads)
    }
}

/// Monday to Wednesday before the Thursday; per quarter hour of hours 08-12 they average
/// (30+33+27)/3 = 30, (60+57+63)/3 = 60, (90+93+87)/3 = 90, (60+63+57)/3 = 60, (30+24+36)/3 = 30 Wh.
private let likeDays = historyDay(13, [30, 60, 90, 60, 30]) + historyDay(14, [33, 57, 93, 63, 24])
    + historyDay(15, [27, 63, 87, 57, 36])

@Suite struct IntervalEngineTests {
    let engine = IntervalEngine(grid: IntervalGrid(lengthSeconds: 900), days: LocalDays(timeZone: TimeZone(identifier: "UTC")!),
                                settings: VEESettings())
    let day = april(16, 0)..<april(17, 0)
    /// Quarter hours 32..<52 are 08:00 to 13:00.
    let fiveHours = 32..<52

    @Test func fiveHourReadGapFollowsThreeLikeWeekdaysProratedToTheRegisterDelta() {
        // 10 Wh a quarter hour, and 1620 Wh in all from 08:00 to 13:00, where the reads are lost
        // (the reads at 08:00 and 13:00 themselves arrive).
        let energies = (0..<96).map { fiveHours.contains($0) ? 1620.0 / 20 : 10 }
        let reads = quarterHourReads(energies, base: 50_000, skipping: 33..<52)
        var historyCalls = 0
        let series = engine.intervals(in: day, of: ChannelData(samples: reads)) {
            historyCalls += 1
            return likeDays
        }

        // Like-day shape over the gap: 4 quarter hours x (30 + 60 + 90 + 60 + 30) = 1080 Wh;
        // prorated to the register delta 1620 Wh: x 1.5, so 45, 90, 135, 90, 45 Wh per quarter hour.
        let expected: [Double] = [30, 60, 90, 60, 30].map { $0 * 1620 / 1080 }
        #expect(series.count == 96 && historyCalls == 1)
        for q in fiveHours {
            #expect(close(series[q].energyWh, expected[q / 4 - 8]))
            #expect(series[q].quality == .estimatedReferenceDay && series[q].estimation == .likeDay)
            #expect(series[q].source == .estimate && series[q].flags.contains(.missing))
        }
        let gapTotal = series[fiveHours].reduce(0) { $0 + ($1.energyWh ?? 0) }
        #expect(abs(gapTotal - 1620) <= 1)
        // Everything else, including 07:45 and 13:00 right around the gap, is actual and valid;
        // the day (760 + 1620 = 2380 Wh against 1840 on each like day) passes the usage check.
        for q in series.indices where !fiveHours.contains(q) {
            #expect(close(series[q].energyWh, 10) && series[q].quality == .valid && series[q].flags == [])
            #expect(series[q].source == .registerReads && series[q].estimation == nil)
        }
    }

    @Test func fortyMinuteReadGapInterpolatesTheRegisterAcrossIt() {
        // Reads every 5 minutes, each 10 to 50 s off the mark; none from 10:14:30 to 10:54:30.
        let reads: [(Int, Int, Int, Double)] = [
            (9, 44, 50, 1880), (9, 50, 10, 1920), (9, 54, 40, 1960), (9, 59, 40, 2000), (10, 5, 20, 2050),
            (10, 9, 50, 2090), (10, 14, 30, 2130), (10, 54, 30, 2530), (10, 59, 40, 2570), (11, 5, 10, 2620),
            (11, 10, 20, 2665), (11, 14, 50, 2705), (11, 20, 10, 2750),
        ]
        let samples = reads.map { RegisterSample(time: april(16, $0.0, $0.1, $0.2), valueWh: $0.3) }
        var historyCalls = 0
        let series = engine.intervals(in: april(16, 9, 45)..<april(16, 11, 15), of: ChannelData(samples: samples)) {
            historyCalls += 1
            return []
        }

        // The register at each boundary, interpolated between the reads around it:
        let b0945 = 1880 + 10.0 / 320 * (1920 - 1880)  // 1881.25 (reads 320 s apart: actual)
        let b1000 = 2000 + 20.0 / 340 * (2050 - 2000)  // 2002.94 (340 s apart: actual)
        let b1015 = 2130 + 30.0 / 2400 * (2530 - 2130)  // 2135 (2400 s apart: interpolated, code 9)
        let b1030 = 2130 + 930.0 / 2400 * (2530 - 2130)  // 2285
        let b1045 = 2130 + 1830.0 / 2400 * (2530 - 2130)  // 2435
        let b1100 = 2570 + 20.0 / 330 * (2620 - 2570)  // 2573.03 (330 s apart: actual)
        let b1115 = 2705 + 10.0 / 320 * (2750 - 2705)  // 2706.41 (320 s apart: actual)
        let expected = [b1000 - b0945, b1015 - b1000, b1030 - b1015, b1045 - b1030, b1100 - b1045, b1115 - b1100]
        // = 121.69, 132.06, 150, 150, 138.03, 133.38 Wh
        #expect(series.map(\.start) == (0..<6).map { april(16, 9, 45).addingTimeInterval(Double($0) * 900) })
        for (interval, wh) in zip(series, expected) { #expect(close(interval.energyWh, wh)) }
        // 10:00 to 11:00 each have a boundary inside the 40-minute gap: code 9, from the registers.
        for interval in series[1...4] {
            #expect(interval.quality == .estimatedLinear && interval.estimation == .linearInterpolation)
            #expect(interval.source == .registerReads)
        }
        for interval in [series[0], series[5]] { #expect(interval.quality == .valid && interval.estimation == nil) }
        #expect(series.allSatisfy { $0.flags == [] })
        #expect(historyCalls == 0)  // nothing to estimate and no complete day to validate
    }

    @Test func lateMeterProfileOfAnOutageSupersedesTheEstimates() {
        // The link is down from 08:00 to 13:00; the meter records 40 Wh a quarter hour until
        // 09:00, a power-down from 09:00 to 11:00 (0 Wh, status powerDown), then 60 Wh.
        let recordedWh = (0..<20).map { k -> Double in k < 4 ? 40 : k < 12 ? 0 : 60 }  // 160 + 0 + 480 = 640 Wh
        let energies = (0..<96).map { fiveHours.contains($0) ? recordedWh[$0 - 32] : 10 }
        let reads = quarterHourReads(energies, base: 7_000, skipping: 33..<52)
        let profile = fiveHours.map { q in
            RecordedInterval(meterStart: april(16, 0).addingTimeInterval(Double(q) * 900), lengthSeconds: 900,
                             energyWh: energies[q], status: (36..<44).contains(q) ? .powerDown : [])
        }

        // First run, before the profile is read back: the gap is estimated from the like days,
        // 1080 Wh of shape prorated to the 640 Wh the register rose: x 640 / 1080.
        let first = engine.intervals(in: day, of: ChannelData(samples: reads)) { likeDays }
        let shape: [Double] = [30, 60, 90, 60, 30]
        for q in fiveHours {
            #expect(close(first[q].energyWh, shape[q / 4 - 8] * 640 / 1080))  // 17.78, 35.56, 53.33, 35.56, 17.78
            #expect(first[q].quality == .estimatedReferenceDay && first[q].source == .estimate)
        }
        #expect(abs(first[fiveHours].reduce(0) { $0 + ($1.energyWh ?? 0) } - 640) <= 1)

        // Second run, with the meter's profile: the gap is the meter's own data, the outage flagged.
        let second = engine.intervals(in: day, of: ChannelData(samples: reads, recorded: profile)) { likeDays }
        for q in fiveHours {
            #expect(second[q].energyWh == energies[q])
            #expect(second[q].source == .meterProfile && second[q].quality == .valid && second[q].estimation == nil)
            #expect(second[q].flags == ((36..<44).contains(q) ? [.outage] : []))
            // Late actual data is a new revision over the estimate; the estimate never over the actual data.
            #expect(Revisions.supersedes(second[q], latest: first[q]))
            #expect(!Revisions.supersedes(first[q], latest: second[q]))
        }
        // Around the gap nothing changed, so nothing is stored again.
        for q in second.indices where !fiveHours.contains(q) {
            #expect(second[q] == first[q] && !Revisions.supersedes(second[q], latest: first[q]))
        }
    }

    @Test func meterExchangeMidDayGivesNoNegativeAndNoGiantInterval() {
        // Meter A100 reads 98 000 Wh at midnight and rises 12 Wh a quarter hour until its last read
        // at 12:00 (98 576 Wh); it is swapped for B200, first read at 12:15 with 5 Wh, rising 20 Wh
        // a quarter hour. Naively 12:00-12:15 would be 5 - 98 576 = -98 571 Wh.
        let old = (0...48).map { q in
            RegisterSample(time: april(16, 0).addingTimeInterval(Double(q) * 900), valueWh: 98_000 + 12 * Double(q), serial: "A100")
        }
        let new = (49...96).map { q in
            RegisterSample(time: april(16, 0).addingTimeInterval(Double(q) * 900), valueWh: 5 + 20 * Double(q - 49), serial: "B200")
        }
        let series = engine.intervals(in: day, of: ChannelData(samples: new + old)) { [] }

        #expect(series.count == 96)
        #expect(series.allSatisfy { ($0.energyWh ?? -1) >= 0 && ($0.energyWh ?? .infinity) <= 20 })
        #expect(series[0..<48].allSatisfy { $0.energyWh == 12 && $0.quality == .valid })
        #expect(series[49..<96].allSatisfy { $0.energyWh == 20 && $0.quality == .valid })
        // The exchange interval has no register delta; estimation interpolates its neighbours:
        // 12 + (20 - 12) x 1 / 2 = 16 Wh, code 9.
        let exchange = series[48]
        #expect(exchange.energyWh == 16)
        #expect(exchange.quality == .estimatedLinear && exchange.estimation == .linearInterpolation && exchange.source == .estimate)
        #expect(exchange.flags == [.missing, .resetOrExchange])
        // The day: 48 x 12 + 16 + 47 x 20 = 1532 Wh.
        #expect(series.reduce(0) { $0 + ($1.energyWh ?? 0) } == 1532)
    }

    @Test func currentTransformerMultiplierIsAppliedOnce() {
        // CT 200/5 A: every Wh the meter counts on its secondary is 40 Wh on the primary.
        let multiplier = 200.0 / 5
        let values: [Double] = [1000, 1002.5, 1005.5, 1009.75, 1011.5]  // deltas 2.5, 3, 4.25, 1.75 Wh
        let reads = values.enumerated().map { RegisterSample(time: april(16, 10, 15 * $0.offset), valueWh: $0.element) }
        // The meter's own profile has 10:45 too, on the secondary side like its registers.
        let profile = [RecordedInterval(meterStart: april(16, 10, 45), lengthSeconds: 900, energyWh: 1.75)]
        let data = ChannelData(samples: reads, recorded: profile, multiplier: multiplier)
        let series = engine.intervals(in: april(16, 10)..<april(16, 11), of: data) { [] }

        // 40 x (2.5, 3, 4.25, 1.75) = 100, 120, 170, 70 Wh; not 40 x 40 x anything.
        #expect(series.map(\.energyWh) == [100, 120, 170, 70])
        #expect(series.map(\.source) == [.registerReads, .registerReads, .registerReads, .meterProfile])
        #expect(series.allSatisfy { $0.quality == .valid && $0.flags == [] })
        #expect(series.reduce(0) { $0 + ($1.energyWh ?? 0) } == 40 * (1011.5 - 1000))
    }
}
