import Foundation
import Testing
@testable import MeterSim

@Suite("Performance sanity")
struct PerformanceSanityTests {
    @Test("E(t) for 500 meters at a 2026 instant (timing printed, not asserted)")
    func fiveHundredMeters() {
        let t = ISO8601DateFormatter.utc.date(from: "2026-06-15T12:34:56Z")!
        let models = (0..<500).map { EnergyModel(seed: 99, meterKey: UInt64($0), loadClass: LoadClass.allCases[$0 % 3]) }
        let clock = ContinuousClock()
        var total = 0.0
        let cold = clock.measure { for m in models { total += m.energyWh(at: t) } }
        let warm = clock.measure { for m in models { total += m.energyWh(at: t + 60) } }
        print("E(t) for 500 meters: first call (prefix sums from 2020) \(cold), cached \(warm)")
        #expect(total > 0)
    }
}
