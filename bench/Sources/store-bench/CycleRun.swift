import Foundation
import Store

/// Commits cycles through `MeterStore.commit`, as the poller will: every meter's channels
/// in one cycle, one transaction, with the cycle's statistics row. The records are built
/// before the clock starts; only the commits are timed.
struct CycleRun {
    let store: MeterStore
    let meters: [Int64]
    let channels: [Int64]

    init(path: String, channels count: Int) throws {
        store = try MeterStore(path: path)
        meters = try store.meters().keys.sorted()
        channels = try store.channelIDs(StoreBench.channelNames(count)).values.sorted()
    }

    struct Result {
        var rows = 0
        var seconds = 0.0
        var cycleMs: [Double] = []
        var bytes: Int64 = 0
        var walFrames: Int64 = 0
        /// The store's page size plus the 24-byte frame header.
        var frameBytes: Int64 = 4096 + 24

        var line: String {
            String(format: "rows=%d seconds=%.3f rate=%.0f median_ms=%.2f max_ms=%.2f bytes_per_row=%.1f wal_bytes_per_row=%.1f wal_pages_per_cycle=%.1f",
                   rows, seconds, Double(rows) / seconds, BenchData.median(cycleMs), cycleMs.max() ?? 0, Double(bytes) / Double(rows),
                   Double(walFrames * frameBytes) / Double(rows), Double(walFrames) / Double(cycleMs.count))
        }
    }

    func run(cycles: Int) throws -> Result {
        let last = try store.latestBucket().map(BenchData.millis) ?? BenchData.originMs - BenchData.cadenceMs
        let records = (1...cycles).map { record(bucket: last + Int64($0) * BenchData.cadenceMs) }
        var result = Result()
        let clock = ContinuousClock()
        let bytesBefore = BenchData.bytesWritten()
        let start = clock.now
        for record in records {
            let framesBefore = BenchData.walFrames(store.path)
            let cycleStart = clock.now
            try store.commit(record)
            result.cycleMs.append((clock.now - cycleStart) / .milliseconds(1))
            result.rows += record.reads.count
            // A lower count than before: the WAL restarted after a checkpoint.
            let framesAfter = BenchData.walFrames(store.path)
            result.walFrames += framesAfter >= framesBefore ? framesAfter - framesBefore : framesAfter
        }
        result.seconds = (clock.now - start) / .seconds(1)
        result.bytes = BenchData.bytesWritten() - bytesBefore
        try store.close()
        return result
    }

    private func record(bucket: Int64) -> BusCycleRecord {
        let at = BenchData.date(bucket)
        var reads: [RegisterReadRow] = []
        reads.reserveCapacity(meters.count * channels.count)
        for meter in meters {
            let gateway = BenchData.date(BenchData.gatewayTime(bucket, meter)), clock = BenchData.date(BenchData.meterTime(bucket, meter))
            for channel in channels {
                reads.append(RegisterReadRow(meterID: meter, channelID: channel, bucket: at, gatewayTime: gateway, meterTime: clock,
                                             value: BenchData.value(bucket, meter, channel), status: .ok))
            }
        }
        return BusCycleRecord(bus: "bench", bucket: at, startedAt: at, finishedAt: at.addingTimeInterval(1),
                              requests: reads.count, reads: reads)
    }
}
