import Foundation
import MeterAccess
import MeterKit
import MeterSim
import Modbus
import Testing
import TestSupport

@Suite(.serialized) struct EmulatorOverRTUTests {
    @Test func pollsTenMetersInTurnOnOneLineThroughASocatPty() async throws {
        let line = try SocatPair()
        defer { line.close() }
        let bus = try EmulatedBus(units: 1...10, profile: "sdm630", transport: .rtu)
        let server = try ModbusRTUServer(serial: SerialSettings(device: line.meterSide, baud: 9600), options: .init(wireBaud: 9600), handler: bus.handler)
        server.start()
        defer { server.stop() }
        let client = ModbusClient(endpoint: .rtu(SerialSettings(device: line.masterSide, baud: 9600)))
        for round in 0..<2 {
            for unit in UInt8(1)...10 {
                let reader = MeterReader(client: client, unit: unit, profile: bus.profile)
                let readings = try await reader.read([.voltageL1, .voltageL2, .voltageL3, .energyImportTotal])
                for reading in readings {
                    #expect(reading.value == bus.expectedFloat32(reading.name, unit: unit), "round \(round) unit \(unit) \(reading.name.rawValue)")
                }
            }
        }
        let stats = server.statistics
        // Two rounds of ten meters, two blocks each (voltages 0x0000-0x0005, energy 0x0048-0x0049).
        #expect(stats.requests == 40 && stats.replies == 40 && stats.badFrames == 0)
        #expect(stats.gapViolations == 0)
    }

    @Test func meterInAnOutageDoesNotAnswerAndTheNextOneDoes() async throws {
        let line = try SocatPair()
        defer { line.close() }
        let outage = EmulatedBus.instant.addingTimeInterval(-600)..<EmulatedBus.instant.addingTimeInterval(600)
        let faults = try FaultPlan(seed: 1, outages: [MeterAddress(unit: 4): [outage]])
        let bus = try EmulatedBus(units: 1...5, profile: "sdm630", faults: faults, transport: .rtu)
        let server = try ModbusRTUServer(serial: SerialSettings(device: line.meterSide), handler: bus.handler)
        server.start()
        defer { server.stop() }
        let client = ModbusClient(endpoint: .rtu(SerialSettings(device: line.masterSide)), options: .init(responseTimeout: .milliseconds(200), retries: 0))
        await #expect {
            _ = try await client.read(.input, unit: 4, address: 0x48, count: 2)
        } throws: { error in
            guard case .timeout(let context) = error as? ModbusError else { return false }
            return context.unit == 4
        }
        let words = try await client.read(.input, unit: 5, address: 0x48, count: 2)
        #expect(words.count == 2)
    }
}
