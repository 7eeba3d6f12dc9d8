import Foundation
import MeterKit

/// The collector's time: what now is, and waiting until a boundary.
///
/// In production it is the system clock. On a test rig it is the emulator's simulated time
/// (a `TimeBase` shared through a file), so the same scheduling code runs two simulated
/// days in a minute: a wait until a simulated instant becomes a wall-clock wait scaled by
/// the speed.
public struct ServiceClock: Sendable {
    public let timeBase: TimeBase?
    private let wall: any TimeSource

    public init(timeBase: TimeBase? = nil, wall: any TimeSource = SystemClock()) {
        self.timeBase = timeBase
        self.wall = wall
    }

    public var source: any TimeSource {
        timeBase.map { AcceleratedClock(timeBase: $0, wall: wall) } ?? wall
    }

    public func now() -> Date { source.now() }

    /// Sleeps until `instant` on this clock; throws `CancellationError` when cancelled.
    public func sleep(until instant: Date) async throws {
        let wallTarget = timeBase?.wallTime(atSimulated: instant) ?? instant
        let seconds = wallTarget.timeIntervalSince(wall.now())
        guard seconds > 0 else {
            try Task.checkCancellation()
            return
        }
        try await Task.sleep(for: .nanoseconds(Int64(seconds * 1e9)))
    }
}
