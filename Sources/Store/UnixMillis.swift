import Foundation

/// Instants are stored as INTEGER Unix milliseconds in UTC: exact, sortable, compact
/// (6 bytes in a SQLite record for today's dates) and free of time-zone text.
extension Date {
    /// This instant as whole Unix milliseconds, rounded to the nearest millisecond.
    var unixMillis: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    /// The instant `millis` Unix milliseconds after 1970-01-01T00:00:00Z.
    init(unixMillis millis: Int64) { self.init(timeIntervalSince1970: Double(millis) / 1000) }

    /// ISO 8601 in UTC with milliseconds, for error messages.
    var storeDescription: String {
        formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
