import Foundation

/// The numbers both sides write, as functions of (bucket, meter, channel): the same as in
/// `bench/raw_sqlite_ingest.c`, so the rows and their sizes on disk are identical.
enum BenchData {
    static let cadenceMs: Int64 = 900_000
    /// 2025-01-01T00:00:00Z: the prefill ends here and the cycles continue from it.
    static let originMs: Int64 = 1_735_689_600_000

    static func gatewayTime(_ bucket: Int64, _ meter: Int64) -> Int64 { bucket + 1000 + (meter % 37) * 1000 + meter % 1000 }
    static func meterTime(_ bucket: Int64, _ meter: Int64) -> Int64 { gatewayTime(bucket, meter) + ((meter % 7) - 3) * 1000 }
    static func value(_ bucket: Int64, _ meter: Int64, _ channel: Int64) -> Double {
        Double(meter) * 1000 + Double(bucket / cadenceMs % 1_000_000) * 0.25 + Double(channel) * 0.001 + 0.0625
    }

    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    /// Bytes this process has passed to write(2) and friends so far (`/proc/self/io` wchar):
    /// WAL frames, checkpoints into the database file, and the little it prints.
    static func bytesWritten() -> Int64 {
        guard let text = try? String(contentsOfFile: "/proc/self/io", encoding: .utf8) else { return -1 }
        for line in text.split(separator: "\n") where line.hasPrefix("wchar:") {
            return Int64(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) ?? -1
        }
        return -1
    }

    /// Frames in the store's WAL now: mxFrame of the wal-index header at the start of the
    /// `-shm` file (u32 at offset 16, native order; SQLite's wal.c), read as
    /// `raw_sqlite_ingest.c` reads it. 0 when there is no `-shm` yet.
    static func walFrames(_ path: String) -> Int64 {
        guard let handle = FileHandle(forReadingAtPath: path + "-shm") else { return 0 }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: 16)) != nil, let data = try? handle.read(upToCount: 4), data.count == 4 else { return 0 }
        return Int64(data.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) })
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
