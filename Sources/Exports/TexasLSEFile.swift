import Foundation
import Intervals

/// Interval data as a Texas "LSE" interval file (the comma-separated layout of the ERCOT
/// Retail Market Guide, Section 9 Appendix G, "ERCOT Specified File Format for Submission
/// of Interval Data for Advanced Metering Systems"), so a Texas retailer or TDSP system
/// can load the gateway's intervals like an AMS feed.
///
/// Per meter (ESI ID), channel and local day, three records:
/// ```
/// 00000001,<ESI ID>,<channel>,<start YYYYMMDDHHMMSS>,<stop YYYYMMDDHHMMSS>,Y,N
/// 00000002,<day total kWh>,kWh,<interval minutes>,<number of intervals>
/// 00000003,<kWh>,<status>,<kWh>,<status>,...
/// ```
/// Header row one follows the guide: sort code 00000001, ESI ID, channel (4 = load for
/// `energy.import.total`, 1 = generation for `energy.export.total`), start and stop in
/// local prevailing time, DST participant `Y` (the data is DST-adjusted), invalid record
/// flag `N` (the data has been through VEE). Start is the day's local midnight and stop the
/// next local midnight (where the last interval ends). Only the sort code 00000002 of
/// header row two and the (value, status) pairs of the data were available to us; the rest
/// of rows two and three is the gateway's own (see docs/formats.md).
///
/// A day has one value per interval of the local day: 96 for 15-minute data, 92 on the
/// spring DST day and 100 on the autumn day (24, 23, 25 for hourly data), in time order
/// (the repeated autumn hour appears twice, first in daylight time). Values are kWh with
/// three decimals; a missing interval is an empty value with status `M`, never a zero.
/// Days run continuously from a series' first interval to its last.
public struct TexasLSEFile: Sendable {
    /// Local prevailing time of the files (ERCOT: Central).
    public var timeZone: TimeZone

    public init(timeZone: TimeZone = TimeZone(identifier: "America/Chicago")!) {
        self.timeZone = timeZone
    }

    /// The status character of one interval: `A` actual (valid), `E` estimated (8, 9),
    /// `Q` questionable (10: measured, but a validation rule fired), `M` missing.
    public static func status(of interval: ExportedInterval?) -> Character {
        guard let interval, interval.valueWh != nil else { return "M" }
        switch interval.quality {
        case .valid: return "A"
        case .estimatedReferenceDay, .estimatedLinear: return "E"
        case .questionable: return "Q"
        }
    }

    /// The LSE channel code: 4 = load (import), 1 = generation (export).
    public static func channelCode(_ direction: FlowDirection) -> Int { direction == .forward ? 4 : 1 }

    /// The file for `intervals`, grouped into series by `ExportSeries.group`, series in
    /// first-appearance order, days oldest first; records end with CRLF.
    /// - Throws: `ExportError` when a channel or interval length cannot be written.
    public func encode(_ intervals: [ExportedInterval]) throws(ExportError) -> String {
        encode(series: try ExportSeries.group(intervals))
    }

    /// The file for series already grouped.
    public func encode(series: [ExportSeries]) -> String {
        var out = ""
        for item in series {
            for record in records(of: item) { out += record + "\r\n" }
        }
        return out
    }

    /// The three records of every day of one series.
    public func records(of series: ExportSeries) -> [String] {
        guard let first = series.intervals.first, let last = series.intervals.last else { return [] }
        let days = LocalDays(timeZone: timeZone)
        let grid = IntervalGrid(lengthSeconds: series.readingType.intervalLength)
        var byStart: [Date: ExportedInterval] = [:]
        for interval in series.intervals { byStart[interval.start] = interval }
        var out: [String] = []
        for day in days.days(overlapping: first.start..<last.end) {
            let slots = grid.starts(in: day).map { byStart[$0] }
            let totalWh = slots.reduce(0.0) { $0 + ($1?.valueWh ?? 0) }
            out.append([
                "00000001", IntervalCSV.field(series.meterID), String(Self.channelCode(series.readingType.flowDirection)),
                localStamp(day.lowerBound), localStamp(day.upperBound), "Y", "N",
            ].joined(separator: ","))
            out.append(["00000002", Self.kWh(totalWh), "kWh", String(series.readingType.intervalLength / 60), String(slots.count)]
                .joined(separator: ","))
            var detail = ["00000003"]
            for slot in slots {
                detail.append(slot?.valueWh.map(Self.kWh) ?? "")
                detail.append(String(Self.status(of: slot)))
            }
            out.append(detail.joined(separator: ","))
        }
        return out
    }

    /// Wh as kWh with three decimals (a whole Wh is exact).
    static func kWh(_ wh: Double) -> String { String(format: "%.3f", wh / 1000) }

    /// `YYYYMMDDHHMMSS` in local prevailing time.
    private func localStamp(_ instant: Date) -> String {
        TimeText.compact(wallSeconds: TimeText.unixSeconds(instant) + timeZone.secondsFromGMT(for: instant))
    }
}
