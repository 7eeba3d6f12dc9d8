import Testing
import MeterKit

/// A value and the type it is encoded as.
struct TypedRegisterValue: Sendable, CustomTestStringConvertible {
    let type: RegisterType
    let value: RegisterValue
    var testDescription: String { "\(value) as \(type.name)" }

    init(_ value: RegisterValue, _ type: RegisterType) {
        (self.value, self.type) = (value, type)
    }
}

/// Edge and everyday values of every type, none equal to its type's sentinel.
let roundTripValues: [TypedRegisterValue] = [
    TypedRegisterValue(.unsigned(0), .u16), TypedRegisterValue(.unsigned(1), .u16), TypedRegisterValue(.unsigned(0xFFFE), .u16),
    TypedRegisterValue(.signed(0), .i16), TypedRegisterValue(.signed(32767), .i16), TypedRegisterValue(.signed(-32767), .i16),
    TypedRegisterValue(.signed(-1), .i16),
    TypedRegisterValue(.unsigned(0), .u32), TypedRegisterValue(.unsigned(0x0001_0000), .u32), TypedRegisterValue(.unsigned(0xFFFF_FFFE), .u32),
    TypedRegisterValue(.signed(Int64(Int32.max)), .i32), TypedRegisterValue(.signed(Int64(Int32.min) + 1), .i32), TypedRegisterValue(.signed(-1), .i32),
    TypedRegisterValue(.unsigned(0), .u64), TypedRegisterValue(.unsigned(UInt64.max - 1), .u64), TypedRegisterValue(.unsigned(1 << 48), .u64),
    TypedRegisterValue(.signed(Int64.max), .i64), TypedRegisterValue(.signed(Int64.min + 1), .i64), TypedRegisterValue(.signed(-1), .i64),
    TypedRegisterValue(.unsigned(1), .acc32), TypedRegisterValue(.unsigned(0xFFFF_FFFF), .acc32),
    TypedRegisterValue(.unsigned(1), .acc64), TypedRegisterValue(.unsigned(UInt64.max), .acc64),
    // Float32 samples are exactly representable in 24 bits of significand.
    TypedRegisterValue(.real(230.5), .float32), TypedRegisterValue(.real(-1.5), .float32), TypedRegisterValue(.real(0.15625), .float32),
    TypedRegisterValue(.real(0), .float32), TypedRegisterValue(.real(Double(Float.greatestFiniteMagnitude)), .float32),
    TypedRegisterValue(.real(-.infinity), .float32),
    TypedRegisterValue(.real(.pi), .float64), TypedRegisterValue(.real(-1e300), .float64), TypedRegisterValue(.real(.leastNonzeroMagnitude), .float64),
    TypedRegisterValue(.text("SDM630"), .ascii(registers: 4)), TypedRegisterValue(.text("x"), .ascii(registers: 4)),
    TypedRegisterValue(.text("ABCDEFGH"), .ascii(registers: 4)), TypedRegisterValue(.text(" lead"), .ascii(registers: 3)),
]

@Suite("RegisterCodec encoding")
struct RegisterEncodingTests {
    @Test(arguments: roundTripValues, WordOrder.allCases)
    func encodeThenDecodeGivesTheValueBack(_ sample: TypedRegisterValue, order: WordOrder) throws {
        let words = try RegisterCodec.encode(sample.value, as: sample.type, order: order)
        #expect(words.count == sample.type.registerCount)
        #expect(try RegisterCodec.decode(words, as: sample.type, order: order) == sample.value)
    }

