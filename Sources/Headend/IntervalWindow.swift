import Foundation
import Intervals

/// A time range asked for by a person: `from` and `to` as instants or local dates, in a
/// time zone. Shared by `metergate intervals`/`vee` and the API, so both read the same
/// texts the same way and refuse the same mistakes with the same words.
public struct IntervalWindow: Sendable {
    public var range: Range<Date>
    public var days: LocalDays

    /// The longest range one query may cover: a year of quarter hours is 35,000 intervals a
    /// channel, enough for any report and small enough to answer from memory.
    public static let maximumSeconds: TimeInterval = 366 * 86_400

    /// Names the parameters in failure messages: `--from` for the CLI, `from` for the API.
    public struct ParameterNames: Sendable {
        public var from: String
        public var to: String
        public var timeZone: String

        public init(from: String, to: String, timeZone: String) {
            self.from = from
            self.to = to
            self.timeZone = timeZone
        }
    }

    /// A failure naming the parameter and the text it had.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var parameter: String
        public var message: String
        public var description: String { message }
    }

    /// Resolves the texts.
    ///
    /// - Parameters:
    ///   - from: `2026-11-20T06:00:00Z` (any ISO 8601 instant) or a date `2026-11-20`, which
    ///     means local midnight in `timeZone`.
    ///   - to: the same, exclusive; nil means the end of the local day `from` falls in.
    ///   - maximum: the longest range accepted.
    /// - Throws: `Failure` for an unknown zone, an unreadable time, an empty or reversed
    ///   range, or one longer than `maximum`.
    public init(from: String, to: String?, timeZone: String, names: ParameterNames,
                maximum: TimeInterval = IntervalWindow.maximumSeconds) throws(Failure) {
        guard let zone = TimeZone(identifier: timeZone) else {
            throw Failure(parameter: names.timeZone, message: "\(names.timeZone) \(timeZone): unknown time zone")
        }
        let days = LocalDays(timeZone: zone)
        let start = try Self.instant(from, parameter: names.from, days: days)
        let end = try to.map { text throws(Failure) in try Self.instant(text, parameter: names.to, days: days) } ?? days.day(containing: start).upperBound
        guard start < end else { throw Failure(parameter: names.to, message: "\(names.to) \(to ?? ""): must be after \(names.from) \(from)") }
        guard end.timeIntervalSince(start) <= maximum else {
            throw Failure(parameter: names.to, message: "\(names.to) \(to ?? ""): at most \(Self.span(maximum)) after \(names.from)")
        }
        range = start..<end
        self.days = days
    }

    private static func span(_ seconds: TimeInterval) -> String {
        seconds >= 366 * 86_400 ? "a year" : "\(Int(seconds / 86_400)) days"
    }

    /// One time text: an ISO 8601 instant, or a date meaning local midnight in `days`' zone.
    public static func instant(_ text: String, parameter: String, days: LocalDays) throws(Failure) -> Date {
        if let date = try? Date(text, strategy: .iso8601), date.timeIntervalSince1970 > 0, date.timeIntervalSince1970 < 32_503_680_000 {
            return date
        }
        if text.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil, let noon = try? Date("\(text)T12:00:00Z", strategy: .iso8601) {
            // Noon UTC lies on that local date in zones up to 12 h from UTC, and on the next
            // one further east.
            let day = days.day(containing: noon)
            return days.date(of: day.lowerBound) == text ? day.lowerBound : days.day(containing: day.lowerBound.addingTimeInterval(-1)).lowerBound
        }
        throw Failure(parameter: parameter, message: "\(parameter) \(text): expected a time such as 2026-11-20T06:00:00Z or a date such as 2026-11-20")
    }
}
