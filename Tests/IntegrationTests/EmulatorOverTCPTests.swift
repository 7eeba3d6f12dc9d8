import Foundation
import MeterAccess
import MeterKit
import MeterSim
import Modbus
import Testing
import TestSupport

@Suite(.serialized) struct EmulatorOverTCPTests {
    @Test func readsFiftyMetersOnOnePortWithTheirOwnValues() async throws {
        let bus = try EmulatedBus(units: 1...50, profile: "sdm630", transport: .tcp)
        let server = try bus.tcpServer()
        defer { server.stop() }
        let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: server.port))
        var energies = Set<Double>()
        for unit in UInt8(1)...50 {
            let reader = MeterReader(client: client, unit: unit, profile: bus.profile)
            let readings = try await reader.read([.voltageL1, .powerActiveTotal, .energyImportTotal])
            for reading in readings {
                let expected = try #require(bus.expectedFloat32(reading.name, unit: unit))
                #expect(reading.value == expected, "unit \(unit) \(reading.name.rawValue)")
            }
            energies.insert(try #require(readings.last?.value))
            let identity = try await reader.identity()
            #expect(identity.manufacturer == "Eastron")
            #expect(identity.serial == bus.fleet.meter(at: MeterAddress(unit: unit))?.serialNumber)
        }
        // Fifty meters, fifty different energy registers: no unit answers for another.
        #expect(energies.count == 50)
    }

    @Test func unmappedAddressIsIllegalAddressNamingUnitAndAddress() async throws {
        let bus = try EmulatedBus(units: 1...3, profile: "sdm630", transport: .tcp)
        let server = try bus.tcpServer()
        defer { server.stop() }
        let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: server.port))
        // 0x0040 lies in the hole between power factor total (0x003E-0x003F) and frequency (0x0046).
        do {
            _ = try await client.read(.input, unit: 2, address: 0x0040, count: 2)
            Issue.record("an unmapped address was answered")
        } catch {
            guard case .exception(.illegalDataAddress, let context) = error else { Issue.record("got \(error)"); return }
            #expect(context.unit == 2 && context.address == 0x0040)
            #expect(error.description == "exception 0x02 illegal data address from unit 2 at 127.0.0.1:\(server.port), read input registers (04) of 2 at 0x0040")
        }
    }

    @Test func injectedTimeoutEndsInBoundedTimeWithATimeoutError() async throws {
        let faults = try FaultPlan(seed: 3, timeoutProbability: 1)
        let bus = try EmulatedBus(units: 1...2, profile: "sdm630", faults: faults, transport: .tcp)
        let server = try bus.tcpServer()
        defer { server.stop() }
        // 250 ms timeout, 2 retries: 3 attempts, so the error is due after 750 ms and well before 2 s.
        let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: server.port),
                                  options: ModbusClientOptions(responseTimeout: .milliseconds(250), retries: 2))
        let started = ContinuousClock.now
        do {
            _ = try await client.read(.input, unit: 1, address: 0, count: 2)
            Issue.record("a meter that never answers gave a value")
        } catch {
            #expect(error == .timeout(ModbusRequestContext(endpoint: "127.0.0.1:\(server.port)", unit: 1, function: .readInputRegisters, address: 0, count: 2)))
        }
        let elapsed = ContinuousClock.now - started
        #expect(elapsed >= .milliseconds(750) && elapsed < .seconds(2))
    }

    @Test func unitNotOnTheBusGetsGatewayTargetException() async throws {
        let bus = try EmulatedBus(units: 1...3, profile: "sdm630", transport: .tcp)
        let server = try bus.tcpServer()
        defer { server.stop() }
        let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: server.port), options: .init(retries: 0))
        await #expect(throws: ModbusError.exception(.gatewayTargetFailedToRespond, ModbusRequestContext(
            endpoint: "127.0.0.1:\(server.port)", unit: 40, function: .readInputRegisters, address: 0, count: 2))) {
            _ = try await client.read(.input, unit: 40, address: 0, count: 2)
        }
    }
}
