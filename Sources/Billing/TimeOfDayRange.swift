import Foundation

/// Local wall-clock minutes [start, end) of a day, wrapping midnight when `end` is not after
/// `start` (`22:00-08:00` is the night band). `00:00-24:00` is the whole day.
///
/// Bands are defined on the wall clock, so on a DST day the hour that repeats falls twice into
/// the same band and the skipped hour into none: the tariff's own reading of such a day.
public struct TimeOfDayRange: Sendable, Hashable, CustomStringConvertible {
    /// 0...1439.
    public let startMinute: Int
    /// 1...1440 when it does not wrap; 0...startMinute when it wraps midnight.
    public let endMinute: Int

    /// Nil when a bound is outside the day or the range is empty (`start == end`).
    public init?(startMinute: Int, endMinute: Int) {
        guard (0..<1440).contains(startMinute), (0...1440).contains(endMinute), startMinute != endMinute else { return nil }
        self.startMinute = startMinute
        self.endMinute = endMinute
    }

    /// `HH:MM-HH:MM`, hours 00-24 (24:00 only as an end); nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = Self.minute(of: parts[0]), let end = Self.minute(of: parts[1]), start < 1440 else {
            return nil
        }
        self.init(startMinute: start, endMinute: end)
    }

    /// The whole day, for "all day is band X".
    public static let wholeDay = TimeOfDayRange(startMinute: 0, endMinute: 1440)!

    public var wrapsMidnight: Bool { endMinute < startMinute }

    /// The minutes of the day the range covers, in one or two pieces.
    public var pieces: [Range<Int>] {
        wrapsMidnight ? [startMinute..<1440, 0..<endMinute].filter { !$0.isEmpty } : [startMinute..<endMinute]
    }

    public func contains(minute: Int) -> Bool { pieces.contains { $0.contains(minute) } }

    public var description: String { "\(Self.clock(startMinute))-\(Self.clock(endMinute))" }

    /// `HH:MM` of a minute of the day (`24:00` for 1440).
    public static func clock(_ minute: Int) -> String {
        let hours = minute / 60, minutes = minute % 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)"
    }

    /// Minute of the day of `HH:MM` (hours 0-24, 24 only with 00 minutes).
    static func minute(of text: some StringProtocol) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0...24).contains(hours), (0..<60).contains(minutes), hours < 24 || minutes == 0 else { return nil }
        return hours * 60 + minutes
    }
}
