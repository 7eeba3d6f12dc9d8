import Foundation
import Store
import Testing

/// The read-request queue and the one sanctioned rewrite of a meter's recorded memory.
struct ReadRequestStoreTests {
    func store() throws -> (MeterStore, Int64, URL) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("requests-\(UUID().uuidString).sqlite")
        let store = try MeterStore(path: path.path)
        let ids = try store.syncMeters([StoredMeter(name: "m-1", bus: "a", unit: 1, profile: "metergate-sim")])
        return (store, try #require(ids["m-1"]), path)
    }

    @Test func aFiledRequestIsPendingUntilFinishedOnce() throws {
        let (store, meterID, path) = try store()
        defer { try? store.close(); try? FileManager.default.removeItem(at: path) }
        let t0 = Date(timeIntervalSince1970: 1_767_571_200)
        let filed = try store.fileReadRequest(ReadRequestRow(meterID: meterID, kind: .reread, range: t0..<(t0 + 3600), requestedAt: t0,
                                                             requestedBy: "ops"))
        let live = try store.fileReadRequest(ReadRequestRow(meterID: meterID, kind: .read, range: nil, requestedAt: t0, requestedBy: "ops"))
        #expect(try store.pendingReadRequests().map(\.id) == [filed.id, live.id])
        try store.finishReadRequest(id: filed.id, state: .done, result: "{}", at: t0 + 60)
        // A second finish (a crash after the work, before the mark, then done again) does not
        // overwrite the first.
        try store.finishReadRequest(id: filed.id, state: .failed, result: "late", at: t0 + 120)
        let done = try #require(try store.readRequest(id: filed.id))
        #expect(done.state == .done && done.result == "{}" && done.finishedAt == t0 + 60 && done.range == t0..<(t0 + 3600))
        #expect(try store.pendingReadRequests().map(\.id) == [live.id])
    }

    @Test func aRereadReplacesOnlyRecordsThatDifferAndAddsMissingOnes() throws {
        let (store, meterID, path) = try store()
        defer { try? store.close(); try? FileManager.default.removeItem(at: path) }
        let t0 = Date(timeIntervalSince1970: 1_767_571_200)
        func row(_ slot: Int, _ wh: Int64) -> RecordedIntervalRow {
            RecordedIntervalRow(meterID: meterID, start: t0 + Double(slot) * 900, lengthSeconds: 900, importWh: wh, exportWh: 0,
                                statusBits: 0, readAt: t0)
        }
        _ = try store.reviseRecordedIntervals([row(0, 100), row(1, 110)], meterID: meterID, at: t0) { _ in "first" }
        // Slot 0 the same, slot 1 different, slot 2 new.
        let revision = try store.reviseRecordedIntervals([row(0, 100), row(1, 111), row(2, 120)], meterID: meterID, at: t0 + 1) {
            "read \($0.read), changed \($0.changed), added \($0.added)"
        }
        #expect(revision == RecordedRevision(read: 3, added: 1, changed: 1))
        #expect(try store.recordedIntervals(meterID: meterID, from: t0, to: t0 + 2700).map(\.importWh) == [100, 111, 120])
        #expect(try store.events(meterID: meterID).map(\.detail) == ["first", "read 3, changed 1, added 1"])
    }
}
