import Foundation
import MeterKit
import Testing
@testable import MeterSim

@Suite("Meter register map")
struct MeterRegisterMapTests {
    let meter = Fixtures.meter(seed: 21, loadClass: .commercial)
    let t = Fixtures.utc("2026-03-11T14:22:10Z")
    var eastron: MeterRegisterMap { MeterRegisterMap(meter: meter, profile: Fixtures.eastron()) }

    func float32(_ words: [UInt16]) -> Double? {
        try? RegisterCodec.decode(words, as: .float32, order: .abcd)?.number
    }

    @Test("an unmapped address is exception 02; a bad count is exception 03")
    func exceptions() {
        let map = eastron
        #expect(map.read(kind: .input, address: 0x0100, count: 2, at: t).error == .illegalDataAddress)
        #expect(RegisterAccessError.illegalDataAddress.exceptionCode == 0x02)
        // 0x0012 ... 0x0033 is a gap in the map: a read across it fails as a whole.
        #expect(map.read(kind: .input, address: 0x0010, count: 6, at: t).error == .illegalDataAddress)
        // The same address in the other table is a different register.
        #expect(map.read(kind: .holding, address: 0x0000, count: 2, at: t).error == .illegalDataAddress)
        #expect(map.read(kind: .input, address: 0x0000, count: 0, at: t).error == .illegalDataValue)
        #expect(map.read(kind: .input, address: 0x0000, count: 126, at: t).error == .illegalDataValue)
        #expect(map.read(kind: .input, address: 0xFFFF, count: 2, at: t).error == .illegalDataAddress)
        #expect(RegisterAccessError.illegalDataValue.exceptionCode == 0x03)
    }

    @Test("a float32 point decodes back to the model's value")
    func float32RoundTrip() throws {
        let words = try eastron.read(kind: .input, address: 0x0034, count: 2, at: t).get()
        let power = try #require(meter.value(of: .powerActiveTotal, at: t))
        #expect(float32(words) == Double(Float(power)))
        let energy = try eastron.read(kind: .input, address: 0x0048, count: 2, at: t).get()
        #expect(float32(energy) == Double(Float(meter.energy.registerWh(at: t) / 1_000)))
        // A read of V1 ... L1 current in one go gives the same words as separate reads.
        let block = try eastron.read(kind: .input, address: 0x0000, count: 8, at: t).get()
        #expect(Array(block[6..<8]) == (try eastron.read(kind: .input, address: 0x0006, count: 2, at: t).get()))
        #expect(abs(float32(Array(block[0..<2]))! - meter.value(of: .voltageL1, at: t)!) < 1e-4)
    }

    @Test("a read may start or end inside a multi-register value")
    func partialValues() throws {
        let whole = try eastron.read(kind: .input, address: 0x0000, count: 4, at: t).get()
        #expect(try eastron.read(kind: .input, address: 0x0001, count: 2, at: t).get() == Array(whole[1..<3]))
    }

    @Test("identification and the clock are served from their locations")
    func identificationAndClock() throws {
        let serial = try eastron.read(kind: .holding, address: 0xFC00, count: 2, at: t).get()
        #expect(try RegisterCodec.decode(serial, as: .u32, order: .abcd) == .unsigned(UInt64(meter.serialNumber)!))
        let clock = try eastron.read(kind: .holding, address: 0x1000, count: 2, at: t).get()
        #expect(try RegisterCodec.decode(clock, as: .u32, order: .abcd) == .unsigned(UInt64(t.timeIntervalSince1970)))

        let sunSpec = MeterRegisterMap(meter: meter, profile: Fixtures.sunSpec())
        let text = try sunSpec.read(kind: .holding, address: 40052, count: 16, at: t).get()
        #expect(try RegisterCodec.decode(text, as: .ascii(registers: 16), order: .abcd) == .text(meter.serialNumber))
        let maker = try sunSpec.read(kind: .holding, address: 40004, count: 16, at: t).get()
        #expect(try RegisterCodec.decode(maker, as: .ascii(registers: 16), order: .abcd) == .text("Acme"))
    }

