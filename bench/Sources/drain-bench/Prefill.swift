import Foundation
import Store

/// The backlog: what a gateway's store holds after DAYS of the interval task with the
/// warehouse unreachable. Intervals are written as the interval task writes them (one
/// boundary's intervals of every meter and channel together), so `seq` runs time-major.
/// One interval in 50 is a linear estimate, one in 500 missing, as a fleet with a few
/// flaky meters gives.
enum Prefill {
    static let channels = ["energy.import.total", "energy.export.total", "reactive.import.total", "reactive.export.total"]
    /// 2025-01-01T00:00:00Z: the backlog ends here (as the store bench's prefill does).
    static let end = Date(timeIntervalSince1970: 1_735_689_600)

    static func meterName(_ index: Int) -> String { "m" + String(repeating: "0", count: max(0, 5 - String(index).count)) + String(index) }

    static func run(path: String, meters: Int, days: Int) throws {
        let store = try MeterStore(path: path)
        defer { try? store.close() }
        let stored = (0..<meters).map { StoredMeter(name: meterName($0), bus: "bus-\($0 / 200)", unit: $0 % 200 + 1, profile: "sdm630") }
        let meterIDs = try store.syncMeters(stored)
        let channelIDs = try store.channelIDs(channels)
        let ids = stored.map { meterIDs[$0.name]! }, channelList = channels.map { channelIDs[$0]! }
        let first = end.addingTimeInterval(-Double(days) * 86_400)
        let clock = ContinuousClock()
        var total = 0
        let time = try clock.measure {
            for day in 0..<days {
                var rows: [IntervalRow] = []
                rows.reserveCapacity(96 * meters * channels.count)
                for slot in 0..<96 {
                    let index = day * 96 + slot
                    let start = first.addingTimeInterval(Double(index) * 900)
                    for (m, meter) in ids.enumerated() {
                        for (c, channel) in channelList.enumerated() {
                            let n = index &* 7919 &+ m &* 104_729 &+ c
                            let estimated = n % 50 == 0, missing = n % 500 == 7
                            rows.append(IntervalRow(
                                meterID: meter, channelID: channel, start: start, lengthSeconds: 900,
                                valueWh: missing ? nil : Double(50 + (n % 1200)) * 0.25 + Double(c), quality: estimated ? 9 : 0,
                                source: estimated ? "estimate" : "profile", estimation: estimated ? "linear" : nil, flags: missing ? 1 : 0,
                                computedAt: start.addingTimeInterval(1800)))
                        }
                    }
                }
                try store.appendIntervalRevisions(rows)
                total += rows.count
            }
        }
        print(String(format: "rows=%d seconds=%.1f rate=%.0f", total, seconds(time), Double(total) / seconds(time)))
    }
}
