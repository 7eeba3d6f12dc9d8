import Foundation
import MeterKit
import Testing
@testable import Store

@Suite("Committing a bus cycle")
struct CommitTests {
    @Test func aCommittedCycleReadsBackExactly() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let (meter, other) = (fixture.meterIDs[0], fixture.meterIDs[1])
        let bucket = StoreFixture.bucket(4)
        let reads = [
            RegisterReadRow(meterID: meter, channelID: fixture.channelIDs[0], bucket: bucket, gatewayTime: Date(unixMillis: 1_735_693_201_234),
                            meterTime: Date(unixMillis: 1_735_693_199_000), value: 12_345.678, status: .ok),
            RegisterReadRow(meterID: meter, channelID: fixture.channelIDs[1], bucket: bucket, gatewayTime: Date(unixMillis: 1_735_693_201_240),
                            meterTime: nil, value: nil, status: .timeout),
            RegisterReadRow(meterID: other, channelID: fixture.channelIDs[0], bucket: bucket, gatewayTime: Date(unixMillis: 1_735_693_201_300),
                            meterTime: nil, value: nil, status: .notImplemented),
        ]
        let record = LoadProfileRecord(intervalStart: 1_735_692_300, importWh: 812, exportWh: 0, status: [.powerDown, .clockAdjusted])
        let interval = RecordedIntervalRow(meterID: meter, record: record, lengthSeconds: 900, readAt: Date(unixMillis: 1_735_693_202_000))
        let state = MeterStateRow(meterID: meter, health: .online, consecutiveFailures: 0, nextAttemptAt: nil,
                                  lastReadAt: Date(unixMillis: 1_735_693_201_234), lastError: "timeout on 0x004A",
                                  backfillResume: Date(unixMillis: 1_735_600_000_000), readsOK: 41, readsFailed: 2, retries: 3,
                                  latencyTotalMs: 1234.5, latencyCount: 43)
        let event = MeterEventRow(meterID: meter, at: Date(unixMillis: 1_735_693_201_240), kind: .clockOffset, detail: "meter clock -2.234 s")
        try fixture.store.commit(BusCycleRecord(
            bus: "rs485-1", bucket: bucket, startedAt: bucket, finishedAt: bucket.addingTimeInterval(3), requests: 3, retries: 1,
            failures: 1, reads: reads, intervals: [interval], states: [state], events: [event]))

