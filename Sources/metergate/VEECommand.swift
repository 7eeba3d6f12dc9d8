import ArgumentParser
import Collector
import Foundation
import Headend
import Intervals
import Store

struct VEECommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vee",
        abstract: "Show the validation results of a meter's intervals: a summary per local day and every flagged interval.",
        discussion: "metergate vee --store store.sqlite --meter m-001 --from 2026-11-19 --to 2026-11-21 --time-zone America/Chicago"
    )

    @OptionGroup var query: IntervalQueryOptions

    func run() async throws {
        try await reportingFailures {
            let resolved = try query.resolve()
            defer { try? resolved.store.close() }
            var out: [String] = []
            for channel in resolved.channels {
                let rows = try IntervalQueryOptions.intervals(resolved.store, meterID: resolved.meterID, channelID: channel.id, range: resolved.range)
                guard let length = rows.first?.lengthSeconds else { continue }
                let intervals = rows.map(EnergyInterval.init)
                out.append("\(query.meter) \(channel.name) (\(query.timeZone) days)")
                let daily = Rollups.daily(intervals, days: resolved.days, grid: IntervalGrid(lengthSeconds: length))
                out.append(IntervalLine.table(
                    header: ["day", "kWh", "intervals", "expected", "estimated", "missing", "questionable"],
                    rows: daily.map { day in
                        [resolved.days.date(of: day.start), String(format: "%.3f", day.energyWh / 1000), "\(day.intervals)", "\(day.expected)",
                         "\(day.estimated)", "\(day.missing)", "\(day.questionable)"]
                    }))
                let flagged = rows.filter { $0.flags != 0 || $0.quality != 0 }
                if flagged.isEmpty {
                    out.append("no interval flagged")
                } else {
                    out.append("flagged intervals:")
                    out.append(IntervalLine.render(flagged.map { IntervalLine(row: $0, channel: channel.name) }, format: .table,
                                                   timeZone: resolved.days.timeZone, meter: query.meter))
                }
                out.append("")
            }
            print(out.isEmpty ? "no intervals for \(query.meter) in the range" : out.joined(separator: "\n"))
        }
    }
}
