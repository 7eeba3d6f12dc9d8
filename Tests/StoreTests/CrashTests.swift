import Foundation
import Testing
import TestSupport
@testable import Store

@Suite("Crash safety")
struct CrashTests {
    /// `store-crash-helper` commits big cycles in a loop (each spills pages to the WAL before
    /// it commits) and says "committing N" just before each and how long each took; it is
    /// SIGKILLed three quarters into the third. The store must open clean with exactly the
    /// committed cycles, and take more.
    @Test(.timeLimit(.minutes(2)))
    func theStoreSurvivesAWriterKilledMidTransaction() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metergate-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("store.sqlite").path
        let helper = Binaries.directory.appendingPathComponent("store-crash-helper").path
        let rowsPerCycle = 100_000
        let (child, log) = try ChildProcess.start(helper, [path, "\(rowsPerCycle)"], readyMarker: "committing 3", timeout: 90)
        defer { try? FileManager.default.removeItem(atPath: log) }
        let walBefore = modified(path + "-wal")
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        let lastCommitMs = text.split(separator: "\n").last { $0.hasPrefix("committed 2 ms=") }.flatMap { Double($0.dropFirst(15)) } ?? 100
        usleep(useconds_t(lastCommitMs * 750))
        kill(child.pid, SIGKILL)
        let status = child.terminate(grace: 5)
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(status & 0x7F == SIGKILL, "helper was not killed but exited: \(output)")
        #expect(!output.contains("committed 3"), "the kill came after the third commit; the test proves less: \(output)")
        // The third transaction had written pages to the WAL (uncommitted frames) when it died.
        #expect(modified(path + "-wal") > walBefore, "no uncommitted frames reached the WAL before the kill")

        let store = try MeterStore(path: path)
        defer { try? store.close() }
        #expect(try store.integrityCheck() == ["ok"])
        let count = try store.registerReadCount()
        #expect(count == 2 * rowsPerCycle || (output.contains("committed 3") && count == 3 * rowsPerCycle), "\(count) rows after the crash")
        #expect(try store.status().buses.first?.cycles == count / rowsPerCycle)
        let meter = try #require(store.meterStates().keys.min())
        var cycle = BusCycleRecord(bus: "crash", bucket: Date(unixMillis: 4_000_000_000_000), startedAt: .now, finishedAt: .now)
        cycle.reads = [RegisterReadRow(meterID: meter, channelID: 1, bucket: cycle.bucket, gatewayTime: .now, value: 1)]
        try store.commit(cycle)
        #expect(try store.registerReadCount() == count + 1)
    }

    private func modified(_ path: String) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
    }
}
