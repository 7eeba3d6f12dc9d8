import Foundation
import Intervals

/// Text the page and the chart share: escaping and the formats of times, numbers and ages.
///
/// Formats are built from integers and `String(format:)` with the POSIX decimal point rather
/// than `DateFormatter`, so the same model gives the same bytes on every machine and locale.
enum PageText {
    /// Escapes text for HTML and XML content and for attribute values in double or single
    /// quotes: meter names, errors and destination ids come from configuration and from
    /// remote systems, never from the page's author.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// `HH:mm` on the local wall clock.
    static func clock(_ instant: Date, _ days: LocalDays) -> String {
        let parts = days.components(of: instant)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }

    /// `YYYY-MM-DD HH:mm:ss` on the local wall clock.
    static func dateTime(_ instant: Date, _ days: LocalDays) -> String {
        let parts = days.components(of: instant)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                      parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    /// `UTC+01:00`, `UTC-05:00`, `UTC+05:30`: the offset in force at `instant`, which tells the
    /// two 01:30s of an autumn DST day apart.
    static func offset(_ instant: Date, _ timeZone: TimeZone) -> String {
        let seconds = timeZone.secondsFromGMT(for: instant)
        return "UTC" + (seconds < 0 ? "-" : "+") + String(format: "%02d:%02d", abs(seconds) / 3600, abs(seconds) % 3600 / 60)
    }

    /// A number with a fixed count of decimals and a POSIX decimal point.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    /// A count with thin grouping for thousands (`12 345`), easier to scan in a backlog column.
    static func count<N: BinaryInteger>(_ value: N) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "\u{202F}" }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// `45 s`, `12 min`, `3 h 10 min`, `2 d 4 h`: an age an operator reads at a glance.
    static func duration(_ seconds: TimeInterval) -> String {
        let s = Int(seconds.rounded(.down))
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min" }
        if s < 86_400 { return "\(s / 3600) h \(s % 3600 / 60) min" }
        return "\(s / 86_400) d \(s % 86_400 / 3600) h"
    }
}
