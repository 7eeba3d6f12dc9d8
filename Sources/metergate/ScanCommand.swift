import ArgumentParser
import DeviceProfiles
import Foundation
import MeterAccess
import MeterKit
import Modbus

struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Find the meters on a bus and identify each one's profile.",
        discussion: """
        Every unit id is probed with one short read (the SunSpec marker at 40000). A silent unit costs exactly one probe timeout, so a scan of 1-247 on a mostly empty 9600-baud line takes about 247 x (200 ms + 18 ms of wire time and pauses) = 54 s with the default --probe-timeout-ms 200; 100 ms halves that but may miss meters slower than 100 ms to answer. Units that answer are matched against every profile's probe: SunSpec model ids first, then model codes and texts, then plausibility checks. A unit that answers but matches no profile is listed as unknown.

        metergate scan --rtu /dev/ttyUSB0 --baud 9600 --units 1-247
        metergate scan --tcp 192.0.2.10:502 --units 1-32 --json
        """
    )

    @OptionGroup var bus: BusOptions
    @Option(help: "Unit ids to probe, e.g. 1-247 or 1,3,7-9.")
    var units: String = "1-247"
    @Option(help: "Timeout of the first probe of each unit, in milliseconds: what an empty unit costs.")
    var probeTimeoutMs: Int = 200
    @Flag(help: "Also probe units silent at the first read (meters that ignore unknown registers); much slower on empty buses.")
    var thorough = false
    @Option(help: "Directory of device profiles (default: METERGATE_DEVICES, else the nearest devices/).")
    var devices: String?
    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        guard (10...10_000).contains(probeTimeoutMs) else { throw ValidationError("--probe-timeout-ms \(probeTimeoutMs) must be 10 to 10000") }
        do { _ = try UnitSelection(parsing: units) } catch { throw ValidationError("--units: \(error)") }
    }

    func run() async throws {
        try await reportingFailures {
            let selection = try UnitSelection(parsing: units)
            let profiles = try ProfileCatalog(directory: devices).all()
            let client = bus.client()
            defer { client.shutdown() }
            let identifier = MeterIdentifier(client: client, profiles: profiles, probeTimeout: .milliseconds(probeTimeoutMs), thorough: thorough)
            let progress = ScanProgress(total: selection.units.count, estimate: estimatedSeconds(units: selection.units.count))
            let started = ContinuousClock.now
            var findings: [ScanFinding] = []
            for (index, unit) in selection.units.enumerated() {
                progress.probing(unit: unit, done: index, found: findings.count)
                if let finding = try await identifier.identify(unit: unit) {
                    findings.append(finding)
                    progress.found(finding)
                }
            }
            let elapsed = ContinuousClock.now - started
            progress.finish(probed: selection.units.count, found: findings.count, elapsed: elapsed)
            let report = ScanReport(endpoint: client.endpoint.description, units: selection.description, findings: findings,
                                    seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            print(json ? report.json() : report.table())
        }
    }

    /// Seconds a scan of `count` silent units takes: each costs the probe timeout, plus on a
    /// serial line the request's wire time, the 3.5-character silence and the unit-switch pause.
    private func estimatedSeconds(units count: Int) -> Double {
        var perUnit = Double(probeTimeoutMs) / 1000
        if case .rtu(let serial) = bus.endpoint {
            let wire = serial.wireTime(bytes: 8) + serial.interFrameSilence + .milliseconds(bus.unitSwitchPauseMs)
            perUnit += Double(wire.components.attoseconds) / 1e18 + Double(wire.components.seconds)
        }
        return perUnit * Double(count)
    }
}
