import Foundation
import Intervals
import MeterKit
import Testing

/// An instant on 2026-03-02 (UTC).
private func at(_ hour: Int, _ minute: Int, _ second: Int = 0) -> Date {
    Date(timeIntervalSince1970: 1_772_409_600 + TimeInterval(hour * 3600 + minute * 60 + second))
}

private func close(_ value: Double?, _ expected: Double) -> Bool {
    guard let value else { return false }
    return abs(value - expected) <= 1e-9 * max(1, abs(expected))
}

@Suite struct ProfilePlacementTests {
    let quarterHours = IntervalGrid(lengthSeconds: 900)

    /// Meter intervals stamped 09:45, 10:00, 10:15 and 10:30 by the meter's clock: 150, 300, 450, 600 Wh.
    let profile = [
        RecordedInterval(meterStart: at(9, 45), lengthSeconds: 900, energyWh: 150),
        RecordedInterval(meterStart: at(10, 0), lengthSeconds: 900, energyWh: 300),
        RecordedInterval(meterStart: at(10, 15), lengthSeconds: 900, energyWh: 450),
        RecordedInterval(meterStart: at(10, 30), lengthSeconds: 900, energyWh: 600),
    ]

    private func place(_ recorded: [RecordedInterval], offsets: [(Date, TimeInterval)] = [],
                       multiplier: Double = 1) -> [Date: EnergyInterval] {
        ProfilePlacement.place(recorded, clock: offsets.map { ClockObservation(time: $0.0, offsetSeconds: $0.1) },
                               grid: quarterHours, range: at(9, 30)..<at(11, 30), multiplier: multiplier, settings: VEESettings())
    }

    @Test func aMeterThreeMinutesFastIsApportionedByOverlapAndFlagged() {
        // +180 s: meter 09:45-10:00 is 09:42-09:57 true, meter 10:00-10:15 is 09:57-10:12, and so on.
        let placed = place(profile, offsets: [(at(9, 0), 180), (at(12, 0), 180)])
        // 09:30 (only 09:42-09:45 covered) and 10:30 (only 10:30-10:42) are left out.
        #expect(placed.keys.sorted() == [at(9, 45), at(10, 0), at(10, 15)])
        #expect(close(placed[at(9, 45)]?.energyWh, 12.0 / 15 * 150 + 3.0 / 15 * 300))  // 180
        #expect(close(placed[at(10, 0)]?.energyWh, 12.0 / 15 * 300 + 3.0 / 15 * 450))  // 330
        #expect(close(placed[at(10, 15)]?.energyWh, 12.0 / 15 * 450 + 3.0 / 15 * 600))  // 480
        for interval in placed.values {
            #expect(interval.flags == [.clockError])
            #expect(interval.quality == .valid && interval.source == .meterProfile && interval.lengthSeconds == 900)
        }
    }

    @Test func aMeterTenSecondsOffIsSnappedWhole() {
        // 09:59:50 true is nearest the 10:00 slot: each interval lands in one slot, unchanged.
        let placed = place(profile, offsets: [(at(9, 0), 10)])
        #expect(placed.keys.sorted() == [at(9, 45), at(10, 0), at(10, 15), at(10, 30)])
        #expect([at(9, 45), at(10, 0), at(10, 15), at(10, 30)].map { placed[$0]?.energyWh } == [150, 300, 450, 600])
        #expect(placed.values.allSatisfy { $0.flags == [] })
    }

    @Test func noClockObservationsMeanNoOffset() {
        let placed = place(profile)
        #expect(placed[at(10, 0)]?.energyWh == 300)
        #expect(placed[at(10, 0)]?.flags == [])
    }

