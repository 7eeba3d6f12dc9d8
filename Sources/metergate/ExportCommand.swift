import ArgumentParser
import Exports
import Forwarding
import Foundation
import GatewayConfig

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a meter's intervals as CSV, Green Button ESPI XML or a Texas LSE-style file.",
        discussion: """
        The latest revision of every interval in the range (CSV with --revisions: every revision). ESPI blocks and LSE records are local days in --time-zone. Formats are described in docs/formats.md.

        metergate export --store store.sqlite --meter m-0001 --from 2026-11-01 --to 2026-12-01 --time-zone America/Chicago --format espi --output m-0001.xml
        """
    )

    @OptionGroup var query: IntervalQueryOptions
    @Option(help: "csv, espi or lse.")
    var format: String
    @Flag(help: "CSV only: every revision, not only the latest.")
    var revisions = false
    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    func run() async throws {
        try await reportingFailures {
            guard let fileFormat = DestinationConfiguration.FileFormat(rawValue: format), fileFormat.payloads.contains(.intervals) else {
                throw UsageFailure("--format \(format): expected csv, espi or lse")
            }
            if revisions && fileFormat != .csv { throw UsageFailure("--revisions: only CSV carries more than one revision per interval") }
            let resolved = try query.resolve()
            defer { try? resolved.store.close() }
            var rows: [ExportedInterval] = []
            for channel in resolved.channels {
                rows += try IntervalQueryOptions.intervals(resolved.store, meterID: resolved.meterID, channelID: channel.id,
                                                           range: resolved.range, allRevisions: revisions)
                    .map { IntervalExport.exported($0, meter: query.meter, channel: channel.name) }
            }
            let text: String
            do {
                text = try IntervalExport.encode(rows, format: fileFormat, timeZone: resolved.days.timeZone, generatedAt: Date())
            } catch {
                throw UsageFailure("--format \(format): \(error)")
            }
            if let output {
                do { try text.write(toFile: output, atomically: true, encoding: .utf8) } catch {
                    throw UsageFailure("--output \(output): \(error.localizedDescription)")
                }
            } else {
                print(text, terminator: "")
            }
        }
    }
}
