import Foundation
import Store

/// `store-bench`: the Swift side of the store benchmarks (`bench/run.sh`, docs/performance.md).
/// It prints the same `key=value` line as `bench/raw_sqlite_ingest.c` so the two compare
/// like with like.
///
///     store-bench init   DB METERS CHANNELS   creates a store through MeterStore with
///                                             meters m1..mN and channels channel.1..C
///     store-bench cycles DB CYCLES CHANNELS   commits CYCLES cycles of every meter x
///                                             CHANNELS reads after the newest bucket,
///                                             one `MeterStore.commit` each
///     store-bench query  DB DAYS CHANNELS     one channel of a few meters over the last
///                                             DAYS of buckets (`registerReads`), timed
@main
struct StoreBench {
    static let usage = "usage: store-bench init DB METERS CHANNELS | cycles DB CYCLES CHANNELS | query DB DAYS CHANNELS"

    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        MeterStore.applyProcessSettings()  // as `metergate run` does
        guard arguments.count == 4, let count = Int(arguments[2]), let channels = Int(arguments[3]), count > 0, channels > 0 else {
            fail(usage, status: 2)
        }
        do {
            switch arguments[0] {
            case "init":
                let store = try MeterStore(path: arguments[1])
                _ = try store.syncMeters((1...count).map { StoredMeter(name: "m\($0)", bus: "bench", unit: $0 % 247 + 1, profile: "sdm630") })
                _ = try store.channelIDs(channelNames(channels))
                try store.close()
                print("initialised meters=\(count) channels=\(channels)")
            case "cycles":
                print(try CycleRun(path: arguments[1], channels: channels).run(cycles: count).line)
            case "query":
                print(try QueryRun(path: arguments[1], channels: channels).run(days: count))
            default:
                fail(usage, status: 2)
            }
        } catch {
            fail("store-bench: \(error)", status: 1)
        }
    }

    static func channelNames(_ count: Int) -> [String] { (1...count).map { "channel.\($0)" } }

    static func fail(_ message: String, status: Int32) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(status)
    }
}
