import Foundation
import Store
import Testing
import TestSupport

/// `metergate reread` against a running gateway: the disputed-bill flow, end to end.
@Suite(.serialized) struct RereadTests {
    typealias Rig = CollectorServiceTests.Rig

    static func writeConfig(_ rig: Rig, port: Int, drop: String) throws {
        try """
        gateway: { id: reread-rig }
        store: { path: \(rig.store) }
        schedule: { read_every: 15m, interval: 15m, backfill_lookback: 2h }
        time_base: \(rig.timeBase)
        devices: \(Repository.devices.path)
        billing: { tariffs: \(Repository.root.appendingPathComponent("tariffs").path), cycle_day: 1, close_after: 1h }
        destinations:
          - { id: bills, kind: file, data: billing, directory: \(drop), format: jsonl, batch: 10 }
        buses:
          - { id: a, tcp: "127.0.0.1:\(port)", timeout: 200ms }
        meters:
          - { id: "m-{unit:02}", bus: a, units: 1-3, profile: metergate-sim, metadata: { tariff: hv-tou } }
          - { id: "s-{unit:02}", bus: a, units: 9, profile: sdm630 }
        """.write(toFile: rig.config, atomically: true, encoding: .utf8)
    }

    /// The store's copy of an hour of m-01's memory is damaged (4 intervals 500 Wh too high,
    /// and the intervals derived from them), and January is billed on it. The re-read puts
    /// the meter's own record back, revises the intervals, and supersedes the bill with a
    /// version 2000 Wh lower, which reaches the billing file drop.
    @Test(.timeLimit(.minutes(4)))
    func rereadRestoresTheMetersRecordRevisesItsIntervalsAndSupersedesTheBill() async throws {
        let rig = try Rig()
        defer { rig.remove() }
        let drop = rig.directory.appendingPathComponent("bills").path
        try FileManager.default.createDirectory(atPath: drop, withIntermediateDirectories: true)
        // x720: a simulated hour in 5 s. Exact clocks, so the memory's starts are UTC boundaries.
        let (sim, port) = try rig.simulator(["--units", "1-3", "--profile", "metergate-sim", "--start", "2026-01-31T20:00:00Z",
                                             "--speed", "720", "--seed", "21", "--clock-offset", "0", "--drift-ppm", "0"], writesTimeBase: true)
        defer { sim.terminate() }
        try Self.writeConfig(rig, port: port, drop: drop)
        let gateway = try rig.startGateway()
        defer { _ = gateway.terminate(grace: 30) }
        func at(_ text: String) throws -> Date { try #require(ISO8601DateFormatter.utc.date(from: text)) }
        let window = try at("2026-01-31T21:00:00Z")..<at("2026-01-31T22:00:00Z")
        let starts = (0..<4).map { window.lowerBound.addingTimeInterval(Double($0) * 900) }

        try await rig.wait(untilSimulated: try at("2026-01-31T23:00:00Z"))
        let store = try MeterStore(path: rig.store)
        defer { try? store.close() }
        let meterID = try #require(try store.meters().first { $0.value.name == "m-01" }?.key)
        let importChannel = try #require(try store.channelIDs(["energy.import.total"])["energy.import.total"])
        let original = try store.recordedIntervals(meterID: meterID, from: window.lowerBound, to: window.upperBound)
        #expect(original.count == 4)
        // The damage: the stored copy and the intervals derived from it, 500 Wh up each.
        _ = try store.reviseRecordedIntervals(original.map { var row = $0; row.importWh += 500; return row },
                                              meterID: meterID, at: window.upperBound) { _ in "test: damaged copy" }
        let derived = try store.intervals(meterID: meterID, channelID: importChannel, starts: starts)
        #expect(derived.count == 4 && derived.allSatisfy { $0.source == "profile" })
        try store.appendIntervalRevisions(derived.map { var row = $0; row.valueWh = row.valueWh.map { $0 + 500 }; return row })

        // January closes at 00:00; it is billed from 01:00 (close_after), on the hour.
        let january = try at("2026-01-01T00:00:00Z")
        var billed: BillingCycleRow?
        for hour in ["02", "03", "04"] where billed == nil {
            try await rig.wait(untilSimulated: try at("2026-02-01T\(hour):00:00Z"))
            billed = try store.latestBillingCycle(meterID: meterID, cycleStart: january)
        }
        #expect(billed != nil, "January was not billed")

        let reread = try ChildProcess.run(Binaries.metergate, ["reread", "--config", rig.config, "--meter", "m-01", "--from", "2026-01-31T21:00:00Z",
                                                               "--to", "2026-01-31T22:00:00Z", "--wait", "60", "--requested-by", "dispute-desk"], timeout: 90)
        #expect(reread.status == 0, "\(reread.output)")
        #expect(reread.output.contains("done: 4 intervals read back from the meter, 4 differed from the store, 0 new"), "\(reread.output)")
        // Late data keeps revising the last evening of January for a while, so the hourly
        // billing run may have stored versions of its own; the re-read's is the newest.
        let second = try #require(try store.latestBillingCycle(meterID: meterID, cycleStart: january))
        #expect(reread.output.contains("billing: cycle from 2026-01-01T00:00:00Z is now version \(second.version)"), "\(reread.output)")

        // The meter's own record is back, and so are the intervals, as newer revisions.
        let restored = try store.recordedIntervals(meterID: meterID, from: window.lowerBound, to: window.upperBound)
        #expect(restored.map(\.importWh) == original.map(\.importWh))
        let revised = try store.intervals(meterID: meterID, channelID: importChannel, starts: starts)
        #expect(revised.map(\.valueWh) == original.map { Double($0.importWh) }, "multiplier 1: Wh as recorded")
        #expect(zip(revised, derived).allSatisfy { $0.revision > $1.revision + 1 })
        // The bill: the 4 x 500 Wh of damage out of the total of the version it supersedes.
        let previous = try #require(try store.billingCycles(meterID: meterID).first { $0.cycleStart == january && $0.version == second.version - 1 })
        #expect(try Self.totalWh(previous) - Self.totalWh(second) == 2000)
        let events = try store.events(meterID: meterID).filter { $0.kind == .backfill && $0.detail.contains("re-read on request") }
        #expect(events.count == 1 && events[0].detail.contains("dispute-desk") && events[0].detail.contains("4 differed"))

        // The superseding version reaches the billing destination.
        var delivered = false
        for _ in 0..<50 where !delivered {
            delivered = try Self.droppedVersions(drop, meter: "m-01").contains(second.version)
            if !delivered { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(delivered, "version \(second.version) not in the billing drop")

        // A live read on request goes the same way: filed in the store, read by the poller.
        let live = try store.fileReadRequest(ReadRequestRow(meterID: meterID, kind: .read, range: nil, requestedAt: try rig.simulatedNow(),
                                                            requestedBy: "test"))
        var answered: ReadRequestRow?
        for _ in 0..<50 where answered == nil {
            answered = try store.readRequest(id: live.id).flatMap { $0.state == .pending ? nil : $0 }
            if answered == nil { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(answered?.state == .done, "\(String(describing: answered))")
        let result = try JSONSerialization.jsonObject(with: Data((answered?.result ?? "{}").utf8)) as? [String: Any]
        let readings = result?["readings"] as? [[String: Any]] ?? []
        let energy = readings.first { $0["point"] as? String == "energy.import.total" }
        #expect((energy?["value"] as? Double ?? 0) > 0 && energy?["unit"] as? String == "kWh", "\(readings)")
        #expect(gateway.terminate(grace: 30) == 0)
    }

    /// Refusals before anything is filed: each one line naming what is wrong.
    @Test func rereadRefusesWhatItCannotDoWithOneLine() throws {
        let rig = try Rig()
        defer { rig.remove() }
        try Self.writeConfig(rig, port: 1, drop: rig.directory.path)
        try "{}".write(toFile: rig.timeBase, atomically: true, encoding: .utf8)
        func reread(_ arguments: [String]) throws -> CommandResult {
            try ChildProcess.run(Binaries.metergate, ["reread", "--config", rig.config] + arguments)
        }
        let unknown = try reread(["--meter", "m-99", "--from", "2026-01-01", "--to", "2026-01-02"])
        #expect(unknown.status == 2 && unknown.lines == ["metergate: --meter m-99: no such meter in \(rig.config)"])
        let noMemory = try reread(["--meter", "s-09", "--from", "2026-01-01", "--to", "2026-01-02"])
        #expect(noMemory.status == 2 && noMemory.lines == ["metergate: --meter s-09: profile sdm630 keeps no load profile to re-read"])
        let backwards = try reread(["--meter", "m-01", "--from", "2026-01-02", "--to", "2026-01-01"])
        #expect(backwards.status == 2 && backwards.lines == ["metergate: --to 2026-01-01: must be after --from 2026-01-02"])
        let garbled = try reread(["--meter", "m-01", "--from", "yesterday", "--to", "2026-01-01"])
        #expect(garbled.status == 2 && garbled.lines.count == 1 && garbled.output.contains("--from yesterday"))
    }

    static func totalWh(_ row: BillingCycleRow) throws -> Double {
        let document = try JSONSerialization.jsonObject(with: Data(row.document.utf8)) as? [String: Any]
        return try #require(document?["total_energy_wh"] as? Double)
    }

    /// Versions of `meter`'s documents in the billing drop's JSON Lines files.
    static func droppedVersions(_ directory: String, meter: String) throws -> Set<Int> {
        var versions: Set<Int> = []
        for file in try FileManager.default.contentsOfDirectory(atPath: directory) where file.hasSuffix(".jsonl") {
            let text = try String(contentsOfFile: "\(directory)/\(file)", encoding: .utf8)
            for line in text.split(separator: "\n") {
                guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
                if object["meter"] as? String == meter, let version = object["version"] as? Int { versions.insert(version) }
            }
        }
        return versions
    }
}
