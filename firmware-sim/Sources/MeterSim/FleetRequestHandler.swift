import Foundation
import MeterKit
import Modbus

/// Answers Modbus requests for a fleet of simulated meters on one bus.
///
/// Each request is served at the simulated instant of its arrival. A meter that is powered
/// down, or whose fault plan says so, does not answer; on TCP the emulator behaves like a
/// TCP-to-RS-485 gateway, so a unit that is not on the bus gets exception 0B (gateway
/// target failed to respond) while on RTU nobody answers it.
public final class FleetRequestHandler: ModbusRequestHandler, @unchecked Sendable {
    // @unchecked: `requestCounts` is guarded by `lock`; everything else is immutable.
    public enum Transport: Sendable { case tcp, rtu }

    private let maps: [UInt8: MeterRegisterMap]
    private let faults: FaultPlan
    private let clock: any TimeSource
    private let transport: Transport
    private let lock = NSLock()
    private var requestCounts: [UInt8: UInt64] = [:]

    public init(meters: [(meter: SimulatedMeter, profile: DeviceProfile)], faults: FaultPlan, clock: any TimeSource, transport: Transport) {
        var maps: [UInt8: MeterRegisterMap] = [:]
        for (meter, profile) in meters { maps[meter.unit] = MeterRegisterMap(meter: meter, profile: profile) }
        self.maps = maps
        self.faults = faults
        self.clock = clock
        self.transport = transport
    }

    public var units: [UInt8] { maps.keys.sorted() }

    public func serves(unit: UInt8) -> Bool { maps[unit] != nil }

    public func reply(to request: ModbusRequest) -> ModbusServerReply {
        guard let map = maps[request.unit] else {
            return ModbusServerReply(transport == .tcp ? .exception(.gatewayTargetFailedToRespond) : .silence)
        }
        let now = clock.now()
        if map.meter.isPoweredDown(at: now) { return ModbusServerReply(.silence) }
        // Faults are keyed by the meter's own request count, so the same seed and the same
        // sequence of requests to a meter give the same faults whatever other meters see.
        let index = lock.withLock { () -> UInt64 in
            let n = requestCounts[request.unit, default: 0]
            requestCounts[request.unit] = n + 1
            return n
        }
        var delay = Duration.zero
        var corrupt = false
        switch faults.decide(meter: map.meter.address, requestIndex: index) {
        case .none: break
        case .noReply: return ModbusServerReply(.silence)
        case .exception(let code): return ModbusServerReply(.exception(ModbusException(rawValue: code) ?? .serverDeviceFailure))
        case .corruptCRC:
            // Behind a TCP gateway the corrupt RTU frame is dropped and nothing comes back.
            if transport == .tcp { return ModbusServerReply(.silence) }
            corrupt = true
        case .slow(let d): delay = d
        }
        let outcome: ModbusServerReply.Outcome
        switch request.operation {
        case .read(let table, let address, let count):
            switch map.read(kind: table == .holding ? .holding : .input, address: address, count: count, at: now) {
            case .success(let words): outcome = .registers(words)
            case .failure(let e): outcome = .exception(ModbusException(rawValue: e.exceptionCode) ?? .illegalDataAddress)
            }
        case .write(let address, let values):
            switch map.write(address: address, values: values, at: now) {
            case .success: outcome = .written
            case .failure(let e): outcome = .exception(ModbusException(rawValue: e.exceptionCode) ?? .illegalDataAddress)
            }
        }
        return ModbusServerReply(outcome, delay: delay, corruptChecksum: corrupt)
    }
}
