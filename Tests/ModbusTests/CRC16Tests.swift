import Testing
@testable import Modbus

@Suite struct CRC16Tests {
    /// The canonical example from the Modbus serial line guide: read 1 holding register at
    /// 0x0000 from unit 1 is `01 03 00 00 00 01` and its CRC is 0x0A84, sent as `84 0A`.
    @Test func readHoldingRequestHasTheSpecificationChecksum() {
        let frame = CRC16.appending(to: [0x01, 0x03, 0x00, 0x00, 0x00, 0x01])
        #expect(frame == [0x01, 0x03, 0x00, 0x00, 0x00, 0x01, 0x84, 0x0A])
        #expect(CRC16.isValid(frame[...]))
    }

    @Test func anyFlippedBitInvalidatesTheFrame() {
        let frame = CRC16.appending(to: [0x11, 0x04, 0x00, 0x48, 0x00, 0x02])
        for byte in frame.indices {
            for bit in 0..<8 {
                var damaged = frame
                damaged[byte] ^= 1 << bit
                #expect(!CRC16.isValid(damaged[...]), "bit \(bit) of byte \(byte)")
            }
        }
    }
}

@Suite struct RTUFrameSplitterTests {
    @Test func splitsBackToBackRequestsByFunctionLength() {
        var splitter = RTUFrameSplitter()
        let read = CRC16.appending(to: [0x01, 0x04, 0x00, 0x00, 0x00, 0x02])
        // Write 2 registers: 7 header bytes (unit, fc, addr, count, byte count 4) + 4 data + CRC = 13.
        let write = CRC16.appending(to: [0x02, 0x10, 0x00, 0x20, 0x00, 0x02, 0x04, 0x12, 0x34, 0x56, 0x78])
        splitter.append(read + write.prefix(5))
        #expect(splitter.nextFrame() == read)
        #expect(splitter.nextFrame() == nil)
        splitter.append(write.dropFirst(5))
        #expect(splitter.nextFrame() == write)
    }

    @Test func unknownFunctionWaitsForSilence() {
        var splitter = RTUFrameSplitter()
        splitter.append([0x01, 0x2B, 0x0E, 0x01])
        #expect(splitter.nextFrame() == nil)
        #expect(splitter.flushOnSilence() == [0x01, 0x2B, 0x0E, 0x01])
    }
}

@Suite struct ModbusRequestDecodingTests {
    @Test func decodesReadInputRegisters() throws {
        let request = try ModbusRequest.decode(unit: 7, pdu: [0x04, 0x00, 0x48, 0x00, 0x02][...]).get()
        #expect(request.operation == .read(.input, address: 0x48, count: 2))
    }

    @Test func readOfMoreThan125RegistersIsIllegalDataValue() {
        // 126 = 0x007E registers.
        #expect(ModbusRequest.decode(unit: 1, pdu: [0x03, 0x00, 0x00, 0x00, 0x7E][...]) == .failure(.illegalDataValue))
    }

    @Test func unknownFunctionIsIllegalFunction() {
        #expect(ModbusRequest.decode(unit: 1, pdu: [0x2B, 0x0E][...]) == .failure(.illegalFunction))
    }

    @Test func writeMultipleWithWrongByteCountIsIllegalDataValue() {
        #expect(ModbusRequest.decode(unit: 1, pdu: [0x10, 0x00, 0x00, 0x00, 0x02, 0x03, 1, 2, 3][...]) == .failure(.illegalDataValue))
    }
}

@Suite struct SerialTimingTests {
    /// 9600 baud 8E1: 11 bits a character, 11/9600 s = 1.1458 ms; 3.5 characters = 4.0104 ms.
    @Test func silenceAt9600BaudIsThreeAndAHalfElevenBitCharacters() {
        let s = SerialSettings(device: "/dev/null", baud: 9600, parity: .even)
        #expect(s.bitsPerCharacter == 11)
        #expect(s.characterTime == .nanoseconds(1_145_833))
        #expect(abs((s.interFrameSilence - .nanoseconds(4_010_416)) / .nanoseconds(1)) < 2)
    }

    @Test func silenceAbove19200BaudIsFixedAt1750Microseconds() {
        #expect(SerialSettings(device: "x", baud: 38_400).interFrameSilence == .microseconds(1750))
    }

    @Test func parsesTcpEndpointsWithDefaultPort() {
        #expect(ModbusEndpoint.tcp(parsing: "127.0.0.1:1502") == .tcp(host: "127.0.0.1", port: 1502))
        #expect(ModbusEndpoint.tcp(parsing: "localhost") == .tcp(host: "localhost", port: 502))
        #expect(ModbusEndpoint.tcp(parsing: "[::1]:15020") == .tcp(host: "::1", port: 15020))
        #expect(ModbusEndpoint.tcp(parsing: "host:notaport") == nil)
        #expect(ModbusEndpoint.tcp(parsing: "host:70000") == nil)
    }
}
