import DeviceProfiles
import Foundation
import MeterAccess
import MeterKit
import MeterSim
import Modbus
import Testing
import TestSupport

/// Every shipped profile against the emulator impersonating it: the gateway's reads and the
/// emulator's register bank come from the same file, and the values must come out as the
/// meter model's physics in canonical units.
@Suite(.serialized) struct ShippedProfilesOnTheEmulatorTests {
    static let profiles: [DeviceProfile] = (try? ProfileCatalog(directory: Repository.devices.path).all()) ?? []

    /// One meter per shipped profile, units 1, 2, 3... in catalog order, on one TCP bus.
    /// Residential loads: the generic counter's plausibility probe deliberately stops at
    /// 1 GWh (see devices/generic-energy.yaml), which a commercial meter of the emulator
    /// passes after about seven years of its energy model.
    struct MixedBus {
        let server: ModbusTCPServer
        let fleet: MeterFleet
        let units: [String: UInt8]

        init() throws {
            var configurations = MeterFleet.configurations(seed: 5, addresses: (1...ShippedProfilesOnTheEmulatorTests.profiles.count).map { MeterAddress(unit: UInt8($0)) },
                                                           classMix: .init(residential: 1, commercial: 0, industrial: 0),
                                                           clockAnchor: EmulatedBus.instant, maxDriftPPM: 0, maxInitialOffset: 0)
            var units: [String: UInt8] = [:]
            for (index, profile) in ShippedProfilesOnTheEmulatorTests.profiles.enumerated() {
                configurations[index].phases = profile.phases ?? 3
                units[profile.id] = UInt8(index + 1)
            }
            fleet = MeterFleet(seed: 5, configurations: configurations)
            let meters = fleet.meters.map { ($0, ShippedProfilesOnTheEmulatorTests.profiles[Int($0.unit) - 1]) }
            let handler = FleetRequestHandler(meters: meters, faults: .healthy, clock: FixedClock(EmulatedBus.instant), transport: .tcp)
            server = try ModbusTCPServer(host: "127.0.0.1", port: 0, handler: handler)
            server.start()
            self.units = units
        }
    }

    @Test func everyProfileIsShipped() {
        #expect(Self.profiles.count >= 13)  // 3 Eastron, 8 SunSpec, the emulator's own, the generic counter
    }

    @Test(arguments: profiles.map(\.id))
    func readingThroughTheProfileGivesTheMetersPhysics(profileID: String) async throws {
        let bus = try MixedBus()
        defer { bus.server.stop() }
        let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: bus.server.port))
        defer { client.shutdown() }
        let unit = try #require(bus.units[profileID])
        let profile = try #require(Self.profiles.first { $0.id == profileID })
        let meter = try #require(bus.fleet.meter(at: MeterAddress(unit: unit)))
        let reader = try await MeterReader.connecting(client: client, unit: unit, profile: profile)
        for reading in try await reader.read() {
            #expect(reading.error == nil, "\(profileID) \(reading.name.rawValue): \(String(describing: reading.error))")
            guard let value = reading.value, let truth = meter.value(of: reading.name, at: EmulatedBus.instant) else { continue }
            // Registers round: float32 keeps 24 bits (6e-8 relative); scaled integers keep
            // at least 3 significant digits with the emulator's scale factors; whole-Wh and
            // whole-W integers are off by at most 0.5 of their step.
            let tolerance = max(abs(truth) * 5e-3, 0.5 * reading.name.canonicalUnit.resolutionFloor)
            #expect(abs(value - truth) <= tolerance, "\(profileID) \(reading.name.rawValue): read \(value), meter has \(truth)")
        }
        if profile.point(.voltageL1) != nil {
            let volts = try #require(try await reader.read([.voltageL1]).first?.value)
            #expect((227.7...232.3).contains(volts), "\(profileID) voltage.l1 \(volts)")  // 230 V +/- 1 %
        }
    }

    @Test(arguments: profiles.map(\.id))
    func scanRecognisesTheMeterAsItsOwnProfile(profileID: String) async throws {
        let bus = try MixedBus()
        defer { bus.server.stop() }
        let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: bus.server.port))
        defer { client.shutdown() }
        let unit = try #require(bus.units[profileID])
        let identifier = MeterIdentifier(client: client, profiles: Self.profiles, probeTimeout: .milliseconds(300))
        let finding = try #require(try await identifier.identify(unit: unit))
        #expect(finding.profile?.id == profileID)
    }
}

extension MeasurementUnit {
    /// The smallest step the shipped integer registers use for this unit: 1 Wh = 0.001 kWh
    /// for energy, 1 W for power, 0.1 V and 0.01 Hz where SunSpec scales them.
    var resolutionFloor: Double {
        switch self {
        case .kilowattHour, .kilovarHour: 0.001
        case .watt, .voltAmpere, .voltAmpereReactive: 1
        default: 0.01
        }
    }
}
