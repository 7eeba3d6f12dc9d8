import Foundation
import MeterKit
import MeterSim
import Testing
import TestSupport

/// The technician's commands against meter-sim: scan, commission, clock.
@Suite(.serialized) struct CommissioningCommandTests {
    /// Starts meter-sim on a free loopback port at real time (the gateway compares clocks
    /// with its system clock) with exact meter clocks unless a fault says otherwise.
    func startSimulator(_ extra: [String]) throws -> (ChildProcess, Int) {
        let (process, log) = try ChildProcess.start(Binaries.meterSim, ["--tcp", "127.0.0.1:0", "--clock-offset", "0", "--drift-ppm", "0"] + extra,
                                                    readyMarker: "listening on tcp")
        let text = try String(contentsOfFile: log, encoding: .utf8)
        let port = try #require(text.split(separator: " ").first { $0.hasPrefix("127.0.0.1:") }.flatMap { Int($0.split(separator: ":")[1]) })
        return (process, port)
    }

    /// The serial number meter-sim gives unit `unit` with its default seed 1.
    static func serial(unit: UInt8) -> String {
        SimulatedMeter(.init(address: MeterAddress(unit: unit), seed: 1, loadClass: .residential)).serialNumber
    }

    static func failedChecks(_ object: [String: Any]) -> [String] {
        ((object["checks"] as? [[String: Any]]) ?? []).filter { $0["outcome"] as? String == "fail" }.compactMap { $0["id"] as? String }
    }

    @Test func scanOfAnRTULineFindsExactlyTheFiveMixedMetersWithTheirIdentities() throws {
        let line = try SocatPair()
        defer { line.close() }
        let units = "3:sdm630,9:sdm120,14:sunspec-203,17:metergate-sim,22:sunspec-213"
        let (sim, _) = try ChildProcess.start(Binaries.meterSim, ["--rtu", line.meterSide, "--units", units], readyMarker: "serving rtu")
        defer { sim.terminate() }
        let result = try ChildProcess.run(Binaries.metergate, ["scan", "--rtu", line.masterSide, "--units", "1-25", "--probe-timeout-ms", "60", "--json"])
        #expect(result.status == 0, "\(result.output)")
        let meters = try #require(result.jsonObject()?["meters"] as? [[String: Any]], "\(result.output)")
        let found = meters.map { ($0["unit"] as? Int ?? 0, $0["profile"] as? String ?? "unknown") }
        #expect(found.map(\.0) == [3, 9, 14, 17, 22])
        #expect(found.map(\.1) == ["sdm630", "sdm120", "sunspec-203", "metergate-sim", "sunspec-213"])
        for meter in meters {
            let unit = UInt8(meter["unit"] as? Int ?? 0)
            #expect(meter["serial"] as? String == Self.serial(unit: unit), "unit \(unit)")
        }
        #expect(meters.first { $0["unit"] as? Int == 17 }?["model"] as? String == "SIM-3P")
        #expect(meters.first { $0["unit"] as? Int == 14 }?["sunspecModels"] as? [Int] == [1, 203])
    }

    @Test func sunSpecModel203MeterIsFoundAndReadOverTCP() throws {
        let (sim, port) = try startSimulator(["--units", "12:sunspec-203"])
        defer { sim.terminate() }
        let scan = try ChildProcess.run(Binaries.metergate, ["scan", "--tcp", "127.0.0.1:\(port)", "--units", "10-14", "--json"])
        let meters = try #require(scan.jsonObject()?["meters"] as? [[String: Any]], "\(scan.output)")
        #expect(meters.count == 1 && meters.first?["unit"] as? Int == 12 && meters.first?["profile"] as? String == "sunspec-203")

        let read = try ChildProcess.run(Binaries.metergate, ["read", "--tcp", "127.0.0.1:\(port)", "--unit", "12", "--profile", "sunspec-203", "--json",
                                                             "voltage.l1", "frequency", "energy.import.total"])
        #expect(read.status == 0, "\(read.output)")
        let points = try #require(read.jsonObject()?["points"] as? [[String: Any]])
        let values = Dictionary(uniqueKeysWithValues: points.compactMap { p in (p["value"] as? Double).map { (p["name"] as? String ?? "", $0) } })
        // 230 V +/- 1 % and 50 Hz +/- 0.02 Hz, through i16 registers with scale factors.
        #expect((227.7...232.3).contains(values["voltage.l1"] ?? 0))
        #expect(abs((values["frequency"] ?? 0) - 50) <= 0.021)
        #expect((values["energy.import.total"] ?? -1) >= 0)
    }

