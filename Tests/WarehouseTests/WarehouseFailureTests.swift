import Foundation
import Testing
import TestSupport
import Warehouse

@Suite("Warehouse failures")
struct WarehouseFailureTests {
    @Test func checkViolationIsRejectedWithItsSQLStateAndKeepsNothingOfTheBatch() async throws {
        let fixture = try await WarehouseFixture.make()
        var rows = intervals(from: utc(2024, 7, 1), count: 10)
        rows[7].quality = 5
        do {
            try await fixture.loader.load(rows, gatewayID: "gw1", throughSeq: 10)
            Issue.record("a quality of 5 was accepted")
        } catch {
            guard case .rejected(let reason) = error else { Issue.record("expected rejected, got \(error)"); return }
            #expect(reason.sqlState == "23514")
            #expect(reason.description.contains("quality"))
        }
        #expect(try await fixture.count("interval_reading") == 0)
        #expect(try await fixture.loader.loadedThrough(gatewayID: "gw1") == nil)
        // The connection is still good for the next batch.
        rows[7].quality = 0
        try await fixture.loader.load(rows, gatewayID: "gw1", throughSeq: 10)
        #expect(try await fixture.count("interval_reading") == 10)
    }

    @Test func nonFiniteValueIsRejected() async throws {
        let fixture = try await WarehouseFixture.make()
        var rows = intervals(from: utc(2024, 7, 1), count: 2)
        rows[1].valueWh = .infinity
        let error = await #expect(throws: WarehouseError.self) { try await fixture.loader.load(rows, gatewayID: "gw1", throughSeq: 2) }
        #expect(error == .rejected(reason: error?.reason ?? .init(message: "")))
        #expect(error?.reason.sqlState == "23514")
    }

    @Test func stoppedServerIsUnavailableAndTheSameLoaderWorksAfterRestart() async throws {
        let server = try await PostgresServer.startNew()
        let fixture = try await WarehouseFixture.make(server: server)
        try await fixture.loader.load(intervals(from: utc(2024, 8, 1), count: 4), gatewayID: "gw1", throughSeq: 4)
        try await server.stop()
        do {
            try await fixture.loader.load(intervals(from: utc(2024, 8, 2), count: 4, firstSeq: 5), gatewayID: "gw1", throughSeq: 8)
            Issue.record("a load with the server down succeeded")
        } catch {
            #expect(error.isRetryable, "\(error)")
        }
        // Still down: connecting again fails the same way.
        await #expect(throws: WarehouseError.self) { try await fixture.loader.loadedThrough(gatewayID: "gw1") }
        try await server.start()
        try await fixture.loader.load(intervals(from: utc(2024, 8, 2), count: 4, firstSeq: 5), gatewayID: "gw1", throughSeq: 8)
        #expect(try await fixture.loader.loadedThrough(gatewayID: "gw1") == 8)
        #expect(try await fixture.count("interval_reading") == 8)
        await fixture.loader.close()
        try await server.stop()
    }
}
