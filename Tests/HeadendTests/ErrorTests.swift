import AsyncHTTPClient
import Foundation
import NIOHTTP1
import Testing

/// Bad requests get 4xx with a JSON message naming the parameter, never a 500.
@Suite(.serialized)
struct ErrorTests {
    @Test func aReversedRangeIs400NamingTo() async throws {
        let api = try await APIFixture.start()
        defer { Task { await api.stop() } }
        let reply = try await api.get("/api/v1/meters/m-001/intervals?from=2025-11-21&to=2025-11-20")
        #expect(reply.status == 400)
        #expect(reply.errorParameter == "to")
        #expect(reply.errorMessage == "to 2025-11-20: must be after from 2025-11-21")
    }

    @Test func anUnreadableTimeOrZoneIs400NamingIt() async throws {
        let api = try await APIFixture.start()
        defer { Task { await api.stop() } }
        let time = try await api.get("/api/v1/meters/m-001/intervals?from=yesterday")
        #expect(time.status == 400 && time.errorParameter == "from")
        let zone = try await api.get("/api/v1/meters/m-001/vee?from=2025-11-20&time_zone=Mars/Olympus")
        #expect(zone.status == 400 && zone.errorParameter == "time_zone")
        let missing = try await api.get("/api/v1/meters/m-001/intervals")
        #expect(missing.status == 400 && missing.errorParameter == "from")
        let long = try await api.get("/api/v1/meters/m-001/register-reads?from=2025-01-01&to=2025-06-01")
        #expect(long.status == 400 && long.errorParameter == "to")
        let format = try await api.get("/api/v1/meters/m-001/intervals?from=2025-11-20&format=xml")
        #expect(format.status == 400 && format.errorParameter == "format")
    }

    @Test func anUnknownMeterIs404NamingMeter() async throws {
        let api = try await APIFixture.start()
        defer { Task { await api.stop() } }
        let reply = try await api.get("/api/v1/meters/m-999/intervals?from=2025-11-20")
        #expect(reply.status == 404)
        #expect(reply.errorParameter == "meter")
        #expect(reply.errorMessage == "meter: no meter named 'm-999'")
    }

    @Test func aMalformedBodyIs400NamingTheField() async throws {
        let api = try await APIFixture.start()
        defer { Task { await api.stop() } }
        let garbage = try await api.request(.POST, "/api/v1/meters/m-001/rereads", role: "operator", body: "{not json")
        #expect(garbage.status == 400 && garbage.errorParameter == "body")
        let missing = try await api.request(.POST, "/api/v1/meters/m-001/rereads", role: "operator", body: #"{"from":"2025-11-20"}"#)
        #expect(missing.status == 400 && missing.errorParameter == "to")
        let wrongType = try await api.request(.POST, "/api/v1/meters/m-001/rereads", role: "operator", body: #"{"from":1,"to":"2025-11-21"}"#)
        #expect(wrongType.status == 400 && wrongType.errorParameter == "from")
    }

    @Test func aRereadOfAReversedOrFutureRangeIs400NamingIt() async throws {
        let api = try await APIFixture.start()
        defer { Task { await api.stop() } }
        let reversed = try await api.request(.POST, "/api/v1/meters/m-001/rereads", role: "operator", body: #"{"from":"2025-11-21","to":"2025-11-20"}"#)
        #expect(reversed.status == 400 && reversed.errorParameter == "to")
        let future = try await api.request(.POST, "/api/v1/meters/m-001/rereads", role: "operator", body: #"{"from":"2999-01-01","to":"2999-01-02"}"#)
        #expect(future.status == 400 && future.errorParameter == "from")
        #expect(try api.store.pendingReadRequests().isEmpty)
        let unknown = try await api.get("/api/v1/requests/4711")
        #expect(unknown.status == 404 && unknown.errorParameter == "id")
    }

    @Test func anUnknownPathIsAJSON404() async throws {
        let api = try await APIFixture.start()
        defer { Task { await api.stop() } }
        let reply = try await api.get("/api/v1/nothing-here")
        #expect(reply.status == 404)
        #expect(reply.errorMessage.contains("no such endpoint"))
    }
}
