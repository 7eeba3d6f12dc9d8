import ArgumentParser
import Billing
import Foundation
import Store

struct BillingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billing",
        abstract: "Show a meter's billing determinants: every cycle, every version, as computed under its tariff.",
        discussion: """
        A version supersedes the one before it (late data or a re-read changed the cycle); billing destinations receive every version. Energy in kWh, demand in kW.

        metergate billing --store store.sqlite --meter m-0001 [--json]
        """
    )

    @Option(help: "The gateway's store (SQLite file).")
    var store: String
    @Option(help: "The meter id, as in gateway.yaml.")
    var meter: String
    @Flag(help: "Only the latest version of each cycle.")
    var latest = false
    @Flag(help: "The stored JSON documents, one per line.")
    var json = false

    func run() async throws {
        try await reportingFailures {
            guard FileManager.default.fileExists(atPath: store) else { throw UsageFailure("--store \(store): no such store") }
            let opened = try MeterStore(path: store)
            defer { try? opened.close() }
            guard let meterID = try opened.meters().first(where: { $0.value.name == meter })?.key else {
                throw UsageFailure("--meter \(meter): no such meter in \(store)")
            }
            var rows = try opened.billingCycles(meterID: meterID)
            if latest { rows = Dictionary(grouping: rows, by: \.cycleStart).values.compactMap { $0.max { $0.version < $1.version } }.sorted { $0.cycleStart < $1.cycleStart } }
            guard !rows.isEmpty else {
                print("no billing cycle computed for \(meter) (does it have a tariff, and has a cycle closed?)")
                return
            }
            if json {
                rows.forEach { print($0.document) }
                return
            }
            for row in rows {
                let determinants = try JSONDecoder().decode(BillingDeterminants.self, from: Data(row.document.utf8))
                print(Self.render(determinants, computedAt: row.computedAt))
            }
        }
    }

    static func render(_ d: BillingDeterminants, computedAt: Date) -> String {
        let kWh = { (wh: Double) in String(format: "%.3f", wh / 1000) }
        let kW = { (peak: DemandPeak?) in peak.map { String(format: "%.3f kW at %@", $0.demandW / 1000, $0.windowStart.formatted(.iso8601)) } ?? "-" }
        var lines = ["\(d.meterID) cycle \(d.cycleFirstDay) .. \(d.cycleLastDay) (tariff \(d.tariffID)) version \(d.version), computed \(computedAt.formatted(.iso8601))"]
        let read = { (r: RegisterReading?) in r.map { "\(kWh($0.valueWh)) kWh at \($0.readAt.formatted(.iso8601))" } ?? "-" }
        lines.append("  register reads: start \(read(d.startRead)), end \(read(d.endRead))")
        lines.append("  energy: \(kWh(d.totalEnergyWh)) kWh; " + d.energyByBand.map { "\($0.band) \(kWh($0.energyWh))" }.joined(separator: ", "))
        if !d.energyByBlock.isEmpty {
            lines.append("  blocks: " + d.energyByBlock.map { "\($0.band.map { $0 + " " } ?? "")\(kWh($0.fromWh))-\($0.toWh.map(kWh) ?? "") kWh: \(kWh($0.energyWh))" }
                .joined(separator: ", "))
        }
        lines.append("  maximum demand (\(d.demandWindowMinutes) min \(d.demandMethod.rawValue)): \(kW(d.maxDemand))")
        for band in d.maxDemandByBand { lines.append("    \(band.band): \(kW(band.peak))") }
        lines.append("  load factor: \(d.loadFactor.map { String(format: "%.1f %%", $0 * 100) } ?? "-")")
        lines.append("  intervals: \(d.intervalsPresent) of \(d.intervalsExpected), \(d.intervalsEstimated) estimated, \(d.intervalsMissing) missing")
        return lines.joined(separator: "\n")
    }
}
