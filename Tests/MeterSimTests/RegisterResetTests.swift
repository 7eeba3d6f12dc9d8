import Foundation
import MeterKit
import Testing
@testable import MeterSim

@Suite("Register reset")
struct RegisterResetTests {
    let reset = Fixtures.utc("2026-04-02T13:20:00Z")
    var meter: SimulatedMeter { Fixtures.meter(seed: 31, resets: [reset]) }
    let now = Fixtures.utc("2026-04-03T00:00:00Z")

    @Test("the register restarts from zero while true consumption carries on")
    func restartsFromZero() {
        let m = meter.energy
        #expect(m.registerWh(at: reset - 1) > 1_000_000)  // the initial register is >= 1,000 kWh
        #expect(m.registerWh(at: reset) == 0)
        let hourLater = reset + 3_600
        #expect(m.registerWh(at: hourLater) == m.energyWh(at: hourLater) - m.energyWh(at: reset))
        #expect(m.registerWh(at: hourLater) > 0)
        // True consumption is not affected by the reset.
        let twin = Fixtures.meter(seed: 31)
        #expect(m.energyWh(at: hourLater) == twin.energy.energyWh(at: hourLater))
        // The kWh point shows the small post-reset value (a residential hour is well under 5 kWh).
        let kWh = meter.value(of: .energyImportTotal, at: hourLater)!
        #expect(kWh > 0 && kWh < 5)
        #expect(abs(kWh * 1_000 - m.registerWh(at: hourLater)) < 1e-6)
    }

    @Test("intervals stay positive and the one containing the reset is flagged")
    func intervalsFlagged() throws {
        let profile = meter.recordedProfile
        let q = { (text: String) in Fixtures.unix("2026-04-02T\(text):00Z") }
        let during = try #require(profile.record(intervalStart: q("13:15"), at: now))
        #expect(during.status == .hardwareReset)
        #expect(during.importWh > 0)
        for start in [q("13:00"), q("13:30")] {
            let record = try #require(profile.record(intervalStart: start, at: now))
            #expect(record.status == [])
            #expect(record.importWh > 0)
        }
        // Across the reset the records reconcile with the true consumption, not the register.
        let sum = try #require(Fixtures.recordedSum(profile, from: q("12:00"), to: q("15:00"), at: now))
        #expect(sum == Fixtures.wh(meter.energy, Fixtures.utc("2026-04-02T15:00:00Z"))
            - Fixtures.wh(meter.energy, Fixtures.utc("2026-04-02T12:00:00Z")))
    }
}
