import Foundation
import MeterKit
import Testing
import TestSupport

/// The executables as a technician runs them: real processes, real sockets and ptys.
@Suite(.serialized) struct CommandLineTests {
    static let start = "2026-01-05T00:00:00Z"

    /// Starts meter-sim on a free loopback port and returns it with the port.
    func startSimulator(_ extra: [String]) throws -> (ChildProcess, Int) {
        let (process, log) = try ChildProcess.start(Binaries.meterSim, ["--tcp", "127.0.0.1:0"] + extra, readyMarker: "listening on tcp")
        let text = try String(contentsOfFile: log, encoding: .utf8)
        let port = try #require(text.split(separator: " ").first { $0.hasPrefix("127.0.0.1:") }.flatMap { Int($0.split(separator: ":")[1]) })
        return (process, port)
    }

    @Test func readPrintsAProfileTableOfAnEmulatedSDM630() throws {
        let (sim, port) = try startSimulator(["--units", "1-3", "--profile", "sdm630", "--start", Self.start, "--speed", "96"])
        defer { sim.terminate() }
        let result = try ChildProcess.run(Binaries.metergate, ["read", "--tcp", "127.0.0.1:\(port)", "--unit", "2", "--profile", "sdm630", "voltage.l1", "energy.import.total"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.lines.first?.hasPrefix("unit 2 at 127.0.0.1:\(port), profile sdm630: Eastron") == true)
        let voltage = try #require(result.lines.first { $0.hasPrefix("voltage.l1") })
        let volts = try #require(voltage.split(separator: " ").dropFirst().first.flatMap { Double($0) })
        // The emulator keeps phase voltage within 230 V +/- 1 %: 227.7 to 232.3 V.
        #expect((227.7...232.3).contains(volts))
        #expect(result.lines.contains { $0.hasPrefix("energy.import.total") && $0.hasSuffix("kWh") })
    }

    @Test func readPrintsJSONWithIdentityAndUnits() throws {
        let (sim, port) = try startSimulator(["--units", "5", "--profile", "metergate-sim", "--start", Self.start])
        defer { sim.terminate() }
        let result = try ChildProcess.run(Binaries.metergate, ["read", "--tcp", "127.0.0.1:\(port)", "--unit", "5", "--profile", "metergate-sim", "frequency", "--json"])
        #expect(result.status == 0, "\(result.output)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let identity = try #require(object["identity"] as? [String: Any])
        #expect(identity["manufacturer"] as? String == "metergate")
        let points = try #require(object["points"] as? [[String: Any]])
        #expect(points.count == 1 && points[0]["unit"] as? String == "Hz")
        // 50 Hz +/- 0.02 Hz, encoded as float32.
        #expect(abs((points[0]["value"] as? Double ?? 0) - 50) <= 0.021)
    }

    @Test func rawRegisterReadOverAnRTUPtyMatchesTheProfileRead() throws {
        let line = try SocatPair()
        defer { line.close() }
        let (sim, _) = try ChildProcess.start(Binaries.meterSim, ["--rtu", line.meterSide, "--baud", "9600", "--wire-baud", "9600", "--units", "1-10",
                                                                  "--profile", "sdm630", "--start", Self.start, "--speed", "0.000001"],
                                              readyMarker: "serving rtu")
        defer { sim.terminate() }
        // At speed 1e-6 simulated time stands practically still, so both reads see the same register.
        let raw = try ChildProcess.run(Binaries.metergate, ["read", "--rtu", line.masterSide, "--baud", "9600", "--parity", "E", "--unit", "7",
                                                            "--register", "0x0048", "--input", "--type", "float32", "--order", "ABCD"])
        #expect(raw.status == 0, "\(raw.output)")
        let profile = try ChildProcess.run(Binaries.metergate, ["read", "--rtu", line.masterSide, "--unit", "7", "--profile", "sdm630", "energy.import.total"])
        #expect(profile.status == 0, "\(profile.output)")
        let rawValue = try #require(raw.lines.first?.split(separator: "=").last.map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(profile.lines.contains { $0.hasPrefix("energy.import.total") && $0.contains(" \(rawValue) ") })
    }

    @Test(arguments: [
        (["--unit", "1", "--profile", "nosuch"], "unknown profile 'nosuch'"),
        (["--unit", "1", "--register", "0x10", "--type", "flaot32"], "unknown --type 'flaot32'"),
        (["--unit", "1", "--profile", "sdm630", "voltage.l9"], "unknown point 'voltage.l9'"),
        (["--unit", "300", "--profile", "sdm630"], "--unit 300 must be 1 to 247"),
        (["--unit", "1", "--profile", "sdm630", "--parity", "X"], "--parity 'X' must be N, E or O"),
    ])
    func badInputEndsWithOneLineNamingTheProblem(arguments: [String], message: String) throws {
        let result = try ChildProcess.run(Binaries.metergate, ["read", "--tcp", "127.0.0.1:9"] + arguments)
        #expect(result.status != 0)
        #expect(result.lines.count == 1 && result.output.hasPrefix("metergate: ") && result.output.contains(message), "\(result.output)")
        #expect(!result.output.contains("Fatal error") && !result.output.contains("Stack dump"))
    }

    @Test func unreachableHostAndMissingSerialDeviceAreOneLineErrors() throws {
        // Port 9 (discard) on loopback has no listener here: connection refused at once.
        let tcp = try ChildProcess.run(Binaries.metergate, ["read", "--tcp", "127.0.0.1:9", "--unit", "1", "--profile", "sdm630"])
        #expect(tcp.status == 2 && tcp.lines == ["metergate: connection refused by 127.0.0.1:9"])
        let rtu = try ChildProcess.run(Binaries.metergate, ["read", "--rtu", "/dev/ttyMETERGATE9", "--unit", "1", "--profile", "sdm630"])
        #expect(rtu.status == 2 && rtu.lines.count == 1 && rtu.output.contains("/dev/ttyMETERGATE9") && rtu.output.contains("No such file"))
    }

    @Test func emulatorRejectsBadOptionsWithOneLine() throws {
        let profile = try ChildProcess.run(Binaries.meterSim, ["--tcp", "127.0.0.1:0", "--profile", "sdm999"])
        #expect(profile.status != 0 && profile.lines.count == 1 && profile.output.contains("unknown profile 'sdm999'"))
        let outage = try ChildProcess.run(Binaries.meterSim, ["--tcp", "127.0.0.1:0", "--outage", "3@yesterday/2h"])
        #expect(outage.status != 0 && outage.lines.count == 1 && outage.output.contains("'yesterday' is not a UTC instant"))
        let load = try ChildProcess.run(Binaries.meterSim, ["--tcp", "127.0.0.1:0", "--load", "factory"])
        #expect(load.status != 0 && load.lines == ["meter-sim: --load 'factory' must be residential, commercial, industrial or mix"])
        let serial = try ChildProcess.run(Binaries.meterSim, ["--rtu", "/dev/ttyMETERGATE9"])
        #expect(serial.status != 0 && serial.lines.count == 1 && serial.output.contains("/dev/ttyMETERGATE9"))
    }

    @Test func timeBaseFileLetsAnotherProcessShareSimulatedTime() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("timebase-\(UUID().uuidString).json").path
        let (sim, _) = try startSimulator(["--units", "1", "--start", Self.start, "--speed", "96", "--time-base", file])
        defer { sim.terminate() }
        let timeBase = try TimeBase.decode(Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(timeBase.speed == 96)
        #expect(timeBase.start == ISO8601DateFormatter.utc.date(from: Self.start))
        // The simulation started moments ago: at x96 its clock is a few minutes past the start.
        let now = AcceleratedClock(timeBase: timeBase).now()
        #expect(now.timeIntervalSince(timeBase.start) > 0 && now.timeIntervalSince(timeBase.start) < 96 * 30)
    }

    /// A simulator started later but joined to the first's time base shows the same time;
    /// one started on its own at the same --start runs its start-up delay x speed behind.
    @Test func joinedSimulatorSharesTheFirstOnesSimulatedClock() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("timebase-\(UUID().uuidString).json").path
        let exact = ["--units", "1", "--clock-offset", "0", "--drift-ppm", "0"]
        let (first, _) = try startSimulator(exact + ["--start", Self.start, "--speed", "96", "--time-base", file])
        defer { first.terminate() }
        usleep(1_500_000)
        let (joined, joinedPort) = try startSimulator(exact + ["--join-time-base", file])
        defer { joined.terminate() }
        let (alone, alonePort) = try startSimulator(exact + ["--start", Self.start, "--speed", "96"])
        defer { alone.terminate() }

        func offset(_ port: Int) throws -> Double {
            let run = try ChildProcess.run(Binaries.metergate, ["clock", "--tcp", "127.0.0.1:\(port)", "--unit", "1", "--profile", "metergate-sim", "--time-base", file])
            let field = try #require(run.output.split(separator: " ").firstIndex(of: "offset"), "\(run.output)")
            return try #require(Double(run.output.split(separator: " ")[field + 1]), "\(run.output)")
        }
        // Joined: within the clock read's own uncertainty (+/- 0.5 s) plus a second of slack.
        #expect(abs(try offset(joinedPort)) < 1.5)
        // Alone: started at least 1.5 s of wall time later, so at least 1.5 x 96 = 144 s behind.
        #expect(try offset(alonePort) <= -144)

        let speed = try ChildProcess.run(Binaries.meterSim, ["--tcp", "127.0.0.1:0", "--join-time-base", file, "--speed", "5"])
        #expect(speed.status != 0 && speed.lines == ["meter-sim: --speed 5.0 disagrees with the joined time base \(file), which runs at x96.0"])
        let both = try ChildProcess.run(Binaries.meterSim, ["--tcp", "127.0.0.1:0", "--join-time-base", file, "--time-base", file])
        #expect(both.status != 0 && both.lines.count == 1 && both.output.contains("exclude each other"))
    }
}
