import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import MeterKit
import Store
import Testing
import TestSupport

/// On-demand reads through the API while the gateway polls the same RS-485 line: the
/// built `metergate run` with its API, meter-sim on a socat pty pair at 9600 baud. The
/// requests go through the bus's owner, so neither they nor the scheduled cycles break:
/// every request is answered with values, every cycle reads every meter with no failed
/// read, and the emulator sees no malformed frame. (Its inter-frame gap count is not
/// checked: through a socat pty on a machine busy with the other suites it measures the
/// pty's buffering more than the gateway's timing.)
@Suite(.serialized) struct OnDemandReadAPITests {
    typealias Rig = CollectorServiceTests.Rig

    @Test(.timeLimit(.minutes(4)))
    func onDemandReadsDuringLivePollingOfTheSameRTUBusBreakNeither() async throws {
        let rig = try Rig()
        defer { rig.remove() }
        let line = try SocatPair()
        defer { line.close() }
        // x180: a 15-minute cycle every 5 s of wall time.
        let (sim, simLog) = try ChildProcess.start(Binaries.meterSim, [
            "--rtu", line.meterSide, "--baud", "9600", "--units", "1-4", "--profile", "metergate-sim",
            "--start", "2026-01-05T00:00:00Z", "--speed", "180", "--seed", "5", "--time-base", rig.timeBase, "--fault", "2:clock-offset=+90",
        ], readyMarker: "serving rtu")
        defer { _ = sim.terminate() }
        let port = try Self.freePort()
        try """
        gateway: { id: api-rig }
        store: { path: \(rig.store) }
        schedule: { read_every: 15m, interval: 15m, backfill_lookback: 1h }
        vee: { clock_tolerance: 5m }
        time_base: \(rig.timeBase)
        devices: \(Repository.devices.path)
        api: { listen: "127.0.0.1:\(port)" }
        buses:
          - { id: line, rtu: { device: \(line.masterSide), baud: 9600 }, timeout: 1s, retries: 1 }
        meters:
          - { id: "c-{unit}", bus: line, units: 1-4, profile: metergate-sim }
        """.write(toFile: rig.config, atomically: true, encoding: .utf8)
        let added = try ChildProcess.run(Binaries.metergate, ["token", "add", "--config", rig.config, "--name", "desk", "--role", "operator"])
        #expect(added.status == 0, "\(added.output)")
        let token = try #require(added.lines.first { $0.hasPrefix("mgt_") })
        let technician = try #require(try ChildProcess.run(Binaries.metergate, ["token", "add", "--config", rig.config, "--name", "tech", "--role", "technician"])
            .lines.first { $0.hasPrefix("mgt_") })
        let gateway = try rig.startGateway()
        defer { _ = gateway.terminate(grace: 30) }
        let api = "http://127.0.0.1:\(port)"
        try await Self.waitForHealth(api)
        try await rig.wait(untilSimulated: try #require(ISO8601DateFormatter.utc.date(from: "2026-01-05T00:40:00Z")))

        // Three live reads of different meters, filed while the poller keeps its schedule.
        var ids: [Int] = []
        for meter in ["c-1", "c-3", "c-4"] {
            let (status, body, location) = try await Self.call("POST", "\(api)/api/v1/meters/\(meter)/reads", token: token)
            #expect(status == 202, "\(body)")
            let id = try #require(body["id"] as? Int)
            #expect(location == "/api/v1/requests/\(id)")
            ids.append(id)
            try await Task.sleep(for: .milliseconds(1500))
        }
        for id in ids {
            var request: [String: Any] = [:]
            for _ in 0..<100 where request["state"] as? String ?? "pending" == "pending" {
                try await Task.sleep(for: .milliseconds(200))
                request = try await Self.call("GET", "\(api)/api/v1/requests/\(id)", token: token).body
            }
            #expect(request["state"] as? String == "done", "request \(id): \(request)")
            let readings = (request["result"] as? [String: Any])?["readings"] as? [[String: Any]] ?? []
            let energy = readings.first { $0["point"] as? String == "energy.import.total" }
            #expect((energy?["value"] as? Double ?? 0) > 0, "request \(id): \(readings)")
        }
        // c-2's clock runs 90 s ahead: a technician sets it through the same queue. At x180 a
        // wall millisecond is 0.18 s simulated, so "after" is near zero within the reading's
        // own uncertainty (half a second plus half the round trip on the 9600 baud line).
        #expect(try await Self.call("POST", "\(api)/api/v1/meters/c-2/clock", token: token).status == 403)
        let (clockStatus, clockBody, _) = try await Self.call("POST", "\(api)/api/v1/meters/c-2/clock", token: technician)
        #expect(clockStatus == 202, "\(clockBody)")
        var clockRequest: [String: Any] = [:]
        for _ in 0..<100 where clockRequest["state"] as? String ?? "pending" == "pending" {
            try await Task.sleep(for: .milliseconds(200))
            clockRequest = try await Self.call("GET", "\(api)/api/v1/requests/\(try #require(clockBody["id"] as? Int))", token: token).body
        }
        let set = clockRequest["result"] as? [String: Any] ?? [:]
        let before = try #require(set["offset_before"] as? Double, "\(clockRequest)"), after = try #require(set["offset_after"] as? Double)
        let uncertainty = try #require(set["uncertainty"] as? Double)
        #expect(clockRequest["kind"] as? String == "set_clock" && clockRequest["state"] as? String == "done")
        #expect(abs(before - 90) <= 10 + uncertainty, "before \(before)")
        #expect(abs(after) <= 2 + uncertainty, "after \(after) (+/- \(uncertainty))")
        try await rig.wait(untilSimulated: try #require(ISO8601DateFormatter.utc.date(from: "2026-01-05T01:50:00Z")))

        // The pollers' counters reach /metrics, per bus and meter, beside the store's gauges.
        var scrape = URLRequest(url: try #require(URL(string: "\(api)/metrics")))
        scrape.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let metrics = String(decoding: try await URLSession.shared.data(for: scrape).0, as: UTF8.self)
        let polls = metrics.split(separator: "\n").first { $0.hasPrefix("metergate_polls_total{") && $0.contains(#"meter="c-1""#) && $0.contains(#"bus="line""#) }
        #expect((polls?.split(separator: " ").last.flatMap { Double($0) } ?? 0) >= 5, "\(polls ?? "no metergate_polls_total for c-1")")
        #expect(metrics.contains("metergate_poll_latency_seconds"), "\(metrics.prefix(1500))")
        #expect(gateway.terminate(grace: 30) == 0)

        // Polling went on: every cycle from the first on, every meter read with values.
        let store = try MeterStore(path: rig.store)
        defer { try? store.close() }
        let buckets = try store.cycleBuckets(bus: "line")
        #expect(buckets.count >= 7, "\(buckets)")
        #expect(zip(buckets, buckets.dropFirst()).allSatisfy { $1.timeIntervalSince($0) == 900 }, "a cycle was skipped: \(buckets)")
        let meters = try store.status().meters
        #expect(meters.count == 4 && meters.allSatisfy { $0.state?.health == .online && $0.state?.readsFailed == 0 }, "\(meters.map { ($0.name, $0.state) })")
        let c2 = try #require(meters.first { $0.name == "c-2" })
        #expect(try store.events(meterID: c2.id).contains { $0.kind == .clockOffset && $0.detail.contains("clock set to gateway time on request") && $0.detail.contains("by tech") })
        _ = sim.terminate()
        let emulator = try String(contentsOfFile: simLog, encoding: .utf8)
        #expect(emulator.contains("bad frames 0"), "\(emulator.suffix(400))")
    }

    /// `Rig.wait` without blocking a thread: this test and the gateway's API share the
    /// process's few cooperative threads with the other suites running beside it.
    static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                guard bind(socket, raw, length) == 0, getsockname(socket, raw, &length) == 0 else { throw FreePortError() }
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    struct FreePortError: Error {}

    static func waitForHealth(_ api: String) async throws {
        for _ in 0..<100 {
            if let (status, _, _) = try? await call("GET", "\(api)/health", token: nil), status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the API did not come up at \(api)")
    }

    static func call(_ method: String, _ url: String, token: String?) async throws -> (status: Int, body: [String: Any], location: String?) {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        let body = (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
        return (http.statusCode, body, http.value(forHTTPHeaderField: "Location"))
    }
}
