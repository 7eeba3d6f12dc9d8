import Foundation
import MeterAccess
import MeterKit
import MeterSim
import Modbus
import Testing
import TestSupport

@Suite(.serialized) struct EmulatorFaultsTests {
    @Test func injectedExceptionReachesTheClientAsBusyOrDeviceFailure() async throws {
        let faults = try FaultPlan(seed: 5, exceptionProbability: 1)
        let bus = try EmulatedBus(units: 1...1, profile: "sdm630", faults: faults, transport: .tcp)
        let server = try bus.tcpServer()
        defer { server.stop() }
        let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: server.port), options: .init(retries: 0))
        do {
            _ = try await client.read(.input, unit: 1, address: 0, count: 2)
            Issue.record("a meter faulting every request answered")
        } catch {
            guard case .exception(let code, let context) = error else { Issue.record("got \(error)"); return }
            #expect(code == .serverBusy || code == .serverDeviceFailure)
            #expect(context.unit == 1)
        }
    }

    @Test func corruptedCRCOnTheLineIsABadCRCErrorAndTheRetrySucceeds() async throws {
        let line = try SocatPair()
        defer { line.close() }
        // Half of the replies corrupted: with 3 retries a read fails only if 4 in a row are bad.
        let faults = try FaultPlan(seed: 9, corruptCRCProbability: 0.5)
        let bus = try EmulatedBus(units: 1...3, profile: "sdm630", faults: faults, transport: .rtu)
        let server = try ModbusRTUServer(serial: SerialSettings(device: line.meterSide), handler: bus.handler)
        server.start()
        defer { server.stop() }
        let client = ModbusClient(endpoint: .rtu(SerialSettings(device: line.masterSide)), options: .init(responseTimeout: .milliseconds(300), retries: 3))
        var succeeded = 0
        for _ in 0..<6 {
            for unit in UInt8(1)...3 {
                if (try? await client.read(.input, unit: unit, address: 0x48, count: 2)) != nil { succeeded += 1 }
            }
        }
        let stats = await client.statistics()
        // Every CRC failure was seen and retried; the deterministic plan corrupts some replies.
        #expect(stats.failures > 0 && stats.retries > 0)
        #expect(succeeded >= 15)
        #expect(server.statistics.replies == stats.succeeded + stats.failures)
    }

    @Test func slowReplyBeyondTheTimeoutIsATimeout() async throws {
        let faults = try FaultPlan(seed: 2, slowProbability: 1, slowDelay: .milliseconds(400))
        let bus = try EmulatedBus(units: 1...1, profile: "sdm630", faults: faults, transport: .tcp)
        let server = try bus.tcpServer()
        defer { server.stop() }
        let impatient = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: server.port), options: .init(responseTimeout: .milliseconds(150), retries: 0))
        await #expect(throws: ModbusError.self) { _ = try await impatient.read(.input, unit: 1, address: 0, count: 2) }
        let patient = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: server.port), options: .init(responseTimeout: .milliseconds(1500), retries: 0))
        #expect(try await patient.read(.input, unit: 1, address: 0, count: 2).count == 2)
    }

    @Test func settingTheMeterClockThroughItsRegisterMovesIt() async throws {
        let bus = try EmulatedBus(units: 1...1, profile: "metergate-sim", transport: .tcp)
        let server = try bus.tcpServer()
        defer { server.stop() }
        let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: server.port))
        let reader = MeterReader(client: client, unit: 1, profile: bus.profile)
        let clock = try #require(bus.profile.clock)
        // The fleet starts clocks within 5 s of true time; set it 10 minutes ahead.
        let before = try #require(try await reader.clock())
        #expect(abs(before.timeIntervalSince(EmulatedBus.instant)) <= 5)
        let target = UInt32(EmulatedBus.instant.timeIntervalSince1970) + 600
        try await client.write(unit: 1, address: clock.location.address, values: [UInt16(target >> 16), UInt16(target & 0xFFFF)])
        let after = try #require(try await reader.clock())
        #expect(after == Date(timeIntervalSince1970: TimeInterval(target)))
    }
}
