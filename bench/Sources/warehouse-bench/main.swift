// warehouse-bench URL ROWS [BATCH]: how fast `WarehouseLoader.load` moves interval rows into
// the warehouse, against the floor of doing the same work by hand.
//
//   loader: ROWS synthetic 15-minute rows loaded in batches of BATCH (default 5000), each
//           batch one `load` (partition check, COPY into staging, INSERT ... ON CONFLICT,
//           gateway_load, one transaction).
//   copy:   the same rows, pre-rendered as COPY text, sent by `psql` in the same batches:
//           BEGIN; COPY into a staging table; the same INSERT ... ON CONFLICT; COMMIT.
//
// `interval_reading` is truncated before each, so both insert into the same empty
// partitions. Prints one key=value line: rows, loader_rate, copy_rate (rows/s), ratio.
import Foundation
import Warehouse

let arguments = CommandLine.arguments
guard arguments.count >= 3, let total = Int(arguments[2]), total > 0 else {
    FileHandle.standardError.write(Data("usage: warehouse-bench URL ROWS [BATCH]\n".utf8))
    exit(2)
}
let url = arguments[1]
let batchSize = arguments.count > 3 ? Int(arguments[3]) ?? 5000 : 5000

/// 15-minute rows of meters m00000... over consecutive days from 2024-01-01 UTC.
func syntheticRows(_ count: Int) -> [WarehouseInterval] {
    let meters = max(1, count / 96)
    let base = Date(timeIntervalSince1970: 1_704_067_200)
    return (0..<count).map { index in
        let meter = index % meters, slot = index / meters
        let start = base.addingTimeInterval(Double(slot) * 900)
        return WarehouseInterval(meterID: String(format: "m%05d", meter), channel: "import_wh", start: start, lengthSeconds: 900,
                                 valueWh: Double(100 + index % 900) / 4, quality: index % 50 == 0 ? 8 : 0, revision: 1,
                                 source: index % 50 == 0 ? "estimate" : "register", estimation: index % 50 == 0 ? "linear" : nil,
                                 flags: 0, computedAt: start.addingTimeInterval(1800), seq: Int64(index + 1))
    }
}

/// Runs psql on a script file; exits the bench when psql fails.
func psql(_ arguments: [String]) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
    process.arguments = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url] + arguments
    do { try process.run() } catch { fatalError("cannot run psql: \(error)") }
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        FileHandle.standardError.write(Data("psql \(arguments) failed\n".utf8))
        exit(1)
    }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// The COPY text of the staging columns (as the loader sends them), one batch per transaction.
/// The staging table and INSERT mirror WarehouseSchema's (`createStaging`, `insertFromStaging`).
func copyScript(_ rows: [WarehouseInterval]) -> String {
    func us(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1_000_000).rounded()) }
    var script = """
        CREATE TEMP TABLE interval_staging (meter_id text, channel text, start_us bigint, length_s integer,
            value_wh double precision, quality smallint, revision integer, source text, estimation text, flags integer,
            computed_us bigint, gateway_seq bigint) ON COMMIT DELETE ROWS;

        """
    for first in stride(from: 0, to: rows.count, by: batchSize) {
        script += "BEGIN;\nCOPY interval_staging FROM STDIN;\n"
        for row in rows[first..<min(first + batchSize, rows.count)] {
            let fields = [row.meterID, row.channel, "\(us(row.start))", "\(row.lengthSeconds)", row.valueWh.map { "\($0)" } ?? "\\N",
                          "\(row.quality)", "\(row.revision)", row.source, row.estimation ?? "\\N", "\(row.flags)",
                          "\(us(row.computedAt))", "\(row.seq)"]
            script += fields.joined(separator: "\t") + "\n"
        }
        script += """
            \\.
            INSERT INTO interval_reading (meter_id, channel, interval_start, length_s, value_wh, quality, revision, source,
                                          estimation, flags, computed_at, gateway_id, gateway_seq, loaded_at)
            SELECT meter_id, channel, timestamptz 'epoch' + start_us * interval '1 microsecond', length_s, value_wh, quality,
                   revision, source, estimation, flags, timestamptz 'epoch' + computed_us * interval '1 microsecond', 'bench',
                   gateway_seq, now()
            FROM interval_staging
            ON CONFLICT (meter_id, channel, interval_start, revision) DO NOTHING;
            COMMIT;

            """
    }
    return script
}

let rows = syntheticRows(total)
let loader: WarehouseLoader
do {
    loader = try await WarehouseLoader.connect(to: WarehouseEndpoint(url: url))
    try await loader.migrate()
    // Warm-up: the partitions and the connection's staging table exist before timing.
    try await loader.load(rows, gatewayID: "bench", throughSeq: 0)
} catch {
    FileHandle.standardError.write(Data("warehouse-bench: \(error)\n".utf8))
    exit(1)
}
let scriptPath = FileManager.default.temporaryDirectory.appendingPathComponent("warehouse-bench-\(getpid()).sql").path
try copyScript(rows).write(toFile: scriptPath, atomically: false, encoding: .utf8)
defer { try? FileManager.default.removeItem(atPath: scriptPath) }

psql(["-c", "TRUNCATE interval_reading"])
let clock = ContinuousClock()
let loaderTime = try await clock.measure {
    for first in stride(from: 0, to: rows.count, by: batchSize) {
        let last = min(first + batchSize, rows.count)
        try await loader.load(Array(rows[first..<last]), gatewayID: "bench", throughSeq: Int64(last))
    }
}
psql(["-c", "TRUNCATE interval_reading"])
let copyTime = clock.measure { psql(["-f", scriptPath]) }
await loader.close()

let loaderRate = Double(total) / seconds(loaderTime), copyRate = Double(total) / seconds(copyTime)
print(String(format: "rows=%d batch=%d loader_rate=%.0f copy_rate=%.0f ratio=%.3f", total, batchSize, loaderRate, copyRate,
             loaderRate / copyRate))
