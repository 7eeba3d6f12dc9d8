import Foundation

/// Why a billing cycle or a set of determinants cannot be computed from what was given.
public enum BillingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Cycle days stop at 28 so that every month has one.
    case cycleDayOutOfRange(Int)
    /// Determinants are computed from 15- or 60-minute intervals.
    case unsupportedIntervalLength(Int)
    case intervalLengthMismatch(start: Date, lengthSeconds: Int, expected: Int)
    /// An interval that does not start on the UTC grid of its length.
    case intervalOffGrid(start: Date)
    case duplicateInterval(start: Date)
    /// The demand window is not a whole number of intervals (30-minute demand from hourly data).
    case demandWindowNotWholeIntervals(windowMinutes: Int, intervalSeconds: Int)

    public var description: String {
        switch self {
        case .cycleDayOutOfRange(let day): "cycle day \(day) is outside 1...28"
        case .unsupportedIntervalLength(let seconds): "interval length \(seconds) s is neither 900 nor 3600"
        case .intervalLengthMismatch(let start, let length, let expected):
            "the interval at \(start.formatted(.iso8601)) is \(length) s long, the cycle's intervals \(expected) s"
        case .intervalOffGrid(let start): "the interval at \(start.formatted(.iso8601)) is not on the interval grid"
        case .duplicateInterval(let start): "two intervals start at \(start.formatted(.iso8601))"
        case .demandWindowNotWholeIntervals(let window, let seconds):
            "a \(window)-minute demand window is not a whole number of \(seconds / 60)-minute intervals"
        }
    }
}
