import ArgumentParser
import CommandLineSupport
import DeviceProfiles
import Foundation
import MeterKit
import MeterSim
import Modbus

@main
struct MeterSimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meter-sim",
        abstract: "Emulate a fleet of electricity meters on Modbus TCP or RTU.",
        discussion: """
        Every meter integrates a deterministic load (residential, commercial or industrial shape, seasons, noise) into its energy registers, keeps a drifting clock and 64 days of 15-minute load-profile memory. Simulated time runs --speed times faster than the wall clock from --start; --time-base writes it to a file other processes can share.

        A bus may mix profiles (--units 1-3:sdm630,7:sdm120); each meter measures the phases its profile declares (an sdm120 is single-phase). A SunSpec profile is served inside a full SunSpec chain at 40000. --fault installs a meter wrongly on purpose (reversed CT, missing phase, wrong CT ratio, clock off), for commissioning checks.

        Examples:
          meter-sim --tcp 127.0.0.1:1502 --units 1-50 --profile sdm630
          meter-sim --rtu /dev/pts/7 --baud 9600 --wire-baud 9600 --units 1-10 --profile sdm630
          meter-sim --tcp 127.0.0.1:1502 --units 1-3:sdm630,7:sdm120,12:sunspec-203 --fault 2:reversed-ct=2 --fault 3:clock-offset=+90
        """
    )

    @Option(help: "Serve Modbus TCP on HOST:PORT (a TCP-to-RS-485 gateway in front of the meters).")
    var tcp: String?
    @OptionGroup var serial: SerialOptions
    @Option(help: "Pace RTU replies as on a real line at this baud rate (a pty has none).")
    var wireBaud: Int?
    @Option(help: "Meter turnaround in milliseconds with --wire-baud: the reply starts this long after the request, never sooner than 3.5 characters.")
    var responseLatencyMs: Int = 0
    @Option(help: "Unit ids to emulate, e.g. 1-50 or 1,3,7-9, each group optionally with its own profile: 1-3:sdm630,7:sdm120,12:sunspec-203. Groups are UNITS[:PROFILE] separated by commas; groups without a profile use --profile.")
    var units: String = "1"
    @Option(help: "Device profile of the meters whose --units group names none: a file stem in devices/ or a path.")
    var profile: String = "metergate-sim"
    @Option(help: "Directory of device profiles (default: METERGATE_DEVICES, else the nearest devices/).")
    var devices: String?
    @OptionGroup var fleet: FleetOptions

    func validate() throws {
        do { _ = try UnitGroups(parsing: units) } catch { throw ValidationError(error.description) }
    }

    /// Like ArgumentParser's `main`, but a bad option ends with one line naming it.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(reporting: error)
        }
    }

    mutating func run() throws {
        do {
            try serve()
        } catch let error as ExitCode {
            throw error
        } catch {
            FileHandle.standardError.write(Data("meter-sim: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    private func serve() throws {
        guard (tcp == nil) != (serial.rtu == nil) else {
            throw MeterSimError("give exactly one of --tcp HOST:PORT or --rtu DEVICE")
        }
        if let wireBaud {
            guard SerialSettings.standardBaudRates.contains(wireBaud) else {
                throw MeterSimError("--wire-baud \(wireBaud) is not a standard Modbus rate (1200-115200)")
            }
            guard serial.rtu != nil else { throw MeterSimError("--wire-baud paces a serial line: it needs --rtu") }
        }
        let profiles = try unitProfiles()
        let timeBase = try fleet.timeBase()
        if let path = fleet.timeBaseFile {
            try timeBase.encoded().write(to: URL(fileURLWithPath: path), options: .atomic)
        }
        let clock = AcceleratedClock(timeBase: timeBase)
        let plan = try fleet.faultPlan()
        let meters = try fleet.fleet(profiles: profiles, faults: plan, start: timeBase.start)
            .meters.compactMap { meter in profiles[meter.unit].map { (meter: meter, profile: $0) } }
        let summary = "\(Self.describe(profiles)), simulated time from \(ISO8601DateFormatter.utc.string(from: timeBase.start)) at x\(timeBase.speed), seed \(fleet.seed)"

        if let tcp {
            guard case .tcp(let host, let port)? = ModbusEndpoint.tcp(parsing: tcp, listening: true) else {
                throw MeterSimError("--tcp '\(tcp)' is not HOST:PORT")
            }
            let handler = FleetRequestHandler(meters: meters, faults: plan, clock: clock, transport: .tcp)
            let server = try ModbusTCPServer(host: host, port: port, handler: handler)
            server.start()
            say("meter-sim: listening on tcp \(host):\(server.port) with \(summary)")
            waitForSignal { say("meter-sim: stopped") ; server.stop() }
        } else {
            let settings = try serial.settings()
            let handler = FleetRequestHandler(meters: meters, faults: plan, clock: clock, transport: .rtu)
            let server = try ModbusRTUServer(serial: settings, options: .init(wireBaud: wireBaud, responseLatency: .milliseconds(responseLatencyMs)), handler: handler)
            server.start()
            say("meter-sim: serving rtu \(settings.device) with \(summary)\(wireBaud.map { ", wire pacing at \($0) baud" } ?? "")")
            waitForSignal {
                let s = server.statistics
                let gap = s.shortestGap.map { String(format: "%.3f ms", Double($0 / .microseconds(1)) / 1000) } ?? "n/a"
                say("meter-sim: stopped; requests \(s.requests), replies \(s.replies), bad frames \(s.badFrames), shortest gap \(gap), gap violations \(s.gapViolations)")
                server.stop()
            }
        }
    }

    /// The profile of every unit, each profile file loaded once, in the order of the units
    /// that use it (so an unknown profile is reported for the first unit that needs it).
    private func unitProfiles() throws -> [UInt8: DeviceProfile] {
        let catalog = ProfileCatalog(directory: devices)
        let references = try UnitGroups(parsing: units).profiles(default: profile)
        var loaded: [String: DeviceProfile] = [:]
        var result: [UInt8: DeviceProfile] = [:]
        for unit in references.keys.sorted() {
            let reference = references[unit]!
            if loaded[reference] == nil { loaded[reference] = try catalog.load(reference) }
            result[unit] = loaded[reference]
        }
        return result
    }

    /// `50 sdm630 meters (units 1-50)`, or with mixed profiles
    /// `5 meters (units 1-3 sdm630, 7 sdm120, 12 sunspec-203)`.
    static func describe(_ profiles: [UInt8: DeviceProfile]) -> String {
        let ids = profiles.mapValues(\.id)
        let count = "\(profiles.count) \(Set(ids.values).count == 1 ? ids.values.first! + " " : "")meter\(profiles.count == 1 ? "" : "s")"
        guard Set(ids.values).count > 1 else { return "\(count) (units \(UnitGroups.ranges(ids.keys.sorted())))" }
        return "\(count) (units \(UnitGroups.summary(ids)))"
    }

    /// Blocks until SIGTERM or SIGINT, runs `onStop`, and exits cleanly.
    private func waitForSignal(_ onStop: @escaping @Sendable () -> Void) -> Never {
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        let sources = ([SIGTERM, SIGINT] as [Int32]).map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
            source.setEventHandler {
                onStop()
                Foundation.exit(0)
            }
            source.resume()
            return source
        }
        withExtendedLifetime(sources) { dispatchMain() }
    }
}

/// Writes a line to stdout unbuffered, so a test or script tailing the output sees it at once.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

struct MeterSimError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
