import ArgumentParser
import Foundation
import Intervals
import Store

struct IntervalsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intervals",
        abstract: "Print a meter's validated intervals for a range: value, quality, source and revision.",
        discussion: """
            Values are Wh with the CT/PT multiplier applied. Quality is the Green Button code: 0 valid, \
            8 estimated from like days, 9 estimated linearly, 10 questionable. A missing interval prints \
            no value, never a zero.

            metergate intervals --store store.sqlite --meter m-001 --from 2026-11-20 --time-zone America/Chicago --local --csv
            """
    )

    @OptionGroup var query: IntervalQueryOptions
    @Flag(help: "Show times in --time-zone instead of UTC.")
    var local = false
    @Flag(help: "Every revision, not only the latest.")
    var revisions = false
    @Flag(help: "CSV output.")
    var csv = false
    @Flag(help: "JSON output.")
    var json = false

    func validate() throws {
        if csv && json { throw ValidationError("choose one of --csv and --json") }
    }

    func run() async throws {
        try await reportingFailures {
            let resolved = try query.resolve()
            defer { try? resolved.store.close() }
            var lines: [IntervalLine] = []
            for channel in resolved.channels {
                let rows = try IntervalQueryOptions.intervals(resolved.store, meterID: resolved.meterID, channelID: channel.id,
                                                              range: resolved.range, allRevisions: revisions)
                lines += rows.map { IntervalLine(row: $0, channel: channel.name) }
            }
            let zone = local ? resolved.days.timeZone : TimeZone(identifier: "UTC")!
            let format = csv ? IntervalLine.Format.csv : json ? .json : .table
            print(IntervalLine.render(lines, format: format, timeZone: zone, meter: query.meter))
        }
    }
}