    @Test func reversedCTOnPhaseTwoFailsThePhaseTwoSignCheckOnly() throws {
        let (sim, port) = try startSimulator(["--units", "5", "--profile", "metergate-sim", "--load", "industrial", "--fault", "5:reversed-ct=2"])
        defer { sim.terminate() }
        let result = try ChildProcess.run(Binaries.metergate, ["commission", "--tcp", "127.0.0.1:\(port)", "--unit", "5", "--profile", "metergate-sim",
                                                               "--energy-interval-ms", "300", "--json"])
        #expect(result.status == 1, "\(result.output)")
        let record = try #require(result.jsonObject(), "\(result.output)")
        #expect(Self.failedChecks(record) == ["power_sign.l2"])
        #expect(record["result"] as? String == "fail")
    }

    @Test func clockNinetySecondsOffFailsUntilClockSetFixesIt() throws {
        let (sim, port) = try startSimulator(["--units", "5", "--profile", "metergate-sim", "--fault", "5:clock-offset=+90"])
        defer { sim.terminate() }
        let recordPath = FileManager.default.temporaryDirectory.appendingPathComponent("commission-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: recordPath) }
        let commission = ["commission", "--tcp", "127.0.0.1:\(port)", "--unit", "5", "--profile", "metergate-sim", "--energy-interval-ms", "200",
                          "--record", recordPath]
        let before = try ChildProcess.run(Binaries.metergate, commission)
        #expect(before.status == 1, "\(before.output)")
        #expect(before.lines.contains { $0.contains("FAIL") && $0.contains("meter clock within 30 s") })
        let record = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: recordPath))) as? [String: Any])
        #expect(Self.failedChecks(record) == ["clock"])
        // The meter is 90 s ahead; the offset is measured to within half a second plus the round trip.
        let offset = try #require((record["checks"] as? [[String: Any]])?.first { $0["id"] as? String == "clock" }?["measured"] as? Double)
        #expect(abs(offset - 90) < 1.5)

        let set = try ChildProcess.run(Binaries.metergate, ["clock", "--tcp", "127.0.0.1:\(port)", "--unit", "5", "--set", "--json"])
        #expect(set.status == 0, "\(set.output)")
        let clock = try #require(set.jsonObject())
        #expect(abs(((clock["before"] as? [String: Any])?["offsetSeconds"] as? Double ?? 0) - 90) < 1.5)
        #expect(abs((clock["after"] as? [String: Any])?["offsetSeconds"] as? Double ?? 99) < 1.5)
        #expect(clock["profile"] as? String == "metergate-sim")  // identified by its probe: no --profile given

        let after = try ChildProcess.run(Binaries.metergate, commission)
        #expect(after.status == 0, "\(after.output)")
    }

    @Test func brokenProfileStopsTheScanWithFileAndLine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("devices-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = """
        manufacturer: Acme
        model: X1
        probe: { field: serial, equals: 7 }
        points:
          voltage.l1: { kind: input, address: 0, type: float32, unit: V }
        """
        try broken.write(to: directory.appendingPathComponent("acme.yaml"), atomically: true, encoding: .utf8)
        let result = try ChildProcess.run(Binaries.metergate, ["scan", "--tcp", "127.0.0.1:9", "--devices", directory.path])
        #expect(result.status == 2)
        // The probe names identification.serial, which the profile does not map (line 3).
        #expect(result.lines.last?.hasPrefix("metergate: ") == true)
        #expect(result.lines.last?.contains("acme.yaml:3:") == true, "\(result.output)")
        #expect(result.lines.last?.contains("probe.field") == true, "\(result.output)")
    }
}
