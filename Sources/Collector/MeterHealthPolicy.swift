import Foundation

/// When a meter counts as offline and when to try it again.
///
/// A meter is declared offline after `offlineAfter` consecutive failed cycles, then tried
/// again after an exponentially growing wait (one cadence, two, four, ... up to
/// `maxBackoff`), so a dead meter costs its bus one timeout budget per attempt and the
/// attempts thin out; any successful read brings it back at once.
public struct MeterHealthPolicy: Sendable, Hashable {
    public var offlineAfter: Int
    public var cadenceSeconds: Int
    public var maxBackoffSeconds: Int

    public init(offlineAfter: Int, cadenceSeconds: Int, maxBackoffSeconds: Int) {
        self.offlineAfter = max(1, offlineAfter)
        self.cadenceSeconds = cadenceSeconds
        self.maxBackoffSeconds = max(cadenceSeconds, maxBackoffSeconds)
    }

    /// Whether a meter in this state is read in the cycle at `bucket`.
    public func isDue(nextAttemptAt: Date?, at bucket: Date) -> Bool {
        guard let nextAttemptAt else { return true }
        return nextAttemptAt <= bucket
    }

    /// The next attempt after `consecutiveFailures` failed cycles ending at `bucket`; nil
    /// while the meter is still within its allowance and is read every cycle.
    public func nextAttempt(afterFailures consecutiveFailures: Int, at bucket: Date) -> Date? {
        guard consecutiveFailures >= offlineAfter else { return nil }
        let doublings = min(consecutiveFailures - offlineAfter, 30)
        let wait = min(Double(cadenceSeconds) * pow(2, Double(doublings)), Double(maxBackoffSeconds))
        return bucket.addingTimeInterval(wait)
    }
}
