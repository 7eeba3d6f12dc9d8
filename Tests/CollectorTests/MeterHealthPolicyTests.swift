import Collector
import Foundation
import Testing

struct MeterHealthPolicyTests {
    static let bucket = Date(timeIntervalSince1970: 1_767_571_200)  // 2026-01-05T00:00:00Z, a boundary

    @Test func aMeterStaysDueUntilItHasFailedOfflineAfterCycles() {
        let policy = MeterHealthPolicy(offlineAfter: 2, cadenceSeconds: 900, maxBackoffSeconds: 3600)
        #expect(policy.nextAttempt(afterFailures: 1, at: Self.bucket) == nil)
        // The second failure declares it offline: next try one cadence later.
        #expect(policy.nextAttempt(afterFailures: 2, at: Self.bucket) == Self.bucket.addingTimeInterval(900))
    }

    @Test func waitsDoubleUpToTheLongestBackOff() {
        let policy = MeterHealthPolicy(offlineAfter: 2, cadenceSeconds: 900, maxBackoffSeconds: 3600)
        // Failures 2, 3, 4, 5, 6 -> waits 900 x 2^0, 2^1, 2^2 (3600), then capped at 3600.
        let waits = (2...6).map { policy.nextAttempt(afterFailures: $0, at: Self.bucket)!.timeIntervalSince(Self.bucket) }
        #expect(waits == [900, 1800, 3600, 3600, 3600])
    }

    @Test func aMeterIsDueOnceItsNextAttemptHasCome() {
        let policy = MeterHealthPolicy(offlineAfter: 1, cadenceSeconds: 900, maxBackoffSeconds: 3600)
        let next = Self.bucket.addingTimeInterval(1800)
        #expect(!policy.isDue(nextAttemptAt: next, at: Self.bucket.addingTimeInterval(900)))
        #expect(policy.isDue(nextAttemptAt: next, at: next))
        #expect(policy.isDue(nextAttemptAt: nil, at: Self.bucket))
    }

    @Test func hugeFailureCountsDoNotOverflowTheWait() {
        let policy = MeterHealthPolicy(offlineAfter: 2, cadenceSeconds: 300, maxBackoffSeconds: 86_400)
        #expect(policy.nextAttempt(afterFailures: 10_000, at: Self.bucket) == Self.bucket.addingTimeInterval(86_400))
    }
}
