import Foundation
import Logging
import MeterKit
import Store
import Testing
@testable import Collector

struct RetentionTaskTests {
    @Test func pruneRunsOnTheHourAndKeepsTheRetentionPeriod() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("retention-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try MeterStore(path: directory.appendingPathComponent("store.sqlite").path)
        let meter = try #require(try store.syncMeters([StoredMeter(name: "m1", bus: "a", unit: 1, profile: "sdm630")])["m1"])
        let channel = try #require(try store.channelIDs(["energy.import.total"])["energy.import.total"])
        // The gateway clock stands at 00:59:59.9 (a fixed wall clock, so a busy test machine
        // cannot move the cutoff): the 01:00 boundary is 0.1 s away, and every pass of the
        // task prunes at 01:00 again until it is cancelled.
        let now = try #require(ISO8601DateFormatter.utc.date(from: "2026-01-10T00:59:59Z")).addingTimeInterval(0.9)
        let clock = ServiceClock(wall: FixedClock(now))
        // Reads 12 and 8 days old at the 01:00 prune; retention 10 days keeps only the newer.
        for daysOld in [12.0, 8.0] {
            let bucket = now.addingTimeInterval(0.1 - daysOld * 86_400)
            try await store.commit(BusCycleRecord(bus: "a", bucket: bucket, startedAt: bucket, finishedAt: bucket, requests: 1, retries: 0, failures: 0,
                                            reads: [RegisterReadRow(meterID: meter, channelID: channel, bucket: bucket, gatewayTime: bucket,
                                                                    meterTime: nil, value: 1, status: .ok)],
                                            intervals: [], states: [], events: []))
        }
        #expect(try store.registerReadCount() == 2)
        let task = Task { await RetentionTask(store: store, clock: clock, days: 10, logger: Logger(label: "test")).run() }
        // Wait for the first prune (0.1 s); allow a loaded machine ten seconds.
        for _ in 0..<1000 where try store.registerReadCount() != 1 { try await Task.sleep(for: .milliseconds(10)) }
        task.cancel()
        await task.value
        #expect(try store.registerReadCount() == 1)
        try store.close()
    }
}
