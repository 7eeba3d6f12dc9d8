import ArgumentParser
import Foundation
import Headend
import Intervals
import Store

/// The options `intervals` and `vee` share: which store, meter, channels and range, and
/// in which time zone days are counted and times shown.
struct IntervalQueryOptions: ParsableArguments {
    @Option(help: "The gateway's store (SQLite file).")
    var store: String
    @Option(help: "The meter id, as in gateway.yaml.")
    var meter: String
    @Option(help: "Start of the range: 2026-11-20T06:00:00Z, or a date (midnight in --time-zone).")
    var from: String
    @Option(help: "End of the range (exclusive), as --from. Default: a day after --from.")
    var to: String?
    @Option(help: "Only this channel (e.g. energy.import.total); default every interval channel.")
    var channel: String?
    @Option(help: "IANA time zone for dates in --from/--to, --local times and days (default UTC).")
    var timeZone: String = "UTC"

    /// The resolved query, or a one-line usage failure naming the bad option.
    func resolve() throws -> ResolvedIntervalQuery {
        let window: IntervalWindow
        do {
            window = try IntervalWindow(from: from, to: to, timeZone: timeZone, names: .init(from: "--from", to: "--to", timeZone: "--time-zone"))
        } catch {
            throw UsageFailure(error.message)
        }
        let (start, end, days) = (window.range.lowerBound, window.range.upperBound, window.days)
        guard FileManager.default.fileExists(atPath: store) else { throw UsageFailure("--store \(store): no such store") }
        let opened = try MeterStore(path: store)
        guard let meterID = try opened.meters().first(where: { $0.value.name == meter })?.key else {
            try? opened.close()
            throw UsageFailure("--meter \(meter): no such meter in \(store)")
        }
        var channels = try opened.channels().map { (id: $0.key, name: $0.value) }.filter { $0.name.hasPrefix("energy.") }.sorted { $0.name < $1.name }
        if let channel {
            channels = channels.filter { $0.name == channel }
            if channels.isEmpty {
                try? opened.close()
                throw UsageFailure("--channel \(channel): no such interval channel in \(store)")
            }
        }
        return ResolvedIntervalQuery(store: opened, meterID: meterID, channels: channels, range: start..<end, days: days)
    }

    /// Every stored interval of the range, latest revision (or every revision), per channel.
    /// Quarter-hour starts cover hourly intervals too.
    static func intervals(_ store: MeterStore, meterID: Int64, channelID: Int64, range: Range<Date>, allRevisions: Bool = false) throws -> [IntervalRow] {
        try store.intervals(meterID: meterID, channelID: channelID, starts: IntervalGrid(lengthSeconds: 900).starts(in: range),
                            allRevisions: allRevisions)
    }
}

/// An interval query with its store open and its names resolved to ids.
struct ResolvedIntervalQuery {
    let store: MeterStore
    let meterID: Int64
    let channels: [(id: Int64, name: String)]
    let range: Range<Date>
    let days: LocalDays
}
