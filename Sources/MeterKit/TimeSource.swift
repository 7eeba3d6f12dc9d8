import Foundation

/// Where domain code gets "now" from.
///
/// Nothing in the domain reads the wall clock itself: production passes `SystemClock`, the
/// emulator and tests pass an `AcceleratedClock` or a `FixedClock`, and the same code runs.
public protocol TimeSource: Sendable {
    func now() -> Date
}

/// The host's UTC wall clock: the only place the gateway reads real time.
public struct SystemClock: TimeSource {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that stands still until told otherwise; for tests.
public final class FixedClock: TimeSource, @unchecked Sendable {
    // @unchecked: every access to `instant` goes through `lock`.
    private let lock = NSLock()
    private var instant: Date

    public init(_ instant: Date) { self.instant = instant }

    public func now() -> Date { lock.withLock { instant } }
    public func set(_ date: Date) { lock.withLock { instant = date } }
    public func advance(by seconds: TimeInterval) { lock.withLock { instant += seconds } }
}

/// Simulated time running `speed` times faster than a wall clock, anchored so that the
/// simulation reads `start` at wall instant `wallOrigin`.
public struct AcceleratedClock: TimeSource {
    public let timeBase: TimeBase
    public let wall: any TimeSource

    public init(timeBase: TimeBase, wall: any TimeSource = SystemClock()) {
        self.timeBase = timeBase
        self.wall = wall
    }

    public func now() -> Date { timeBase.simulatedTime(atWall: wall.now()) }
}
