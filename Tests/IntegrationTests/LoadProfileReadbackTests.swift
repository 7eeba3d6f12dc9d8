import Foundation
@testable import MeterAccess
import MeterKit
import MeterSim
import Modbus
import Testing
import TestSupport

@Suite(.serialized) struct LoadProfileReadbackTests {
    @Test func yesterdaysIntervalsReadOverModbusSumToTheEnergyModelDelta() async throws {
        let bus = try EmulatedBus(units: 1...2, profile: "metergate-sim", clockErrors: false, transport: .tcp)
        let server = try bus.tcpServer()
        defer { server.stop() }
        let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: server.port))
        let reader = MeterReader(client: client, unit: 2, profile: bus.profile)
        // The test instant is 2026-01-07T14:37Z, so 2026-01-06 is a whole completed UTC day.
        let dayStart = ISO8601DateFormatter.utc.date(from: "2026-01-06T00:00:00Z")!
        let dayEnd = dayStart.addingTimeInterval(86_400)
        let records = try await reader.recordedIntervals(in: dayStart..<dayEnd)
        // 96 fifteen-minute intervals, consecutive, starting at midnight.
        #expect(records.count == 96)
        #expect(records.first?.intervalStart == Int64(dayStart.timeIntervalSince1970))
        #expect(zip(records, records.dropFirst()).allSatisfy { $1.intervalStart - $0.intervalStart == 900 })
        // Whole-Wh records are differences of rounded cumulative energy, so they add up exactly
        // to the rounded delta of the model's energy across the day.
        let meter = try #require(bus.fleet.meter(at: MeterAddress(unit: 2)))
        let delta = meter.energy.energyWh(at: dayEnd).rounded() - meter.energy.energyWh(at: dayStart).rounded()
        #expect(Double(records.reduce(0) { $0 + UInt64($1.importWh) }) == delta)
        #expect(records.allSatisfy { $0.status.isEmpty })
    }

    @Test func intervalsNotYetCompletedAreNotReturned() async throws {
        let bus = try EmulatedBus(units: 1...1, profile: "metergate-sim", clockErrors: false, transport: .tcp)
        let server = try bus.tcpServer()
        defer { server.stop() }
        let reader = MeterReader(client: ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: server.port)), unit: 1, profile: bus.profile)
        // At 14:37 the newest completed interval is 14:15-14:30; 14:30-14:45 is still running.
        let records = try await reader.recordedIntervals(in: EmulatedBus.instant.addingTimeInterval(-3600)..<EmulatedBus.instant.addingTimeInterval(3600))
        let latest = try #require(records.last)
        #expect(latest.intervalStart == Int64(ISO8601DateFormatter.utc.date(from: "2026-01-07T14:15:00Z")!.timeIntervalSince1970))
    }

    @Test func profileWithoutAWindowSaysSo() async throws {
        let bus = try EmulatedBus(units: 1...1, profile: "sdm630", transport: .tcp)
        let reader = MeterReader(client: ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: 9)), unit: 1, profile: bus.profile)
        await #expect(throws: MeterReadError.self) { _ = try await reader.recordedIntervals(in: EmulatedBus.instant.addingTimeInterval(-900)..<EmulatedBus.instant) }
    }

    @Test func slotBatchesNeverWrapTheRingNorExceedOneRead() {
        // Slots 6140...6143 then 0...20 (the ring wrapped): 4 records, then 17 + 4.
        let slots = Array(6140...6143) + Array(0...20)
        #expect(MeterReader.slotBatches(slots) == [6140..<6144, 0..<17, 17..<21])
    }
}
