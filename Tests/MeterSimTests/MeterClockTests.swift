import Foundation
import MeterKit
import Testing
@testable import MeterSim

@Suite("Meter clock")
struct MeterClockTests {
    let anchor = Fixtures.utc("2026-03-01T00:00:00Z")

    @Test("+100 ppm gains 8.64 s a day; -50 ppm loses 4.32 s")
    func drift() {
        // 86,400 s x 100e-6 = 8.64 s; 86,400 x 50e-6 = 4.32 s.
        let fast = MeterClock(anchor: anchor, initialOffset: 2, driftPPM: 100)
        #expect(abs(fast.offset(at: anchor + 86_400) - (2 + 8.64)) < 1e-6)
        #expect(abs(fast.meterTime(at: anchor + 86_400).timeIntervalSince(anchor) - 86_408.64 - 2) < 1e-6)
        let slow = MeterClock(anchor: anchor, driftPPM: -50)
        #expect(abs(slow.offset(at: anchor + 86_400) + 4.32) < 1e-6)
        #expect(abs(fast.driftPPM - 100) < 1e-6)
    }

    @Test("simTime(atMeterTime:) inverts meterTime(at:), also across settings")
    func inverse() {
        let clock = MeterClock(anchor: anchor, initialOffset: -30, driftPPM: 40)
        clock.set(to: anchor + 50_000, at: anchor + 49_000)  // forward 1,000 s (minus drift)
        clock.set(to: anchor + 70_000, at: anchor + 71_000)  // back about 2,000 s
        for sim in stride(from: -10_000.0, through: 200_000, by: 777.7) {
            let t = anchor + sim
            let m = clock.meterTime(at: t)
            let back = clock.simTime(atMeterTime: m)
            // First passage: a reading shown twice (after the backward set) maps to its first
            // occurrence, which is never later than the instant it was read.
            #expect(back <= t + 1e-6)
            #expect(abs(clock.meterTime(at: back).timeIntervalSince(m)) < 1e-6)
        }
        // A reading the forward setting jumped over maps to the instant of the setting.
        #expect(clock.simTime(atMeterTime: anchor + 49_500) == anchor + 49_000)
        #expect(clock.settings == [anchor + 49_000, anchor + 71_000])
    }

    @Test("setting the clock flags that interval; later intervals follow the new clock")
    func settingFlagsInterval() throws {
        // The clock is 37 s slow; at 10:05:00 the gateway sets it right.
        let meter = Fixtures.meter(seed: 5, clockAnchor: anchor, clockOffset: -37)
        let profile = meter.recordedProfile
        let q = { (text: String) in Fixtures.unix("2026-03-10T\(text):00Z") }
        let at = { (text: String) in Fixtures.utc("2026-03-10T\(text)Z") }
        let now = at("12:00:00")
        let before = try #require(profile.record(intervalStart: q("09:45"), at: now))
        // Meter 09:45 ... 10:00 is simulated 09:45:37 ... 10:00:37.
        #expect(Int64(before.importWh) == Fixtures.wh(meter.energy, at("10:00:37")) - Fixtures.wh(meter.energy, at("09:45:37")))

        meter.clock.set(to: at("10:05:00"), at: at("10:05:00"))
        #expect(meter.meterTime(at: at("11:00:00")) == at("11:00:00"))
        // The past is unchanged by the setting.
        #expect(profile.record(intervalStart: q("09:45"), at: now) == before)
        #expect(before.status == [])
        // The interval in which the clock was set is short (10:00:37 ... 10:15) and flagged.
        let adjusted = try #require(profile.record(intervalStart: q("10:00"), at: now))
        #expect(adjusted.status == .clockAdjusted)
        #expect(Int64(adjusted.importWh) == Fixtures.wh(meter.energy, at("10:15:00")) - Fixtures.wh(meter.energy, at("10:00:37")))
        // Later intervals align with the corrected clock.
        let after = try #require(profile.record(intervalStart: q("10:15"), at: now))
        #expect(after.status == [])
        #expect(Int64(after.importWh) == Fixtures.wh(meter.energy, at("10:30:00")) - Fixtures.wh(meter.energy, at("10:15:00")))
    }

    @Test("records still reconcile after the clock is set backwards")
    func backwardSetting() throws {
        let meter = Fixtures.meter(seed: 6, clockAnchor: anchor)
        let at = { (text: String) in Fixtures.utc("2026-03-10T\(text)Z") }
        meter.clock.set(to: at("09:52:00"), at: at("10:02:00"))  // ten minutes back
        let now = at("13:00:00")
        let q = { (text: String) in Fixtures.unix("2026-03-10T\(text):00Z") }
        // Meter 09:45-10:00 was first lived from 09:45 to 10:00 sim; meter 10:00-10:15 first
        // reached 10:00 at 10:00 sim and 10:15 at 10:25 sim: a long interval, flagged.
        let long = try #require(meter.recordedProfile.record(intervalStart: q("10:00"), at: now))
        #expect(long.status == .clockAdjusted)
        #expect(Int64(long.importWh) == Fixtures.wh(meter.energy, at("10:25:00")) - Fixtures.wh(meter.energy, at("10:00:00")))
        let sum = try #require(Fixtures.recordedSum(meter.recordedProfile, from: q("09:00"), to: q("12:00"), at: now))
        // Meter 12:00 is reached at sim 12:10.
        #expect(sum == Fixtures.wh(meter.energy, at("12:10:00")) - Fixtures.wh(meter.energy, at("09:00:00")))
    }

    @Test("intervals lived before a backward setting stay in memory")
    func memoryAfterBackwardSetting() throws {
        let meter = Fixtures.meter(seed: 6, clockAnchor: anchor)
        let at = { (text: String) in Fixtures.utc("2026-03-10T\(text)Z") }
        let q = { (text: String) in Fixtures.unix("2026-03-10T\(text):00Z") }
        meter.clock.set(to: at("09:50:00"), at: at("10:20:00"))  // half an hour back
        let now = at("10:25:00")  // the clock shows 09:55
        let profile = meter.recordedProfile
        // 10:00-10:15 was completed before the setting and is still held.
        #expect(profile.header(at: now).newestIntervalStart == q("10:00"))
        let kept = try #require(profile.record(slot: profile.slot(forIntervalStart: q("10:00")), at: now))
        #expect(kept.intervalStart == q("10:00"))
        #expect(Int64(kept.importWh) == Fixtures.wh(meter.energy, at("10:15:00")) - Fixtures.wh(meter.energy, at("10:00:00")))
        // 10:15-10:30 (in which the clock was set) completes when the clock passes 10:30 again,
        // at 11:00 simulated, as one long flagged interval.
        #expect(profile.record(intervalStart: q("10:15"), at: at("10:59:00")) == nil)
        let long = try #require(profile.record(intervalStart: q("10:15"), at: at("11:00:00")))
        #expect(long.status == .clockAdjusted)
        #expect(Int64(long.importWh) == Fixtures.wh(meter.energy, at("11:00:00")) - Fixtures.wh(meter.energy, at("10:15:00")))
    }
}
