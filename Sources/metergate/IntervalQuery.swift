import ArgumentParser
import Foundation
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
        guard let zone = TimeZone(identifier: timeZone) else { throw UsageFailure("--time-zone \(timeZone): unknown time zone") }
        let days = LocalDays(timeZone: zone)
        let start = try Self.instant(from, option: "--from", days: days)
        let end = try to.map { try Self.instant($0, option: "--to", days: days) } ?? days.day(containing: start).upperBound
        guard start < end else { throw UsageFailure("--to \(to ?? ""): must be after --from \(from)") }
        guard end.timeIntervalSince(start) <= 366 * 86_400 else { throw UsageFailure("--to \(to ?? ""): at most a year after --from") }
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

    static func instant(_ text: String, option: String, days: LocalDays) throws -> Date {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        if text.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil, let noon = try? Date("\(text)T12:00:00Z", strategy: .iso8601) {
            // Noon UTC lies on that local date in zones up to 12 h from UTC, and on the next
            // one further east.
            let day = days.day(containing: noon)
            return days.date(of: day.lowerBound) == text ? day.lowerBound : days.day(containing: day.lowerBound.addingTimeInterval(-1)).lowerBound
        }
        throw UsageFailure("\(option) \(text): expected a time such as 2026-11-20T06:00:00Z or a date such as 2026-11-20")
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
