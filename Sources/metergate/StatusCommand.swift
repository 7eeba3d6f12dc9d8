import ArgumentParser
import Foundation
import Store

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show meters, their state and last read, and the counters of each bus, from a gateway store.",
        discussion: "Reads the store while the gateway runs (SQLite WAL: readers never block the collector).\n\nmetergate status --store /var/lib/metergate/store.sqlite"
    )

    @Option(help: "The gateway's store (SQLite file).")
    var store: String
    @Flag(help: "Print JSON instead of tables.")
    var json = false

    func run() async throws {
        try await reportingFailures {
            guard FileManager.default.fileExists(atPath: store) else { throw UsageFailure("--store \(store): no such store") }
            let opened = try MeterStore(path: store)
            defer { try? opened.close() }
            let status = try opened.status()
            print(json ? StatusReport(status: status).json() : StatusReport(status: status).table())
        }
    }
}
