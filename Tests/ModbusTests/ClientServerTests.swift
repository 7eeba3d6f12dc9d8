import Foundation
import Testing
import TestSupport
@testable import Modbus

/// A register bank where holding register `a` of unit `u` holds `a &+ u * 1000`, input
/// registers hold the bitwise complement, and unit 99 answers every read with `outcome`.
struct PatternHandler: ModbusRequestHandler {
    var units: ClosedRange<UInt8> = 1...10
    var faulty: [UInt8: ModbusServerReply] = [:]

    func reply(to request: ModbusRequest) -> ModbusServerReply {
        if let fault = faulty[request.unit] { return fault }
        guard units.contains(request.unit) else { return ModbusServerReply(.silence) }
        switch request.operation {
        case .read(let table, let address, let count):
            guard Int(address) + count <= 0x1000 else { return ModbusServerReply(.exception(.illegalDataAddress)) }
            let words = (0..<count).map { i -> UInt16 in
                let v = UInt16(truncatingIfNeeded: Int(address) + i) &+ UInt16(request.unit) &* 1000
                return table == .holding ? v : ~v
            }
            return ModbusServerReply(.registers(words))
        case .write:
            return ModbusServerReply(.written)
        }
    }
}

@Suite(.serialized) struct TCPClientTests {
    @Test func readsHoldingAndInputRegistersOfSeveralUnits() async throws {
        let server = try ModbusTCPServer(host: "127.0.0.1", port: 0, handler: PatternHandler())
        server.start()
        defer { server.stop() }
        let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: server.port))
        for unit in UInt8(1)...10 {
            // Unit 3, address 0x10: 16 + 3 * 1000 = 3016; input is its complement 0xFFFF - 3016 = 62519.
            let holding = try await client.read(.holding, unit: unit, address: 0x10, count: 3)
            #expect(holding == [16, 17, 18].map { UInt16($0) + UInt16(unit) * 1000 })
            let input = try await client.read(.input, unit: unit, address: 0x10, count: 1)
            #expect(input == [~(16 + UInt16(unit) * 1000)])
        }
        try await client.write(unit: 1, address: 0x20, values: [1, 2, 3])
    }

    @Test func illegalAddressNamesUnitAndAddress() async throws {
        let server = try ModbusTCPServer(host: "127.0.0.1", port: 0, handler: PatternHandler())
        server.start()
        defer { server.stop() }
        let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: server.port))
        do {
            _ = try await client.read(.input, unit: 4, address: 0x2000, count: 2)
            Issue.record("expected an exception")
        } catch {
            guard case .exception(.illegalDataAddress, let context) = error else { Issue.record("got \(error)"); return }
            #expect(context.unit == 4 && context.address == 0x2000 && context.function == .readInputRegisters)
            #expect(error.description.contains("unit 4") && error.description.contains("0x2000"))
        }
    }

    @Test func readsAppendToOneBufferAndAFailedReadLeavesItAsItWas() async throws {
        let server = try ModbusTCPServer(host: "127.0.0.1", port: 0, handler: PatternHandler(faulty: [9: ModbusServerReply(.silence)]))
        server.start()
        defer { server.stop() }
        let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: server.port),
                                  options: ModbusClientOptions(responseTimeout: .milliseconds(100), retries: 1))
        let words = try await client.perform { (session) throws(ModbusError) -> [UInt16] in
            var words: [UInt16] = [7]
            // Unit 2: holding 0x10, 0x11 = 16 + 2000, 17 + 2000; input 0x40 = ~(64 + 2000).
            try session.read(.holding, unit: 2, address: 0x10, count: 2, appendingTo: &words)
            // An exception (0x2000 is past the bank), and a silent unit timed out twice (one retry).
            #expect(throws: ModbusError.self) { try session.read(.input, unit: 2, address: 0x2000, count: 3, appendingTo: &words) }
            #expect(throws: ModbusError.self) { try session.read(.holding, unit: 9, address: 0, count: 4, appendingTo: &words) }
            try session.read(.input, unit: 2, address: 0x40, count: 1, appendingTo: &words)
            return words
        }
        #expect(words == [7, 2016, 2017, ~UInt16(2064)])
    }

    @Test func silentUnitTimesOutWithinTheBudget() async throws {
        let server = try ModbusTCPServer(host: "127.0.0.1", port: 0, handler: PatternHandler(faulty: [9: ModbusServerReply(.silence)]))
        server.start()
        defer { server.stop() }
        // One retry: two attempts of 200 ms each, so the error must arrive well within 1 s.
        let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: server.port),
                                  options: ModbusClientOptions(responseTimeout: .milliseconds(200), retries: 1))
        let started = ContinuousClock.now
        await #expect(throws: ModbusError.self) { _ = try await client.read(.holding, unit: 9, address: 0, count: 1) }
        let elapsed = ContinuousClock.now - started
        #expect(elapsed >= .milliseconds(400) && elapsed < .milliseconds(1000))
        // The bus is still usable for the next meter after the dead one.
        #expect(try await client.read(.holding, unit: 2, address: 1, count: 1) == [2001])
        let stats = await client.statistics()
        #expect(stats.retries == 1 && stats.failures == 2)
    }

    @Test func refusedConnectionIsReportedAsSuch() async throws {
        // Bind and close a listener to get a loopback port nobody listens on.
        let probe = try ModbusTCPServer(host: "127.0.0.1", port: 0, handler: PatternHandler())
        let port = probe.port
        probe.stop()
        let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: port))
        await #expect(throws: ModbusError.connectionRefused(endpoint: "127.0.0.1:\(port)")) {
            _ = try await client.read(.holding, unit: 1, address: 0, count: 1)
        }
    }

    @Test func rejectsReadsOfMoreThan125Registers() async throws {
        let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: 1))
        await #expect {
            _ = try await client.read(.holding, unit: 1, address: 0, count: 126)
        } throws: { error in
            guard case .invalidRequest = error as? ModbusError else { return false }
            return true
        }
    }
}

