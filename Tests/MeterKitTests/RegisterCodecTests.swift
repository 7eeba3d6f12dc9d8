import Testing
import MeterKit

/// One hand-computed decoding: these words, read as this type in this order, mean this value.
struct GoldenRegisters: Sendable, CustomTestStringConvertible {
    let type: RegisterType
    let order: WordOrder
    let words: [UInt16]
    let value: RegisterValue
    var testDescription: String { "\(type.name) \(order.rawValue)" }

    init(_ type: RegisterType, _ order: WordOrder, _ words: [UInt16], _ value: RegisterValue) {
        (self.type, self.order, self.words, self.value) = (type, order, words, value)
    }
}

/// Every type in every word order. ABCD is the value's bytes most significant first;
/// CDAB reverses the register sequence; BADC swaps the two bytes inside each register;
/// DCBA does both.
let goldenRegisters: [GoldenRegisters] = [
    // u16 4660 = 0x1234. One register: reversing is a no-op, the byte swap gives 0x3412.
    GoldenRegisters(.u16, .abcd, [0x1234], .unsigned(4660)),
    GoldenRegisters(.u16, .cdab, [0x1234], .unsigned(4660)),
    GoldenRegisters(.u16, .badc, [0x3412], .unsigned(4660)),
    GoldenRegisters(.u16, .dcba, [0x3412], .unsigned(4660)),
    // i16 -300 = 0x10000 - 300 = 65236 = 0xFED4; byte swapped 0xD4FE.
    GoldenRegisters(.i16, .abcd, [0xFED4], .signed(-300)),
    GoldenRegisters(.i16, .cdab, [0xFED4], .signed(-300)),
    GoldenRegisters(.i16, .badc, [0xD4FE], .signed(-300)),
    GoldenRegisters(.i16, .dcba, [0xD4FE], .signed(-300)),
    // u32 305419896 = 0x12345678: bytes 12 34 56 78.
    GoldenRegisters(.u32, .abcd, [0x1234, 0x5678], .unsigned(305_419_896)),
    GoldenRegisters(.u32, .cdab, [0x5678, 0x1234], .unsigned(305_419_896)),
    GoldenRegisters(.u32, .badc, [0x3412, 0x7856], .unsigned(305_419_896)),
    GoldenRegisters(.u32, .dcba, [0x7856, 0x3412], .unsigned(305_419_896)),
    // i32 -100000: 100000 = 0x186A0, 0x1_0000_0000 - 0x186A0 = 0xFFFE7960.
    GoldenRegisters(.i32, .abcd, [0xFFFE, 0x7960], .signed(-100_000)),
    GoldenRegisters(.i32, .cdab, [0x7960, 0xFFFE], .signed(-100_000)),
    GoldenRegisters(.i32, .badc, [0xFEFF, 0x6079], .signed(-100_000)),
    GoldenRegisters(.i32, .dcba, [0x6079, 0xFEFF], .signed(-100_000)),
    // u64 81985529216486895 = 0x0123_4567_89AB_CDEF: CDAB reverses all four registers.
    GoldenRegisters(.u64, .abcd, [0x0123, 0x4567, 0x89AB, 0xCDEF], .unsigned(81_985_529_216_486_895)),
    GoldenRegisters(.u64, .cdab, [0xCDEF, 0x89AB, 0x4567, 0x0123], .unsigned(81_985_529_216_486_895)),
    GoldenRegisters(.u64, .badc, [0x2301, 0x6745, 0xAB89, 0xEFCD], .unsigned(81_985_529_216_486_895)),
    GoldenRegisters(.u64, .dcba, [0xEFCD, 0xAB89, 0x6745, 0x2301], .unsigned(81_985_529_216_486_895)),
    // i64 -81985529216486895 = ~0x0123_4567_89AB_CDEF + 1 = 0xFEDC_BA98_7654_3210 + 1
    //   = 0xFEDC_BA98_7654_3211.
    GoldenRegisters(.i64, .abcd, [0xFEDC, 0xBA98, 0x7654, 0x3211], .signed(-81_985_529_216_486_895)),
    GoldenRegisters(.i64, .cdab, [0x3211, 0x7654, 0xBA98, 0xFEDC], .signed(-81_985_529_216_486_895)),
    GoldenRegisters(.i64, .badc, [0xDCFE, 0x98BA, 0x5476, 0x1132], .signed(-81_985_529_216_486_895)),
    GoldenRegisters(.i64, .dcba, [0x1132, 0x5476, 0x98BA, 0xDCFE], .signed(-81_985_529_216_486_895)),
    // acc32 123456789 = 0x075BCD15.
    GoldenRegisters(.acc32, .abcd, [0x075B, 0xCD15], .unsigned(123_456_789)),
    GoldenRegisters(.acc32, .cdab, [0xCD15, 0x075B], .unsigned(123_456_789)),
    GoldenRegisters(.acc32, .badc, [0x5B07, 0x15CD], .unsigned(123_456_789)),
    GoldenRegisters(.acc32, .dcba, [0x15CD, 0x5B07], .unsigned(123_456_789)),
    // acc64 5000000000 = 1 * 2^32 + 705032704; 705032704 = 0x2A05F200
    //   (2*16^7 + 10*16^6 + 5*16^4 + 15*16^3 + 2*16^2), so 0x0000_0001_2A05_F200.
    GoldenRegisters(.acc64, .abcd, [0x0000, 0x0001, 0x2A05, 0xF200], .unsigned(5_000_000_000)),
    GoldenRegisters(.acc64, .cdab, [0xF200, 0x2A05, 0x0001, 0x0000], .unsigned(5_000_000_000)),
    GoldenRegisters(.acc64, .badc, [0x0000, 0x0100, 0x052A, 0x00F2], .unsigned(5_000_000_000)),
    GoldenRegisters(.acc64, .dcba, [0x00F2, 0x052A, 0x0100, 0x0000], .unsigned(5_000_000_000)),
    // float32 230.5 = 11100110.1b = 1.11001101b * 2^7; exponent 127 + 7 = 0x86;
    //   0 10000110 11001101000... = 0x43668000.
    GoldenRegisters(.float32, .abcd, [0x4366, 0x8000], .real(230.5)),
    GoldenRegisters(.float32, .cdab, [0x8000, 0x4366], .real(230.5)),
    GoldenRegisters(.float32, .badc, [0x6643, 0x0080], .real(230.5)),
    GoldenRegisters(.float32, .dcba, [0x0080, 0x6643], .real(230.5)),
    // float64 0x1.123456789ABCDp0: sign 0, biased exponent 1023 = 0x3FF, fraction
    //   0x1_2345_6789_ABCD, so 0x3FF1_2345_6789_ABCD (four distinct words).
    GoldenRegisters(.float64, .abcd, [0x3FF1, 0x2345, 0x6789, 0xABCD], .real(0x1.123456789ABCDp0)),
    GoldenRegisters(.float64, .cdab, [0xABCD, 0x6789, 0x2345, 0x3FF1], .real(0x1.123456789ABCDp0)),
    GoldenRegisters(.float64, .badc, [0xF13F, 0x4523, 0x8967, 0xCDAB], .real(0x1.123456789ABCDp0)),
    GoldenRegisters(.float64, .dcba, [0xCDAB, 0x8967, 0x4523, 0xF13F], .real(0x1.123456789ABCDp0)),
    // ascii(3) "ABCDE": bytes 41 42 43 44 45 00 (NUL padded), first character high.
    GoldenRegisters(.ascii(registers: 3), .abcd, [0x4142, 0x4344, 0x4500], .text("ABCDE")),
    GoldenRegisters(.ascii(registers: 3), .cdab, [0x4500, 0x4344, 0x4142], .text("ABCDE")),
    GoldenRegisters(.ascii(registers: 3), .badc, [0x4241, 0x4443, 0x0045], .text("ABCDE")),
    GoldenRegisters(.ascii(registers: 3), .dcba, [0x0045, 0x4443, 0x4241], .text("ABCDE")),
]

