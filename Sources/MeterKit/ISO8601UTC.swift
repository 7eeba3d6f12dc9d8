import Foundation

/// `2026-03-01T00:15:00Z`: an instant as ISO 8601 UTC in whole seconds (rounded down), the
/// text `Date.formatted(.iso8601)` gives, by integer civil-date arithmetic. Billing
/// documents and export files carry several instants each; Foundation's format style costs
/// microseconds an instant, this costs nanoseconds and holds no formatter state.
public enum ISO8601UTC {
    public static func string(_ instant: Date) -> String {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        let day = seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
        let (year, month, dayOfMonth) = CivilDate.civil(fromDays: day)
        let clock = seconds - day * 86_400
        // Foundation counts years before the Gregorian reform (1582) in the Julian calendar.
        guard (1583...9999).contains(year) else { return instant.formatted(.iso8601) }
        return String(unsafeUninitializedCapacity: 24) { buffer in
            var at = 0
            func put(_ value: Int, _ width: Int) {
                var divisor = 1
                for _ in 1..<width { divisor *= 10 }
                while divisor * 10 <= value { divisor *= 10 }
                var rest = value
                while divisor > 0 {
                    buffer[at] = 0x30 + UInt8(rest / divisor)
                    at += 1
                    rest %= divisor
                    divisor /= 10
                }
            }
            func mark(_ byte: UInt8) {
                buffer[at] = byte
                at += 1
            }
            put(year, 4); mark(0x2D); put(month, 2); mark(0x2D); put(dayOfMonth, 2); mark(0x54)
            put(clock / 3600, 2); mark(0x3A); put(clock % 3600 / 60, 2); mark(0x3A); put(clock % 60, 2); mark(0x5A)
            return at
        }
    }

    /// The inverse of `string(_:)` for exactly that spelling, `YYYY-MM-DDTHH:MM:SSZ`; nil for
    /// anything else. Foundation's ISO 8601 parser builds a calendar and time zone (ICU), which
    /// maps megabytes into a gateway that only needs to read its time base.
    public static func instant(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54,
              bytes[13] == 0x3A, bytes[16] == 0x3A, bytes[19] == 0x5A else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for byte in bytes[from..<from + count] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), hour < 24, minute < 60, second < 60 else { return nil }
        let days = CivilDate.days(fromCivil: year, month, day)
        // Reject days the month does not have (2025-02-30) rather than rolling them over.
        guard CivilDate.civil(fromDays: days) == (year, month, day) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3600 + minute * 60 + second))
    }
}
