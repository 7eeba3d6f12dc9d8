import Testing
import MeterKit

@Suite("ASCII registers")
struct AsciiRegisterTests {
    @Test(arguments: [
        // "SDM630" = 53 44 4D 36 33 30, NUL padded to 4 registers.
        GoldenRegisters(.ascii(registers: 4), .abcd, [0x5344, 0x4D36, 0x3330, 0x0000], .text("SDM630")),
        // The same, space (0x20) padded.
        GoldenRegisters(.ascii(registers: 4), .abcd, [0x5344, 0x4D36, 0x3330, 0x2020], .text("SDM630")),
        // Odd length: "ABC" = 41 42 43, then NUL; the pad byte shares a register with 'C'.
        GoldenRegisters(.ascii(registers: 2), .abcd, [0x4142, 0x4300], .text("ABC")),
        // Spaces then NULs: "A" 20 | 00 00 trims to "A".
        GoldenRegisters(.ascii(registers: 2), .abcd, [0x4120, 0x0000], .text("A")),
        // Leading spaces are content: 20 41 -> " A".
        GoldenRegisters(.ascii(registers: 2), .abcd, [0x2041, 0x0000], .text(" A")),
        // Inner spaces are content: "A B" = 41 20 42.
        GoldenRegisters(.ascii(registers: 2), .abcd, [0x4120, 0x4200], .text("A B")),
        // Exactly full, no terminator: "ABCD" = 41 42 43 44.
        GoldenRegisters(.ascii(registers: 2), .abcd, [0x4142, 0x4344], .text("ABCD")),
        // Text ends at the first NUL; 0x58 ('X') after it is stale buffer content.
        GoldenRegisters(.ascii(registers: 3), .abcd, [0x4142, 0x0058, 0x5858], .text("AB")),
        // Non-printable bytes become "?": 41 FF | 01 42 -> "A??B" (0xFF is not UTF-8 either).
        GoldenRegisters(.ascii(registers: 2), .abcd, [0x41FF, 0x0142], .text("A??B")),
        // Latin-1 'é' 0xE9 and DEL 0x7F are not printable ASCII: 41 E9 | 7F 00 -> "A??".
        GoldenRegisters(.ascii(registers: 2), .abcd, [0x41E9, 0x7F00], .text("A??")),
        // A lone UTF-8 continuation byte 0x80 and a tab 0x09: 80 09 -> "??".
        GoldenRegisters(.ascii(registers: 1), .abcd, [0x8009], .text("??")),
        // BADC: each register's bytes swapped, "SDM6" sent as 44 53 36 4D.
        GoldenRegisters(.ascii(registers: 2), .badc, [0x4453, 0x364D], .text("SDM6")),
        // CDAB: register order reversed, "SDM6" sent as 4D 36 | 53 44.
        GoldenRegisters(.ascii(registers: 2), .cdab, [0x4D36, 0x5344], .text("SDM6")),
    ])
    func decodesPaddedAndDirtyText(_ golden: GoldenRegisters) throws {
        #expect(try RegisterCodec.decode(golden.words, as: golden.type, order: golden.order) == golden.value)
    }

    @Test(arguments: [
        [UInt16]([0x0000, 0x0000]),  // all NUL
        [0x2020, 0x2020],  // all spaces
        [0x2000, 0x4142],  // a space, then the terminator; "AB" after it does not count
        [0x0041, 0x4243],  // terminator first
    ])
    func blankTextIsNoValueWithSentinelsAndEmptyWithout(words: [UInt16]) throws {
        #expect(try RegisterCodec.decode(words, as: .ascii(registers: 2), order: .abcd) == nil)
        #expect(try RegisterCodec.decode(words, as: .ascii(registers: 2), order: .abcd, sentinels: false) == .text(""))
    }

    @Test func encodingPadsWithNul() throws {
        // "SDM630" in 4 registers: 5344 4D36 3330, then one register of NUL padding.
        #expect(try RegisterCodec.encode(.text("SDM630"), as: .ascii(registers: 4), order: .abcd) == [0x5344, 0x4D36, 0x3330, 0x0000])
        // "ABC" in 2 registers: the odd character shares its register with a NUL.
        #expect(try RegisterCodec.encode(.text("ABC"), as: .ascii(registers: 2), order: .abcd) == [0x4142, 0x4300])
        // The empty string is all NUL, the same words as the sentinel.
        #expect(try RegisterCodec.encode(.text(""), as: .ascii(registers: 2), order: .abcd) == RegisterCodec.encodeSentinel(for: .ascii(registers: 2), order: .abcd))
    }

    @Test func encodingTextLongerThanTheRegistersThrows() {
        // "ABCDE" is 5 bytes; 2 registers hold 4.
        #expect(throws: RegisterCodecError.valueOutOfRange("text of 5 characters does not fit 2 registers (at most 4)")) {
            try RegisterCodec.encode(.text("ABCDE"), as: .ascii(registers: 2), order: .abcd)
        }
    }

    @Test(arguments: ["é", "A\u{0}B", "tab\there", "€", "\u{7F}"])
    func encodingTextThatIsNotPrintableAsciiThrows(text: String) {
        let error = #expect(throws: RegisterCodecError.self) {
            try RegisterCodec.encode(.text(text), as: .ascii(registers: 8), order: .abcd)
        }
        guard case .valueOutOfRange(let detail)? = error else {
            Issue.record("expected valueOutOfRange, got \(String(describing: error))")
            return
        }
        #expect(detail.contains("not printable ASCII"))
    }

    @Test func nonAsciiErrorNamesTheCodePoint() {
        // 'é' is U+00E9.
        #expect(throws: RegisterCodecError.valueOutOfRange("text contains U+00E9, which is not printable ASCII")) {
            try RegisterCodec.encode(.text("café"), as: .ascii(registers: 4), order: .abcd)
        }
    }
}
