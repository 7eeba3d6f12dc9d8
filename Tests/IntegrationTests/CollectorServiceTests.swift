import Foundation
import Intervals
import MeterKit
import Store
import Testing
import TestSupport

/// `metergate run` as a process against meter-sim processes in accelerated time.
@Suite(.serialized) struct CollectorServiceTests {
    static let start = "2026-01-05T00:00:00Z"
    static let startDate = ISO8601DateFormatter.utc.date(from: start)!

    /// A scratch directory with a time base, a store and a config.
    struct Rig {
        let directory: URL
        var timeBase: String { directory.appendingPathComponent("timebase.json").path }
        var store: String { directory.appendingPathComponent("store.sqlite").path }
        var config: String { directory.appendingPathComponent("gateway.yaml").path }

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("collector-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }

        /// Starts meter-sim on TCP; the first one writes the shared time base, the others join it.
        func simulator(_ arguments: [String], writesTimeBase: Bool = false) throws -> (ChildProcess, Int) {
            let extra = writesTimeBase ? ["--time-base", timeBase] : ["--join-time-base", timeBase]
            let (process, log) = try ChildProcess.start(Binaries.meterSim, ["--tcp", "127.0.0.1:0"] + arguments + extra, readyMarker: "listening on tcp")
            let text = try String(contentsOfFile: log, encoding: .utf8)
            let port = try #require(text.split(separator: " ").first { $0.hasPrefix("127.0.0.1:") }.flatMap { Int($0.split(separator: ":")[1]) })
            return (process, port)
        }

        func startGateway() throws -> ChildProcess {
            try ChildProcess(Binaries.metergate, ["run", "--config", config],
                             outputPath: directory.appendingPathComponent("gateway-\(UUID().uuidString.prefix(4)).log").path)
        }

        /// Simulated time now, from the shared time base.
        func simulatedNow() throws -> Date {
            try TimeBase.decode(Data(contentsOf: URL(fileURLWithPath: timeBase))).simulatedTime(atWall: Date())
        }

        /// Waits (wall time) until simulated time reaches `instant`, suspending rather than
        /// blocking: the test process's cooperative pool has as many threads as cores, and a
        /// test asleep on one for minutes would delay every other test's resumptions.
        func wait(untilSimulated instant: Date) async throws {
            let base = try TimeBase.decode(Data(contentsOf: URL(fileURLWithPath: timeBase)))
            let seconds = base.wallTime(atSimulated: instant).timeIntervalSinceNow
            if seconds > 0 { try await Task.sleep(for: .milliseconds(Int64(min(seconds, 600) * 1000))) }
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func twoDaysOfThreeBusesAreCollectedCompletelyThroughAnOutageAndADeadMeter() async throws {
        let rig = try Rig()
        defer { rig.remove() }
        let speed = "1440"  // two simulated days in two minutes
        // Bus A: 101 sdm630 meters; unit 1 is powered down the whole time: it never answers,
        // so every attempt at it costs the full timeout, before the other 100 are read.
        let (simA, portA) = try rig.simulator(["--units", "1-101", "--profile", "sdm630", "--start", Self.start, "--speed", speed,
                                               "--outage", "1@2026-01-01T00:00:00Z/30d"], writesTimeBase: true)
        defer { simA.terminate() }
        // Bus B: 100 metergate-sim meters with load-profile memory; unit 7 loses supply for
        // six hours on the first day.
        let (simB, portB) = try rig.simulator(["--units", "1-100", "--profile", "metergate-sim",
                                               "--outage", "7@2026-01-05T10:00:00Z/6h"])
        defer { simB.terminate() }
        let line = try SocatPair()
        defer { line.close() }
        let (simC, _) = try ChildProcess.start(Binaries.meterSim, ["--rtu", line.meterSide, "--units", "1-8", "--profile", "metergate-sim",
                                                                   "--join-time-base", rig.timeBase], readyMarker: "serving rtu")
        defer { simC.terminate() }
        try """
        gateway: { id: test-rig }
        store: { path: \(rig.store) }
        schedule: { read_every: 15m, interval: 15m, backfill_lookback: 1h }
        # At x1440 a millisecond of wall time between the clock read and its timestamp is
        # 1.4 simulated seconds, so a busy test machine alone can make a meter look 30 s off.
        vee: { clock_tolerance: 2m }
        time_base: \(rig.timeBase)
        devices: \(Repository.devices.path)
        buses:
          - { id: a, tcp: "127.0.0.1:\(portA)", timeout: 100ms, retries: 0, offline_after: 2, max_backoff: 1h }
          - { id: b, tcp: "127.0.0.1:\(portB)", timeout: 100ms, retries: 0, offline_after: 2, max_backoff: 1h }
          - { id: c, rtu: { device: \(line.masterSide), baud: 9600 }, timeout: 200ms }
        meters:
          - { id: "a-{unit:03}", bus: a, units: 1-101, profile: sdm630 }
          - { id: "b-{unit:03}", bus: b, units: 1-100, profile: metergate-sim }
          - { id: "c-{unit}", bus: c, units: 1-8, profile: metergate-sim }
        """.write(toFile: rig.config, atomically: true, encoding: .utf8)

        let gateway = try rig.startGateway()
        let end = Self.startDate.addingTimeInterval(2 * 86_400)
        try await rig.wait(untilSimulated: end)
        let status = gateway.terminate(grace: 30)
        #expect(status & 0x7F == 0 && (status >> 8) & 0xFF == 0, "graceful shutdown exits 0 (wait status \(status))")

        let store = try MeterStore(path: rig.store)
        defer { try? store.close() }
        #expect(try store.integrityCheck() == ["ok"])
        let status2 = try store.status()
        let meters = Dictionary(uniqueKeysWithValues: status2.meters.map { ($0.name, $0) })
        #expect(meters.count == 209)

        // Every bus ran a cycle on every 15-minute boundary from its first to its last.
        for bus in status2.buses {
            let cycles = try store.cycleBuckets(bus: bus.bus)
            let first = try #require(cycles.first), last = try #require(cycles.last)
            // (last - first) / 900 s + 1 boundaries, none skipped.
            #expect(cycles.count == Int(last.timeIntervalSince(first) / 900) + 1, "bus \(bus.bus) skipped boundaries")
            #expect(last.timeIntervalSince(first) >= 1.9 * 86_400, "bus \(bus.bus) ran \(cycles.count) cycles")
        }
        // Every healthy meter has every channel in every cycle of its bus.
        let channels = try store.channelIDs(["energy.import.total"])
        let importChannel = try #require(channels["energy.import.total"])
        for name in ["a-002", "a-050", "a-101", "b-001", "b-099", "c-1", "c-8"] {
            let meter = try #require(meters[name])
            let buckets = try store.cycleBuckets(bus: meter.bus)
            let reads = try store.registerReads(meterID: meter.id, channelID: importChannel, buckets: buckets)
            #expect(reads.count == buckets.count, "\(name): \(reads.count) reads in \(buckets.count) cycles")
            #expect(reads.allSatisfy { $0.status == .ok && $0.value != nil }, "\(name) has failed reads")
        }
        // The dead meter went offline, and each attempt at it delayed the rest of its bus by
        // at most its timeout budget: 100 ms (wall, no retries) x 1440 = 144 s simulated.
        let dead = try #require(meters["a-001"])
        #expect(dead.state?.health == .offline)
        let busA = try store.cycleBuckets(bus: "a")
        let attempted = Set(try store.registerReads(meterID: dead.id, channelID: importChannel, buckets: busA).map(\.bucket))
        #expect(attempted.count >= 2 && attempted.count < busA.count / 2, "back-off: \(attempted.count) attempts in \(busA.count) cycles")
        let last = try #require(meters["a-101"])
        let lateness = try store.registerReads(meterID: last.id, channelID: importChannel, buckets: busA)
            .map { (attempted.contains($0.bucket), $0.gatewayTime.timeIntervalSince($0.bucket)) }
        let withDead = lateness.filter(\.0).map(\.1).sorted(), without = lateness.filter { !$0.0 }.map(\.1).sorted()
        let typical = without[without.count / 2]
        // Median delay when the dead meter was tried, over the median when it was skipped:
        // the timeout budget plus scheduling noise (a quarter of the budget).
        #expect(withDead[withDead.count / 2] - typical <= 144 * 1.25, "a-101 delay \(withDead) vs \(typical)")
        #expect(withDead[withDead.count / 2] - typical >= 144 * 0.7, "the dead meter did not cost its timeout: \(withDead) vs \(typical)")

        // The six-hour outage: offline then online events, and the gap read back from memory.
        let outaged = try #require(meters["b-007"])
        #expect(outaged.state?.health == .online)
        let kinds = try store.events(meterID: outaged.id).map(\.kind)
        #expect(kinds.contains(.offline) && kinds.contains(.online))
        let outageStart = try #require(ISO8601DateFormatter.utc.date(from: "2026-01-05T10:00:00Z"))
        let gap = try store.recordedIntervals(meterID: outaged.id, from: outageStart, to: outageStart.addingTimeInterval(6 * 3600))
        // 6 h / 15 min = 24 intervals, every one flagged power down by the meter.
        #expect(gap.count == 24)
        #expect(gap.allSatisfy { $0.statusBits & Int(IntervalStatus.powerDown.rawValue) != 0 })
        // And the meter's memory is complete over the whole run for a healthy meter too.
        let healthy = try #require(meters["b-001"])
        let cyclesB = try store.cycleBuckets(bus: "b")
        let firstCycle = try #require(cyclesB.first), lastCycle = try #require(cyclesB.last)
        // From the lookback (1 h before the first cycle) to the interval before the last
        // cycle's, one record per 15 minutes and none skipped. (A meter clock a few seconds
        // behind closes the very last interval after the last cycle, so it is left out.)
        let memoryEnd = lastCycle.addingTimeInterval(-900)
        let memory = try store.recordedIntervals(meterID: healthy.id, from: firstCycle.addingTimeInterval(-3600), to: memoryEnd)
        #expect(memory.count == Int(memoryEnd.timeIntervalSince(firstCycle.addingTimeInterval(-3600)) / 900))

        try checkIntervals(store, meters: meters, importChannel: importChannel, cycles: cyclesB, outageStart: outageStart)
    }

    /// The interval engine ran alongside: every interval of a healthy meter valid from its
    /// memory, the outage estimated first and then superseded by the meter's own record, and
    /// a dead meter missing, never zero.
    private func checkIntervals(_ store: MeterStore, meters: [String: MeterStatus], importChannel: Int64, cycles: [Date],
                                outageStart: Date) throws {
        let first = try #require(cycles.first), last = try #require(cycles.last)
        // From the first full interval to the last one the task certainly ran for (it runs a
        // read cadence after each boundary, and the run stopped at an arbitrary moment).
        let starts = stride(from: first.timeIntervalSince1970, to: last.timeIntervalSince1970 - 1800, by: 900).map(Date.init(timeIntervalSince1970:))
        let healthy = try #require(meters["b-001"])
        let intervals = try store.intervals(meterID: healthy.id, channelID: importChannel, starts: starts)
        #expect(intervals.count == starts.count, "b-001: \(intervals.count) intervals for \(starts.count) starts")
        #expect(intervals.allSatisfy { $0.source == "profile" && $0.quality == 0 && ($0.valueWh ?? -1) >= 0 },
                "b-001: \(intervals.filter { $0.source != "profile" || $0.quality != 0 }.prefix(3))")

        let outaged = try #require(meters["b-007"])
        let gapStarts = (0..<24).map { outageStart.addingTimeInterval(Double($0) * 900) }
        let revisions = try store.intervals(meterID: outaged.id, channelID: importChannel, starts: gapStarts, allRevisions: true)
        let byStart = Dictionary(grouping: revisions, by: \.start)
        for start in gapStarts {
            let history = byStart[start] ?? []
            let latest = try #require(history.max { $0.revision < $1.revision }, "b-007 has no interval at \(start)")
            // The meter's own record wins: it says power down (outage), and its energy.
            #expect(latest.source == "profile" && ValidationFlags(rawValue: latest.flags).contains(.outage), "b-007 \(start): \(latest)")
            // Before the meter came back the gap was estimated (flagged, never a silent zero):
            // every interval that ended while a run of the interval task could still see the
            // meter silent. The task runs once per interval; here, a debug build at x1440 with
            // 209 meters, a run takes up to about an hour of simulated time, hence 2 h of slack.
            if start.addingTimeInterval(900) <= outageStart.addingTimeInterval(4 * 3600) {
                #expect(history.contains { [8, 9].contains($0.quality) && $0.source == "estimate" } && latest.revision >= 2,
                        "b-007 \(start): \(history)")
            }
        }

        // A meter never read has no intervals at all: nothing to estimate from, and never a zero.
        let dead = try #require(meters["a-001"])
        #expect(try store.intervals(meterID: dead.id, channelID: importChannel, starts: starts).allSatisfy { $0.valueWh == nil })
    }

