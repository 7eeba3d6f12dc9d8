import Foundation
import Testing
@testable import Store

@Suite("Retention")
struct RetentionTests {
    /// 10 cycles with an event and a recorded interval each.
    private func filled() throws -> StoreFixture {
        let fixture = try StoreFixture(meters: 2)
        for n in 0..<10 {
            var cycle = fixture.cycle(n)
            cycle.events = [MeterEventRow(meterID: fixture.meterIDs[0], at: cycle.bucket, kind: .exception)]
            cycle.intervals = [RecordedIntervalRow(meterID: fixture.meterIDs[0], start: cycle.bucket, lengthSeconds: 900, importWh: 5,
                                                   exportWh: 0, statusBits: 0, readAt: cycle.bucket)]
            try fixture.store.commit(cycle)
        }
        return fixture
    }

    @Test func pruneRemovesOnlyRowsOlderThanTheCutoff() throws {
        let fixture = try filled()
        defer { fixture.remove() }
        let perCycle = fixture.cycle(0).reads.count
        let counts = try fixture.store.pruneCounts(before: StoreFixture.bucket(4))
        #expect(counts.registerReads == 4 * perCycle)
        #expect(counts.recordedIntervals == 4)
        #expect(counts.events == 4)
        #expect(counts.busCycles == 4)
        #expect(try fixture.store.registerReadCount() == 6 * perCycle)
        let meter = fixture.meterIDs[0], channel = fixture.channelIDs[0]
        #expect(try fixture.store.registerReads(meterID: meter, channelID: channel, buckets: (0..<10).map(StoreFixture.bucket)).map(\.bucket)
                == (4..<10).map(StoreFixture.bucket))
        #expect(try fixture.store.events(meterID: nil).map(\.at) == (4..<10).map(StoreFixture.bucket))
        #expect(try fixture.store.status().buses.first?.cycles == 6)
        #expect(try fixture.store.prune(before: StoreFixture.bucket(4)) == 0)
    }

    @Test func pruneKeepsWhatADestinationHasNotReceived() throws {
        let fixture = try filled()
        defer { fixture.remove() }
        let perCycle = fixture.cycle(0).reads.count
        // Two destinations forward register reads: the slower one has buckets up to 2.
        try fixture.store.setDeliveryCursor(DeliveryCursor(destination: "billing", table: .registerRead, position: StoreFixture.bucket(6).unixMillis))
        try fixture.store.setDeliveryCursor(DeliveryCursor(destination: "headend", table: .registerRead, position: StoreFixture.bucket(2).unixMillis))
        // The warehouse has the first event only (event ids start at 1).
        try fixture.store.setDeliveryCursor(DeliveryCursor(destination: "warehouse", table: .meterEvent, position: 1))
        let counts = try fixture.store.pruneCounts(before: StoreFixture.bucket(8))
        #expect(counts.registerReads == 3 * perCycle)
        #expect(counts.events == 1)
        #expect(counts.recordedIntervals == 8)  // no destination for them: everything older goes
        #expect(counts.busCycles == 8)
        // The cursor moves on: the next prune catches up to the cutoff.
        try fixture.store.setDeliveryCursor(DeliveryCursor(destination: "headend", table: .registerRead, position: StoreFixture.bucket(9).unixMillis))
        // Billing (up to bucket 6) is now the slowest.
        #expect(try fixture.store.pruneCounts(before: StoreFixture.bucket(8)).registerReads == 4 * perCycle)
        #expect(try fixture.store.registerReadCount() == 3 * perCycle)
        #expect(try fixture.store.deliveryCursors().map(\.destination) == ["billing", "headend", "warehouse"])
    }

    @Test func pruneOfSeveralDaysDeletesThemAll() throws {
        let fixture = try StoreFixture(meters: 1)
        defer { fixture.remove() }
        // One cycle a day for 5 days, then prune in one call (it steps a day at a time).
        for day in 0..<5 { try fixture.store.commit(fixture.cycle(day * 96 + 3)) }
        #expect(try fixture.store.prune(before: StoreFixture.bucket(4 * 96)) == 4 * (fixture.cycle(0).reads.count + 1))
        #expect(try fixture.store.latestBucket() == StoreFixture.bucket(4 * 96 + 3))
        #expect(try fixture.store.registerReadCount() == fixture.cycle(0).reads.count)
    }
}
