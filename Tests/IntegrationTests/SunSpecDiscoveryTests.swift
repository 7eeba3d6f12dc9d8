import DeviceProfiles
import Foundation
import MeterAccess
import MeterKit
import Modbus
import Testing
import TestSupport

/// A hand-built SunSpec device: the marker at 50000 (not 40000), the common model, an extra
/// model 11 before the meter model, so placement must follow the chain rather than assume
/// the standard layout. Every other register answers exception 02.
private struct HandBuiltSunSpecDevice: ModbusRequestHandler {
    let registers: [UInt16: UInt16]

    init(meterModelLength: UInt16 = 105) {
        var map: [UInt16: UInt16] = [:]
        func put(_ address: UInt16, _ words: [UInt16]) { for (i, w) in words.enumerated() { map[address + UInt16(i)] = w } }
        put(50_000, SunSpec.marker)
        // Common model: id 1, length 66, at 50002; its body 50004...50069.
        put(50_002, [1, 66])
        put(50_004, Array(repeating: 0, count: 66))
        put(50_004, Self.text("Hand", registers: 16))       // Mn at offset 2
        put(50_020, Self.text("HB-203", registers: 16))     // Md at offset 18
        put(50_052, Self.text("SN4711", registers: 16))     // SN at offset 50
        // Model 11 (Ethernet link layer), length 13: 50070 header, body 50072...50084.
        put(50_070, [11, 13])
        put(50_072, Array(repeating: 0x8000, count: 13))
        // Meter model 203 at 50070 + 2 + 13 = 50085; body 50087...50191 (105 registers).
        put(50_085, [203, meterModelLength])
        put(50_087, Array(repeating: 0x8000, count: Int(meterModelLength)))
        put(50_085 + 8, [2301])     // PhVphA at offset 8
        put(50_085 + 15, [0xFFFF])  // V_SF at offset 15: -1, so 230.1 V
        // End model after the body: 50087 + 105 = 50192.
        put(50_087 + meterModelLength, [0xFFFF, 0])
        registers = map
    }

    static func text(_ s: String, registers: Int) -> [UInt16] {
        let bytes = Array(s.utf8) + Array(repeating: 0, count: registers * 2 - s.utf8.count)
        return (0..<registers).map { UInt16(bytes[2 * $0]) << 8 | UInt16(bytes[2 * $0 + 1]) }
    }

    func reply(to request: ModbusRequest) -> ModbusServerReply {
        guard case .read(.holding, let address, let count) = request.operation else { return ModbusServerReply(.exception(.illegalFunction)) }
        let words = (0..<count).map { registers[address &+ UInt16($0)] }
        guard words.allSatisfy({ $0 != nil }) else { return ModbusServerReply(.exception(.illegalDataAddress)) }
        return ModbusServerReply(.registers(words.compactMap { $0 }))
    }
}

/// A unit that never answers, counting the requests it ignores.
private final class SilentDevice: ModbusRequestHandler, @unchecked Sendable {
    // @unchecked: `count` is only touched under `lock`.
    private let lock = NSLock()
    private var count = 0
    var requests: Int { lock.withLock { count } }

    func reply(to request: ModbusRequest) -> ModbusServerReply {
        lock.withLock { count += 1 }
        return ModbusServerReply(.silence)
    }
}

@Suite(.serialized) struct SunSpecDiscoveryTests {
    @Test func aSilentMeterCostsThePollerOneRequestNotOnePerBase() async throws {
        let device = SilentDevice()
        let server = try ModbusTCPServer(host: "127.0.0.1", port: 0, handler: device)
        server.start()
        defer { server.stop() }
        let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: server.port), options: .init(responseTimeout: .milliseconds(50), retries: 0))
        defer { client.shutdown() }
        let profile = try ProfileCatalog(directory: Repository.devices.path).load("sunspec-203")
        await #expect(throws: MeterReadError.self) {
            _ = try await MeterReader.connecting(client: client, unit: 1, profile: profile, stopWhenSilent: true)
        }
        #expect(device.requests == 1)
        // A technician's read tries every base: 40000, 0 and 50000.
        await #expect(throws: MeterReadError.self) {
            _ = try await MeterReader.connecting(client: client, unit: 1, profile: profile)
        }
        #expect(device.requests == 1 + 3)
    }

    @Test func profileIsPlacedWhereTheChainPutsTheMeterModel() async throws {
        let server = try ModbusTCPServer(host: "127.0.0.1", port: 0, handler: HandBuiltSunSpecDevice())
        server.start()
        defer { server.stop() }
        let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: server.port))
        defer { client.shutdown() }
        let profile = try ProfileCatalog(directory: Repository.devices.path).load("sunspec-203")
        let reader = try await MeterReader.connecting(client: client, unit: 1, profile: profile)
        #expect(reader.profile.sunSpec?.placement == SunSpecPlacement(commonModel: 50_002, meterModel: 50_085))
        // voltage.l1 at offset 8: 50085 + 8 = 50093.
        #expect(reader.profile.point(.voltageL1)?.location.address == 50_093)
        let volts = try await reader.read([.voltageL1]).first?.value
        #expect(volts == 230.1)  // 2301 x 10^-1
        let identity = try await reader.identity()
        #expect(identity.manufacturer == "Hand" && identity.model == "HB-203" && identity.serial == "SN4711")
    }

    @Test func modelOfAnotherLengthIsRefusedRatherThanMisread() async throws {
        let server = try ModbusTCPServer(host: "127.0.0.1", port: 0, handler: HandBuiltSunSpecDevice(meterModelLength: 107))
        server.start()
        defer { server.stop() }
        let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: server.port))
        defer { client.shutdown() }
        let profile = try ProfileCatalog(directory: Repository.devices.path).load("sunspec-203")
        await #expect {
            _ = try await MeterReader.connecting(client: client, unit: 1, profile: profile)
        } throws: { error in
            "\(error)" == "unit 1: SunSpec model 203 is 107 registers long on the device but 105 in the profile"
        }
    }

    @Test func identifierMatchesTheChainToTheSunSpecProfile() async throws {
        let server = try ModbusTCPServer(host: "127.0.0.1", port: 0, handler: HandBuiltSunSpecDevice())
        server.start()
        defer { server.stop() }
        let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: server.port))
        defer { client.shutdown() }
        let profiles = try ProfileCatalog(directory: Repository.devices.path).all()
        let identifier = MeterIdentifier(client: client, profiles: profiles, probeTimeout: .milliseconds(200))
        let finding = try #require(try await identifier.identify(unit: 1))
        #expect(finding.profile?.id == "sunspec-203")
        #expect(finding.sunSpecModels == [1, 11, 203])
        #expect(finding.identity.serial == "SN4711")
    }
}