    @Test(arguments: [RegisterType.u16, .i16, .u32, .i32, .u64, .i64, .acc32, .acc64, .float32, .float64], WordOrder.allCases)
    func decodeThenEncodeReproducesArbitraryWords(type: RegisterType, order: WordOrder) throws {
        // A fixed linear congruential sequence: varied bit patterns, same on every run.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<500 {
            let words = (0..<type.registerCount).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt16(truncatingIfNeeded: state >> 40)
            }
            // Sentinels and NaNs decode to nil by design and so cannot be re-encoded.
            guard let value = try RegisterCodec.decode(words, as: type, order: order) else { continue }
            #expect(try RegisterCodec.encode(value, as: type, order: order) == words)
        }
    }

    @Test(arguments: [
        // 230.4 rounds down to 230 = 0x00E6.
        (TypedRegisterValue(.real(230.4), .u16), [UInt16]([0x00E6])),
        // 230.5 is a half: away from zero, 231 = 0x00E7.
        (TypedRegisterValue(.real(230.5), .u16), [0x00E7]),
        // -2.5 rounds away from zero to -3 = 0x10000 - 3 = 0xFFFD.
        (TypedRegisterValue(.real(-2.5), .i16), [0xFFFD]),
        // -0.4 rounds to zero, which fits an unsigned type.
        (TypedRegisterValue(.real(-0.4), .u16), [0x0000]),
        // 123456.7 rounds to 123457 = 0x0001_E241 (1 * 65536 + 57921; 57921 = 0xE241).
        (TypedRegisterValue(.real(123_456.7), .u32), [0x0001, 0xE241]),
        // -2 as float32: -1.0b * 2^1, exponent 0x80, sign 1 = 0xC0000000.
        (TypedRegisterValue(.signed(-2), .float32), [0xC000, 0x0000]),
        // 230 as float32: 11100110b = 1.1100110b * 2^7 -> 0 10000110 1100110... = 0x43660000.
        (TypedRegisterValue(.unsigned(230), .float32), [0x4366, 0x0000]),
        // 230 as float64: exponent 0x406, fraction 1100110b... = 0x406C_C000_0000_0000.
        (TypedRegisterValue(.unsigned(230), .float64), [0x406C, 0xC000, 0x0000, 0x0000]),
        // A non-negative signed value fits an unsigned type: 7 = 0x0000_0007.
        (TypedRegisterValue(.signed(7), .u32), [0x0000, 0x0007]),
        // A small unsigned value fits a signed type: 7 = 0x0007.
        (TypedRegisterValue(.unsigned(7), .i16), [0x0007]),
    ])
    func numbersConvertBetweenKindsWhenEncoding(_ sample: TypedRegisterValue, words: [UInt16]) throws {
        #expect(try RegisterCodec.encode(sample.value, as: sample.type, order: .abcd) == words)
    }

    @Test func float32EncodingRoundsToTheNearestFloat() throws {
        // 0.1 is not a float32; the nearest is 0x3DCCCCCD (13421773 * 2^-27).
        #expect(try RegisterCodec.encode(.real(0.1), as: .float32, order: .abcd) == [0x3DCC, 0xCCCD])
    }

    @Test func valuesEqualToASentinelAreEncodedAsSent() throws {
        // The emulator must be able to send a meter's all-ones reading: 65535 = 0xFFFF.
        #expect(try RegisterCodec.encode(.unsigned(65535), as: .u16, order: .abcd) == [0xFFFF])
        // Accumulator 0 is its sentinel pattern.
        #expect(try RegisterCodec.encode(.unsigned(0), as: .acc32, order: .abcd) == [0x0000, 0x0000])
        // NaN is the float sentinel: float32 quiet NaN 0x7FC00000.
        #expect(try RegisterCodec.encode(.real(.nan), as: .float32, order: .abcd) == [0x7FC0, 0x0000])
    }

    @Test(arguments: [
        TypedRegisterValue(.unsigned(70000), .u16),  // 70000 > 65535
        TypedRegisterValue(.signed(-1), .u16),  // negative as unsigned
        TypedRegisterValue(.signed(-1), .u32),
        TypedRegisterValue(.signed(-1), .u64),
        TypedRegisterValue(.signed(-1), .acc64),
        TypedRegisterValue(.real(-0.6), .u16),  // rounds to -1
        TypedRegisterValue(.signed(32768), .i16),  // i16 max is 32767
        TypedRegisterValue(.signed(-32769), .i16),  // i16 min is -32768
        TypedRegisterValue(.unsigned(0x1_0000_0000), .u32),  // 2^32 > u32 max
        TypedRegisterValue(.unsigned(0x1_0000_0000), .acc32),
        TypedRegisterValue(.signed(2_147_483_648), .i32),  // 2^31 > i32 max
        TypedRegisterValue(.unsigned(1 << 63), .i64),  // 2^63 > i64 max
        TypedRegisterValue(.real(1.8446744073709552e19), .u64),  // 2^64 exactly, one past u64 max
        TypedRegisterValue(.real(.nan), .u32),  // NaN has no integer
        TypedRegisterValue(.real(.infinity), .i32),
        TypedRegisterValue(.real(1e40), .float32),  // float32 max is about 3.4e38
        TypedRegisterValue(.real(-1e40), .float32),
        TypedRegisterValue(.text("ABCDE"), .ascii(registers: 2)),  // 5 bytes in 4
    ])
    func encodingAValueThatDoesNotFitThrows(_ sample: TypedRegisterValue) {
        let error = #expect(throws: RegisterCodecError.self) {
            try RegisterCodec.encode(sample.value, as: sample.type, order: .abcd)
        }
        guard case .valueOutOfRange? = error else {
            Issue.record("expected valueOutOfRange, got \(String(describing: error))")
            return
        }
    }

    @Test func outOfRangeErrorSaysWhichValueAndRange() {
        #expect(throws: RegisterCodecError.valueOutOfRange("70000 does not fit u16 (0...65535)")) {
            try RegisterCodec.encode(.unsigned(70000), as: .u16, order: .abcd)
        }
        #expect(throws: RegisterCodecError.valueOutOfRange("-40000 does not fit i16 (-32768...32767)")) {
            try RegisterCodec.encode(.signed(-40000), as: .i16, order: .abcd)
        }
        #expect(RegisterCodecError.valueOutOfRange("70000 does not fit u16 (0...65535)").description
            == "value out of range: 70000 does not fit u16 (0...65535)")
    }

    @Test(arguments: [
        TypedRegisterValue(.text("230"), .u16),
        TypedRegisterValue(.text("1.5"), .float32),
        TypedRegisterValue(.text("-1"), .i64),
        TypedRegisterValue(.unsigned(1), .ascii(registers: 2)),
        TypedRegisterValue(.real(1.5), .ascii(registers: 2)),
    ])
    func encodingTextAsANumberOrANumberAsTextThrows(_ sample: TypedRegisterValue) {
        let error = #expect(throws: RegisterCodecError.self) {
            try RegisterCodec.encode(sample.value, as: sample.type, order: .abcd)
        }
        guard case .typeMismatch? = error else {
            Issue.record("expected typeMismatch, got \(String(describing: error))")
            return
        }
    }

    @Test func typeMismatchErrorNamesBothSides() {
        #expect(throws: RegisterCodecError.typeMismatch("text cannot be encoded as u16")) {
            try RegisterCodec.encode(.text("230"), as: .u16, order: .abcd)
        }
        #expect(throws: RegisterCodecError.typeMismatch("a number cannot be encoded as ascii")) {
            try RegisterCodec.encode(.unsigned(1), as: .ascii(registers: 2), order: .abcd)
        }
    }
}
