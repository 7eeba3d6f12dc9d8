// drain-bench: how long the warehouse outbox takes to drain a long backlog (bench/drain.sh).
//
//   drain-bench prefill STORE METERS DAYS   a store of DAYS x 96 quarter hours x METERS x 4
//                                           channels of interval revisions, written through
//                                           MeterStore.appendIntervalRevisions (the interval
//                                           task's own write), one day a transaction
//   drain-bench drain STORE URL BATCH ID    Outbox + WarehouseDestination (the gateway's own)
//                                           from an empty cursor until the backlog is 0
//   drain-bench export STORE FILE           the same rows as CSV in the warehouse's staging
//                                           columns, for the psql COPY baseline
//
// Each prints one key=value line (rows, seconds, rate in rows/s).
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())

func usage() -> Never {
    FileHandle.standardError.write(Data("""
        usage: drain-bench prefill STORE METERS DAYS
               drain-bench drain STORE URL BATCH ID
               drain-bench export STORE FILE

        """.utf8))
    exit(2)
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

do {
    switch arguments.first {
    case "prefill":
        guard arguments.count == 4, let meters = Int(arguments[2]), let days = Int(arguments[3]), meters > 0, days > 0 else { usage() }
        try Prefill.run(path: arguments[1], meters: meters, days: days)
    case "drain":
        guard arguments.count == 5, let batch = Int(arguments[3]), batch > 0 else { usage() }
        try await Drain.run(path: arguments[1], url: arguments[2], batchSize: batch, destinationID: arguments[4])
    case "export":
        guard arguments.count == 3 else { usage() }
        try StagingExport.run(path: arguments[1], file: arguments[2])
    default:
        usage()
    }
} catch {
    FileHandle.standardError.write(Data("drain-bench: \(error)\n".utf8))
    exit(1)
}
