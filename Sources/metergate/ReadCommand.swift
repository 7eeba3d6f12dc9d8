import ArgumentParser
import DeviceProfiles
import Foundation
import MeterAccess
import MeterKit
import Modbus

struct ReadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Read a meter's points through its profile, or one raw register.",
        discussion: """
        metergate read --tcp 127.0.0.1:1502 --unit 5 --profile sdm630 voltage.l1 energy.import.total
        metergate read --tcp 127.0.0.1:1502 --unit 5 --register 0x0048 --input --type float32 --order ABCD
        metergate read --rtu /dev/ttyUSB0 --baud 9600 --parity E --unit 5 --profile sdm630
        """
    )

    @OptionGroup var bus: BusOptions
    @Option(help: "Unit id (slave address) of the meter, 1-247.")
    var unit: Int
    @Option(help: "Device profile: a file stem in devices/ (sdm630) or a path to a YAML file.")
    var profile: String?
    @Option(help: "Directory of device profiles (default: METERGATE_DEVICES, else the nearest devices/).")
    var devices: String?
    @Argument(help: "Points to read, e.g. voltage.l1 energy.import.total (default: all of the profile's).")
    var points: [String] = []
    @Option(help: "Read one raw value at this register address (decimal or 0x hex) instead of a profile.")
    var register: String?
    @Flag(help: "The raw register is an input register (function 04) rather than a holding register (03).")
    var input = false
    @Option(help: "Type of the raw value: u16, i16, u32, i32, u64, i64, acc32, acc64, float32, float64, ascii.")
    var type: String = "u16"
    @Option(help: "Word order of the raw value: ABCD, CDAB, BADC or DCBA.")
    var order: String = "ABCD"
    @Option(help: "Length in registers of an ascii raw value.")
    var length: Int?
    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        guard (1...247).contains(unit) else { throw ValidationError("--unit \(unit) must be 1 to 247") }
        guard (profile == nil) != (register == nil) else { throw ValidationError("give either --profile P [POINT...] or --register ADDRESS") }
        if register != nil, !points.isEmpty { throw ValidationError("points are read through a profile; drop them or use --profile") }
    }

    func run() async throws {
        try await reportingFailures {
            let client = bus.client()
            defer { client.shutdown() }
            if let profile {
                try await readProfile(profile, client: client)
            } else if let register {
                try await readRaw(register, client: client)
            }
        }
    }

    private func readProfile(_ reference: String, client: ModbusClient) async throws {
        let deviceProfile = try ProfileCatalog(directory: devices).load(reference)
        let names = try points.map { text -> PointName in
            guard let name = PointName(rawValue: text) else {
                throw UsageFailure("unknown point '\(text)'; profile \(deviceProfile.id) has: \(deviceProfile.points.map(\.name.rawValue).joined(separator: ", "))")
            }
            return name
        }
        let reader = try await MeterReader.connecting(client: client, unit: UInt8(unit), profile: deviceProfile)
        let readings = try await reader.read(names)
        if readings.allSatisfy({ $0.error != nil }), let error = readings.first?.error {
            throw error  // nothing answered: one line naming the meter, not a table of errors
        }
        let identity = (try? await reader.identity()) ?? MeterIdentity()
        let report = ReadReport(endpoint: client.endpoint.description, unit: unit, profile: reader.profile.id, identity: identity, readings: readings)
        print(json ? report.json() : report.table())
        if readings.contains(where: { $0.error != nil }) { throw ExitCode(1) }
    }

    private func readRaw(_ text: String, client: ModbusClient) async throws {
        guard let address = RegisterAddress.parse(text) else {
            throw UsageFailure("--register '\(text)' is not an address 0-65535 (decimal or 0x hex)")
        }
        guard let wordOrder = WordOrder(rawValue: order.uppercased()) else {
            throw UsageFailure("--order '\(order)' must be ABCD, CDAB, BADC or DCBA")
        }
        guard let registerType = RegisterType(name: type, length: length) else {
            throw UsageFailure(type.lowercased() == "ascii"
                ? "--type ascii needs --length (registers)"
                : "unknown --type '\(type)'; expected one of \((RegisterType.numericNames + ["ascii"]).joined(separator: ", "))")
        }
        let location = RegisterLocation(kind: input ? .input : .holding, address: address, type: registerType, order: wordOrder)
        guard location.endAddress <= 65_536 else { throw UsageFailure("--register \(text) with \(registerType.registerCount) registers runs past 0xFFFF") }
        let reader = MeterReader(client: client, unit: UInt8(unit), profile: DeviceProfile(id: "raw", manufacturer: "", model: "", points: []))
        let value = try await reader.raw(location)
        print(RawReport(endpoint: client.endpoint.description, unit: unit, location: location, value: value).render(json: json))
    }
}

enum RegisterAddress {
    /// `72`, `0x0048` or `0X48`.
    static func parse(_ text: String) -> UInt16? {
        let lower = text.lowercased()
        return lower.hasPrefix("0x") ? UInt16(lower.dropFirst(2), radix: 16) : UInt16(lower)
    }
}
