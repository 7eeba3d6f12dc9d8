import Foundation
import MeterKit
import Testing
@testable import MeterSim

/// A meter impersonating a SunSpec profile serves the chain a real device has, at the
/// standard addresses (domain brief section 7): marker 40000, common model 40002 (length
/// 66, body 40004-40069), meter model 40070, its body from 40072, then the end model.
@Suite("SunSpec chain")
struct SunSpecChainTests {
    let meter = Fixtures.meter(unit: 12, seed: 42, loadClass: .residential)
    let t = Fixtures.utc("2026-03-11T14:22:10Z")

    func read(_ map: MeterRegisterMap, _ address: UInt16, _ count: Int) throws -> [UInt16] {
        try map.read(kind: .holding, address: address, count: count, at: t).get()
    }

    func text(_ map: MeterRegisterMap, _ address: UInt16, _ registers: Int) throws -> RegisterValue? {
        try RegisterCodec.decode(try read(map, address, registers), as: .ascii(registers: registers), order: .abcd)
    }

    /// A model 213 (float, length 124) profile in model offsets, a few points as in
    /// devices/sunspec-213.yaml, so this suite does not depend on that file's details.
    static func float213() -> DeviceProfile {
        func f(_ name: PointName, _ offset: UInt16, _ unit: MeasurementUnit) -> PointDefinition {
            PointDefinition(name: name, location: RegisterLocation(kind: .holding, address: offset, type: .float32), unit: unit)
        }
        return DeviceProfile(
            id: "sunspec-213", manufacturer: "SunSpec", model: "213",
            points: [f(.currentL1, 4, .ampere), f(.voltageL1, 12, .volt), f(.powerActiveTotal, 28, .watt),
                     f(.energyImportTotal, 68, .wattHour)],
            phases: 3, sunSpec: SunSpecBinding(model: 213, length: 124))
    }

    @Test("the integer model 203 chain: marker, common model, model header, body, end model")
    func integerChainLayout() throws {
        let map = MeterRegisterMap(meter: meter, profile: try Fixtures.shipped("sunspec-203"))
        #expect(try read(map, 40000, 2) == [0x5375, 0x6E53])  // "SunS"
        #expect(try read(map, 40002, 2) == [1, 66])
        // Common model: Mn 40002+2, Md +18, Opt +34, Vr +42, SN +50, DA +66, pad +67.
        #expect(try text(map, 40004, 16) == .text("SunSpec"))
        #expect(try text(map, 40020, 16) == .text("203"))
        #expect(try read(map, 40036, 8) == Array(repeating: 0, count: 8))  // Opt: empty, all NUL
        #expect(try text(map, 40044, 8) == .text("1.04"))
        #expect(try text(map, 40052, 16) == .text(meter.serialNumber))
        #expect(try read(map, 40068, 2) == [12, 0x8000])  // DA = unit id, then the pad register
        // "SunSpec" packs two characters a register, NUL padded: 'S''u' = 0x5375 ... 'c' NUL.
        #expect(try read(map, 40004, 5) == [0x5375, 0x6E53, 0x7065, 0x6300, 0x0000])
        #expect(try read(map, 40070, 2) == [203, 105])
        // The body is 105 registers, 40072 ... 40176: one read takes all of it.
        let body = try read(map, 40072, 105)
        #expect(body.count == 105)
        // A (offset 2), PhV (7) and PPV (11) are not mapped: 0x8000. Evt (105-106) is 0, 0.
        #expect(body[0] == 0x8000 && body[5] == 0x8000 && body[9] == 0x8000)
        #expect(Array(body[103...104]) == [0, 0])
        #expect(try read(map, 40177, 2) == [0xFFFF, 0])
        // The whole chain from the marker is readable in two requests.
        #expect(try read(map, 40000, 125).count == 125)
        #expect(try read(map, 40125, 54).count == 54)  // 40125 ... 40178
    }

    @Test("every unmapped register of the integer body reads 0x8000, mapped ones their values")
    func integerSentinels() throws {
        let profile = try #require(try Fixtures.shipped("sunspec-203").placed(at: SunSpec.standardPlacement()))
        let map = MeterRegisterMap(meter: meter, profile: try Fixtures.shipped("sunspec-203"))
        var mapped = Set<Int>()
        for point in profile.points {
            mapped.formUnion(Int(point.location.address)..<point.location.endAddress)
            if case .powerOfTen(let register, _) = point.scale { mapped.insert(Int(register)) }
        }
        let body = try read(map, 40072, 105)
        for address in 40072..<40175 where !mapped.contains(address) {
            #expect(body[address - 40072] == 0x8000, "register \(address)")
        }
        // Voltage L1 at offset 8 is a measurement, not the sentinel.
        #expect(body[40078 - 40072] != 0x8000)
    }

    @Test("the float model 213 chain fills unmapped slots with NaN pairs and ends after 124 registers")
    func floatChainLayout() throws {
        let map = MeterRegisterMap(meter: meter, profile: Self.float213())
        #expect(try read(map, 40000, 4) == [0x5375, 0x6E53, 1, 66])
        #expect(try text(map, 40020, 16) == .text("213"))
        #expect(try read(map, 40070, 2) == [213, 124])
        let body = try read(map, 40072, 124)  // 40072 ... 40195
        #expect(body.count == 124)
        // Slots start at offset 2: A (offset 2-3) and PhV (10-11) are NaN 0x7FC0 0x0000.
        #expect(Array(body[0...1]) == [0x7FC0, 0x0000])
        #expect(Array(body[8...9]) == [0x7FC0, 0x0000])
        // Mapped: AphA at offset 4 decodes to the meter's current.
        let current = try RegisterCodec.decode(Array(body[2...3]), as: .float32, order: .abcd)?.number
        #expect(current == Double(Float(meter.value(of: .currentL1, at: t)!)))
        // Every unmapped register follows the pattern: even offsets 0x7FC0, odd 0x0000.
        let mapped: Set<Int> = [4, 5, 12, 13, 28, 29, 68, 69]
        for offset in 2..<124 where !mapped.contains(offset) {
            #expect(body[offset - 2] == (offset % 2 == 0 ? 0x7FC0 : 0x0000), "offset \(offset)")
        }
        #expect(Array(body[122...123]) == [0, 0])  // Evt, offsets 124-125: no events
        #expect(try read(map, 40196, 2) == [0xFFFF, 0])
    }

    @Test("reads outside the chain still get exception 02")
    func outsideTheChain() throws {
        let map = MeterRegisterMap(meter: meter, profile: try Fixtures.shipped("sunspec-203"))
        #expect(map.read(kind: .holding, address: 39_999, count: 2, at: t).error == .illegalDataAddress)
        #expect(map.read(kind: .holding, address: 40_179, count: 1, at: t).error == .illegalDataAddress)
        #expect(map.read(kind: .holding, address: 40_177, count: 3, at: t).error == .illegalDataAddress)  // past the end model
        // The model offsets themselves are not addresses once placed.
        #expect(map.read(kind: .holding, address: 8, count: 1, at: t).error == .illegalDataAddress)
        #expect(map.read(kind: .input, address: 40_000, count: 2, at: t).error == .illegalDataAddress)
        #expect(map.write(address: 40_078, values: [1], at: t).error == .illegalDataAddress)
    }
}
