import ArgumentParser
import Foundation
import MeterKit
import StatusPage
import Store

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show meters, their state and last read, and the counters of each bus, from a gateway store.",
        discussion: """
            Reads the store while the gateway runs (SQLite WAL: readers never block the collector).

            metergate status --store /var/lib/metergate/store.sqlite
            metergate status --store store.sqlite --html status.html --meter m-001 --time-zone Europe/Berlin
            """
    )

    @Option(help: "The gateway's store (SQLite file).")
    var store: String
    @Flag(help: "Print JSON instead of tables.")
    var json = false
    @Option(help: "Write the operator's status page (one self-contained HTML file) to this path instead of printing tables.")
    var html: String?
    @Option(help: "With --html: the meter whose load curve to draw (default the first).")
    var meter: String?
    @Option(help: "With --html: the local day of the load curve, YYYY-MM-DD (default the day before the newest poll cycle).")
    var day: String?
    @Option(help: "With --html: IANA time zone for days and times on the page (default UTC).")
    var timeZone: String = "UTC"
    @Option(help: "With --html: the gateway id shown in the page's title.")
    var gatewayID: String = "metergate"

    func validate() throws {
        if html != nil && json { throw ValidationError("choose one of --json and --html") }
        if html == nil && (meter != nil || day != nil) { throw ValidationError("--meter and --day choose the load curve of --html") }
        if let day, LocalDate(day) == nil { throw ValidationError("--day \(day): expected a date such as 2026-11-20") }
        if TimeZone(identifier: timeZone) == nil { throw ValidationError("--time-zone \(timeZone): unknown time zone") }
    }

    func run() async throws {
        try await reportingFailures {
            guard FileManager.default.fileExists(atPath: store) else { throw UsageFailure("--store \(store): no such store") }
            let opened = try MeterStore(path: store)
            defer { try? opened.close() }
            if let html { return try writePage(opened, to: html) }
            let status = try opened.status()
            print(json ? StatusReport(status: status).json() : StatusReport(status: status).table())
        }
    }

    /// The page as of the newest committed poll cycle (the gateway's own time, so a test rig's
    /// store on simulated time reads right), or of the wall clock when nothing was polled yet.
    private func writePage(_ opened: MeterStore, to path: String) throws {
        let now = try opened.latestBucket() ?? SystemClock().now()
        let page = try StatusPageHTML.page(store: opened, gatewayID: gatewayID, meter: meter, day: day,
                                           timeZone: TimeZone(identifier: timeZone)!, now: now)
        try Data(page.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        print(path)
    }
}