@Suite("RegisterCodec decoding")
struct RegisterCodecTests {
    @Test(arguments: goldenRegisters)
    func decodesHandComputedWordsForEveryTypeAndOrder(_ golden: GoldenRegisters) throws {
        let value = try RegisterCodec.decode(golden.words, as: golden.type, order: golden.order)
        #expect(value == golden.value)
    }

    @Test(arguments: goldenRegisters)
    func encodesEveryGoldenValueToItsHandComputedWords(_ golden: GoldenRegisters) throws {
        let words = try RegisterCodec.encode(golden.value, as: golden.type, order: golden.order)
        #expect(words == golden.words)
    }

    @Test func goldenTableCoversEveryTypeInEveryOrder() {
        let covered = Set(goldenRegisters.map { "\($0.type.name) \($0.order.rawValue)" })
        let typeNames = RegisterType.numericNames + ["ascii"]
        let expected = Set(typeNames.flatMap { name in WordOrder.allCases.map { "\(name) \($0.rawValue)" } })
        #expect(covered == expected)
        #expect(goldenRegisters.count == 11 * 4)
    }

    @Test func cdabSwapsRegisterOrderOfFloat32() throws {
        // 230.5 = 0x43668000; CDAB sends the low word 0x8000 first.
        #expect(try RegisterCodec.decode([0x8000, 0x4366], as: .float32, order: .cdab) == .real(230.5))
        // Read as ABCD the same words are 0x80004366, a tiny negative subnormal, not 230.5.
        #expect(try RegisterCodec.decode([0x8000, 0x4366], as: .float32, order: .abcd) != .real(230.5))
    }

