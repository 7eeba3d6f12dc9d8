import Foundation
import MeterKit
import Testing
@testable import MeterSim

@Suite("Power outages")
struct OutageTests {
    let start = Fixtures.utc("2026-03-10T10:07:00Z")
    let end = Fixtures.utc("2026-03-10T11:52:00Z")
    var meter: SimulatedMeter { Fixtures.meter(seed: 9, outages: [start..<end]) }
    let twin = Fixtures.meter(seed: 9)  // same meter without the outage
    let now = Fixtures.utc("2026-03-11T00:00:00Z")

    @Test("energy stops during the outage and the lost energy is exactly the planned one")
    func energyStops() {
        let m = meter.energy
        let frozen = m.energyWh(at: start)
        #expect(m.energyWh(at: start + 1) == frozen)
        #expect(m.energyWh(at: Fixtures.utc("2026-03-10T11:00:00Z")) == frozen)
        #expect(m.energyWh(at: end - 0.001) == frozen)
        #expect(m.energyWh(at: end + 600) > frozen)
        // Before the outage the two meters agree; after it they differ by what the twin
        // consumed during [start, end).
        #expect(m.energyWh(at: start) == twin.energy.energyWh(at: start))
        let lost = twin.energy.energyWh(at: end) - twin.energy.energyWh(at: start)
        let later = Fixtures.utc("2026-03-10T15:00:00Z")
        #expect(abs((twin.energy.energyWh(at: later) - m.energyWh(at: later)) - lost) < 1e-6)
        #expect(lost > 0)
    }

    @Test("the meter is powered down inside the window only, and measures nothing")
    func poweredDown() {
        let m = meter
        #expect(!m.isPoweredDown(at: start - 1))
        #expect(m.isPoweredDown(at: start))
        #expect(m.isPoweredDown(at: end - 1))
        #expect(!m.isPoweredDown(at: end))
        let inside = start + 3_000
        for point in [PointName.voltageL1, .voltageL2L3, .currentL2, .powerActiveTotal, .powerReactiveTotal, .frequency] {
            #expect(m.value(of: point, at: inside) == 0, "\(point)")
        }
        #expect(m.value(of: .voltageL1, at: end + 1)! > 220)
    }

    @Test("intervals overlapping the outage are flagged power-down and still reconcile")
    func recordsFlagged() throws {
        let profile = meter.recordedProfile
        let q = { (text: String) in Fixtures.unix("2026-03-10T\(text):00Z") }
        // 10:00 ... 11:45 overlap [10:07, 11:52): eight intervals.
        for start in stride(from: q("10:00"), through: q("11:45"), by: 900) {
            let record = try #require(profile.record(intervalStart: start, at: now))
            #expect(record.status == .powerDown)
        }
        #expect(profile.record(intervalStart: q("09:45"), at: now)?.status == [])
        #expect(profile.record(intervalStart: q("12:00"), at: now)?.status == [])
        // A quarter hour entirely inside the outage recorded nothing.
        #expect(profile.record(intervalStart: q("10:30"), at: now)?.importWh == 0)
        // The 10:00 interval holds only the 7 minutes before the outage.
        let partial = try #require(profile.record(intervalStart: q("10:00"), at: now))
        let expected = twin.energy.energyWh(at: start) - twin.energy.energyWh(at: Date(timeIntervalSince1970: Double(q("10:00"))))
        #expect(abs(Double(partial.importWh) - expected) <= 1)
        let sum = try #require(Fixtures.recordedSum(profile, from: q("09:00"), to: q("13:00"), at: now))
        #expect(sum == Fixtures.wh(meter.energy, Fixtures.utc("2026-03-10T13:00:00Z"))
            - Fixtures.wh(meter.energy, Fixtures.utc("2026-03-10T09:00:00Z")))
    }

    @Test("overlapping outage windows are merged, not subtracted twice")
    func overlappingWindows() {
        let split = Fixtures.meter(seed: 9, outages: [start..<start + 3_000, start + 1_000..<end])
        let later = Fixtures.utc("2026-03-10T15:00:00Z")
        #expect(split.energy.outages == [start..<end])
        #expect(split.energy.energyWh(at: later) == meter.energy.energyWh(at: later))
    }
}
