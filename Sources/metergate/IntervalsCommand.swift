import ArgumentParser
import Collector
import Foundation
import Headend
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
    @Option(help: "Sum into hours (UTC) or local days, with how many intervals were estimated, missing or questionable.")
    var rollup: RollupPeriod?

    enum RollupPeriod: String, ExpressibleByArgument { case hour, day }

    func validate() throws {
        if csv && json { throw ValidationError("choose one of --csv and --json") }
        if rollup != nil && (json || revisions) { throw ValidationError("--rollup prints a table or --csv, of the latest revisions") }
    }

    func run() async throws {
        try await reportingFailures {
            let resolved = try query.resolve()
            defer { try? resolved.store.close() }
            if let rollup { return try printRollups(rollup, resolved) }
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

    private func printRollups(_ period: RollupPeriod, _ resolved: ResolvedIntervalQuery) throws {
        var rows: [[String]] = []
        for channel in resolved.channels {
            let intervals = try IntervalQueryOptions.intervals(resolved.store, meterID: resolved.meterID, channelID: channel.id, range: resolved.range)
                .map(EnergyInterval.init)
            guard let length = intervals.first?.lengthSeconds else { continue }
            let rollups = period == .hour ? Rollups.hourly(intervals)
                : Rollups.daily(intervals, days: resolved.days, grid: IntervalGrid(lengthSeconds: length))
            rows += rollups.map { r in
                [channel.name, period == .hour ? r.start.formatted(.iso8601) : resolved.days.date(of: r.start), String(format: "%.3f", r.energyWh),
                 "\(r.intervals)", "\(r.expected)", "\(r.estimated)", "\(r.missing)", "\(r.questionable)"]
            }
        }
        let header = ["channel", period == .hour ? "hour (UTC)" : "day (\(query.timeZone))", "Wh", "intervals", "expected", "estimated", "missing", "questionable"]
        if csv {
            print(([header.joined(separator: ",")] + rows.map { $0.joined(separator: ",") }).joined(separator: "\n"))
        } else {
            print(rows.isEmpty ? "no intervals for \(query.meter) in the range" : IntervalLine.table(header: header, rows: rows))
        }
    }
}