    @Test("a meter reports the identification its profile's probe expects, so a bus scan recognises it")
    func probeIdentification() throws {
        // SDM630 meter code 0x0070 = 112, SDM120 0x0020 = 32 (Eastron protocol tables).
        for (stem, code) in [("sdm630", UInt16(0x0070)), ("sdm120", 0x0020)] {
            let profile = try Fixtures.shipped(stem)
            #expect(profile.probe == .identification(.model, equals: String(code)))
            let map = MeterRegisterMap(meter: meter, profile: profile)
            #expect(try map.read(kind: .holding, address: 0xFC02, count: 1, at: t).get() == [code])
        }
        // A text probe: metergate-sim's ascii model register reads "SIM-3P".
        let sim = MeterRegisterMap(meter: meter, profile: try Fixtures.shipped("metergate-sim"))
        #expect(try RegisterCodec.decode(try sim.read(kind: .holding, address: 0x0008, count: 8, at: t).get(),
                                         as: .ascii(registers: 8), order: .abcd) == .text("SIM-3P"))
    }

    @Test("writing the whole clock value sets the meter clock; other writes are refused")
    func clockWrites() throws {
        let map = eastron
        let target = UInt32(t.timeIntervalSince1970) + 3_600
        #expect(map.write(address: 0x1000, values: [UInt16(target >> 16), UInt16(target & 0xFFFF)], at: t).value != nil)
        #expect(meter.meterTime(at: t) == Date(timeIntervalSince1970: Double(target)))
        let read = try map.read(kind: .holding, address: 0x1000, count: 2, at: t + 10).get()
        #expect(try RegisterCodec.decode(read, as: .u32, order: .abcd) == .unsigned(UInt64(target) + 10))
        #expect(map.write(address: 0x1000, values: [1], at: t).error == .illegalDataValue)  // half a value
        #expect(map.write(address: 0x1001, values: [1, 2], at: t).error == .illegalDataAddress)  // runs past it
        #expect(map.write(address: 0xFC00, values: [1, 2], at: t).error == .illegalDataAddress)
        #expect(map.write(address: 0x1000, values: [], at: t).error == .illegalDataValue)
        let locked = MeterRegisterMap(meter: meter, profile: Fixtures.eastron(clockWritable: false))
        #expect(locked.write(address: 0x1000, values: [0, 1], at: t).error == .illegalDataAddress)
    }

    @Test("SunSpec points are scaled by their shared scale-factor registers")
    func scaleFactors() throws {
        let map = MeterRegisterMap(meter: meter, profile: Fixtures.sunSpec())
        func i16(_ address: UInt16) throws -> Int64 {
            guard case .signed(let v)? = try RegisterCodec.decode(try map.read(kind: .holding, address: address, count: 1, at: t).get(),
                                                                    as: .i16, order: .abcd) else { return .min }
            return v
        }
        // Voltage keeps its preferred 0.1 V: the rating 253 V x 10 = 2,530 fits an i16.
        #expect(try i16(40085) == -1)
        #expect(abs(Double(try i16(40078)) / 10 - meter.value(of: .voltageL1, at: t)!) <= 0.05 + 1e-9)
        // Frequency at 0.01 Hz: 65 Hz rating x 100 = 6,500 fits.
        #expect(try i16(40087) == -2)
        // Commercial power rating: 400 kWh/day x scale x 1000 / 24 x 4 is above 32,767 W
        // (scale >= 0.7 gives >= 46,667 W) and below 327,670 W, so W_SF is 1.
        #expect(try i16(40092) == 1)
        #expect(abs(Double(try i16(40088)) * 10 - meter.value(of: .powerActiveTotal, at: t)!) <= 5 + 1e-9)
        // Energy in Wh in an acc32 with TotWh_SF 0: the register value rounded to whole Wh.
        #expect(try i16(40124) == 0)
        let energyWords = try map.read(kind: .holding, address: 40116, count: 2, at: t).get()
        let expected = UInt64(meter.energy.registerWh(at: t).rounded(.toNearestOrAwayFromZero)) % (1 << 32)
        #expect(try RegisterCodec.decode(energyWords, as: .acc32, order: .abcd) == .unsigned(expected))
    }

    @Test("the load-profile window serves the header and the records by slot")
    func loadProfileWindow() throws {
        let map = eastron
        let window = Fixtures.loadProfileWindow
        let header = try map.read(kind: .holding, address: window.headerAddress, count: 6, at: t).get()
        #expect(LoadProfileHeader(registers: header) == meter.recordedProfile.header(at: t))
        let start = Fixtures.unix("2026-03-05T06:30:00Z")
        let slot = window.slot(forIntervalStart: start)
        let words = try map.read(kind: .holding, address: window.address(ofSlot: slot), count: 7, at: t).get()
        let record = try #require(LoadProfileRecord(registers: words))
        #expect(record == meter.recordedProfile.record(intervalStart: start, at: t))
        // 125 registers: 17 whole records and part of an 18th, starting mid-record.
        let span = try map.read(kind: .holding, address: window.address(ofSlot: slot) + 3, count: 125, at: t).get()
        #expect(span.count == 125)
        #expect(Array(span[4..<11]) == (try map.read(kind: .holding, address: window.address(ofSlot: slot + 1), count: 7, at: t).get()))
    }
}
