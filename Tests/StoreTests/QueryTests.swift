import Foundation
import Testing
@testable import Store

@Suite("Per-meter queries")
struct QueryTests {
    @Test func readsByBucketsReturnOnlyThatMetersRowsInTimeOrder() throws {
        let fixture = try StoreFixture(meters: 4)
        defer { fixture.remove() }
        for n in 0..<12 { try fixture.store.commit(fixture.cycle(n)) }
        let meter = fixture.meterIDs[1], channel = fixture.channelIDs[2]
        // Asked out of order, with a duplicate and a bucket that has no cycle.
        let asked = [5, 2, 9, 2, 11, 40].map(StoreFixture.bucket)
        let rows = try fixture.store.registerReads(meterID: meter, channelID: channel, buckets: asked)
        #expect(rows.map(\.bucket) == [2, 5, 9, 11].map(StoreFixture.bucket))
        #expect(rows.allSatisfy { $0.meterID == meter && $0.channelID == channel })
        let expected: [Double?] = [2, 5, 9, 11].map { (n: Int) -> Double? in Double(n * 1000) + Double(meter) + Double(channel) / 10 }
        #expect(rows.map(\.value) == expected)
    }

    @Test func readsOfMoreBucketsThanOneStatementTakesAreAllFound() throws {
        let fixture = try StoreFixture(meters: 1)
        defer { fixture.remove() }
        let cycles = MeterStore.bucketsPerStatement * 2 + 7
        for n in 0..<cycles { try fixture.store.commit(fixture.cycle(n)) }
        let rows = try fixture.store.registerReads(meterID: fixture.meterIDs[0], channelID: fixture.channelIDs[0],
                                                   buckets: (0..<cycles).map(StoreFixture.bucket))
        #expect(rows.map(\.bucket) == (0..<cycles).map(StoreFixture.bucket))
        #expect(try fixture.store.latestBucket() == StoreFixture.bucket(cycles - 1))
    }

    @Test func aPerMeterQuerySeeksThePrimaryKeyForEachBucket() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let plan = try fixture.store.diagnosticRows("""
            EXPLAIN QUERY PLAN SELECT bucket, value FROM register_read
            WHERE bucket IN (1, 2, 3) AND meter_id = 1 AND channel_id = 2 ORDER BY bucket
            """).map { $0.last ?? "" }
        #expect(plan.contains { $0.contains("SEARCH register_read USING PRIMARY KEY (bucket=? AND meter_id=? AND channel_id=?)") }, "\(plan)")
        #expect(!plan.contains { $0.contains("SCAN register_read") }, "\(plan)")
    }

    @Test func recordedIntervalsOfAMeterComeBackInTimeOrderWithinTheRange() throws {
        let fixture = try StoreFixture(meters: 3)
        defer { fixture.remove() }
        let readAt = StoreFixture.bucket(200)
        var cycle = fixture.cycle(200)
        // Backfill arrives newest first, for all meters, some intervals an hour long.
        cycle.intervals = (0..<96).reversed().flatMap { n in
            fixture.meterIDs.map { meter in
                RecordedIntervalRow(meterID: meter, start: StoreFixture.bucket(n), lengthSeconds: 900, importWh: Int64(n * 10) + meter,
                                    exportWh: 0, statusBits: n == 7 ? 1 : 0, readAt: readAt)
            }
        }
        try fixture.store.commit(cycle)
        let meter = fixture.meterIDs[2]
        let rows = try fixture.store.recordedIntervals(meterID: meter, from: StoreFixture.bucket(4), to: StoreFixture.bucket(10))
        #expect(rows.map(\.start) == (4..<10).map(StoreFixture.bucket))
        #expect(rows.allSatisfy { $0.meterID == meter })
        #expect(rows.map(\.importWh) == (4..<10).map { Int64($0 * 10) + meter })
        #expect(rows.first { $0.start == StoreFixture.bucket(7) }?.statusBits == 1)
        #expect(try fixture.store.recordedIntervals(meterID: meter, from: StoreFixture.bucket(96), to: StoreFixture.bucket(200)).isEmpty)
        // The meter's memory is authoritative: a second copy of an interval is ignored.
        var again = fixture.cycle(201)
        again.intervals = [RecordedIntervalRow(meterID: meter, start: StoreFixture.bucket(4), lengthSeconds: 900, importWh: 1, exportWh: 1,
                                               statusBits: 0, readAt: StoreFixture.bucket(201))]
        try fixture.store.commit(again)
        #expect(try fixture.store.recordedIntervals(meterID: meter, from: StoreFixture.bucket(4), to: StoreFixture.bucket(5)) == [rows[0]])
    }

    @Test func eventsOfAllMetersComeOldestFirst() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let (a, b) = (fixture.meterIDs[0], fixture.meterIDs[1])
        var first = fixture.cycle(0)
        first.events = [MeterEventRow(meterID: b, at: StoreFixture.bucket(0).addingTimeInterval(2), kind: .exception, detail: "exception 02 at 0x0156"),
                        MeterEventRow(meterID: a, at: StoreFixture.bucket(0).addingTimeInterval(1), kind: .offline)]
        var second = fixture.cycle(1)
        second.events = [MeterEventRow(meterID: a, at: StoreFixture.bucket(1), kind: .online),
                         MeterEventRow(meterID: a, at: StoreFixture.bucket(1), kind: .backfill, detail: "4 intervals")]
        try fixture.store.commit(first)
        try fixture.store.commit(second)
        #expect(try fixture.store.events(meterID: nil).map(\.kind) == [.offline, .exception, .online, .backfill])
        #expect(try fixture.store.events(meterID: a).map(\.kind) == [.offline, .online, .backfill])
    }
}
