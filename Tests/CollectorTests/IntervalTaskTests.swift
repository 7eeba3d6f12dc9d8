import Foundation
import GatewayConfig
import Intervals
import Logging
import MeterKit
import Store
import Testing
import TestSupport
@testable import Collector

/// The interval task against a real store, driven boundary by boundary: what an operator
/// finds in the `interval` table while a meter drops out and comes back.
struct IntervalTaskTests {
    static let origin = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z, a Thursday
    static func at(_ minutes: Int) -> Date { origin.addingTimeInterval(Double(minutes) * 60) }

    /// One sdm630 meter behind a 200/5 CT (multiplier 40), reading only its import register (kWh).
    struct Rig {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("interval-task-\(UUID().uuidString)")
        let store: MeterStore
        let task: IntervalTask
        let meterID: Int64
        let channelID: Int64

        init() throws {
            let configuration = try GatewayConfiguration.parse(yaml: """
                gateway: { id: test }
                store: { path: store.sqlite }
                devices: \(Repository.devices.path)
                buses: [{ id: a, tcp: "127.0.0.1:1502" }]
                meters: [{ id: m1, bus: a, unit: 1, profile: sdm630, ct: 200/5, channels: [energy.import.total] }]
                """, file: "gateway.yaml", baseDirectory: directory.path)
            store = try MeterStore(path: directory.appendingPathComponent("store.sqlite").path)
            let service = CollectorService(configuration: configuration, store: store, clock: ServiceClock(wall: FixedClock(IntervalTaskTests.at(0))),
                                           logger: Logger(label: "test"))
            let registered = try service.registerMeters()
            task = service.makeIntervalTask(registered)
            meterID = try #require(registered.meterIDs["m1"])
            channelID = try #require(registered.channelIDs["energy.import.total"])
        }

        /// The meter's import register read at `minutes` past midnight, in kWh.
        func read(_ minutes: Int, kWh: Double) throws {
            let bucket = IntervalTaskTests.at(minutes)
            try store.commit(BusCycleRecord(bus: "a", bucket: bucket, startedAt: bucket, finishedAt: bucket, requests: 1, retries: 0, failures: 0,
                                            reads: [RegisterReadRow(meterID: meterID, channelID: channelID, bucket: bucket, gatewayTime: bucket,
                                                                    value: kWh)]))
        }

        func intervals(_ minutes: Range<Int>, allRevisions: Bool = false) throws -> [IntervalRow] {
            try store.intervals(meterID: meterID, channelID: channelID, starts: stride(from: minutes.lowerBound, to: minutes.upperBound, by: 15).map(IntervalTaskTests.at),
                                allRevisions: allRevisions)
        }

        func remove() {
            try? store.close()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    @Test func aMeterThatDropsOutIsHeldFlatThenRevisedFromItsRegisterWhenItAnswersAgain() throws {
        let rig = try Rig()
        defer { rig.remove() }
        // 00:00 to 02:00: 0.25 kWh a quarter hour.
        for n in 0...8 { try rig.read(15 * n, kWh: 100 + 0.25 * Double(n)) }
        try rig.task.compute(upTo: Self.at(120))
        let actual = try rig.intervals(0..<120)
        // 0.25 kWh = 250 Wh x 40 (CT 200/5) = 10 000 Wh, from the registers, valid.
        #expect(actual.map(\.valueWh) == Array(repeating: 10_000, count: 8))
        #expect(actual.allSatisfy { $0.quality == 0 && $0.source == "registers" && $0.revision == 1 })

        // 02:15 and 02:30: no answer. The newest intervals are held flat at the last value.
        try rig.task.compute(upTo: Self.at(135))
        try rig.task.compute(upTo: Self.at(150))
        let held = try rig.intervals(120..<150)
        #expect(held.map(\.valueWh) == [10_000, 10_000])
        #expect(held.allSatisfy { $0.quality == 9 && $0.estimation == "flat-hold" && $0.source == "estimate" })

        // 02:45: it answers with 102.00 + 1.50 kWh: the load rose during the gap. The 45-minute
        // read gap is within max_linear_gap (1 h), so the register is interpolated at 02:15 and
        // 02:30: 1.5 kWh over 45 minutes is 0.5 kWh a quarter hour = 500 Wh x 40 = 20 000 Wh.
        try rig.read(165, kWh: 103.5)
        try rig.task.compute(upTo: Self.at(165))
        let revised = try rig.intervals(120..<165)
        #expect(revised.map(\.valueWh) == [20_000, 20_000, 20_000])
        #expect(revised.allSatisfy { $0.quality == 9 && $0.estimation == "linear" && $0.source == "registers" })
        #expect(revised.prefix(2).allSatisfy { $0.revision == 2 })  // the held values are superseded,
        let history = try rig.intervals(120..<150, allRevisions: true)
        #expect(history.filter { $0.revision == 1 }.allSatisfy { $0.valueWh == 10_000 && $0.estimation == "flat-hold" })  // not overwritten

        // Running again with nothing new stores nothing new.
        let count = try rig.store.intervalRevisionCount()
        try rig.task.compute(upTo: Self.at(165))
        #expect(try rig.store.intervalRevisionCount() == count)
    }

    @Test func aSeriesBeginsWithTheMetersFirstRead() throws {
        let rig = try Rig()
        defer { rig.remove() }
        // The meter is first read at 06:00: nothing is estimated before it, even with a day to recompute.
        for n in 24...28 { try rig.read(15 * n, kWh: 5 + Double(n - 24)) }
        try rig.task.compute(upTo: Self.at(420))
        let stored = try rig.intervals(0..<420)
        #expect(stored.map(\.start) == [360, 375, 390, 405].map(Self.at))
        #expect(stored.allSatisfy { $0.valueWh == 40_000 && $0.quality == 0 })  // 1 kWh x 40
    }
}
