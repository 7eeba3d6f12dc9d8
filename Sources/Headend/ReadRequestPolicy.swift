import Foundation

/// What the API needs to know, beyond the store, to file read requests sensibly: which
/// meters keep a load profile (a re-read of one that does not can never succeed, so it is
/// refused at once with 400), and the gateway's clock (a simulated one on a test rig), so
/// a range in the future is refused too.
public struct ReadRequestPolicy: Sendable {
    /// Meter ids whose profile has a load profile; nil accepts every meter.
    public var rereadable: Set<String>?
    public var now: @Sendable () -> Date

    public init(rereadable: Set<String>? = nil, now: @escaping @Sendable () -> Date = { Date() }) {
        self.rereadable = rereadable
        self.now = now
    }
}
