import Foundation
import MeterKit

/// The timestamp texts the formats need, by integer civil-date arithmetic: no formatter,
/// locale or calendar state, so the same instant always gives the same bytes.
enum TimeText {
    /// `2026-03-01T00:15:00Z` (whole seconds, UTC).
    static func iso8601UTC(_ instant: Date) -> String { ISO8601UTC.string(instant) }

    /// `YYYYMMDDHHMMSS` of wall-clock seconds since 1970-01-01 in some zone.
    static func compact(wallSeconds: Int) -> String {
        let (date, seconds) = split(wallSeconds)
        return "\(four(date.year))\(two(date.month))\(two(date.day))\(clock(seconds, separator: ""))"
    }

    /// Unix seconds of an instant, rounded down.
    static func unixSeconds(_ instant: Date) -> Int { Int(instant.timeIntervalSince1970.rounded(.down)) }

    private static func split(_ seconds: Int) -> ((year: Int, month: Int, day: Int), Int) {
        let day = seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
        return (CivilDate.civil(fromDays: day), seconds - day * 86_400)
    }

    private static func clock(_ seconds: Int, separator: String) -> String {
        [two(seconds / 3600), two(seconds % 3600 / 60), two(seconds % 60)].joined(separator: separator)
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    private static func four(_ value: Int) -> String { String(repeating: "0", count: max(0, 4 - "\(value)".count)) + "\(value)" }
}
