import Foundation
import Testing
@testable import Store

@Suite("Status and integrity")
struct StatusTests {
    @Test func aHealthyStorePassesTheIntegrityCheck() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try fixture.store.commit(fixture.cycle(0))
        #expect(try fixture.store.integrityCheck() == ["ok"])
    }

    @Test func statusReportsMetersAndBusCounters() throws {
        let fixture = try StoreFixture(meters: 2)
        defer { fixture.remove() }
        _ = try fixture.store.syncMeters([StoredMeter(name: "pv", bus: "tcp:10.0.0.5", unit: 1, profile: "sunspec-203",
                                                      metadataJSON: #"{"site":"roof"}"#, multiplier: 40)])
        var first = fixture.cycle(0)
        first.states = [MeterStateRow(meterID: fixture.meterIDs[0], health: .online, lastReadAt: first.bucket.addingTimeInterval(1), readsOK: 4)]
        var second = fixture.cycle(1)
        second.requests = 10
        second.retries = 2
        second.failures = 1
        second.finishedAt = second.startedAt.addingTimeInterval(0.75)
        try fixture.store.commit(first)
        try fixture.store.commit(second)

        let status = try fixture.store.status()
        #expect(status.meters.map(\.name) == ["m1", "m2", "pv"])
        #expect(status.meters[0].state?.health == .online)
        #expect(status.meters[0].lastReadAt == first.bucket.addingTimeInterval(1))
        #expect(status.meters[1].state == nil)
        #expect(status.meters[2].bus == "tcp:10.0.0.5")
        #expect(status.buses.map(\.bus) == ["rs485-1", "tcp:10.0.0.5"])
        let bus = status.buses[0]
        #expect(bus.cycles == 2)
        #expect(bus.lastBucket == second.bucket)
        #expect(bus.lastDurationMs == 750)
        #expect(bus.requests == Int64(first.requests + 10))
        #expect(bus.retries == 3)
        #expect(bus.failures == 1)
        #expect(status.buses[1].cycles == 0)
    }

    @Test func syncingMetersAgainKeepsTheirIdsAndUpdatesThem() throws {
        let fixture = try StoreFixture(meters: 2)
        defer { fixture.remove() }
        let moved = StoredMeter(name: "m2", bus: "rs485-2", unit: 17, profile: "sdm120", metadataJSON: #"{"rate":"R1"}"#, multiplier: 1)
        let ids = try fixture.store.syncMeters([moved, StoredMeter(name: "m3", bus: "rs485-2", unit: 18, profile: "sdm120")])
        #expect(ids["m2"] == fixture.meterIDs[1])
        #expect(ids["m3"].map { !fixture.meterIDs.contains($0) } == true)
        #expect(try fixture.store.meters()[fixture.meterIDs[1]] == moved)
        #expect(try fixture.store.channelIDs(StoreFixture.channelNames + ["frequency"]).count == 5)
        #expect(try fixture.store.channelIDs(["voltage.l1"]) == ["voltage.l1": fixture.channelIDs[3]])
        #expect(throws: StoreError.self) { try fixture.store.syncMeters([StoredMeter(name: "bad", bus: "b", unit: 300, profile: "p")]) }
        #expect(throws: StoreError.self) {
            try fixture.store.syncMeters([StoredMeter(name: "bad", bus: "b", unit: 1, profile: "p", metadataJSON: "{not json")])
        }
    }
}
