import Foundation
import MeterKit
import Testing
@testable import MeterSim

/// Each installation mistake changes exactly the readings it should, compared with a
/// correctly installed twin (same seed and unit, so the same true load).
@Suite("Wiring faults")
struct WiringFaultTests {
    let t = Fixtures.utc("2026-03-11T19:07:30Z")
    let twin = Fixtures.meter(seed: 5)

    func v(_ meter: SimulatedMeter, _ point: PointName) -> Double { meter.value(of: point, at: t)! }

    @Test("a reversed CT on phase 2 makes only phase 2's power and power factor negative")
    func reversedCTOnPhase2() {
        let meter = Fixtures.meter(seed: 5, wiring: WiringFaults(reversedCTPhases: [2]))
        #expect(v(meter, .powerActiveL2) == -v(twin, .powerActiveL2))
        #expect(v(meter, .powerActiveL2) < 0)
        #expect(v(meter, .powerFactorL2) == -0.97)  // residential PF, flipped
        for point in [PointName.powerActiveL1, .powerActiveL3, .powerFactorL1, .powerFactorL3,
                      .currentL1, .currentL2, .currentL3, .voltageL1, .voltageL2, .voltageL3, .frequency] {
            #expect(v(meter, point) == v(twin, point), "\(point)")
        }
        // Total = P1 - P2 + P3 = (0.36 - 0.33 + 0.31) P = 0.34 P.
        let p = v(twin, .powerActiveTotal)
        #expect(abs(v(meter, .powerActiveTotal) - (v(meter, .powerActiveL1) + v(meter, .powerActiveL2) + v(meter, .powerActiveL3))) < 1e-9 * p)
        #expect(abs(v(meter, .powerActiveTotal) - 0.34 * p) < 1e-9 * p)
        // Energy registers and recorded intervals count what the meter measures: 0.34 x true.
        #expect(abs(v(meter, .energyImportTotal) - 0.34 * v(twin, .energyImportTotal)) < 1e-9 * v(twin, .energyImportTotal))
        #expect(v(meter, .energyExportTotal) == 0)
        let start = Fixtures.unix("2026-03-11T18:00:00Z")
        let record = meter.recordedProfile.record(intervalStart: start, at: t)
        let e0 = meter.energy.energyWh(at: Date(timeIntervalSince1970: Double(start)))
        let e1 = meter.energy.energyWh(at: Date(timeIntervalSince1970: Double(start + 900)))
        let k = meter.measurement.importGain
        #expect(abs(k - 0.34) < 1e-12)
        let expected = (k * e1).rounded(.toNearestOrAwayFromZero) - (k * e0).rounded(.toNearestOrAwayFromZero)
        #expect(record.map { Double($0.importWh) } == expected)
        #expect(record?.exportWh == 0)
    }

    @Test("when reversed CTs carry most of the load, import stops and export counts")
    func reversedMajorityCountsExport() {
        // Phases 1 and 2 reversed: total = (-0.36 - 0.33 + 0.31) P = -0.38 P.
        let meter = Fixtures.meter(seed: 5, wiring: WiringFaults(reversedCTPhases: [1, 2]))
        let p = v(twin, .powerActiveTotal)
        #expect(abs(v(meter, .powerActiveTotal) + 0.38 * p) < 1e-9 * p)
        #expect(v(meter, .energyImportTotal) == 0)
        #expect(v(meter, .energyImportTotal) == meter.value(of: .energyImportTotal, at: t + 86_400))
        #expect(abs(v(meter, .energyExportTotal) - 0.38 * v(twin, .energyImportTotal)) < 1e-9 * v(twin, .energyImportTotal))
        #expect(v(meter, .powerFactorTotal) < 0)
        let record = meter.recordedProfile.record(intervalStart: Fixtures.unix("2026-03-11T18:00:00Z"), at: t)
        #expect(record?.importWh == 0 && (record?.exportWh ?? 0) > 0)
    }

    @Test("a missing phase 3 reads 0 V, 0 A, 0 W and the registers miss its share")
    func missingPhase3() {
        let meter = Fixtures.meter(seed: 5, wiring: WiringFaults(missingPhases: [3]))
        #expect(v(meter, .voltageL3) == 0 && v(meter, .currentL3) == 0 && v(meter, .powerActiveL3) == 0)
        for point in [PointName.voltageL1, .voltageL2, .currentL1, .currentL2, .powerActiveL1, .powerActiveL2, .powerFactorL1] {
            #expect(v(meter, point) == v(twin, point), "\(point)")
        }
        // Total = P1 + P2 = (0.36 + 0.33) P = 0.69 P; energy likewise.
        let p = v(twin, .powerActiveTotal)
        #expect(abs(v(meter, .powerActiveTotal) - 0.69 * p) < 1e-9 * p)
        #expect(abs(v(meter, .energyImportTotal) - 0.69 * v(twin, .energyImportTotal)) < 1e-9 * v(twin, .energyImportTotal))
        #expect(v(meter, .powerFactorTotal) == 0.97)  // the phases it sees are fine
    }

    @Test("a meter programmed with CT ratio 200 on a 100:1 CT reports 200 and reads twice the truth")
    func programmedCTRatio() throws {
        let meter = Fixtures.meter(seed: 5, ctRatio: 100, wiring: WiringFaults(programmedCTRatio: 200))
        let right = Fixtures.meter(seed: 5, ctRatio: 100)
        #expect(v(meter, .ctRatio) == 200 && v(right, .ctRatio) == 100)
        // Values scale by programmed / installed = 200 / 100 = 2; voltages do not.
        for point in [PointName.currentL1, .currentL3, .powerActiveL2, .powerActiveTotal, .powerApparentTotal,
                      .energyImportTotal, .demandActiveTotal] {
            #expect(abs(v(meter, point) - 2 * v(right, point)) < 1e-9 * abs(v(right, point)), "\(point)")
        }
        #expect(v(meter, .voltageL1) == v(right, .voltageL1) && v(meter, .powerFactorTotal) == 0.97)
        // Through the metergate-sim profile: ct.ratio is a u16 at holding 0x0300.
        let map = MeterRegisterMap(meter: meter, profile: try Fixtures.shipped("metergate-sim"))
        #expect(try map.read(kind: .holding, address: 0x0300, count: 1, at: t).get() == [200])
    }

    @Test("a clock-offset fault of +90 s puts the meter clock 90 s ahead at the start")
    func clockOffset() throws {
        let anchor = Fixtures.utc("2026-03-11T00:00:00Z")
        var configurations = MeterFleet.configurations(seed: 5, addresses: [5], clockAnchor: anchor, maxDriftPPM: 0, maxInitialOffset: 5)
        try SetupFault.apply([try SetupFault(parsing: "5:clock-offset=+90")], to: &configurations)
        let meter = try #require(MeterFleet(seed: 5, configurations: configurations).meter(at: 5))
        #expect(meter.clock.offset(at: anchor) == 90)
        // The metergate-sim clock register (u32 ABCD at 0x0020) reads true time + 90 s.
        let map = MeterRegisterMap(meter: meter, profile: try Fixtures.shipped("metergate-sim"))
        let words = try map.read(kind: .holding, address: 0x0020, count: 2, at: anchor + 600).get()
        #expect(try RegisterCodec.decode(words, as: .u32, order: .abcd) == .unsigned(UInt64(Fixtures.unix("2026-03-11T00:11:30Z"))))
    }
}