@Suite(.serialized) struct RTUClientTests {
    @Test func pollsTenUnitsInTurnOverAPtyWithStandardGaps() async throws {
        let line = try SocatPair()
        defer { line.close() }
        let server = try ModbusRTUServer(serial: SerialSettings(device: line.meterSide, baud: 9600),
                                         options: .init(wireBaud: 9600), handler: PatternHandler())
        server.start()
        defer { server.stop() }
        let client = ModbusClient(endpoint: .rtu(SerialSettings(device: line.masterSide, baud: 9600)))
        for round in 0..<3 {
            for unit in UInt8(1)...10 {
                let words = try await client.read(.holding, unit: unit, address: UInt16(round), count: 2)
                #expect(words == [UInt16(round), UInt16(round + 1)].map { $0 + UInt16(unit) * 1000 })
            }
        }
        let stats = server.statistics
        #expect(stats.replies == 30)
        #expect(stats.gapViolations == 0)
        // 3.5 characters of 11 bits at 9600 baud = 4.01 ms; a unit switch adds the 5 ms default pause.
        #expect(try #require(stats.shortestGap) >= .microseconds(4010))
    }

    @Test func corruptedChecksumIsABadCRCError() async throws {
        let line = try SocatPair()
        defer { line.close() }
        let handler = PatternHandler(faulty: [5: ModbusServerReply(.registers([1]), corruptChecksum: true)])
        let server = try ModbusRTUServer(serial: SerialSettings(device: line.meterSide), handler: handler)
        server.start()
        defer { server.stop() }
        let client = ModbusClient(endpoint: .rtu(SerialSettings(device: line.masterSide)), options: .init(responseTimeout: .milliseconds(300), retries: 0))
        await #expect(throws: ModbusError.badCRC(ModbusRequestContext(endpoint: client.endpoint.description, unit: 5, function: .readHoldingRegisters, address: 0, count: 1))) {
            _ = try await client.read(.holding, unit: 5, address: 0, count: 1)
        }
        // The line recovers: the next meter answers normally.
        #expect(try await client.read(.holding, unit: 6, address: 0, count: 1) == [6000])
    }

    @Test func missingSerialDeviceIsReportedWithItsPath() async {
        let client = ModbusClient(endpoint: .rtu(SerialSettings(device: "/dev/metergate-no-such-tty")))
        await #expect {
            _ = try await client.read(.holding, unit: 1, address: 0, count: 1)
        } throws: { error in
            guard case .deviceUnavailable(let endpoint, _) = error as? ModbusError else { return false }
            return endpoint.contains("/dev/metergate-no-such-tty")
        }
    }
}
