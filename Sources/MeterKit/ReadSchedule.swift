import Foundation

/// Reads happen on UTC wall-clock boundaries (every 5 minutes: :00, :05, ...), so reads of
/// different buses and of a restarted gateway line up, and an interval's start and end fall
/// on read instants.
public struct ReadSchedule: Sendable, Hashable {
    /// Seconds between reads; divides a day.
    public var everySeconds: Int

    public init(everySeconds: Int) {
        precondition(everySeconds > 0 && 86_400 % everySeconds == 0, "a read cadence must divide a day")
        self.everySeconds = everySeconds
    }

    /// The last boundary at or before `instant`.
    public func boundary(atOrBefore instant: Date) -> Date {
        let seconds = Int64(instant.timeIntervalSince1970.rounded(.down))
        let step = Int64(everySeconds)
        let floor = seconds >= 0 ? seconds / step * step : ((seconds + 1) / step - 1) * step
        return Date(timeIntervalSince1970: TimeInterval(floor))
    }

    /// The first boundary strictly after `instant`.
    public func boundary(after instant: Date) -> Date {
        boundary(atOrBefore: instant).addingTimeInterval(TimeInterval(everySeconds))
    }

    /// Every boundary in `range` (half-open), oldest first.
    public func boundaries(in range: Range<Date>) -> [Date] {
        var first = boundary(atOrBefore: range.lowerBound)
        if first < range.lowerBound { first = first.addingTimeInterval(TimeInterval(everySeconds)) }
        return Array(sequence(first: first) { $0.addingTimeInterval(TimeInterval(self.everySeconds)) }.prefix { $0 < range.upperBound })
    }
}
