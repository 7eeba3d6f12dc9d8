import DeviceProfiles
import Foundation
import MeterKit
import MeterSim
import Modbus
import TestSupport

/// A fleet of emulated meters served in-process on loopback, at a fixed simulated instant so
/// a test can compute exactly what every register must hold.
struct EmulatedBus {
    static let instant = ISO8601DateFormatter.utc.date(from: "2026-01-07T14:37:00Z")!

    let fleet: MeterFleet
    let profile: DeviceProfile
    let clock: FixedClock
    let handler: FleetRequestHandler

    /// - Parameter clockErrors: whether meter clocks drift and start off true time (the
    ///   fleet default) or run exactly on simulated time.
    init(units: ClosedRange<UInt8>, profile: String, seed: UInt64 = 7, faults: FaultPlan = .healthy,
         clockErrors: Bool = true, transport: FleetRequestHandler.Transport) throws {
        let loaded = try ProfileCatalog(directory: Repository.devices.path).load(profile)
        let clock = FixedClock(Self.instant)
        let fleet = MeterFleet(seed: seed, addresses: units.map { MeterAddress(unit: $0) }, clockAnchor: Self.instant,
                               maxDriftPPM: clockErrors ? 20 : 0, maxInitialOffset: clockErrors ? 5 : 0, faults: faults)
        self.profile = loaded
        self.clock = clock
        self.fleet = fleet
        handler = FleetRequestHandler(meters: fleet.meters.map { ($0, loaded) }, faults: faults, clock: clock, transport: transport)
    }

    func tcpServer() throws -> ModbusTCPServer {
        let server = try ModbusTCPServer(host: "127.0.0.1", port: 0, handler: handler)
        server.start()
        return server
    }

    /// What a float32 register must show for `point` of meter `unit`: the model's value in
    /// the profile's unit, rounded to float32 as the meter encodes it.
    func expectedFloat32(_ point: PointName, unit: UInt8) -> Double? {
        guard let meter = fleet.meter(at: MeterAddress(unit: unit)), let definition = profile.point(point),
              let value = meter.value(of: point, at: Self.instant) else { return nil }
        let inProfileUnit = value / definition.unit.factor(to: point.canonicalUnit)
        return Double(Float(inProfileUnit)) * definition.unit.factor(to: point.canonicalUnit)
    }
}
