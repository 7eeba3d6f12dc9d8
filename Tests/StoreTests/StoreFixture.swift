import Foundation
@testable import Store

/// A store in a fresh temporary directory with a few meters and channels, and builders for
/// cycles at 15-minute buckets from 2025-01-01T00:00Z. Call `remove()` when done.
final class StoreFixture: @unchecked Sendable {
    // @unchecked: every stored property is immutable after init; MeterStore is Sendable.
    static let origin = Date(unixMillis: 1_735_689_600_000)
    static let cadence: TimeInterval = 900
    static let channelNames = ["energy.import.total", "energy.export.total", "power.total", "voltage.l1"]

    let directory: URL
    let store: MeterStore
    /// Meter ids in the order `meterNames`.
    let meterIDs: [Int64]
    /// Channel ids in the order `channelNames`.
    let channelIDs: [Int64]

    var path: String { store.path }

    init(meters: Int = 3, bus: String = "rs485-1") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("metergate-store-\(UUID().uuidString)")
        store = try MeterStore(path: directory.appendingPathComponent("store.sqlite").path)
        let configured = (1...meters).map { StoredMeter(name: "m\($0)", bus: bus, unit: $0, profile: "sdm630") }
        let ids = try store.syncMeters(configured)
        meterIDs = configured.map { ids[$0.name]! }
        let channels = try store.channelIDs(Self.channelNames)
        channelIDs = Self.channelNames.map { channels[$0]! }
    }

    func remove() {
        try? store.close()
        try? FileManager.default.removeItem(at: directory)
    }

    static func bucket(_ n: Int) -> Date { origin.addingTimeInterval(Double(n) * cadence) }

    /// A cycle at bucket `n` with one read per meter and channel, values derived from
    /// (n, meter, channel) so every read is distinct; gateway time 1.5 s into the cycle.
    func cycle(_ n: Int, meters: [Int64]? = nil, bus: String = "rs485-1") -> BusCycleRecord {
        let bucket = Self.bucket(n)
        let reads = (meters ?? meterIDs).flatMap { meter in
            channelIDs.map { channel in
                RegisterReadRow(meterID: meter, channelID: channel, bucket: bucket, gatewayTime: bucket.addingTimeInterval(1.5),
                                meterTime: bucket.addingTimeInterval(1.25), value: Double(n * 1000) + Double(meter) + Double(channel) / 10)
            }
        }
        return BusCycleRecord(bus: bus, bucket: bucket, startedAt: bucket.addingTimeInterval(0.5), finishedAt: bucket.addingTimeInterval(2.75),
                              requests: reads.count, retries: 1, failures: 0, reads: reads)
    }
}
