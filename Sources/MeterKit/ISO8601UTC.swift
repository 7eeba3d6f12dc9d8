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
}
