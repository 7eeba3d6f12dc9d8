import Testing
import MeterKit

/// A SunSpec "not implemented" pattern as ABCD words, and what it means as a plain number.
struct SentinelCase: Sendable, CustomTestStringConvertible {
    let type: RegisterType
    let words: [UInt16]
    /// The decoding with sentinels off; nil where even then there is no value (NaN, "").
    let raw: RegisterValue?
    var testDescription: String { type.name }
}

let sentinelCases: [SentinelCase] = [
    // u16 all ones 0xFFFF = 65535.
    SentinelCase(type: .u16, words: [0xFFFF], raw: .unsigned(65535)),
    // i16 0x8000 = -32768, the most negative i16.
    SentinelCase(type: .i16, words: [0x8000], raw: .signed(-32768)),
    // u32 0xFFFF_FFFF = 4294967295.
    SentinelCase(type: .u32, words: [0xFFFF, 0xFFFF], raw: .unsigned(4_294_967_295)),
    // i32 0x8000_0000 = -2^31 = -2147483648.
    SentinelCase(type: .i32, words: [0x8000, 0x0000], raw: .signed(-2_147_483_648)),
    // u64 all ones = 2^64 - 1 = 18446744073709551615.
    SentinelCase(type: .u64, words: [0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF], raw: .unsigned(18_446_744_073_709_551_615)),
    // i64 0x8000_0000_0000_0000 = -2^63 = -9223372036854775808.
    SentinelCase(type: .i64, words: [0x8000, 0x0000, 0x0000, 0x0000], raw: .signed(Int64.min)),
    // Accumulators: 0 means "not implemented"; with sentinels off it is a count of 0.
    SentinelCase(type: .acc32, words: [0x0000, 0x0000], raw: .unsigned(0)),
    SentinelCase(type: .acc64, words: [0x0000, 0x0000, 0x0000, 0x0000], raw: .unsigned(0)),
    // float32 quiet NaN 0x7FC00000 (exponent all ones, top fraction bit set): never a value.
    SentinelCase(type: .float32, words: [0x7FC0, 0x0000], raw: nil),
    // float64 quiet NaN 0x7FF8_0000_0000_0000.
    SentinelCase(type: .float64, words: [0x7FF8, 0x0000, 0x0000, 0x0000], raw: nil),
    // ascii all NUL: empty text; with sentinels off it is the empty string.
    SentinelCase(type: .ascii(registers: 2), words: [0x0000, 0x0000], raw: .text("")),
]

@Suite("Register sentinels")
struct RegisterSentinelTests {
    @Test(arguments: sentinelCases)
    func sentinelPatternDecodesToNoValue(_ sentinel: SentinelCase) throws {
        #expect(try RegisterCodec.decode(sentinel.words, as: sentinel.type, order: .abcd) == nil)
    }

    @Test(arguments: sentinelCases)
    func sentinelsOffDecodesThePatternAsItsRawNumber(_ sentinel: SentinelCase) throws {
        let value = try RegisterCodec.decode(sentinel.words, as: sentinel.type, order: .abcd, sentinels: false)
        #expect(value == sentinel.raw)
    }

    @Test(arguments: sentinelCases)
    func encodeSentinelGivesTheHandComputedPatternInAbcd(_ sentinel: SentinelCase) {
        #expect(RegisterCodec.encodeSentinel(for: sentinel.type, order: .abcd) == sentinel.words)
    }

    @Test(arguments: sentinelCases.map(\.type), WordOrder.allCases)
    func encodedSentinelDecodesToNoValueInEveryOrder(type: RegisterType, order: WordOrder) throws {
        let words = RegisterCodec.encodeSentinel(for: type, order: order)
        #expect(words.count == type.registerCount)
        #expect(try RegisterCodec.decode(words, as: type, order: order) == nil)
    }

    @Test func encodeSentinelAppliesTheWordOrder() {
        // i16 0x8000 byte swapped is 0x0080.
        #expect(RegisterCodec.encodeSentinel(for: .i16, order: .badc) == [0x0080])
        // i32 0x8000_0000: CDAB [0x0000, 0x8000], DCBA [0x0000, 0x0080].
        #expect(RegisterCodec.encodeSentinel(for: .i32, order: .cdab) == [0x0000, 0x8000])
        #expect(RegisterCodec.encodeSentinel(for: .i32, order: .dcba) == [0x0000, 0x0080])
        // float32 0x7FC00000: BADC [0xC07F, 0x0000].
        #expect(RegisterCodec.encodeSentinel(for: .float32, order: .badc) == [0xC07F, 0x0000])
        // i64 0x8000_0000_0000_0000: CDAB puts the 0x8000 word last.
        #expect(RegisterCodec.encodeSentinel(for: .i64, order: .cdab) == [0x0000, 0x0000, 0x0000, 0x8000])
    }

