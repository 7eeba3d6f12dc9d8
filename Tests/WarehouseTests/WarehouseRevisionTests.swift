import Foundation
import Testing
import Warehouse

@Suite("Warehouse revisions")
struct WarehouseRevisionTests {
    @Test func higherRevisionBecomesLatestWhileTheLowerStays() async throws {
        let fixture = try await WarehouseFixture.make()
        let start = utc(2024, 6, 3, hour: 12)
        try await fixture.loader.load(intervals(from: start, count: 1, value: 100, quality: 8), gatewayID: "gw1", throughSeq: 1)
        try await fixture.loader.load(intervals(from: start, count: 1, revision: 2, value: 130, firstSeq: 2), gatewayID: "gw1", throughSeq: 2)
        #expect(try await fixture.query("SELECT revision, value_wh, quality FROM interval_reading ORDER BY revision") == ["1|100|8", "2|130|0"])
        #expect(try await fixture.query("SELECT revision, value_wh, quality FROM interval_latest") == ["2|130|0"])
    }

    @Test func lowerRevisionArrivingAfterAHigherDoesNotChangeTheLatest() async throws {
        let fixture = try await WarehouseFixture.make()
        let start = utc(2024, 6, 3, hour: 12)
        try await fixture.loader.load(intervals(from: start, count: 1, revision: 3, value: 140), gatewayID: "gw1", throughSeq: 3)
        try await fixture.loader.load(intervals(from: start, count: 1, revision: 2, value: 130), gatewayID: "gw1", throughSeq: 3)
        try await fixture.loader.load(intervals(from: start, count: 1, revision: 1, value: 100), gatewayID: "gw1", throughSeq: 3)
        #expect(try await fixture.count("interval_reading") == 3)
        #expect(try await fixture.query("SELECT revision, value_wh FROM interval_latest") == ["3|140"])
    }

    @Test func aLoadedRevisionIsNeverOverwritten() async throws {
        let fixture = try await WarehouseFixture.make()
        let start = utc(2024, 6, 3, hour: 12)
        try await fixture.loader.load(intervals(from: start, count: 1, value: 100), gatewayID: "gw1", throughSeq: 1)
        // The same key with another value (a confused gateway) does not replace what settlement may have used.
        try await fixture.loader.load(intervals(from: start, count: 1, value: 999), gatewayID: "gw1", throughSeq: 1)
        #expect(try await fixture.query("SELECT revision, value_wh FROM interval_reading") == ["1|100"])
    }
}
