import Foundation
import MeterKit
import Testing
@testable import MeterSim

@Suite("Load-profile memory")
struct LoadProfileMemoryTests {
    let meter = Fixtures.meter(seed: 12, loadClass: .industrial)
    let now = Fixtures.utc("2026-05-20T08:07:00Z")

    @Test("the header names the newest completed interval and a full ring")
    func header() {
        let header = meter.recordedProfile.header(at: now)
        #expect(header.newestIntervalStart == Fixtures.unix("2026-05-20T07:45:00Z"))
        #expect(header.validRecords == 6_144)
        #expect(header.capacity == 6_144 && header.intervalSeconds == 900)
    }

    @Test("the memory holds at least 60 days back, addressed by slot")
    func sixtyDaysBack() throws {
        let profile = meter.recordedProfile
        let window = Fixtures.loadProfileWindow
        let newest = Fixtures.unix("2026-05-20T07:45:00Z")
        for daysBack in [0, 1, 30, 60, 63] {
            let start = newest - Int64(daysBack) * 86_400
            let slot = window.slot(forIntervalStart: start)
            #expect(slot == profile.slot(forIntervalStart: start))
            let record = try #require(profile.record(slot: slot, at: now), "\(daysBack) days back")
            #expect(record.intervalStart == start)
            let t0 = Date(timeIntervalSince1970: Double(start))
            #expect(Int64(record.importWh) == Fixtures.wh(meter.energy, t0 + 900) - Fixtures.wh(meter.energy, t0))
        }
        // 6,144 intervals hold 64 days: the oldest record is 6,143 intervals back, and the
        // slot of the interval 6,144 back holds the newest one.
        let oldest = newest - 6_143 * 900
        #expect(profile.record(slot: window.slot(forIntervalStart: oldest), at: now)?.intervalStart == oldest)
        #expect(profile.record(slot: window.slot(forIntervalStart: newest - 6_144 * 900), at: now)?.intervalStart == newest)
        #expect(profile.record(intervalStart: newest - 6_144 * 900, at: now) == nil)
    }

    @Test("the interval in progress is not recorded yet")
    func currentIntervalAbsent() {
        let profile = meter.recordedProfile
        let current = Fixtures.unix("2026-05-20T08:00:00Z")
        #expect(profile.record(intervalStart: current, at: now) == nil)
        // Its slot still holds the interval from 64 days earlier.
        #expect(profile.record(slot: profile.slot(forIntervalStart: current), at: now)?.intervalStart == current - 6_144 * 900)
        #expect(profile.record(intervalStart: current, at: Fixtures.utc("2026-05-20T08:15:00Z")) != nil)
    }

    @Test("a meter's memory starts at the epoch")
    func memoryStartsAtEpoch() {
        let profile = meter.recordedProfile
        let early = Fixtures.utc("2020-01-01T01:00:00Z")
        // Completed by 01:00: 00:00, 00:15, 00:30, 00:45.
        #expect(profile.header(at: early).validRecords == 4)
        #expect(profile.header(at: early).newestIntervalStart == Fixtures.unix("2020-01-01T00:45:00Z"))
        #expect(profile.record(slot: profile.slot(forIntervalStart: Fixtures.unix("2020-01-01T00:15:00Z")), at: early) != nil)
        #expect(profile.record(slot: profile.slot(forIntervalStart: Fixtures.unix("2020-01-01T01:00:00Z")), at: early) == nil)
    }
}
