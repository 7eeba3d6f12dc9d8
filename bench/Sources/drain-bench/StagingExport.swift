import Foundation
import Store

/// The backlog's rows as CSV in the columns of the warehouse's staging table (names instead
/// of store ids, instants as Unix microseconds, seq as gateway_seq), the text the loader
/// itself would COPY: what `psql \copy` loads for the baseline. Empty fields are NULL.
enum StagingExport {
    static func run(path: String, file: String) throws {
        let store = try MeterStore(path: path)
        defer { try? store.close() }
        let meters = try store.meters().mapValues(\.name), channels = try store.channels()
        guard FileManager.default.createFile(atPath: file, contents: nil), let out = FileHandle(forWritingAtPath: file) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file])
        }
        defer { try? out.close() }
        func us(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1_000_000).rounded()) }
        let total = try store.intervalRevisionCount()
        let clock = ContinuousClock()
        var written = 0
        let time = try clock.measure {
            var next: Int64 = 1
            while written < total {
                let rows = try store.intervalRevisions(seqs: next...(next + 199_999))
                next += 200_000
                if rows.isEmpty && next > Int64(total) * 2 { break }  // a store with gaps in seq ends here, not never
                var text = ""
                text.reserveCapacity(rows.count * 96)
                for row in rows {
                    text += "\(meters[row.meterID]!),\(channels[row.channelID]!),\(us(row.start)),\(row.lengthSeconds),"
                    text += "\(row.valueWh.map { "\($0)" } ?? ""),\(row.quality),\(row.revision),\(row.source),\(row.estimation ?? ""),"
                    text += "\(row.flags),\(us(row.computedAt)),\(row.seq)\n"
                }
                try out.write(contentsOf: Data(text.utf8))
                written += rows.count
            }
        }
        print(String(format: "rows=%d seconds=%.1f rate=%.0f", written, seconds(time), Double(written) / seconds(time)))
    }
}