    @Test func aDriftingClockIsFollowedBetweenObservations() {
        // Offset 0 at 08:00, +240 s at 12:00: 1 s a minute, so 105 s at 09:45, 120 at 10:00, 135 at 10:15, 150 at 10:30.
        // Meter 10:00-10:15 is 09:58:00-10:12:45 true (885 s); meter 10:15-10:30 is 10:12:45-10:27:30 (885 s).
        let placed = place(profile, offsets: [(at(12, 0), 240), (at(8, 0), 0)])
        // Slot 10:00 gets 765 of the first's 885 s (10:00:00-10:12:45) and 135 of the second's (10:12:45-10:15:00).
        #expect(close(placed[at(10, 0)]?.energyWh, 300 * 765.0 / 885 + 450 * 135.0 / 885))  // 327.97
        #expect(placed[at(10, 0)]?.flags == [.clockError])
    }

    @Test func meterStatusBitsBecomeFlags() {
        let statuses: [IntervalStatus] = [.powerDown, .clockAdjusted, .clockInvalid, .dataNotValid, .hardwareReset, .daylightSaving]
        let recorded = statuses.enumerated().map { index, status in
            RecordedInterval(meterStart: at(10, 15 * index), lengthSeconds: 900, energyWh: 100, status: status)
        }
        let placed = place(recorded)
        let flags = (0..<statuses.count).map { placed[at(10, 15 * $0)]?.flags }
        #expect(flags == [[.outage], [.clockError], [.clockError], [.meterInvalid], [.resetOrExchange], []])
        #expect(placed.values.allSatisfy { $0.energyWh == 100 && $0.quality == .valid })
    }

    @Test func aShortAndALongIntervalAreApportionedAndFlaggedWrongLength() {
        // The meter clock was set: 10:15 runs 10 minutes, 10:25 runs 20.
        let recorded = [
            RecordedInterval(meterStart: at(10, 0), lengthSeconds: 900, energyWh: 150),
            RecordedInterval(meterStart: at(10, 15), lengthSeconds: 600, energyWh: 100),
            RecordedInterval(meterStart: at(10, 25), lengthSeconds: 1200, energyWh: 200),
            RecordedInterval(meterStart: at(10, 45), lengthSeconds: 900, energyWh: 150),
        ]
        let placed = place(recorded)
        #expect(placed[at(10, 0)]?.energyWh == 150 && placed[at(10, 0)]?.flags == [])
        #expect(close(placed[at(10, 15)]?.energyWh, 100 + 300.0 / 1200 * 200))  // all of 10:15-10:25, 5 of 20 min of 10:25-10:45
        #expect(close(placed[at(10, 30)]?.energyWh, 900.0 / 1200 * 200))  // 15 of 20 min of 10:25-10:45
        #expect(placed[at(10, 15)]?.flags == [.wrongLength] && placed[at(10, 30)]?.flags == [.wrongLength])
        #expect(placed[at(10, 45)]?.flags == [])
    }

    @Test func aDuplicateWithOtherEnergyKeepsTheFirstAndIsFlagged() {
        let recorded = [
            RecordedInterval(meterStart: at(10, 0), lengthSeconds: 900, energyWh: 150),
            RecordedInterval(meterStart: at(10, 0), lengthSeconds: 900, energyWh: 170),
            RecordedInterval(meterStart: at(10, 15), lengthSeconds: 900, energyWh: 200),
            RecordedInterval(meterStart: at(10, 15), lengthSeconds: 900, energyWh: 200),
        ]
        let placed = place(recorded)
        #expect(placed[at(10, 0)]?.energyWh == 150 && placed[at(10, 0)]?.flags == [.duplicate])
        #expect(placed[at(10, 15)]?.energyWh == 200 && placed[at(10, 15)]?.flags == [])
    }

    @Test func theMultiplierIsAppliedOnceAfterApportioning() {
        let placed = place(profile, offsets: [(at(9, 0), 180)], multiplier: 40)
        #expect(close(placed[at(10, 0)]?.energyWh, (12.0 / 15 * 300 + 3.0 / 15 * 450) * 40))  // 13200
    }

    @Test func onlySlotsInsideTheRangeAreReturned() {
        let placed = ProfilePlacement.place(profile, clock: [], grid: quarterHours, range: at(10, 0)..<at(10, 30),
                                            multiplier: 1, settings: VEESettings())
        #expect(placed.keys.sorted() == [at(10, 0), at(10, 15)])
    }
}
