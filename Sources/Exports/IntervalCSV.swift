import Foundation

/// The gateway's own flat interval export: one line per interval revision, for the load
/// research warehouse and for anyone with a spreadsheet.
///
/// Columns: `meter,channel,start_utc,length_s,value_wh,quality,revision,source,estimation,flags`.
/// `start_utc` is ISO 8601 UTC (`2026-03-01T00:15:00Z`); `value_wh` has three decimals and
/// is empty when the interval is missing (never a zero); `quality` is the Green Button code
/// (0, 8, 9, 10); `estimation` is empty unless estimated; `flags` is the validation bit set
/// as an integer. Records end with CRLF and fields are quoted only when they contain a
/// comma, a double quote, CR or LF (RFC 4180). Rows come out in the order given: the
/// caller decides (the store's `seq` order keeps revisions as they were made).
public enum IntervalCSV {
    public static let header = "meter,channel,start_utc,length_s,value_wh,quality,revision,source,estimation,flags"

    /// The header and one record per interval, each ending in CRLF.
    public static func encode(_ intervals: [ExportedInterval]) -> String {
        var out = header + "\r\n"
        for interval in intervals {
            out += record(interval) + "\r\n"
        }
        return out
    }

    /// The same with a `start_local` column after `start_utc`: ISO 8601 with the UTC offset
    /// in `timeZone` (`2026-03-01T01:15:00+01:00`), for people who read a day in local time.
    public static func encode(_ intervals: [ExportedInterval], localTimeZone: TimeZone) -> String {
        let style = Date.ISO8601FormatStyle(timeZone: localTimeZone).year().month().day()
            .time(includingFractionalSeconds: false).timeZone(separator: .colon)
        var out = header.replacingOccurrences(of: "start_utc,", with: "start_utc,start_local,") + "\r\n"
        for interval in intervals {
            var fields = Self.fields(interval)
            fields.insert(interval.start.formatted(style), at: 3)
            out += fields.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// One record, without its line ending.
    public static func record(_ interval: ExportedInterval) -> String {
        fields(interval).joined(separator: ",")
    }

    private static func fields(_ interval: ExportedInterval) -> [String] {
        [
            field(interval.meterID), field(interval.channel), TimeText.iso8601UTC(interval.start),
            String(interval.lengthSeconds), interval.valueWh.map { String(format: "%.3f", $0) } ?? "",
            String(interval.quality.rawValue), String(interval.revision), field(interval.source),
            field(interval.estimation ?? ""), String(interval.flags),
        ]
    }

    /// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
