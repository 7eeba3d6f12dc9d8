import Foundation

/// The UTC-aligned grid of 15- or 60-minute intervals every series is placed on.
///
/// Intervals are stored as a UTC start plus a length; local time (and its DST days of 92
/// or 100 quarter hours) only enters for tariffs, day types and exports (`LocalDays`).
public struct IntervalGrid: Sendable, Hashable {
    public let lengthSeconds: Int

    public init(lengthSeconds: Int) {
        precondition(lengthSeconds > 0 && 86_400 % lengthSeconds == 0, "an interval length must divide a day")
        self.lengthSeconds = lengthSeconds
    }

    public var length: TimeInterval { TimeInterval(lengthSeconds) }

    /// The start of the interval that contains `instant`.
    public func start(containing instant: Date) -> Date {
        let seconds = instant.timeIntervalSince1970
        return Date(timeIntervalSince1970: (seconds / length).rounded(.down) * length)
    }

    /// The first interval start at or after `instant`.
    public func start(atOrAfter instant: Date) -> Date {
        let floor = start(containing: instant)
        return floor < instant ? floor.addingTimeInterval(length) : floor
    }

    /// Every interval start in `range` (half-open), oldest first.
    public func starts(in range: Range<Date>) -> [Date] {
        var out: [Date] = []
        var start = start(atOrAfter: range.lowerBound)
        while start < range.upperBound {
            out.append(start)
            start = start.addingTimeInterval(length)
        }
        return out
    }

    /// The slot index of `start` counted from `origin` (both on the grid).
    public func index(of start: Date, from origin: Date) -> Int {
        Int((start.timeIntervalSince(origin) / length).rounded())
    }
}
