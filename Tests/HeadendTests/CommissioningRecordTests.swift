import Foundation
import Testing
import TestSupport

/// Commissioning records as `metergate commission --record` writes them (against meter-sim),
/// listed and served by the API to technicians only.
@Suite(.serialized)
struct CommissioningRecordTests {
    @Test(.timeLimit(.minutes(2)))
    func technicianSeesTheRecordsACommissioningRunWrote() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("records-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (sim, log) = try ChildProcess.start(Binaries.meterSim, ["--tcp", "127.0.0.1:0", "--units", "5", "--profile", "metergate-sim"],
                                                readyMarker: "listening on tcp")
        defer { _ = sim.terminate() }
        let text = try String(contentsOfFile: log, encoding: .utf8)
        let port = try #require(text.split(separator: " ").first { $0.hasPrefix("127.0.0.1:") }.flatMap { $0.split(separator: ":").last })
        let record = folder.appendingPathComponent("unit5.json").path
        let run = try ChildProcess.run(Binaries.metergate, ["commission", "--tcp", "127.0.0.1:\(port)", "--unit", "5", "--profile", "metergate-sim",
                                                            "--energy-interval-ms", "200", "--technician", "jd", "--record", record])
        #expect(FileManager.default.fileExists(atPath: record), "\(run.output)")
        try "not a record".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)

        let api = try await APIFixture.start(commissioningRecords: folder.path)
        defer { Task { await api.stop() } }
        let list = try await api.get("/api/v1/commissioning-records", role: "technician").json["records"] as? [[String: Any]] ?? []
        #expect(list.map { $0["file"] as? String } == ["unit5.json"])
        #expect(list.first?["unit"] as? Int == 5 && list.first?["profile"] as? String == "metergate-sim" && list.first?["technician"] as? String == "jd")
        let served = try await api.get("/api/v1/commissioning-records/unit5.json", role: "technician")
        let file = try String(contentsOfFile: record, encoding: .utf8)
        #expect(served.status == 200 && served.body == file)
        #expect(try await api.get("/api/v1/commissioning-records/unit5.json", role: "operator").status == 403)
        #expect(try await api.get("/api/v1/commissioning-records/..%2Fstore.sqlite", role: "technician").status == 404)
    }
}
