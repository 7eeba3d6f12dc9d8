import ArgumentParser
import Collector
import Foundation
import GatewayConfig
import Headend
import Store

struct RereadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reread",
        abstract: "Read a meter's recorded profile again for a range, revise its intervals, and re-bill (the disputed-bill flow).",
        discussion: """
        The request is filed in the gateway's store and carried out by the running gateway (`metergate run`): the poller of the meter's bus reads the meter's memory between its scheduled reads, never beside them. Records that differ from the stored copy replace it; the range's intervals (whole local days) are recomputed and changed ones stored as new revisions; the billing cycles the range touches are recomputed and, where the determinants changed, stored as a superseding version. Destinations receive the revisions and versions like any others.

        The command waits for the result (--wait seconds; 0 files the request and returns). Exit 0: done; 1: the gateway could not carry it out; 3: still pending when the wait ended (the gateway serves it when it runs).

        metergate reread --config gateway.yaml --meter m-0001 --from 2026-11-02 --to 2026-11-05 --time-zone America/Chicago
        """
    )

    @Option(help: "The gateway configuration (YAML) of the running gateway.")
    var config: String
    @Option(help: "The meter id, as in gateway.yaml.")
    var meter: String
    @Option(help: "Start of the range: 2026-11-20T06:00:00Z, or a date (midnight in --time-zone).")
    var from: String
    @Option(help: "End of the range (exclusive), as --from.")
    var to: String
    @Option(help: "IANA time zone for dates in --from/--to (default UTC).")
    var timeZone: String = "UTC"
    @Option(help: "Seconds to wait for the gateway to carry the request out.")
    var wait: Double = 300
    @Option(help: "Who asks, recorded with the request and in the meter's events (default: $USER).")
    var requestedBy: String?

    func run() async throws {
        try await reportingFailures {
            let configuration = try GatewayConfiguration.load(path: config)
            guard let meterConfiguration = configuration.meters.first(where: { $0.id == meter }) else {
                throw UsageFailure("--meter \(meter): no such meter in \(config)")
            }
            guard configuration.profiles[meterConfiguration.profileID]?.loadProfile != nil else {
                throw UsageFailure("--meter \(meter): profile \(meterConfiguration.profileID) keeps no load profile to re-read")
            }
            // Read and refused exactly as the API's re-read endpoint reads its body.
            let window: IntervalWindow
            do throws(IntervalWindow.Failure) {
                window = try IntervalWindow(from: from, to: to, timeZone: timeZone, names: .init(from: "--from", to: "--to", timeZone: "--time-zone"))
            } catch {
                throw UsageFailure(error.message)
            }
            let (start, end) = (window.range.lowerBound, window.range.upperBound)
            let clock = try ServiceClock(timeBase: configuration.timeBasePath.map(RunCommand.timeBase(at:)))
            guard start < clock.now() else { throw UsageFailure("--from \(from): is in the future; the meter has recorded nothing there yet") }
            let path = configuration.store.path
            guard FileManager.default.fileExists(atPath: path) else { throw UsageFailure("store \(path): no such store; has the gateway run?") }
            let store = try MeterStore(path: path)
            defer { try? store.close() }
            guard let meterID = try store.meters().first(where: { $0.value.name == meter })?.key else {
                throw UsageFailure("--meter \(meter): not yet registered in \(path); start the gateway once")
            }
            let by = requestedBy ?? ProcessInfo.processInfo.environment["USER"] ?? "cli"
            let filed = try store.fileReadRequest(ReadRequestRow(meterID: meterID, kind: .reread, range: start..<end,
                                                                 requestedAt: clock.now(), requestedBy: by))
            print("re-read request \(filed.id) for \(meter), \(Self.iso(start)) to \(Self.iso(end)), filed by \(by)")
            let deadline = ContinuousClock.now + .milliseconds(Int64(wait * 1000))
            while ContinuousClock.now < deadline {
                if let request = try store.readRequest(id: filed.id), request.state != .pending {
                    try report(request)
                    return
                }
                try await Task.sleep(for: .milliseconds(200))
            }
            print("still pending after \(Int(wait)) s: the gateway serves it when it runs (`metergate run --config \(config)`)")
            throw ExitCode(3)
        }
    }

    private func report(_ request: ReadRequestRow) throws {
        guard request.state == .done, let text = request.result else {
            print("failed: \(request.result ?? "no reason recorded")")
            throw ExitCode(1)
        }
        let result = try ReadRequestJSON.decode(RereadResult.self, from: text)
        print("done: \(result.recorded.read) intervals read back from the meter, \(result.recorded.changed) differed from the store, \(result.recorded.added) new")
        print("intervals: \(result.intervalRevisions) revisions stored")
        if result.billingVersions.isEmpty { print("billing: no cycle changed") }
        // Recomputing a cycle takes in everything stored since the hourly billing run, so a
        // re-read that changed nothing can still be the moment a late revision is billed.
        let unchanged = result.intervalRevisions == 0 ? " (from data stored since the last billing run; the re-read changed nothing)" : ""
        for version in result.billingVersions {
            print("billing: cycle from \(Self.iso(version.cycleStart)) is now version \(version.version)\(unchanged)")
        }
    }

    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }
}
