import Foundation
import Store

/// Times the per-meter query on a filled store: one channel of a meter over the last DAYS
/// of buckets, enumerated by the caller at the 15-minute cadence (`registerReads`), for
/// ten meters spread over the fleet. Prints the median and the rows found.
struct QueryRun {
    let store: MeterStore
    let meters: [Int64]
    let channel: Int64

    init(path: String, channels count: Int) throws {
        store = try MeterStore(path: path)
        meters = try store.meters().keys.sorted()
        channel = try store.channelIDs(StoreBench.channelNames(count)).values.min() ?? 1
    }

    func run(days: Int) throws -> String {
        defer { try? store.close() }
        guard let last = try store.latestBucket().map(BenchData.millis) else { return "query: empty store" }
        let count = days * 96
        let buckets = (0..<count).map { BenchData.date(last - Int64(count - 1 - $0) * BenchData.cadenceMs) }
        let clock = ContinuousClock()
        var ms: [Double] = []
        var found = 0
        for meter in stride(from: 0, to: meters.count, by: max(1, meters.count / 10)).map({ meters[$0] }) {
            let start = clock.now
            found += try store.registerReads(meterID: meter, channelID: channel, buckets: buckets).count
            ms.append((clock.now - start) / .milliseconds(1))
        }
        return String(format: "query days=%d buckets=%d meters=%d rows=%d median_ms=%.2f max_ms=%.2f",
                      days, count, ms.count, found, BenchData.median(ms), ms.max() ?? 0)
    }
}