        #expect(try fixture.store.registerReads(meterID: meter, channelID: fixture.channelIDs[0], buckets: [bucket]) == [reads[0]])
        #expect(try fixture.store.registerReads(meterID: meter, channelID: fixture.channelIDs[1], buckets: [bucket]) == [reads[1]])
        #expect(try fixture.store.registerReads(meterID: other, channelID: fixture.channelIDs[0], buckets: [bucket]) == [reads[2]])
        let intervals = try fixture.store.recordedIntervals(meterID: meter, from: StoreFixture.origin, to: bucket)
        #expect(intervals == [interval])
        #expect(intervals.first?.status == [.powerDown, .clockAdjusted])
        #expect(try fixture.store.meterStates() == [meter: state])
        #expect(try fixture.store.events(meterID: meter) == [event])
        #expect(try fixture.store.events(meterID: other).isEmpty)
    }

    @Test func aStatisticsOnlyStateWritesTheLastReadAndCountersAndLeavesTheResumablePartAlone() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let meter = fixture.meterIDs[0], fresh = fixture.meterIDs[1]
        let stored = MeterStateRow(meterID: meter, health: .offline, consecutiveFailures: 4, nextAttemptAt: StoreFixture.bucket(9),
                                   lastReadAt: StoreFixture.bucket(1), lastError: "timeout", backfillResume: StoreFixture.origin,
                                   readsOK: 10, readsFailed: 8, retries: 2, latencyTotalMs: 100, latencyCount: 10)
        var first = fixture.cycle(1, meters: [])
        first.states = [stored]
        try fixture.store.commit(first)

        // The resumable part of `next` differs on purpose: a statistics-only write must not
        // carry it into the store. `fresh` has no row yet, so it is written whole.
        var next = stored
        next.health = .online
        next.consecutiveFailures = 0
        next.nextAttemptAt = nil
        next.lastError = nil
        next.backfillResume = StoreFixture.bucket(2)
        next.lastReadAt = StoreFixture.bucket(2)
        next.readsOK = 14
        next.retries = 3
        next.latencyTotalMs = 140
        next.latencyCount = 14
        let freshState = MeterStateRow(meterID: fresh, health: .online, lastReadAt: StoreFixture.bucket(2), readsOK: 4)
        var second = fixture.cycle(2, meters: [])
        second.statistics = [next, freshState]
        try fixture.store.commit(second)

        var expected = stored
        expected.lastReadAt = StoreFixture.bucket(2)
        expected.readsOK = 14
        expected.retries = 3
        expected.latencyTotalMs = 140
        expected.latencyCount = 14
        #expect(try fixture.store.meterStates() == [meter: expected, fresh: freshState])
    }

    @Test func committingTheSameCycleTwiceStoresEachReadOnce() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        var cycle = fixture.cycle(7)
        cycle.events = [MeterEventRow(meterID: fixture.meterIDs[0], at: cycle.bucket, kind: .offline)]
        try fixture.store.commit(cycle)
        try fixture.store.commit(cycle)
        #expect(try fixture.store.registerReadCount() == cycle.reads.count)
        #expect(try fixture.store.events(meterID: nil).count == 1)
        #expect(try fixture.store.status().buses.first?.cycles == 1)
    }

    @Test func aCycleIsAllOrNothing() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        var cycle = fixture.cycle(1)
        cycle.events = [MeterEventRow(meterID: fixture.meterIDs[0], at: cycle.bucket, kind: .online)]
        // The last thing written refers to a meter the store does not know: a foreign key fails.
        cycle.states = [MeterStateRow(meterID: fixture.meterIDs[0], health: .online), MeterStateRow(meterID: 9_999, health: .online)]
        let error = #expect(throws: StoreError.self) { try fixture.store.commit(cycle) }
        #expect(error?.description.contains("FOREIGN KEY constraint failed") == true)
        #expect(error?.description.contains("commit of bus rs485-1 cycle 2025-01-01T00:15:00") == true)
        #expect(try fixture.store.registerReadCount() == 0)
        #expect(try fixture.store.meterStates().isEmpty)
        #expect(try fixture.store.events(meterID: nil).isEmpty)
        #expect(try fixture.store.status().buses.first?.cycles == 0)
        // The store is usable afterwards.
        try fixture.store.commit(fixture.cycle(1))
        #expect(try fixture.store.registerReadCount() == cycle.reads.count)
    }

    @Test func aCycleOfSeveralInsertStatementsStoresEveryReadOnceAndAnUnknownChannelInAnyOfThemStoresNone() throws {
        // 35 meters x 4 channels = 140 reads: statements of 64, 64, 8 and 4 rows.
        let fixture = try StoreFixture(meters: 35)
        defer { fixture.remove() }
        #expect(fixture.cycle(1).reads.count == 2 * MeterStore.readsPerStatement + 8 + 4)
        for badRow in [10, 130, 139] {  // in the first statement, the one of 8 rows, the last
            var bad = fixture.cycle(1)
            bad.reads[badRow].channelID = 9_999
            #expect(throws: StoreError.self) { try fixture.store.commit(bad) }
            #expect(try fixture.store.registerReadCount() == 0)
        }

        let cycle = fixture.cycle(1)
        try fixture.store.commit(cycle)
        try fixture.store.commit(cycle)
        #expect(try fixture.store.registerReadCount() == 140)
        for meter in [fixture.meterIDs[0], fixture.meterIDs[16], fixture.meterIDs[32], fixture.meterIDs[34]] {
            for channel in fixture.channelIDs {
                let expected = cycle.reads.filter { $0.meterID == meter && $0.channelID == channel }
                #expect(try fixture.store.registerReads(meterID: meter, channelID: channel, buckets: [cycle.bucket]) == expected)
            }
        }
    }

    @Test func aReadForAnotherBucketIsRefusedBeforeAnythingIsWritten() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        var cycle = fixture.cycle(2)
        cycle.reads[3].bucket = StoreFixture.bucket(3)
        #expect(throws: StoreError.self) { try fixture.store.commit(cycle) }
        #expect(try fixture.store.registerReadCount() == 0)
    }

    @Test func readsInAnyOrderAreStoredInKeyOrder() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        var cycle = fixture.cycle(0)
        cycle.reads.reverse()
        try fixture.store.commit(cycle)
        // A WITHOUT ROWID table scans in key order; the rows must all be there.
        let keys = try fixture.store.diagnosticRows("SELECT meter_id, channel_id FROM register_read").map { (Int64($0[0])!, Int64($0[1])!) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 })
        #expect(keys.count == cycle.reads.count)
        #expect(MeterStore.inKeyOrder(cycle.reads) == fixture.cycle(0).reads)
    }

    @Test func meterStatesAreReplacedByTheNewerCycle() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let meter = fixture.meterIDs[2]
        var first = fixture.cycle(0)
        first.states = [MeterStateRow(meterID: meter, health: .online, readsOK: 4)]
        var second = fixture.cycle(1)
        second.states = [MeterStateRow(meterID: meter, health: .offline, consecutiveFailures: 3, nextAttemptAt: StoreFixture.bucket(5),
                                       lastError: "timeout", readsOK: 4, readsFailed: 3)]
        try fixture.store.commit(first)
        try fixture.store.commit(second)
        #expect(try fixture.store.meterStates() == [meter: second.states[0]])
    }
}

