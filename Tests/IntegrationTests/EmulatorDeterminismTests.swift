import Foundation
import MeterAccess
import MeterKit
import MeterSim
import Modbus
import Testing
import TestSupport

@Suite(.serialized) struct EmulatorDeterminismTests {
    /// Every register of the profile (points, identity, clock) from units 1-5, read over TCP.
    func snapshot(seed: UInt64) async throws -> [[UInt16]] {
        let bus = try EmulatedBus(units: 1...5, profile: "metergate-sim", seed: seed, transport: .tcp)
        let server = try bus.tcpServer()
        defer { server.stop() }
        let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: server.port))
        var words: [[UInt16]] = []
        var locations = bus.profile.points.map(\.location)
        if let clock = bus.profile.clock { locations.append(clock.location) }
        for case .register(let location) in bus.profile.identification.values { locations.append(location) }
        for unit in UInt8(1)...5 {
            for block in ReadPlan.blocks(for: locations) {
                words.append(try await client.read(block.kind == .holding ? .holding : .input, unit: unit, address: block.start, count: block.count))
            }
        }
        return words
    }

    @Test func sameSeedAndSimulatedTimeGiveTheSameRegisters() async throws {
        let first = try await snapshot(seed: 11)
        let second = try await snapshot(seed: 11)
        #expect(first == second)
        #expect(first.count > 5)
    }

    @Test func differentSeedsGiveDifferentMeters() async throws {
        let first = try await snapshot(seed: 11)
        let other = try await snapshot(seed: 12)
        #expect(first != other)
    }
}
