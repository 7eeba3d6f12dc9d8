import Collector
import Exports
import Foundation
import Hummingbird
import Intervals
import Store

/// Validated intervals (JSON or CSV, UTC or local) and VEE results.
extension HeadendRoutes {
    func registerIntervals(on api: RouterGroup<HeadendContext>) {
        api.get("meters/:meter/intervals") { request, context -> Response in
            try context.require(.readData)
            let meter = try await self.meterID(context)
            let window = try self.window(request)
            let format = try self.choice("format", request, allowed: ["json", "csv"], fallback: "json")
            let time = try self.choice("time", request, allowed: ["utc", "local"], fallback: "utc")
            let revisions = try self.flag("revisions", request)
            let series = try await self.intervalRows(meter: meter.id, window: window, channel: request.uri.queryParameters.get("channel"), revisions: revisions)
            let zone = time == "local" ? window.days.timeZone : TimeZone(identifier: "UTC")!
            if format == "csv" {
                let exported = series.flatMap { channel, rows in rows.map { IntervalExportRow.exported($0, meter: meter.name, channel: channel) } }
                let text = time == "local" ? IntervalCSV.encode(exported, localTimeZone: zone) : IntervalCSV.encode(exported)
                return JSONResponse.text(text, contentType: "text/csv; charset=utf-8")
            }
            let lines = series.flatMap { channel, rows in rows.map { IntervalLine(row: $0, channel: channel) } }
            return JSONResponse.make(IntervalsResource(meter: meter.name, timeZone: zone.identifier, from: window.range.lowerBound,
                                                       to: window.range.upperBound, intervals: lines), timeZone: zone)
        }
        api.get("meters/:meter/vee") { request, context -> Response in
            try context.require(.readData)
            let meter = try await self.meterID(context)
            let window = try self.window(request)
            let series = try await self.intervalRows(meter: meter.id, window: window, channel: request.uri.queryParameters.get("channel"), revisions: false)
            let channels = series.compactMap { channel, rows -> VEEChannelResource? in
                guard let length = rows.first?.lengthSeconds else { return nil }
                let daily = Rollups.daily(rows.map(EnergyInterval.init), days: window.days, grid: IntervalGrid(lengthSeconds: length))
                return VEEChannelResource(
                    channel: channel,
                    days: daily.map { VEEDayResource(day: window.days.date(of: $0.start), energyWh: $0.energyWh, intervals: $0.intervals,
                                                     expected: $0.expected, estimated: $0.estimated, missing: $0.missing, questionable: $0.questionable) },
                    flagged: rows.filter { $0.flags != 0 || $0.quality != 0 }.map { IntervalLine(row: $0, channel: channel) })
            }
            return JSONResponse.make(VEEResource(meter: meter.name, timeZone: window.days.timeZone.identifier, from: window.range.lowerBound,
                                                 to: window.range.upperBound, channels: channels), timeZone: window.days.timeZone)
        }
    }

    /// The meter's interval channels (`energy.*`, or the one asked for) with their rows in
    /// the window, latest revision or every revision. Quarter-hour starts cover hourly
    /// intervals too.
    func intervalRows(meter: Int64, window: IntervalWindow, channel: String?, revisions: Bool) async throws(APIError) -> [(String, [IntervalRow])] {
        try await store.run { store throws -> [(String, [IntervalRow])] in
            var channels = try store.channels().map { (id: $0.key, name: $0.value) }.filter { $0.name.hasPrefix("energy.") }.sorted { $0.name < $1.name }
            if let channel {
                channels = channels.filter { $0.name == channel }
                if channels.isEmpty { throw APIError.badParameter("channel", "no interval channel named '\(channel)' in the store") }
            }
            let starts = IntervalGrid(lengthSeconds: 900).starts(in: window.range)
            return try channels.map { channel in
                (channel.name, try store.intervals(meterID: meter, channelID: channel.id, starts: starts, allRevisions: revisions))
            }
        }
    }
}

/// A stored revision as an `Exports` row (the same mapping as forwarding's, without
/// importing Forwarding and its transports).
enum IntervalExportRow {
    static func exported(_ row: IntervalRow, meter: String, channel: String) -> ExportedInterval {
        ExportedInterval(meterID: meter, channel: channel, start: row.start, lengthSeconds: row.lengthSeconds, valueWh: row.valueWh,
                         quality: IntervalQuality(rawValue: row.quality) ?? .questionable, revision: row.revision, source: row.source,
                         estimation: row.estimation, flags: row.flags)
    }
}
