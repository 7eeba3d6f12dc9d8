import AsyncHTTPClient
import Foundation
import NIOHTTP1
import Store
import Testing

/// A retried dead letter is handed to its destination again, before new rows, and the
/// cursor never moves back.
@Suite(.serialized)
struct DeadLetterRetryTests {
    @Test func aRetriedDeadLetterIsRedeliveredBeforeNewRows() async throws {
        let api = try await APIFixture.start()
        defer { Task { await api.stop() } }
        let letter = try #require(try api.store.deadLetters(destination: "billing-http").first)
        // The outbox has moved on: the next ten rows are delivered.
        let next = try api.store.planBatch(destination: "billing-http", limit: 10)
        #expect(next.batch == 11...20)
        try api.store.completeBatch(destination: "billing-http", rows: 10, at: Date())

        let reply = try await api.request(.POST, "/api/v1/destinations/billing-http/dead-letters/\(letter.id)/retry", role: "operator")
        #expect(reply.status == 202)
        #expect(reply.json["first_position"] as? Int == 1 && reply.json["last_position"] as? Int == 10)
        #expect(try api.store.deadLetters(destination: "billing-http").isEmpty)

        let redelivery = try api.store.planBatch(destination: "billing-http", limit: 4)
        #expect(redelivery.batch == 1...4)
        try api.store.completeBatch(destination: "billing-http", rows: 4, at: Date())
        #expect(try api.store.outboxStates().first?.position == 20)
        let rest = try api.store.planBatch(destination: "billing-http", limit: 100)
        #expect(rest.batch == 5...10)
        try api.store.completeBatch(destination: "billing-http", rows: 6, at: Date())
        #expect(try api.store.pendingRedeliveries().isEmpty)
        let after = try api.store.planBatch(destination: "billing-http", limit: 5)
        #expect(after.batch == 21...25)
    }

    @Test func retryingAnUnknownDeadLetterIs404NamingId() async throws {
        let api = try await APIFixture.start()
        defer { Task { await api.stop() } }
        let unknown = try await api.request(.POST, "/api/v1/destinations/billing-http/dead-letters/999/retry", role: "operator")
        #expect(unknown.status == 404 && unknown.errorParameter == "id")
        let bad = try await api.request(.POST, "/api/v1/destinations/billing-http/dead-letters/abc/retry", role: "operator")
        #expect(bad.status == 400 && bad.errorParameter == "id")
        let destination = try await api.request(.POST, "/api/v1/destinations/nowhere/dead-letters/1/retry", role: "operator")
        #expect(destination.status == 404 && destination.errorParameter == "destination")
    }
}
