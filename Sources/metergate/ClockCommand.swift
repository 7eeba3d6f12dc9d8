import ArgumentParser
import DeviceProfiles
import Foundation
import MeterAccess
import MeterKit
import Modbus

struct ClockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clock",
        abstract: "Show a meter's clock offset against the gateway, and set it.",
        discussion: """
        The offset is meter minus gateway time, measured around the request on the bus thread; its uncertainty is half the meter's one-second register step plus half the round trip. --set writes the gateway time (rounded to the second) where the profile marks the clock writable, then reads the clock again. Without --profile the meter is identified as by scan.

        metergate clock --tcp 192.0.2.10:502 --unit 5
        metergate clock --rtu /dev/ttyUSB0 --unit 5 --profile metergate-sim --set
        """
    )

    @OptionGroup var bus: BusOptions
    @Option(help: "Unit id (slave address) of the meter, 1-247.")
    var unit: Int
    @Option(help: "Device profile (default: identify the meter by its probe).")
    var profile: String?
    @Option(help: "Directory of device profiles (default: METERGATE_DEVICES, else the nearest devices/).")
    var devices: String?
    @Flag(help: "Set the meter clock to the gateway time.")
    var set = false
    @OptionGroup var gatewayClock: GatewayClockOptions
    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        guard (1...247).contains(unit) else { throw ValidationError("--unit \(unit) must be 1 to 247") }
    }

    func run() async throws {
        try await reportingFailures {
            let clock = try gatewayClock.clock()
            let catalog = ProfileCatalog(directory: devices)
            let client = bus.client()
            defer { client.shutdown() }
            let reader = try await self.reader(client: client, catalog: catalog)
            let before = try await reader.readClock(against: clock)
            var after: ClockReading?
            if set {
                try await reader.setClock(from: clock)
                after = try await reader.readClock(against: clock)
            }
            let header = "unit \(unit) at \(client.endpoint.description), profile \(reader.profile.id)"
            if json {
                var object: [String: Any] = ["endpoint": client.endpoint.description, "unit": unit, "profile": reader.profile.id,
                                             "before": Self.object(before)]
                if let after { object["after"] = Self.object(after) }
                print(JSONText.render(object))
            } else {
                print(header)
                print((set ? "before: " : "") + Self.describe(before))
                if let after { print("after:  " + Self.describe(after)) }
            }
        }
    }

    private func reader(client: ModbusClient, catalog: ProfileCatalog) async throws -> MeterReader {
        if let profile {
            return try await MeterReader.connecting(client: client, unit: UInt8(unit), profile: try catalog.load(profile))
        }
        let identifier = MeterIdentifier(client: client, profiles: try catalog.all(), probeTimeout: .milliseconds(bus.timeoutMs))
        guard let finding = try await identifier.identify(unit: UInt8(unit)) else {
            throw UsageFailure("unit \(unit) at \(client.endpoint.description) does not answer")
        }
        guard let found = finding.profile else {
            throw UsageFailure("unit \(unit) answers but matches no profile; name one with --profile")
        }
        return MeterReader(client: client, unit: UInt8(unit), profile: found)
    }

    private static func describe(_ reading: ClockReading) -> String {
        let utc = ISO8601DateFormatter.utc
        return "meter \(utc.string(from: reading.meterTime)), gateway \(utc.string(from: reading.gatewayTime)), offset "
            + String(format: "%+.1f s (+/- %.1f s)", reading.offset, reading.uncertainty)
    }

    private static func object(_ reading: ClockReading) -> [String: Any] {
        let utc = ISO8601DateFormatter.utc
        return ["meterTime": utc.string(from: reading.meterTime), "gatewayTime": utc.string(from: reading.gatewayTime),
                "offsetSeconds": (reading.offset * 1000).rounded() / 1000, "uncertaintySeconds": (reading.uncertainty * 1000).rounded() / 1000]
    }
}
