import Foundation
import Store
import Testing
import TestSupport

/// `metergate run` forwarding to a real PostgreSQL warehouse and a real HTTP billing
/// receiver, on meter-sim in accelerated time.
@Suite(.serialized) struct ForwardingServiceTests {
    typealias Rig = CollectorServiceTests.Rig

    /// The configuration of a rig with `meters` metergate-sim meters on hv-tou, billed on the
    /// 1st (UTC), forwarding to the warehouse and the billing receiver.
    static func writeConfig(_ rig: Rig, port: Int, meters: Int, warehouse: String, billing: String, warehouseBatch: Int, billingBatch: Int) throws {
        try """
        gateway: { id: fwd-rig }
        store: { path: \(rig.store) }
        schedule: { read_every: 15m, interval: 15m, backfill_lookback: 2h, backfill_per_cycle: 16 }
        time_base: \(rig.timeBase)
        devices: \(Repository.devices.path)
        billing: { tariffs: \(Repository.root.appendingPathComponent("tariffs").path), cycle_day: 1, close_after: 1h }
        destinations:
          - { id: warehouse, kind: postgres, data: intervals, url: "\(warehouse)", batch: \(warehouseBatch), min_backoff: 1m, max_backoff: 2h }
          - { id: billing, kind: http, data: billing, url: "\(billing)", batch: \(billingBatch), timeout: 5s, min_backoff: 1m, max_backoff: 1h }
        buses:
          - { id: a, tcp: "127.0.0.1:\(port)", timeout: 200ms }
        meters:
          - { id: "m-{unit:02}", bus: a, units: 1-\(meters), profile: metergate-sim, metadata: { tariff: hv-tou, rate_class: C1, stratum: S1, weight: 12.5 } }
        """.write(toFile: rig.config, atomically: true, encoding: .utf8)
    }

