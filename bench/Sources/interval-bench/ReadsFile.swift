import Foundation
import Intervals

/// The fleet's register reads as a binary file for `bench/raw_intervals.c`, so both sides
/// derive from identical numbers. Native byte order (little-endian on x86-64 and arm64):
///
///     header, 32 bytes: "IVREADS1" (8 bytes), day start in Unix seconds (int64),
///                       interval length in seconds (int32), intervals in the day (int32),
///                       series (int32), 0 (int32)
///     each series:      read count (int32), 0 (int32), CT/PT multiplier (double),
///                       then per read: time in Unix seconds (double), register in Wh before
///                       the multiplier (double), oldest first
enum ReadsFile {
    /// Writes the file and returns a `key=value` line saying what it holds.
    static func write(_ fleet: Fleet, to path: String) throws -> String {
        var data = Data("IVREADS1".utf8)
        func append<T>(_ value: T) { withUnsafeBytes(of: value) { data.append(contentsOf: $0) } }
        let slots = Int32(Fleet.day.upperBound.timeIntervalSince(Fleet.day.lowerBound) / Fleet.slot)
        append(Int64(Fleet.day.lowerBound.timeIntervalSince1970))
        append(Int32(Fleet.slot))
        append(slots)
        append(Int32(fleet.series.count))
        append(Int32(0))
        var reads = 0
        for series in fleet.series {
            let samples = series.data.samples.sorted { $0.time < $1.time }
            append(Int32(samples.count))
            append(Int32(0))
            append(series.data.multiplier)
            for sample in samples {
                append(sample.time.timeIntervalSince1970)
                append(sample.valueWh)
            }
            reads += samples.count
        }
        try data.write(to: URL(fileURLWithPath: path))
        return "wrote=\(path) series=\(fleet.series.count) reads=\(reads) bytes=\(data.count)"
    }
}
