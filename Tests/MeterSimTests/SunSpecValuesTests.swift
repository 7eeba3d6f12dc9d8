import Foundation
import MeterKit
import Testing
@testable import MeterSim

/// What a gateway decodes from an emulated SunSpec meter through the profile, placed where
/// the chain says, equals the meter's own values to the resolution the meter publishes.
@Suite("SunSpec values through the profile")
struct SunSpecValuesTests {
    let meter = Fixtures.meter(unit: 12, seed: 42, loadClass: .residential)
    let t = Fixtures.utc("2026-03-11T14:22:10Z")

    /// Reads and decodes a point as the gateway does: registers -> codec -> scale factor
    /// -> unit conversion to the canonical unit.
    func decoded(_ name: PointName, _ profile: DeviceProfile, _ map: MeterRegisterMap) throws -> Double? {
        let point = try #require(profile.point(name))
        let location = point.location
        let words = try map.read(kind: location.kind, address: location.address, count: location.type.registerCount, at: t).get()
        guard let raw = try RegisterCodec.decode(words, as: location.type, order: location.order)?.number else { return nil }
        var exponent: Int16?
        if case .powerOfTen(let register, let kind) = point.scale {
            let factor = try map.read(kind: kind, address: register, count: 1, at: t).get()
            if case .signed(let e)? = try RegisterCodec.decode(factor, as: .i16, order: .abcd) { exponent = Int16(e) }
        }
        return point.scale.apply(to: raw, exponent: exponent).map { $0 * point.unit.factor(to: name.canonicalUnit) }
    }

    func exponent(_ map: MeterRegisterMap, _ address: UInt16) throws -> RegisterValue? {
        try RegisterCodec.decode(try map.read(kind: .holding, address: address, count: 1, at: t).get(), as: .i16, order: .abcd)
    }

    @Test("model 203 values decode to the meter's voltage, power, power factor and Wh energy")
    func integerModelValues() throws {
        let shipped = try Fixtures.shipped("sunspec-203")
        let map = MeterRegisterMap(meter: meter, profile: shipped)
        let profile = try #require(shipped.placed(at: SunSpec.standardPlacement()))
        // V_SF at 40070 + 15: a 253 V rating x 10 = 2,530 fits an i16, so 0.1 V steps.
        #expect(try exponent(map, 40085) == .signed(-1))
        let volts = try #require(try decoded(.voltageL1, profile, map))
        #expect(abs(volts - meter.value(of: .voltageL1, at: t)!) <= 0.05 + 1e-9)
        #expect((227.7...232.3).contains(volts))  // 230 V ± 1 %
        // W_SF at +22: residential rating 10 kWh/day x 0.7-1.3 x 1000 / 24 x 4 = 1,167-2,167 W
        // fits an i16 in whole W, so W_SF = 0 and the register is the power rounded.
        #expect(try exponent(map, 40092) == .signed(0))
        let watts = try #require(try decoded(.powerActiveTotal, profile, map))
        #expect(abs(watts - meter.value(of: .powerActiveTotal, at: t)!) <= 0.5)
        #expect(watts > 0)
        // PF in percent with PF_SF at +37: the preferred 10^-3 gives 100 % -> 100,000, too big
        // for an i16, so 10^-2: residential PF 0.97 is 97.00 % = 9,700 -> 0.97.
        #expect(try exponent(map, 40107) == .signed(-2))
        #expect(abs(try #require(try decoded(.powerFactorL2, profile, map)) - 0.97) < 1e-12)
        // TotWhImp (acc32 at +46) in Wh with TotWh_SF (+54) = 0: an initial register of at
        // most 50,000 kWh plus six years is far below 2^32 Wh = 4,295 MWh.
        #expect(try exponent(map, 40124) == .signed(0))
        let kWh = try #require(try decoded(.energyImportTotal, profile, map))
        #expect(kWh == (meter.energy.registerWh(at: t).rounded(.toNearestOrAwayFromZero)) / 1_000)
    }

    @Test("model 213 float values decode to the meter's values rounded to float32")
    func floatModelValues() throws {
        let code = SunSpecChainTests.float213()
        let map = MeterRegisterMap(meter: meter, profile: code)
        let profile = try #require(code.placed(at: SunSpec.standardPlacement()))
        #expect(try decoded(.voltageL1, profile, map) == Double(Float(meter.value(of: .voltageL1, at: t)!)))
        #expect(try decoded(.powerActiveTotal, profile, map) == Double(Float(meter.value(of: .powerActiveTotal, at: t)!)))
        // Energy in Wh as float32: kWh x 1000 rounded to float32, back to kWh.
        let wh = meter.value(of: .energyImportTotal, at: t)! * 1_000
        #expect(try decoded(.energyImportTotal, profile, map) == Double(Float(wh)) / 1_000)
    }

    @Test("the served profile is the placed one, so its addresses are the chain's")
    func servedProfileIsPlaced() throws {
        let map = MeterRegisterMap(meter: meter, profile: try Fixtures.shipped("sunspec-203"))
        #expect(!map.profile.needsPlacement)
        #expect(map.profile.sunSpec?.placement == SunSpecPlacement(commonModel: 40002, meterModel: 40070))
        #expect(map.profile.point(.voltageL1)?.location.address == 40078)  // 40070 + 8
    }
}