    @Test func badcSwapsBytesWithinEachRegisterOfFloat32() throws {
        // 0x4366 -> 0x6643 and 0x8000 -> 0x0080, register order unchanged.
        #expect(try RegisterCodec.decode([0x6643, 0x0080], as: .float32, order: .badc) == .real(230.5))
    }

    @Test func dcbaReadsFloat32FullyLittleEndian() throws {
        // Bytes on the wire 00 80 66 43 are 0x43668000 read least significant byte first.
        #expect(try RegisterCodec.decode([0x0080, 0x6643], as: .float32, order: .dcba) == .real(230.5))
    }

    @Test(arguments: [WordOrder.abcd, .cdab, .badc, .dcba])
    func aSliceInsideAReplyAndACollectionWithoutContiguousStorageDecodeLikeAnArray(order: WordOrder) throws {
        // 0x0123_4567_89AB_CDEF as `order` sends it, between words of other points, as a poll's
        // reply buffer holds it; the slice's indices start at 1, not 0.
        let value = RegisterValue.unsigned(0x0123_4567_89AB_CDEF)
        let words = try RegisterCodec.encode(value, as: .u64, order: order)
        let reply = [0xDEAD] + words + [0xBEEF]
        #expect(try RegisterCodec.decode(words, as: .u64, order: order) == value)
        #expect(try RegisterCodec.decode(reply[1...4], as: .u64, order: order) == value)
        #expect(try RegisterCodec.decode(reply[1...4].lazy.map { $0 }, as: .u64, order: order) == value)
        #expect(throws: RegisterCodecError.wrongRegisterCount(expected: 4, got: 5)) {
            try RegisterCodec.decode(reply[1...5], as: .u64, order: order)
        }
    }

    @Test func cdabReversesAllFourRegistersOfA64BitValueNotPairs() throws {
        // 0x0123_4567_89AB_CDEF; swapping within pairs instead would give
        // [0x4567, 0x0123, 0xCDEF, 0x89AB], which must not decode to the same value.
        let reversed: [UInt16] = [0xCDEF, 0x89AB, 0x4567, 0x0123]
        let pairSwapped: [UInt16] = [0x4567, 0x0123, 0xCDEF, 0x89AB]
        #expect(try RegisterCodec.decode(reversed, as: .u64, order: .cdab) == .unsigned(0x0123_4567_89AB_CDEF))
        #expect(try RegisterCodec.decode(pairSwapped, as: .u64, order: .cdab) != .unsigned(0x0123_4567_89AB_CDEF))
    }

    @Test(arguments: [
        // i16 -1 = 0xFFFF (not the sentinel: that is 0x8000).
        GoldenRegisters(.i16, .abcd, [0xFFFF], .signed(-1)),
        // i16 -32767 = 0x10000 - 32767 = 0x8001, the most negative non-sentinel value.
        GoldenRegisters(.i16, .abcd, [0x8001], .signed(-32767)),
        // i32 -2 = 0xFFFF_FFFE; CDAB puts the low word first.
        GoldenRegisters(.i32, .cdab, [0xFFFE, 0xFFFF], .signed(-2)),
        // i32 -2147483647 = 0x8000_0001.
        GoldenRegisters(.i32, .abcd, [0x8000, 0x0001], .signed(-2_147_483_647)),
        // i64 -1 = all ones; same words in every order.
        GoldenRegisters(.i64, .dcba, [0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF], .signed(-1)),
        // i64 -4294967296 = -2^32 = 0xFFFF_FFFF_0000_0000.
        GoldenRegisters(.i64, .abcd, [0xFFFF, 0xFFFF, 0x0000, 0x0000], .signed(-4_294_967_296)),
        // float32 -1.5 = -1.1b * 2^0: sign 1, exponent 0x7F, fraction 0x400000 = 0xBFC00000.
        GoldenRegisters(.float32, .abcd, [0xBFC0, 0x0000], .real(-1.5)),
        // float64 -230.5: sign 1, exponent 1023 + 7 = 0x406, fraction 11001101b...
        //   = 0xC06C_D000_0000_0000.
        GoldenRegisters(.float64, .abcd, [0xC06C, 0xD000, 0x0000, 0x0000], .real(-230.5)),
    ])
    func negativeValuesDecodeAsTwosComplementOrSignBit(_ golden: GoldenRegisters) throws {
        #expect(try RegisterCodec.decode(golden.words, as: golden.type, order: golden.order) == golden.value)
    }

    @Test func decodesFromAnArraySliceThatDoesNotStartAtZero() throws {
        // A block read of four registers; the u32 0x12345678 sits at offsets 2 and 3.
        let block: [UInt16] = [0xAAAA, 0xBBBB, 0x1234, 0x5678]
        let slice = block[2...]
        #expect(slice.startIndex == 2)
        #expect(try RegisterCodec.decode(slice, as: .u32, order: .abcd) == .unsigned(0x1234_5678))
    }

    @Test(arguments: [
        (RegisterType.u16, 0), (.u16, 2), (.i16, 0),
        (.u32, 1), (.i32, 3), (.acc32, 1), (.float32, 4),
        (.u64, 2), (.i64, 3), (.acc64, 5), (.float64, 2),
        (.ascii(registers: 4), 3), (.ascii(registers: 1), 2),
    ])
    func decodingTheWrongNumberOfRegistersThrows(type: RegisterType, count: Int) {
        let words = [UInt16](repeating: 0x0101, count: count)
        #expect(throws: RegisterCodecError.wrongRegisterCount(expected: type.registerCount, got: count)) {
            try RegisterCodec.decode(words, as: type, order: .abcd)
        }
    }

    @Test(arguments: [0, -1])
    func asciiWithoutRegistersIsRejectedRatherThanAlwaysEmpty(registers: Int) {
        #expect(throws: RegisterCodecError.invalidTextLength(registers: registers)) {
            try RegisterCodec.decode([], as: .ascii(registers: registers), order: .abcd)
        }
        #expect(throws: RegisterCodecError.invalidTextLength(registers: registers)) {
            try RegisterCodec.encode(.text(""), as: .ascii(registers: registers), order: .abcd)
        }
    }

    @Test func errorDescriptionsReadAsOneCliLine() {
        #expect(RegisterCodecError.wrongRegisterCount(expected: 2, got: 1).description == "expected 2 registers, got 1")
        #expect(RegisterCodecError.wrongRegisterCount(expected: 1, got: 0).description == "expected 1 register, got 0")
        #expect(RegisterCodecError.invalidTextLength(registers: 0).description == "ascii needs at least 1 register, got 0")
        let errors: [RegisterCodecError] = [
            .wrongRegisterCount(expected: 4, got: 2), .valueOutOfRange("x"), .typeMismatch("y"),
            .invalidTextLength(registers: -1),
        ]
        for error in errors {
            #expect(!error.description.contains("\n"))
            #expect(!error.description.isEmpty)
        }
    }
}