    @Test(.timeLimit(.minutes(3)))
    func killedMidCycleAndRestartedTheStoreStaysWholeAndCollectionResumes() async throws {
        let rig = try Rig()
        defer { rig.remove() }
        // Every reply 2 ms late: a cycle of 40 meters (about 4 requests each) then takes about
        // 350 ms of the 625 ms between boundaries at x1440, so most kills land inside one.
        let (sim, port) = try rig.simulator(["--units", "1-40", "--profile", "metergate-sim", "--start", Self.start, "--speed", "1440",
                                             "--slow-rate", "1", "--slow-ms", "2"], writesTimeBase: true)
        defer { sim.terminate() }
        try """
        gateway: { id: crash-rig }
        store: { path: \(rig.store) }
        schedule: { read_every: 15m, interval: 15m, backfill_lookback: 2h, backfill_per_cycle: 8 }
        time_base: \(rig.timeBase)
        devices: \(Repository.devices.path)
        buses:
          - { id: a, tcp: "127.0.0.1:\(port)", timeout: 200ms }
        meters:
          - { id: "m-{unit:02}", bus: a, units: 1-40, profile: metergate-sim }
        """.write(toFile: rig.config, atomically: true, encoding: .utf8)

        // Five runs killed with SIGKILL at uneven moments, with 15 to 40 simulated minutes
        // down in between.
        for (run, wall) in [0.9, 1.3, 0.7, 1.6, 1.1].enumerated() {
            let gateway = try rig.startGateway()
            try await Task.sleep(for: .milliseconds(Int64(wall * 1000)))
            kill(gateway.pid, SIGKILL)
            _ = gateway.terminate(grace: 1)
            try await Task.sleep(for: .milliseconds(Int64((0.6 + 0.5 * Double(run % 3)) * 1000)))
        }
        let gateway = try rig.startGateway()
        let settle = try rig.simulatedNow().addingTimeInterval(4 * 3600)
        try await rig.wait(untilSimulated: settle)
        _ = gateway.terminate(grace: 30)

        let store = try MeterStore(path: rig.store)
        defer { try? store.close() }
        #expect(try store.integrityCheck() == ["ok"])
        let meters = try store.status().meters
        #expect(meters.count == 40)
        let channel = try #require(try store.channelIDs(["energy.import.total"])["energy.import.total"])
        let buckets = try store.cycleBuckets(bus: "a")
        #expect(buckets.count >= 10)
        for meter in meters {
            // Each committed cycle holds a read of every meter: cycles are all or nothing.
            let reads = try store.registerReads(meterID: meter.id, channelID: channel, buckets: buckets)
            #expect(reads.count == buckets.count, "\(meter.name): \(reads.count) reads in \(buckets.count) cycles")
            // The meter's memory, read back from the persisted resume points, has no gap from
            // the lookback (two hours before the first cycle) to the last complete interval.
            let from = try #require(buckets.first).addingTimeInterval(-7200)
            // Up to the interval before the last cycle's: a meter clock a few seconds behind
            // closes the very last one after the last cycle.
            let to = try #require(buckets.last).addingTimeInterval(-900)
            let intervals = try store.recordedIntervals(meterID: meter.id, from: from, to: to)
            #expect(intervals.count == Int(to.timeIntervalSince(from) / 900), "\(meter.name): \(intervals.count) intervals")
            #expect(Set(intervals.map(\.start)).count == intervals.count)
        }
        try store.close()

        // What an operator sees of the same store.
        let status = try ChildProcess.run(Binaries.metergate, ["status", "--store", rig.store, "--json"])
        #expect(status.status == 0, "\(status.output)")
        let report = try #require(status.jsonObject())
        let listed = try #require(report["meters"] as? [[String: Any]])
        #expect(listed.count == 40 && listed.allSatisfy { $0["state"] as? String == "online" })
        #expect((report["buses"] as? [[String: Any]])?.first?["cycles"] as? Int == buckets.count)
        let missing = try ChildProcess.run(Binaries.metergate, ["status", "--store", rig.directory.appendingPathComponent("none.sqlite").path])
        #expect(missing.status == 2 && missing.lines.last?.hasSuffix("none.sqlite: no such store") == true, "\(missing.output)")
    }
}
