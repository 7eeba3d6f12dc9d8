import Foundation
import Testing
import Warehouse

@Suite("Warehouse load")
struct WarehouseLoadTests {
    @Test func rowsLandInTheirUTCMonthPartitions() async throws {
        let fixture = try await WarehouseFixture.make()
        // Four intervals either side of midnight UTC at the end of February 2024.
        let rows = intervals(from: utc(2024, 2, 29, hour: 23), count: 8)
        try await fixture.loader.load(rows, gatewayID: "gw1", throughSeq: 8)
        #expect(try await fixture.count("interval_reading_y2024m02") == 4)
        #expect(try await fixture.count("interval_reading_y2024m03") == 4)
        #expect(try await fixture.count("interval_reading") == 8)
        let stored = try await fixture.query("""
            SELECT extract(epoch FROM interval_start)::bigint, value_wh, quality, revision, gateway_id, gateway_seq
            FROM interval_reading ORDER BY interval_start LIMIT 1
            """)
        #expect(stored == ["\(Int(utc(2024, 2, 29, hour: 23).timeIntervalSince1970))|250|0|1|gw1|1"])
    }

    @Test func missingValueIsStoredAsNullNotZero() async throws {
        let fixture = try await WarehouseFixture.make()
        var row = intervals(from: utc(2024, 5, 1), count: 1)[0]
        row.valueWh = nil
        row.quality = 9
        row.estimation = "tab\there, back\\slash"
        try await fixture.loader.load([row], gatewayID: "gw1", throughSeq: 1)
        #expect(try await fixture.query("SELECT value_wh IS NULL, quality, estimation FROM interval_reading")
            == ["t|9|tab\there, back\\slash"])
    }

    @Test func loadingTheSameBatchTwiceLeavesExactlyTheSameRows() async throws {
        let fixture = try await WarehouseFixture.make()
        let rows = intervals(from: utc(2024, 3, 10), count: 96)
        try await fixture.loader.load(rows, gatewayID: "gw1", throughSeq: 96)
        let snapshot = "SELECT meter_id, channel, interval_start, value_wh, quality, revision, computed_at, gateway_seq, loaded_at FROM interval_reading ORDER BY 1, 2, 3, 6"
        let before = try await fixture.query(snapshot)
        try await fixture.loader.load(rows, gatewayID: "gw1", throughSeq: 96)
        #expect(before.count == 96)
        #expect(try await fixture.query(snapshot) == before)
    }

    @Test func loadedThroughMovesOnlyWithACommittedLoad() async throws {
        let fixture = try await WarehouseFixture.make()
        #expect(try await fixture.loader.loadedThrough(gatewayID: "gw1") == nil)
        try await fixture.loader.load(intervals(from: utc(2024, 3, 10), count: 4), gatewayID: "gw1", throughSeq: 4)
        #expect(try await fixture.loader.loadedThrough(gatewayID: "gw1") == 4)
        // An empty batch still acknowledges (e.g. seqs the gateway filtered out).
        try await fixture.loader.load([], gatewayID: "gw1", throughSeq: 6)
        #expect(try await fixture.loader.loadedThrough(gatewayID: "gw1") == 6)
        // A re-delivered older batch does not move it back.
        try await fixture.loader.load(intervals(from: utc(2024, 3, 10), count: 4), gatewayID: "gw1", throughSeq: 4)
        #expect(try await fixture.loader.loadedThrough(gatewayID: "gw1") == 6)
        // A refused batch leaves it where it was.
        let bad = intervals(from: utc(2024, 3, 11), count: 4, quality: 5, firstSeq: 7)
        await #expect(throws: WarehouseError.self) { try await fixture.loader.load(bad, gatewayID: "gw1", throughSeq: 10) }
        #expect(try await fixture.loader.loadedThrough(gatewayID: "gw1") == 6)
    }

    @Test func twoGatewaysLoadIntoOneWarehouseWithoutInterfering() async throws {
        let fixture = try await WarehouseFixture.make()
        let endpoint = try WarehouseEndpoint(url: fixture.url)
        let other = try await WarehouseLoader.connect(to: endpoint)
        // Both start a new month at the same time, five batches each.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (gateway, loader) in [("gw-a", fixture.loader), ("gw-b", other)] {
                group.addTask {
                    for batch in 0..<5 {
                        let start = utc(2024, 4, 1).addingTimeInterval(Double(batch) * 86_400)
                        let rows = intervals(meter: "\(gateway)-m1", from: start, count: 96, firstSeq: Int64(batch * 96 + 1))
                        try await loader.load(rows, gatewayID: gateway, throughSeq: Int64((batch + 1) * 96))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await fixture.loader.loadedThrough(gatewayID: "gw-a") == 480)
        #expect(try await fixture.loader.loadedThrough(gatewayID: "gw-b") == 480)
        #expect(try await fixture.query("SELECT gateway_id, count(*) FROM interval_reading GROUP BY 1 ORDER BY 1") == ["gw-a|480", "gw-b|480"])
        #expect(try await fixture.count("interval_reading", where: "gateway_id || '-m1' <> meter_id") == 0)
        await other.close()
    }
}
