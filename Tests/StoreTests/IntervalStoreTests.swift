import Foundation
import Testing
@testable import Store

@Suite("Interval revisions")
struct IntervalStoreTests {
    private func row(_ fixture: StoreFixture, slot: Int, value: Double?, quality: Int = 0, source: String = "registers",
                     estimation: String? = nil, meter: Int = 0) -> IntervalRow {
        IntervalRow(meterID: fixture.meterIDs[meter], channelID: fixture.channelIDs[0], start: StoreFixture.bucket(slot), lengthSeconds: 900,
                    valueWh: value, quality: quality, source: source, estimation: estimation, flags: 0,
                    computedAt: StoreFixture.bucket(slot + 1))
    }

    @Test func aLaterRevisionSupersedesWithoutOverwritingTheEarlierOne() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        // Slot 0 is first estimated (flat hold), then the meter's memory supplies the real value.
        let first = try fixture.store.appendIntervalRevisions([
            row(fixture, slot: 0, value: 250, quality: 9, source: "estimate", estimation: "flat-hold"), row(fixture, slot: 1, value: 300),
        ])
        #expect(first.map(\.revision) == [1, 1])
        let second = try fixture.store.appendIntervalRevisions([row(fixture, slot: 0, value: 212, source: "profile")])
        #expect(second.map(\.revision) == [2])
        #expect(second[0].seq > first[1].seq)  // delivery order: the correction comes after everything before it

        let latest = try fixture.store.latestIntervals(from: StoreFixture.bucket(0), to: StoreFixture.bucket(2))
        #expect(latest.map(\.valueWh) == [212, 300])
        #expect(latest.map(\.revision) == [2, 1])
        let all = try fixture.store.intervals(meterID: fixture.meterIDs[0], channelID: fixture.channelIDs[0],
                                              starts: [StoreFixture.bucket(0)], allRevisions: true)
        #expect(all.map(\.valueWh) == [250, 212])
        #expect(all.map(\.estimation) == ["flat-hold", nil])
        #expect(try fixture.store.intervalRevisionCount() == 3)
    }

    @Test func aMissingIntervalIsStoredAsNoValueNeverAsZero() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try fixture.store.appendIntervalRevisions([row(fixture, slot: 3, value: nil)])
        let stored = try fixture.store.intervals(meterID: fixture.meterIDs[0], channelID: fixture.channelIDs[0], starts: [StoreFixture.bucket(3)])
        #expect(stored.count == 1)
        #expect(stored[0].valueWh == nil)
    }

    @Test func aRowWithAnUnknownQualityIsRefusedAndNothingOfItsBatchIsStored() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        #expect(throws: StoreError.self) {
            try fixture.store.appendIntervalRevisions([row(fixture, slot: 0, value: 1), row(fixture, slot: 1, value: 2, quality: 42)])
        }
        #expect(try fixture.store.intervalRevisionCount() == 0)
    }

    @Test func retentionKeepsEveryRevisionOfAnIntervalWhoseNewestIsNotDelivered() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let stored = try fixture.store.appendIntervalRevisions((0..<4).map { row(fixture, slot: $0, value: Double($0)) })
        let correction = try fixture.store.appendIntervalRevisions([row(fixture, slot: 1, value: 99, source: "profile")])
        // The warehouse has everything up to slot 3's first revision, not slot 1's correction.
        try fixture.store.setDeliveryCursor(DeliveryCursor(destination: "warehouse", table: .interval, position: stored[3].seq))
        #expect(correction[0].seq > stored[3].seq)
        let counts = try fixture.store.pruneCounts(before: StoreFixture.bucket(3))
        // Slots 0 and 2 go (old and delivered); slot 1 stays with both revisions; slot 3 is too new.
        #expect(counts.intervals == 2)
        let left = try fixture.store.intervals(meterID: fixture.meterIDs[0], channelID: fixture.channelIDs[0],
                                               starts: (0..<4).map(StoreFixture.bucket), allRevisions: true)
        #expect(left.map(\.start) == [StoreFixture.bucket(1), StoreFixture.bucket(1), StoreFixture.bucket(3)])
    }
}
