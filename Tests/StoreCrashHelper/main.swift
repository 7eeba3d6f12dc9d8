import Foundation
import Store

// store-crash-helper PATH ROWS_PER_CYCLE
//
// For StoreTests' crash test: commits cycles of ROWS_PER_CYCLE register reads (1000 meters,
// ROWS_PER_CYCLE / 1000 channels) in a loop until killed, printing "committing N" right
// before commit N starts (the record is built by then) and "committed N" after it returns.
// A cycle of 100 000 rows is larger than SQLite's page cache, so pages spill into the WAL
// before the commit: a kill inside it leaves uncommitted frames behind. "committed N ms=T"
// tells how long a commit takes, so the test can aim its kill into the middle of the next.

func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

let arguments = CommandLine.arguments
guard arguments.count == 3, let rowsPerCycle = Int(arguments[2]), rowsPerCycle >= 1000 else {
    FileHandle.standardError.write(Data("usage: store-crash-helper PATH ROWS_PER_CYCLE (>= 1000)\n".utf8))
    exit(2)
}
do {
    let store = try MeterStore(path: arguments[1])
    let meters = try store.syncMeters((1...1000).map { StoredMeter(name: "m\($0)", bus: "crash", unit: $0 % 247 + 1, profile: "sdm630") })
    let channels = try store.channelIDs((1...(rowsPerCycle / 1000)).map { "channel.\($0)" })
    let meterIDs = meters.values.sorted(), channelIDs = channels.values.sorted()
    for n in 1... {
        let bucket = Date(timeIntervalSince1970: 1_735_689_600 + Double(n) * 900)
        let reads = meterIDs.flatMap { meter in
            channelIDs.map { RegisterReadRow(meterID: meter, channelID: $0, bucket: bucket, gatewayTime: bucket, value: Double(n)) }
        }
        let states = meterIDs.map { MeterStateRow(meterID: $0, health: .online, readsOK: Int64(n)) }
        let cycle = BusCycleRecord(bus: "crash", bucket: bucket, startedAt: bucket, finishedAt: bucket, requests: reads.count,
                                   reads: reads, states: states)
        say("committing \(n)")
        let start = ContinuousClock.now
        try store.commit(cycle)
        say("committed \(n) ms=\((ContinuousClock.now - start) / .milliseconds(1))")
    }
} catch {
    FileHandle.standardError.write(Data("store-crash-helper: \(error)\n".utf8))
    exit(1)
}
