import Billing
import Collector
import Foundation
import GatewayConfig
import Logging
import Store
import TestSupport
import Testing
@testable import Forwarding

@Suite("Billing task")
struct BillingTaskTests {
    /// September 2025 in Tokyo (UTC+9, no DST): 2025-08-31T15:00Z ..< 2025-09-30T15:00Z, 30 days.
    static let cycleStart = Date(timeIntervalSince1970: 1_756_652_400)
    static let cycleEnd = Date(timeIntervalSince1970: 1_759_244_400)

    static func configuration(_ directory: URL) throws -> GatewayConfiguration {
        try GatewayConfiguration.parse(yaml: """
            gateway: { id: gw-test }
            store: { path: store.sqlite }
            devices: \(Repository.devices.path)
            vee: { time_zone: Asia/Tokyo }
            billing: { tariffs: \(Repository.root.appendingPathComponent("tariffs").path), cycle_day: 1, close_after: 1h }
            buses: [{ id: tcp-a, tcp: "127.0.0.1:1502" }]
            meters: [{ id: m1, bus: tcp-a, unit: 1, profile: sdm630, channels: [energy.import.total], metadata: { tariff: hv-tou } }]
            """, file: "gateway.yaml", baseDirectory: directory.path)
    }

    @Test func aClosedCycleGetsVersionOneAndARevisedIntervalASupersedingVersionTwo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metergate-billing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = try Self.configuration(directory)
        let store = try MeterStore(path: configuration.store.path)
        defer { try? store.close() }
        let meterID = try #require(try store.syncMeters([StoredMeter(name: "m1", bus: "tcp-a", unit: 1, profile: "sdm630")])["m1"])
        let channelID = try #require(try store.channelIDs(["energy.import.total"])["energy.import.total"])
        // 2880 quarter hours of 100 Wh each.
        let rows = (0..<2880).map { quarter in
            IntervalRow(meterID: meterID, channelID: channelID, start: Self.cycleStart + Double(quarter) * 900, lengthSeconds: 900, valueWh: 100,
                        quality: 0, source: "profile", estimation: nil, flags: 0, computedAt: Self.cycleEnd)
        }
        try store.appendIntervalRevisions(rows)
        let clock = ManualClock(Self.cycleEnd + 3600)
        let task = BillingTask(configuration: configuration, store: store, clock: ServiceClock(wall: clock), logger: Logger(label: "test"))

        #expect(try task.computeDue(at: clock.now()) == .init(cycles: 1, versions: 1))
        let first = try #require(try store.latestBillingCycle(meterID: meterID, cycleStart: Self.cycleStart))
        let v1 = try JSONDecoder().decode(BillingDeterminants.self, from: Data(first.document.utf8))
        // 2880 × 100 Wh; demand over 30-minute blocks: 200 Wh × 3600 / 1800 s = 400 W.
        #expect(first.version == 1 && v1.version == 1 && v1.totalEnergyWh == 288_000 && v1.maxDemand?.demandW == 400)
        #expect(try task.computeDue(at: clock.now()) == .init(cycles: 1, versions: 0))

        // Wednesday 10 Sep 14:00 JST (05:00Z), summer peak: the meter's memory says 400 Wh, not 100.
        let revised = Date(timeIntervalSince1970: 1_757_480_400)
        var correction = rows[Int(revised.timeIntervalSince(Self.cycleStart) / 900)]
        correction.valueWh = 400
        try store.appendIntervalRevisions([correction])
        #expect(try task.computeDue(at: clock.now()) == .init(cycles: 1, versions: 1))
        let second = try #require(try store.latestBillingCycle(meterID: meterID, cycleStart: Self.cycleStart))
        let v2 = try JSONDecoder().decode(BillingDeterminants.self, from: Data(second.document.utf8))
        // +300 Wh; the 14:00 block holds 400 + 100 Wh: 500 × 2 = 1000 W, in the peak band.
        #expect(second.version == 2 && v2.version == 2 && v2.totalEnergyWh == 288_300)
        #expect(v2.maxDemand == DemandPeak(demandW: 1000, windowStart: revised))
        #expect(v2.maxDemand(inBand: "peak")?.demandW == 1000)
        #expect(try store.billingCycles(meterID: meterID).map(\.version) == [1, 2])

        // Past the recompute horizon (1 day + 1 h after close) the cycle is left as it is.
        correction.valueWh = 500
        try store.appendIntervalRevisions([correction])
        #expect(try task.computeDue(at: clock.now() + 2 * 86_400) == .init(cycles: 0, versions: 0))
        // ... unless a re-read asks for it.
        #expect(try task.recompute(meter: "m1", range: revised..<(revised + 900), at: clock.now() + 2 * 86_400).map(\.version) == [3])
    }
}
