import Foundation
import MeterKit
import Testing
@testable import MeterSim

@Suite("Instantaneous values")
struct InstantaneousValuesTests {
    let meter = Fixtures.meter(seed: 8, loadClass: .commercial, ctRatio: 40)
    let t = Fixtures.utc("2026-03-11T10:07:30Z")

    func v(_ point: PointName, _ at: Date? = nil) -> Double { meter.value(of: point, at: at ?? t)! }

    @Test("voltages, frequency and ratios are within their nominal bands")
    func nominalBands() {
        for point in [PointName.voltageL1, .voltageL2, .voltageL3] {
            #expect(abs(v(point) - 230) <= 2.3)  // ±1 %
        }
        let root3 = 3.0.squareRoot()
        #expect(abs(v(.voltageL1L2) - (v(.voltageL1) + v(.voltageL2)) / 2 * root3) < 1e-9)
        #expect(abs(v(.voltageL3L1) - 230 * root3) <= 2.3 * root3)
        #expect(abs(v(.frequency) - 50) <= 0.02)
        #expect(v(.ctRatio) == 40 && v(.ptRatio) == 1)
        // Constant within a minute, keyed by the minute.
        #expect(v(.voltageL1, Fixtures.utc("2026-03-11T10:07:01Z")) == v(.voltageL1))
        let minutes = (0..<20).map { v(.voltageL2, t + Double($0) * 60) }
        #expect(Set(minutes).count > 15)
    }

    @Test("powers, currents and power factor are mutually consistent")
    func consistentPowers() {
        let pf = 0.92  // commercial
        let p = v(.powerActiveTotal)
        #expect(p > 0)
        #expect(abs(v(.powerActiveL1) + v(.powerActiveL2) + v(.powerActiveL3) - p) < 1e-9 * p)
        #expect(abs(v(.powerActiveL1) - 0.345 * p) < 1e-9 * p)
        #expect(abs(v(.powerApparentTotal) - p / pf) < 1e-9 * p)
        // tan(acos 0.92) = sqrt(1 - 0.8464) / 0.92 = 0.39192 / 0.92 = 0.42600.
        #expect(abs(v(.powerReactiveTotal) / p - 0.426_00) < 1e-5)
        #expect(v(.powerFactorTotal) == pf && v(.powerFactorL2) == pf)
        #expect(abs(v(.currentL1) - v(.powerActiveL1) / (v(.voltageL1) * pf)) < 1e-12 * p)
        #expect(v(.currentNeutral) >= 0 && v(.currentNeutral) < v(.currentL1))
        // Registers: total = import + export; kvarh = kWh x tan(phi).
        #expect(v(.energyExportTotal) == 0)
        #expect(v(.energyTotal) == v(.energyImportTotal))
        #expect(abs(v(.energyReactiveTotal) - v(.energyImportTotal) * 0.426_00) < 1e-5 * v(.energyImportTotal))
    }

    @Test("demand is the last completed quarter hour's average; max demand the month's largest")
    func demand() {
        let e = meter.energy
        let q0 = Fixtures.utc("2026-03-11T09:45:00Z"), q1 = Fixtures.utc("2026-03-11T10:00:00Z")
        // Average W of 09:45-10:00 = Wh x 60/15.
        #expect(abs(v(.demandActiveTotal) - (e.energyWh(at: q1) - e.energyWh(at: q0)) * 4) < 1e-6)
        // Brute force over every completed interval since 1 March 00:00.
        let monthStart = Fixtures.utc("2026-03-01T00:00:00Z")
        var largest = 0.0
        var a = monthStart
        while a + 900 <= t {
            largest = max(largest, (e.energyWh(at: a + 900) - e.energyWh(at: a)) * 4)
            a += 900
        }
        #expect(abs(v(.demandActiveMax) - largest) < 1e-6)
        #expect(v(.demandActiveMax) >= v(.demandActiveTotal))
        // In the first quarter hour of a month nothing has completed yet.
        #expect(v(.demandActiveMax, monthStart + 300) == 0)
    }

    @Test("max demand ignores the energy an outage prevented")
    func demandWithOutage() {
        let outage = Fixtures.utc("2026-03-02T11:05:00Z")..<Fixtures.utc("2026-03-02T14:00:00Z")
        let m = Fixtures.meter(seed: 8, loadClass: .commercial, outages: [outage])
        let at = Fixtures.utc("2026-03-02T16:00:00Z")
        var largest = 0.0
        var a = Fixtures.utc("2026-03-01T00:00:00Z")
        while a + 900 <= at {
            largest = max(largest, (m.energy.energyWh(at: a + 900) - m.energy.energyWh(at: a)) * 4)
            a += 900
        }
        #expect(abs(m.value(of: .demandActiveMax, at: at)! - largest) < 0.01)  // outage intervals are rounded to mWh
    }
}