    @Test func sentinelOfAnAsciiTypeWithoutRegistersIsEmpty() {
        #expect(RegisterCodec.encodeSentinel(for: .ascii(registers: 0), order: .abcd) == [])
    }

    @Test(arguments: [
        // u16 0xFFFE = 65534, one below the sentinel.
        GoldenRegisters(.u16, .abcd, [0xFFFE], .unsigned(65534)),
        // i16 0x8001 = -32767, one above the sentinel.
        GoldenRegisters(.i16, .abcd, [0x8001], .signed(-32767)),
        // i16 0x0080 in ABCD is +128: only the BADC reading of these bytes is the sentinel.
        GoldenRegisters(.i16, .abcd, [0x0080], .signed(128)),
        // u32 0xFFFF_FFFE = 4294967294.
        GoldenRegisters(.u32, .abcd, [0xFFFF, 0xFFFE], .unsigned(4_294_967_294)),
        // i32 0x8000_0001 = -2147483647.
        GoldenRegisters(.i32, .abcd, [0x8000, 0x0001], .signed(-2_147_483_647)),
        // i32 [0x8000, 0x0000] in CDAB is 0x0000_8000 = 32768, not the sentinel.
        GoldenRegisters(.i32, .cdab, [0x8000, 0x0000], .signed(32768)),
        // u64 2^64 - 2 = 18446744073709551614.
        GoldenRegisters(.u64, .abcd, [0xFFFF, 0xFFFF, 0xFFFF, 0xFFFE], .unsigned(18_446_744_073_709_551_614)),
        // i64 0x8000_0000_0000_0001 = -2^63 + 1.
        GoldenRegisters(.i64, .abcd, [0x8000, 0x0000, 0x0000, 0x0001], .signed(Int64.min + 1)),
        // acc32 and acc64 1: the smallest real count.
        GoldenRegisters(.acc32, .abcd, [0x0000, 0x0001], .unsigned(1)),
        GoldenRegisters(.acc64, .abcd, [0x0000, 0x0000, 0x0000, 0x0001], .unsigned(1)),
        // acc32 all ones is a real (if huge) count, not a sentinel: 4294967295.
        GoldenRegisters(.acc32, .abcd, [0xFFFF, 0xFFFF], .unsigned(4_294_967_295)),
        // float32 0 and float64 0 are readings, not "no value".
        GoldenRegisters(.float32, .abcd, [0x0000, 0x0000], .real(0)),
        GoldenRegisters(.float64, .abcd, [0x0000, 0x0000, 0x0000, 0x0000], .real(0)),
    ])
    func valuesNextToSentinelsAreNumbers(_ golden: GoldenRegisters) throws {
        #expect(try RegisterCodec.decode(golden.words, as: golden.type, order: golden.order) == golden.value)
    }

    @Test(arguments: [
        [UInt16]([0x7FC0, 0x0000]),  // quiet NaN
        [0xFFC0, 0x0000],  // negative quiet NaN (sign bit set)
        [0x7F80, 0x0001],  // signalling NaN: exponent all ones, fraction 1
        [0x7FFF, 0xFFFF],  // NaN with every fraction bit set
    ], [true, false])
    func anyFloat32NaNIsNoValueEvenWithSentinelsOff(words: [UInt16], sentinels: Bool) throws {
        #expect(try RegisterCodec.decode(words, as: .float32, order: .abcd, sentinels: sentinels) == nil)
    }

    @Test(arguments: [
        [UInt16]([0x7FF8, 0x0000, 0x0000, 0x0000]),  // quiet NaN
        [0xFFF8, 0x0000, 0x0000, 0x0000],  // negative quiet NaN
        [0x7FF0, 0x0000, 0x0000, 0x0001],  // signalling NaN
    ], [true, false])
    func anyFloat64NaNIsNoValueEvenWithSentinelsOff(words: [UInt16], sentinels: Bool) throws {
        #expect(try RegisterCodec.decode(words, as: .float64, order: .abcd, sentinels: sentinels) == nil)
    }

    @Test func floatInfinityIsPassedThroughAsAValue() throws {
        // +inf float32 = 0x7F800000, -inf float64 = 0xFFF0_0000_0000_0000.
        #expect(try RegisterCodec.decode([0x7F80, 0x0000], as: .float32, order: .abcd) == .real(.infinity))
        #expect(try RegisterCodec.decode([0xFFF0, 0, 0, 0], as: .float64, order: .abcd) == .real(-.infinity))
    }
}
