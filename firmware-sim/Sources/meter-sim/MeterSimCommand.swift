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

        Examples:
          meter-sim --tcp 127.0.0.1:1502 --units 1-50 --profile sdm630
          meter-sim --rtu /dev/pts/7 --baud 9600 --wire-baud 9600 --units 1-10 --profile sdm630
        """
    )

    @Option(help: "Serve Modbus TCP on HOST:PORT (a TCP-to-RS-485 gateway in front of the meters).")
    var tcp: String?
    @OptionGroup var serial: SerialOptions
    @Option(help: "Pace RTU replies as on a real line at this baud rate (a pty has none).")
    var wireBaud: Int?
    @Option(help: "Meter turnaround in milliseconds with --wire-baud: the reply starts this long after the request, never sooner than 3.5 characters.")
    var responseLatencyMs: Int = 0
    @Option(help: "Unit ids to emulate, e.g. 1-50 or 1,3,7-9.")
    var units: String = "1"
    @Option(help: "Device profile the meters impersonate: a file stem in devices/ or a path.")
    var profile: String = "metergate-sim"
    @Option(help: "Directory of device profiles (default: METERGATE_DEVICES, else the nearest devices/).")
    var devices: String?
    @OptionGroup var fleet: FleetOptions

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
        let catalog = ProfileCatalog(directory: devices)
        let deviceProfile = try catalog.load(profile)
        let selection = try UnitSelection(parsing: units)
        let timeBase = try fleet.timeBase()
        if let path = fleet.timeBaseFile {
            try timeBase.encoded().write(to: URL(fileURLWithPath: path), options: .atomic)
        }
        let clock = AcceleratedClock(timeBase: timeBase)
        let plan = try fleet.faultPlan()
        let meters = fleet.fleet(units: selection.units, faults: plan, start: timeBase.start)
            .meters.map { (meter: $0, profile: deviceProfile) }
        let summary = "\(meters.count) \(deviceProfile.id) meters (units \(selection)), simulated time from \(ISO8601DateFormatter.utc.string(from: timeBase.start)) at x\(fleet.speed), seed \(fleet.seed)"

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
