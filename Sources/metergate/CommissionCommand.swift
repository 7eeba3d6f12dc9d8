import ArgumentParser
import DeviceProfiles
import Foundation
import MeterAccess
import MeterKit
import Modbus

struct CommissionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commission",
        abstract: "Check a newly installed meter and leave a commissioning record.",
        discussion: """
        Reads the meter's identity, every point of its profile, its energy registers twice, and its clock where it has one, then checks: each expected phase present and its voltage within 10 % of nominal; active power not negative per phase (a reversed CT); frequency within 1 % of 50 or 60 Hz; energy registers not decreasing; the CT/PT ratio set in the meter against the installed one (--ct, --pt); the meter clock against the gateway clock. Exits 1 when any check fails, 2 when the meter cannot be read.

        metergate commission --tcp 192.0.2.10:502 --unit 5 --profile sdm630 --ct 200/5 --record unit5.json
        """
    )

    @OptionGroup var bus: BusOptions
    @Option(help: "Unit id (slave address) of the meter, 1-247.")
    var unit: Int
    @Option(help: "Device profile: a file stem in devices/ or a path to a YAML file.")
    var profile: String
    @Option(help: "Directory of device profiles (default: METERGATE_DEVICES, else the nearest devices/).")
    var devices: String?
    @Option(help: "Installed current transformer, e.g. 200/5 (or a bare ratio, 40).")
    var ct: String?
    @Option(help: "Installed voltage transformer, e.g. 11000/110 or 1.")
    var pt: String?
    @Option(help: "Phases wired to the meter, 1-3 (default: the profile's, else 3).")
    var phases: Int?
    @Option(help: "Nominal phase-to-neutral voltage in V.")
    var nominalVoltage: Double = 230
    @Option(help: "Largest acceptable meter clock offset in seconds.")
    var clockTolerance: Double = 30
    @Option(help: "Milliseconds between the two energy reads.")
    var energyIntervalMs: Int = 2000
    @Option(help: "Who commissioned the meter, for the record.")
    var technician: String?
    @OptionGroup var gatewayClock: GatewayClockOptions
    @Option(help: "Write the commissioning record (JSON) to this file.")
    var record: String?
    @Flag(help: "Print the record as JSON instead of a report.")
    var json = false

    func validate() throws {
        guard (1...247).contains(unit) else { throw ValidationError("--unit \(unit) must be 1 to 247") }
        if let ct, TransformerRatio(parsing: ct) == nil { throw ValidationError("--ct '\(ct)' must be PRIMARY/SECONDARY like 200/5, or a ratio") }
        if let pt, TransformerRatio(parsing: pt) == nil { throw ValidationError("--pt '\(pt)' must be PRIMARY/SECONDARY like 11000/110, or a ratio") }
        if let phases, !(1...3).contains(phases) { throw ValidationError("--phases \(phases) must be 1, 2 or 3") }
        guard nominalVoltage > 0, nominalVoltage < 1_000_000 else { throw ValidationError("--nominal-voltage \(nominalVoltage) must be a positive voltage") }
        guard clockTolerance >= 0 else { throw ValidationError("--clock-tolerance \(clockTolerance) must not be negative") }
        guard (0...600_000).contains(energyIntervalMs) else { throw ValidationError("--energy-interval-ms \(energyIntervalMs) must be 0 to 600000") }
    }

    func run() async throws {
        try await reportingFailures {
            let clock = try gatewayClock.clock()
            let deviceProfile = try ProfileCatalog(directory: devices).load(profile)
            let client = bus.client()
            defer { client.shutdown() }
            let startedAt = clock.now()
            let reader = try await MeterReader.connecting(client: client, unit: UInt8(unit), profile: deviceProfile)
            let first = try await reader.read()
            if first.allSatisfy({ $0.error != nil }), let error = first.first?.error { throw error }
            let identity = try await reader.identity()
            let clockReading = deviceProfile.clock == nil ? nil : try await reader.readClock(against: clock)
            let cumulative = deviceProfile.points.map(\.name).filter(\.isCumulative)
            let firstEnergyAt = clock.now()  // gateway time, so a rig's accelerated time counts as the meter sees it
            try await Task.sleep(for: .milliseconds(energyIntervalMs))
            let later = cumulative.isEmpty ? [] : try await reader.read(cumulative)
            let between = clock.now().timeIntervalSince(firstEnergyAt)

            let setup = CommissioningSetup(phases: phases ?? deviceProfile.phases ?? 3, nominalVoltage: nominalVoltage,
                                           currentTransformer: ct.flatMap(TransformerRatio.init(parsing:)),
                                           voltageTransformer: pt.flatMap(TransformerRatio.init(parsing:)),
                                           clockTolerance: clockTolerance)
            let observation = CommissioningObservation(
                values: Self.values(first), laterValues: Self.values(later),
                secondsBetweenReads: between,
                mapped: Set(deviceProfile.points.map(\.name)), clockOffset: clockReading?.offset)
            let checks = CommissioningRules.evaluate(observation, setup: setup)
            let result = CommissioningRecord(
                performedAt: startedAt, technician: technician,
                meter: .init(endpoint: client.endpoint.description, unit: UInt8(unit), profile: deviceProfile.id, identity: identity),
                setup: setup, observation: observation, clock: clockReading, checks: checks)
            let data = try result.json()
            if let record {
                do { try data.write(to: URL(fileURLWithPath: record), options: .atomic) } catch {
                    throw UsageFailure("--record \(record): cannot write the file (\(error.localizedDescription))")
                }
            }
            print(json ? String(decoding: data, as: UTF8.self) : CommissioningReport(record: result).text())
            if result.result == .fail { throw ExitCode(1) }
        }
    }

    private static func values(_ readings: [PointReading]) -> [PointName: Double] {
        Dictionary(readings.compactMap { r in r.value.map { (r.name, $0) } }, uniquingKeysWith: { first, _ in first })
    }
}
