import Foundation
import Store
import TestSupport
import Testing
@testable import Forwarding

@Suite("Outbox")
struct OutboxTests {
    @Test func billingVersionsLandInAFileDropOnceEachAndAResentBatchReplacesItsOwnFile() async throws {
        let fixture = try ForwardingFixture()
        defer { fixture.remove() }
        let drop = fixture.directory.appendingPathComponent("billing").path
        let destination = FileDestination(id: "billing-files", directory: drop, fileExtension: "jsonl") { BatchJSON.lines($0) }
        try await destination.prepare()
        try fixture.addCycles(version: 1)
        #expect(try await fixture.drain(fixture.outbox(destination)) == [.delivered(rows: 3), .idle])

        // A crash after the batch was planned (and perhaps written) but before the cursor moved:
        // the next outbox sends the same rows under the same file name.
        try fixture.addCycles(version: 2, meters: [fixture.meterIDs[0]])
        let planned = try fixture.store.planBatch(destination: "billing-files", limit: 100)
        #expect(planned.batch == 4...4)
        try await destination.deliver(try batch(fixture, planned.batch!))
        #expect(try await fixture.drain(fixture.outbox(destination)) == [.delivered(rows: 1), .idle])

        let files = try FileManager.default.contentsOfDirectory(atPath: drop).sorted()
        #expect(files == ["billing-files-1-3.jsonl", "billing-files-4-4.jsonl"])
        let lines = try files.flatMap { try String(contentsOfFile: drop + "/" + $0, encoding: .utf8).split(separator: "\n") }
        let keys = try lines.map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])["idempotency_key"] as? String
        }
        #expect(keys == ["gw-test/m1/2026-02-01T00:00:00Z/v1", "gw-test/m2/2026-02-01T00:00:00Z/v1",
                         "gw-test/m3/2026-02-01T00:00:00Z/v1", "gw-test/m1/2026-02-01T00:00:00Z/v2"])
        let state = try #require(try fixture.store.outboxStates().first)
        #expect(state.position == 4 && state.batch == nil && state.deliveredRows == 4)
    }

    @Test func aRefusedMetersDocumentsAreDeadLetteredWhileTheOthersAreApplied() async throws {
        let fixture = try ForwardingFixture()
        defer { fixture.remove() }
        let receiver = try BillingReceiver(["--reject-meter", "m2"])
        try fixture.addCycles(version: 1)
        try fixture.addCycles(version: 2)
        let destination = HTTPBillingDestination(id: "billing", endpoint: .init(url: receiver.url, timeoutSeconds: 5))
        // 6 rows [m1 m2 m3 m1 m2 m3]: refused whole, then halves until each m2 row stands alone.
        let rounds = try await fixture.drain(fixture.outbox(destination))
        #expect(rounds.last == .idle)
        #expect(rounds.filter { if case .deadLettered = $0 { true } else { false } }.count == 2)

        let applied = try await receiver.applied()
        #expect(Set(applied.keys) == Set(["m1", "m3"].flatMap { m in [1, 2].map { "gw-test/\(m)/2026-02-01T00:00:00Z/v\($0)" } }))
        #expect(applied.duplicates == 0)
        let dead = try fixture.store.deadLetters()
        #expect(dead.map(\.positions) == [2...2, 5...5])
        #expect(dead.allSatisfy { $0.reason.contains("HTTP 422") && $0.reason.contains("meter m2") && $0.payload.contains("\"meter\":\"m2\"") })
        let status = try fixture.store.status().outboxes
        #expect(status.map(\.deadLetters) == [2])
        #expect(status.map(\.backlog.rows) == [0])
    }

    @Test func anUnavailableBillingSystemIsRetriedAfterABackOffThatGrows() async throws {
        let fixture = try ForwardingFixture()
        defer { fixture.remove() }
        let receiver = try BillingReceiver(["--fail-first", "2"])
        try fixture.addCycles(version: 1)
        let outbox = fixture.outbox(HTTPBillingDestination(id: "billing", endpoint: .init(url: receiver.url, timeoutSeconds: 5)))

        #expect(try await fixture.drain(outbox).last == .failed(.unavailable("POST \(receiver.url): HTTP 503: billing system busy")))
        let first = try #require(try fixture.store.outboxStates().first)
        // Equal jitter on a 10 s minimum: the first wait is 5...10 s.
        let firstWait = try #require(first.nextAttemptAt).timeIntervalSince(fixture.clock.now())
        #expect(first.consecutiveFailures == 1 && (5...10).contains(firstWait))
        #expect(try await fixture.drain(outbox) == [.waiting(until: first.nextAttemptAt!)])

        fixture.clock.advance(by: firstWait)
        #expect(try await fixture.drain(outbox).count == 1)
        let second = try #require(try fixture.store.outboxStates().first)
        // The second wait doubles the ceiling: 10...20 s.
        let secondWait = try #require(second.nextAttemptAt).timeIntervalSince(fixture.clock.now())
        #expect(second.consecutiveFailures == 2 && (10...20).contains(secondWait) && second.batch == 1...3)

        fixture.clock.advance(by: secondWait)
        #expect(try await fixture.drain(outbox) == [.delivered(rows: 3), .idle])
        let applied = try await receiver.applied()
        #expect(applied.keys.count == 3 && applied.requests == 3)
        let done = try #require(try fixture.store.outboxStates().first)
        #expect(done.consecutiveFailures == 0 && done.nextAttemptAt == nil && done.lastError == nil)
    }

    @Test func theBackOffDoublesFromTheMinimumUpToTheMaximumWithHalfOfItJittered() {
        let backoff = Backoff(minimumSeconds: 2, maximumSeconds: 60)
        // Ceiling 2·2^(n-1) capped at 60; the wait is ceiling/2 + ceiling/2·random.
        #expect(backoff.delay(afterFailures: 1, random: 0) == 1)
        #expect(backoff.delay(afterFailures: 1, random: 1) == 2)
        #expect(backoff.delay(afterFailures: 3, random: 0.5) == 6)  // ceiling 8: 4 + 2
        #expect(backoff.delay(afterFailures: 5, random: 1) == 32)
        #expect(backoff.delay(afterFailures: 6, random: 0) == 30)  // ceiling 64 capped to 60
        #expect(backoff.delay(afterFailures: 500, random: 1) == 60)
    }

    private func batch(_ fixture: ForwardingFixture, _ positions: ClosedRange<Int64>) throws -> OutboxBatch {
        var names = NameCache()
        return try names.batch(of: .billingCycle, positions: positions, gatewayID: "gw-test", destination: "billing-files", store: fixture.store)
    }
}
