import Foundation
import GatewayConfig
import Store
import Testing
@testable import Forwarding

@Suite("Interval file drops")
struct IntervalFileDropTests {
    @Test func intervalRevisionsDropAsCSVWithEveryRevisionAndAsESPIWithTheNewest() async throws {
        let fixture = try ForwardingFixture()
        defer { fixture.remove() }
        let channel = try #require(try fixture.store.channelIDs(["energy.import.total"])["energy.import.total"])
        let start = Date(timeIntervalSince1970: 1_772_323_200)  // 2026-03-01T00:00Z
        func row(_ quarter: Int, _ wh: Double?, quality: Int) -> IntervalRow {
            IntervalRow(meterID: fixture.meterIDs[0], channelID: channel, start: start + Double(quarter) * 900, lengthSeconds: 900,
                        valueWh: wh, quality: quality, source: quality == 0 ? "profile" : "estimate",
                        estimation: quality == 9 ? "linear" : nil, flags: 0, computedAt: start + 3600)
        }
        // An estimate for the second quarter hour, superseded by the meter's own value.
        try fixture.store.appendIntervalRevisions([row(0, 120, quality: 0), row(1, 110, quality: 9), row(2, nil, quality: 0)])
        try fixture.store.appendIntervalRevisions([row(1, 131, quality: 0)])

        let csvDrop = fixture.directory.appendingPathComponent("csv").path
        let espiDrop = fixture.directory.appendingPathComponent("espi").path
        for (id, drop, format) in [("csv", csvDrop, "csv"), ("espi", espiDrop, "espi")] {
            let destination = try DestinationFactory.make(
                .init(id: id, payload: .intervals, transport: .file(directory: drop, format: .init(rawValue: format)!), batchSize: 100),
                gateway: GatewayConfiguration(file: "gateway.yaml", gatewayID: "gw-test", store: .init(path: fixture.store.path), buses: [],
                                              meters: [], profiles: [:]),
                logger: .init(label: "test"))
            try await destination.prepare()
            let outbox = Outbox(destination: destination, table: .interval, store: fixture.store, clock: .init(wall: fixture.clock),
                                gatewayID: "gw-test", batchSize: 100, backoff: .init(minimumSeconds: 1, maximumSeconds: 1), idleSeconds: 1,
                                logger: .init(label: "test"))
            #expect(try await fixture.drain(outbox) == [.delivered(rows: 4), .idle])
        }
        let csv = try String(contentsOfFile: csvDrop + "/csv-1-4.csv", encoding: .utf8)
        #expect(csv.split(separator: "\r\n").map(String.init) == [
            "meter,channel,start_utc,length_s,value_wh,quality,revision,source,estimation,flags",
            "m1,energy.import.total,2026-03-01T00:00:00Z,900,120.000,0,1,profile,,0",
            "m1,energy.import.total,2026-03-01T00:15:00Z,900,110.000,9,1,estimate,linear,0",
            "m1,energy.import.total,2026-03-01T00:30:00Z,900,,0,1,profile,,0",
            "m1,energy.import.total,2026-03-01T00:15:00Z,900,131.000,0,2,profile,,0",
        ])
        // ESPI: one reading per interval that has a value, the newest revision's.
        let espi = try String(contentsOfFile: espiDrop + "/espi-1-4.xml", encoding: .utf8)
        let values = espi.matches(of: /<espi:value>(\d+)<\/espi:value>/).map { Int($0.output.1)! }
        #expect(values == [120, 131])
        #expect(!espi.contains("ReadingQuality"))
    }
}
