import Testing
import Warehouse

@Suite("Warehouse meters")
struct WarehouseMeterTests {
    @Test func upsertInsertsNewMetersAndUpdatesKnownOnes() async throws {
        let fixture = try await WarehouseFixture.make()
        let meters = [
            WarehouseMeter(meterID: "m1", gatewayID: "gw1", rateClass: "RES", tariff: "TOU-1", stratum: "S2", weight: 412.5,
                           weatherZone: "coastal", site: "12 Elm St", multiplier: 40, profile: "em24"),
            WarehouseMeter(meterID: "m2", gatewayID: "gw1"),
        ]
        try await fixture.loader.upsertMeters(meters)
        #expect(try await fixture.query("SELECT meter_id, rate_class, weight, multiplier, profile FROM meter ORDER BY 1")
            == ["m1|RES|412.5|40|em24", "m2||||"])
        var changed = meters
        changed[0].stratum = "S3"
        changed[0].weight = nil
        changed[1].site = "Pump house"
        try await fixture.loader.upsertMeters(changed)
        #expect(try await fixture.query("SELECT meter_id, stratum, weight IS NULL, site FROM meter ORDER BY 1")
            == ["m1|S3|t|12 Elm St", "m2||t|Pump house"])
    }

    @Test func upsertWithoutChangesKeepsUpdatedAt() async throws {
        let fixture = try await WarehouseFixture.make()
        let meters = [WarehouseMeter(meterID: "m1", gatewayID: "gw1", rateClass: "RES")]
        try await fixture.loader.upsertMeters(meters)
        let before = try await fixture.query("SELECT updated_at FROM meter")
        try await fixture.loader.upsertMeters(meters)
        #expect(try await fixture.query("SELECT updated_at FROM meter") == before)
    }
}
