import Foundation
import TestSupport
import Testing

/// Every endpoint over real HTTP on loopback against a populated store, checked for what
/// the OpenAPI document promises: status, media type and the fields that carry the data.
@Suite(.serialized)
struct EndpointTests {
    @Test func healthAnswersWithoutAToken() async throws {
        let api = try await APIFixture.start()
        defer { Task { await api.stop() } }
        let reply = try await api.get("/health", role: nil)
        #expect(reply.status == 200)
        #expect(reply.json["status"] as? String == "ok")
    }

    @Test func servesTheOpenAPIDocumentVerbatim() async throws {
        let api = try await APIFixture.start()
        defer { Task { await api.stop() } }
        let reply = try await api.get("/openapi.yaml", role: nil)
        #expect(reply.status == 200)
        let file = try String(contentsOf: Repository.root.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        #expect(reply.body == file)
    }

    @Test func listsMetersWithStateAndLastRead() async throws {
        let api = try await APIFixture.start()
        defer { Task { await api.stop() } }
        let meters = try await api.get("/api/v1/meters").json["meters"] as? [[String: Any]] ?? []
        #expect(meters.compactMap { $0["id"] as? String }.sorted() == ["m-001", "m-002"])
        let first = try #require(meters.first { $0["id"] as? String == "m-001" })
        #expect(first["health"] as? String == "online")
        #expect(first["last_read_at"] as? String == "2025-11-20T00:45:00Z")
        #expect(first["mean_latency_ms"] as? Double == 20)
        let second = try await api.get("/api/v1/meters/m-002").json
        #expect(second["health"] as? String == "offline")
        #expect(second["last_error"] as? String == "timeout")
    }

    @Test func intervalsOfADayAsJSONInUTCAndLocalTime() async throws {
        let api = try await APIFixture.start()
        defer { Task { await api.stop() } }
        let utc = try await api.get("/api/v1/meters/m-001/intervals?from=2025-11-20")
        #expect(utc.status == 200)
        let intervals = utc.json["intervals"] as? [[String: Any]] ?? []
        #expect(intervals.count == 96)
        #expect(intervals.first?["start"] as? String == "2025-11-20T00:00:00Z")
        #expect(intervals.first?["value_wh"] as? Double == 100)
        #expect(intervals[40]["quality"] as? Int == 9 && intervals[40]["estimation"] as? String == "linear")
        #expect(intervals[50]["value_wh"] == nil && intervals[50]["quality"] as? Int == 10)
        let local = try await api.get("/api/v1/meters/m-001/intervals?from=2025-11-20T00:00:00Z&to=2025-11-20T01:00:00Z&time_zone=America/Chicago&time=local")
        let localIntervals = local.json["intervals"] as? [[String: Any]] ?? []
        #expect(localIntervals.count == 4)
        #expect(localIntervals.first?["start"] as? String == "2025-11-19T18:00:00-06:00")
        #expect(local.json["time_zone"] as? String == "America/Chicago")
    }

    @Test func intervalsAsCSVUseTheExportFormat() async throws {
        let api = try await APIFixture.start()
        defer { Task { await api.stop() } }
        let reply = try await api.get("/api/v1/meters/m-001/intervals?from=2025-11-20T00:00:00Z&to=2025-11-20T00:30:00Z&format=csv")
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Type"].first?.hasPrefix("text/csv") == true)
        let lines = reply.body.split(separator: "\r\n").map(String.init)
        #expect(lines == ["meter,channel,start_utc,length_s,value_wh,quality,revision,source,estimation,flags",
                          "m-001,energy.import.total,2025-11-20T00:00:00Z,900,100.000,0,1,registers,,0",
                          "m-001,energy.import.total,2025-11-20T00:15:00Z,900,101.000,0,1,registers,,0"])
        let local = try await api.get("/api/v1/meters/m-001/intervals?from=2025-11-20T00:00:00Z&to=2025-11-20T00:15:00Z&format=csv&time=local&time_zone=Europe/Berlin")
        #expect(local.body.split(separator: "\r\n").last == "m-001,energy.import.total,2025-11-20T00:00:00Z,2025-11-20T01:00:00+01:00,900,100.000,0,1,registers,,0")
    }

    @Test func registerReadsEventsBillingAndVEE() async throws {
        let api = try await APIFixture.start()
        defer { Task { await api.stop() } }
        let reads = try await api.get("/api/v1/meters/m-001/register-reads?from=2025-11-20T00:00:00Z&to=2025-11-20T01:00:00Z&channel=energy.import.total")
        #expect((reads.json["reads"] as? [[String: Any]])?.compactMap { $0["value"] as? Double } == [1000, 1001, 1002, 1003])
        let events = try await api.get("/api/v1/events?from=2025-11-20").json["events"] as? [[String: Any]] ?? []
        #expect(Set(events.compactMap { $0["kind"] as? String }) == ["offline", "clock_offset"])
        let meterEvents = try await api.get("/api/v1/meters/m-001/events").json["events"] as? [[String: Any]] ?? []
        #expect(meterEvents.map { $0["detail"] as? String } == ["meter clock 42 s behind"])
        let cycles = try await api.get("/api/v1/meters/m-001/billing").json["cycles"] as? [[String: Any]] ?? []
        let determinants = cycles.first?["determinants"] as? [String: Any]
        #expect((determinants?["energy_wh"] as? [String: Any])?["peak"] as? Double == 1200.5)
        #expect(cycles.first?["tariff"] as? String == "tod-a")
        let vee = try await api.get("/api/v1/meters/m-001/vee?from=2025-11-20").json
        let channel = (vee["channels"] as? [[String: Any]])?.first
        let dayRow = (channel?["days"] as? [[String: Any]])?.first
        #expect(dayRow?["estimated"] as? Int == 1 && dayRow?["missing"] as? Int == 1 && dayRow?["expected"] as? Int == 96)
        #expect((channel?["flagged"] as? [[String: Any]])?.count == 2)
    }

    @Test func destinationsShowBacklogAndDeadLetters() async throws {
        let api = try await APIFixture.start()
        defer { Task { await api.stop() } }
        let destinations = try await api.get("/api/v1/destinations").json["destinations"] as? [[String: Any]] ?? []
        let destination = try #require(destinations.first)
        #expect(destination["id"] as? String == "billing-http")
        #expect(destination["backlog_rows"] as? Int == 86)
        #expect(destination["dead_letters"] as? Int == 1)
        let letters = try await api.get("/api/v1/destinations/billing-http/dead-letters").json["dead_letters"] as? [[String: Any]] ?? []
        #expect(letters.first?["rows"] as? Int == 10 && letters.first?["reason"] as? String == "422 meter unknown")
    }

    @Test func metricsShowStoreGaugesInPrometheusText() async throws {
        let api = try await APIFixture.start()
        defer { Task { await api.stop() } }
        let reply = try await api.get("/metrics")
        #expect(reply.status == 200)
        #expect(reply.body.contains("metergate_meters_offline 1"))
        #expect(reply.body.contains(#"metergate_backlog_rows{destination="billing-http"} 86"#))
        #expect(reply.body.contains(#"metergate_dead_letters{destination="billing-http"} 1"#))
        #expect(reply.body.contains("metergate_store_size_bytes "))
    }

    @Test func anOnDemandReadIsFiledForTheBusOwnerAndFollowedAtItsLocation() async throws {
        let api = try await APIFixture.start()
        defer { Task { await api.stop() } }
        let read = try await api.request(.POST, "/api/v1/meters/m-001/reads", role: "operator")
        #expect(read.status == 202)
        let location = try #require(read.headers["Location"].first)
        #expect(location == "/api/v1/requests/\(read.json["id"] as? Int ?? 0)")
        let pending = try await api.get(location).json
        #expect(pending["state"] as? String == "pending" && pending["kind"] as? String == "read")
        #expect(pending["meter"] as? String == "m-001" && pending["requested_by"] as? String == "test-operator")
        let filed = try api.store.pendingReadRequests()
        #expect(filed.map(\.kind) == [.read])
        try api.store.finishReadRequest(id: filed[0].id, state: .done, result: #"{"readings":[{"point":"voltage.l1","value":230.5,"unit":"V"}]}"#, at: Date())
        let done = try await api.get(location).json
        #expect(done["state"] as? String == "done")
        #expect(((done["result"] as? [String: Any])?["readings"] as? [[String: Any]])?.first?["value"] as? Double == 230.5)
    }

    @Test func aRereadOfARangeIsFiledWithItsRange() async throws {
        let api = try await APIFixture.start()
        defer { Task { await api.stop() } }
        let reply = try await api.request(.POST, "/api/v1/meters/m-001/rereads", role: "operator",
                                          body: #"{"from":"2025-11-20","to":"2025-11-21","time_zone":"Europe/Berlin"}"#)
        #expect(reply.status == 202)
        let request = try await api.get("/api/v1/requests/\(reply.json["id"] as? Int ?? 0)").json
        #expect(request["kind"] as? String == "reread")
        #expect(request["from"] as? String == "2025-11-19T23:00:00Z" && request["to"] as? String == "2025-11-20T23:00:00Z")
        #expect(try api.store.pendingReadRequests().first?.range == Date(timeIntervalSince1970: 1_763_593_200)..<Date(timeIntervalSince1970: 1_763_679_600))
    }

    @Test func settingAClockFilesARequestForTheBusPoller() async throws {
        let api = try await APIFixture.start()
        defer { Task { await api.stop() } }
        let clock = try await api.request(.POST, "/api/v1/meters/m-001/clock", role: "technician")
        #expect(clock.status == 202 && clock.headers["Location"].first?.hasPrefix("/api/v1/requests/") == true, "\(clock.body)")
        #expect(try api.store.pendingReadRequests().map(\.kind) == [.setClock])
        #expect(try await api.request(.POST, "/api/v1/meters/m-999/clock", role: "technician").status == 404)
    }
}
