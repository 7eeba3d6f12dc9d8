import Foundation
import MeterKit
import Testing
@testable import MeterSim

/// A meter measures only the phases of its installation: a single-phase meter carries the
/// whole load on L1, a two-phase meter splits it over L1-L2, absent phases read zero.
@Suite("Phase count")
struct PhaseCountTests {
    let t = Fixtures.utc("2026-03-11T19:07:30Z")  // residential evening peak: plenty of load

    @Test("a single-phase meter has the whole load on L1: L1 power equals total, L2 and L3 read zero")
    func singlePhaseCarriesEverythingOnL1() throws {
        let single = Fixtures.meter(seed: 5, phases: 1)
        let twin = Fixtures.meter(seed: 5)  // same load, three phases
        func v(_ point: PointName) -> Double { single.value(of: point, at: t)! }
        #expect(v(.powerActiveTotal) > 0)
        #expect(v(.powerActiveL1) == v(.powerActiveTotal))
        #expect(v(.powerActiveTotal) == twin.value(of: .powerActiveTotal, at: t)!)
        for point in [PointName.powerActiveL2, .powerActiveL3, .voltageL2, .voltageL3, .currentL2, .currentL3] {
            #expect(v(point) == 0, "\(point)")
        }
        #expect(abs(v(.voltageL1) - 230) <= 2.3)
        // I1 = P / (V1 x PF) with residential PF 0.97; the neutral carries the same current.
        #expect(abs(v(.currentL1) - v(.powerActiveTotal) / (v(.voltageL1) * 0.97)) < 1e-12)
        #expect(abs(v(.currentNeutral) - v(.currentL1)) < 1e-12)
        // The same consumption, all on one phase: the energy registers equal the twin's.
        #expect(v(.energyImportTotal) == twin.value(of: .energyImportTotal, at: t)!)
        #expect(single.recordedProfile.record(intervalStart: Fixtures.unix("2026-03-11T18:00:00Z"), at: t)
                == twin.recordedProfile.record(intervalStart: Fixtures.unix("2026-03-11T18:00:00Z"), at: t))
    }

    @Test("an SDM120 served by a single-phase meter shows the total on its L1 power register")
    func sdm120RegisterShowsTheTotal() throws {
        let profile = try Fixtures.shipped("sdm120")
        #expect(profile.phases == 1)
        let meter = Fixtures.meter(seed: 5, phases: profile.phases ?? 3)
        let map = MeterRegisterMap(meter: meter, profile: profile)
        let words = try map.read(kind: .input, address: 0x000C, count: 2, at: t).get()
        let watts = try RegisterCodec.decode(words, as: .float32, order: .abcd)?.number
        #expect(watts == Double(Float(meter.value(of: .powerActiveTotal, at: t)!)))
    }

    @Test("a two-phase meter splits the load over L1 and L2 in the class's proportion")
    func twoPhaseSplitsOverL1AndL2() {
        let meter = Fixtures.meter(seed: 5, phases: 2)
        func v(_ point: PointName) -> Double { meter.value(of: point, at: t)! }
        let p = v(.powerActiveTotal)
        // Residential split 36/33/31 %: L1 = 0.36 / 0.69 = 52.17 %, L2 = 0.33 / 0.69 = 47.83 %.
        #expect(abs(v(.powerActiveL1) - p * 0.36 / 0.69) < 1e-9 * p)
        #expect(abs(v(.powerActiveL2) - p * 0.33 / 0.69) < 1e-9 * p)
        #expect(v(.powerActiveL3) == 0 && v(.voltageL3) == 0 && v(.currentL3) == 0)
        #expect(abs(v(.powerActiveL1) + v(.powerActiveL2) - p) < 1e-9 * p)
    }
}
