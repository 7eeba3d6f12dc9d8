import Billing
import Foundation
import GatewayConfig
import Store
import Testing
@testable import Forwarding

@Suite("Billing file drops")
struct BillingFileDropTests {
    /// m1's February 2026 under a one-band tariff: 2688 quarter hours (28 days x 96), all present.
    static func february(meter: String, energyWh: Double) -> BillingDeterminants {
        let start = Date(timeIntervalSince1970: 1_769_904_000), end = Date(timeIntervalSince1970: 1_772_323_200)
        return BillingDeterminants(
            meterID: meter, tariffID: "flat", cycleStart: start, cycleEnd: end, cycleFirstDay: "2026-02-01", cycleLastDay: "2026-02-28",
            intervalSeconds: 900, startRead: nil, endRead: nil, totalEnergyWh: energyWh, energyByBand: [BandEnergy(band: "all", energyWh: energyWh)],
            energyByBlock: [], demandWindowMinutes: 30, demandMethod: .block, maxDemand: nil, maxDemandByBand: [BandDemand(band: "all", peak: nil)],
            loadFactor: nil, intervalsExpected: 2688, intervalsPresent: 2688, intervalsEstimated: 0, intervalsMissing: 0, estimatedIntervalStarts: [])
    }

    @Test func billingVersionsDropAsLongFormatCSVAndAnUndecodableDocumentIsDeadLetteredAlone() async throws {
        let fixture = try ForwardingFixture()
        defer { fixture.remove() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Versions 1 and 2 of m1, the stored documents as BillingTask writes them.
        for (version, wh) in [(1, 1000.0), (2, 1250.25)] {
            var determinants = Self.february(meter: "m1", energyWh: wh)
            determinants.version = version
            try fixture.store.appendBillingCycle(BillingCycleRow(
                meterID: fixture.meterIDs[0], cycleStart: determinants.cycleStart, cycleEnd: determinants.cycleEnd, version: version,
                tariff: "flat", document: String(decoding: try encoder.encode(determinants), as: UTF8.self), computedAt: fixture.clock.now()))
        }

        let drop = fixture.directory.appendingPathComponent("billing").path
        let destination = try DestinationFactory.make(
            .init(id: "bills", payload: .billing, transport: .file(directory: drop, format: .csv), batchSize: 100),
            gateway: GatewayConfiguration(file: "gateway.yaml", gatewayID: "gw-test", store: .init(path: fixture.store.path), buses: [],
                                          meters: [], profiles: [:]),
            logger: .init(label: "test"))
        try await destination.prepare()
        #expect(try await fixture.drain(fixture.outbox(destination)) == [.delivered(rows: 2), .idle])

        let lines = try String(contentsOfFile: drop + "/bills-1-2.csv", encoding: .utf8).split(separator: "\r\n").map(String.init)
        // A header and 11 records per version: 2 register reads, the total, 1 band, no blocks,
        // the peak, 1 band peak, the load factor and 4 interval counts.
        #expect(lines.count == 1 + 2 * 11)
        #expect(lines[0] == "gateway,meter,cycle_start,cycle_end,version,supersedes,tariff,determinant,band,block,value,unit,at")
        #expect(lines.filter { $0.contains(",energy_import,") } == [
            "gw-test,m1,2026-02-01T00:00:00Z,2026-03-01T00:00:00Z,1,,flat,energy_import,,,1000.000,Wh,",
            "gw-test,m1,2026-02-01T00:00:00Z,2026-03-01T00:00:00Z,2,1,flat,energy_import,,,1250.250,Wh,",
        ])

        // m2 with a document that is JSON but no set of determinants: refused, and alone, so dead-lettered.
        try fixture.addCycles(version: 1, meters: [fixture.meterIDs[1]])
        #expect(try await fixture.drain(fixture.outbox(destination)) == [.deadLettered(rows: 1), .idle])
        let dead = try fixture.store.deadLetters()
        #expect(dead.map(\.positions) == [3...3])
        #expect(dead.allSatisfy { $0.reason.contains("does not decode") })
    }
}