    @Test(.timeLimit(.minutes(5)))
    func sevenDaysOfFiftyMetersReachTheWarehouseAndBillingThroughTwoDaysOfWarehouseOutage() async throws {
        let rig = try Rig()
        defer { rig.remove() }
        let postgres = try await PostgresServer.startNew()
        let database = try await postgres.makeDatabase(prefix: "seven")
        let receiver = try BillingReceiver()
        // x8640: a simulated day in 10 s; the cycle of January closes on 1 February.
        let (sim, port) = try rig.simulator(["--units", "1-50", "--profile", "metergate-sim", "--start", "2026-01-29T00:00:00Z",
                                             "--speed", "8640", "--seed", "11"], writesTimeBase: true)
        defer { sim.terminate() }
        try Self.writeConfig(rig, port: port, meters: 50, warehouse: database, billing: receiver.url, warehouseBatch: 2000, billingBatch: 20)
        let gateway = try rig.startGateway()
        let base = try #require(ISO8601DateFormatter.utc.date(from: "2026-01-29T00:00:00Z"))
        func day(_ d: Int) -> Date { base + Double(d) * 86_400 }

        try await rig.wait(untilSimulated: day(2))
        try await postgres.stop()
        try await rig.wait(untilSimulated: day(2) + 6 * 3600)
        let early = try Self.backlog(rig, "warehouse")
        try await rig.wait(untilSimulated: day(3) + 18 * 3600)
        let late = try Self.backlog(rig, "warehouse")
        // Two days of 50 meters x 96 intervals pile up while the warehouse is down.
        #expect(late.rows > early.rows + 2000, "backlog \(early) then \(late)")
        #expect(late.failures > 0)
        try await postgres.start()
        try await rig.wait(untilSimulated: day(7))
        #expect(gateway.terminate(grace: 30) == 0)

        let store = try MeterStore(path: rig.store)
        defer { try? store.close() }
        let outboxes = Dictionary(uniqueKeysWithValues: try store.outboxStates().map { ($0.destination, $0) })
        let warehouse = try #require(outboxes["warehouse"])
        // Drained: at most what the last minutes before the stop computed is still to go.
        #expect(try store.backlog(of: warehouse).rows < 3000)
        #expect(warehouse.position > 50 * 96 * 6)
        try await Self.expectWarehouseMatches(store, through: warehouse.position, postgres: postgres, url: database)
        try await Self.expectBillingApplied(store, through: try #require(outboxes["billing"]).position, receiver: receiver, meters: 50)
        try await postgres.stop()
    }

    @Test(.timeLimit(.minutes(5)))
    func killedTwentyTimesWhileLoadingAndPostingTheWarehouseAndBillingHoldEverythingOnce() async throws {
        let rig = try Rig()
        defer { rig.remove() }
        let postgres = try await PostgresServer.shared()
        let database = try await postgres.makeDatabase(prefix: "kill")
        let receiver = try BillingReceiver()
        // x2880 from the evening before the cycle closes: the first versions of 30 meters'
        // January bills are posted, one per request, while the gateway keeps being killed.
        let (sim, port) = try rig.simulator(["--units", "1-30", "--profile", "metergate-sim", "--start", "2026-01-31T22:00:00Z",
                                             "--speed", "2880", "--seed", "12"], writesTimeBase: true)
        defer { sim.terminate() }
        try Self.writeConfig(rig, port: port, meters: 30, warehouse: database, billing: receiver.url, warehouseBatch: 50, billingBatch: 1)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let gateway = try rig.startGateway()
            try await Task.sleep(for: .milliseconds(Int64.random(in: 300...1200, using: &generator)))
            kill(gateway.pid, SIGKILL)
            _ = gateway.terminate(grace: 1)
        }
        let gateway = try rig.startGateway()
        try await rig.wait(untilSimulated: try rig.simulatedNow() + 3 * 3600)
        #expect(gateway.terminate(grace: 30) == 0)

        let store = try MeterStore(path: rig.store)
        defer { try? store.close() }
        #expect(try store.integrityCheck() == ["ok"])
        let outboxes = Dictionary(uniqueKeysWithValues: try store.outboxStates().map { ($0.destination, $0) })
        try await Self.expectWarehouseMatches(store, through: try #require(outboxes["warehouse"]).position, postgres: postgres, url: database)
        try await Self.expectBillingApplied(store, through: try #require(outboxes["billing"]).position, receiver: receiver, meters: 30)
    }

    // MARK: - Checks

    static func backlog(_ rig: Rig, _ destination: String) throws -> (rows: Int, failures: Int) {
        let status = try ChildProcess.run(Binaries.metergate, ["status", "--store", rig.store, "--json"]).jsonObject()
        let outbox = (status?["destinations"] as? [[String: Any]])?.first { $0["destination"] as? String == destination }
        return (outbox?["backlogRows"] as? Int ?? -1, outbox?["consecutiveFailures"] as? Int ?? -1)
    }

    /// Every revision the store delivered is in the warehouse exactly once, with its value
    /// and quality, nothing else is, and the warehouse's latest view is the store's latest.
    static func expectWarehouseMatches(_ store: MeterStore, through position: Int64, postgres: PostgresServer, url: String) async throws {
        let database = try #require(url.split(separator: "/").last?.split(separator: "?").first.map(String.init))
        let meters = try store.meters().mapValues(\.name)
        let channels = try store.channels()
        #expect(position > 0, "nothing reached the warehouse")
        let delivered = position > 0 ? try store.intervalRevisions(seqs: 1...position) : []
        func line(_ meter: String, _ channel: String, _ start: Int64, _ revision: Int, _ milliWh: Int64?, _ quality: Int) -> String {
            "\(meter),\(channel),\(start),\(revision),\(milliWh.map(String.init) ?? ""),\(quality)"
        }
        let expected = delivered.map { row in
            line(meters[row.meterID]!, channels[row.channelID]!, Int64(row.start.timeIntervalSince1970), row.revision,
                 row.valueWh.map { Int64(($0 * 1000).rounded()) }, row.quality)
        }
        let select = "meter_id || ',' || channel || ',' || extract(epoch from interval_start)::bigint || ',' || revision || ',' "
            + "|| coalesce(round(value_wh * 1000)::bigint::text, '') || ',' || quality"
        let loaded = try await postgres.psql("SELECT \(select) FROM interval_reading", database: database).split(separator: "\n").map(String.init)
        #expect(loaded.count == expected.count)
        #expect(Set(loaded) == Set(expected))
        var latest: [String: (revision: Int, line: String)] = [:]
        for (row, text) in zip(delivered, expected) {
            let key = "\(row.meterID)/\(row.channelID)/\(row.start.timeIntervalSince1970)"
            if (latest[key]?.revision ?? 0) < row.revision { latest[key] = (row.revision, text) }
        }
        let view = try await postgres.psql("SELECT \(select) FROM interval_latest", database: database).split(separator: "\n").map(String.init)
        #expect(Set(view) == Set(latest.values.map(\.line)))
        #expect(view.count == latest.count)
        let meterCount = try await postgres.psql("SELECT count(*) FROM meter WHERE stratum = 'S1' AND weight = 12.5", database: database)
        #expect(Int(meterCount) == meters.count)
    }

    /// Every billing version the store delivered was applied by the receiver, once.
    static func expectBillingApplied(_ store: MeterStore, through position: Int64, receiver: BillingReceiver, meters: Int) async throws {
        let names = try store.meters().mapValues(\.name)
        let versions = try store.billingCycles().filter { $0.seq <= position }
        let keys = versions.map { "fwd-rig/\(names[$0.meterID]!)/\($0.cycleStart.formatted(.iso8601))/v\($0.version)" }
        #expect(Set(versions.map(\.meterID)).count == meters, "every meter's January cycle billed")
        let applied = try await receiver.applied()
        #expect(applied.keys.count == Set(applied.keys).count)
        #expect(Set(applied.keys) == Set(keys))
    }
}
