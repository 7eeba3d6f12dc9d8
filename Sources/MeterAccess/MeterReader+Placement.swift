import MeterKit
import Modbus

extension MeterReader {
    /// A reader for `profile` on `unit`, with a SunSpec profile placed where this device's
    /// chain puts its models; other profiles are used as they are.
    ///
    /// - Parameter stopWhenSilent: fail at the first base that times out before any answered
    ///   (a poller keeping a dead meter to one timeout); otherwise every base is tried.
    public static func connecting(client: ModbusClient, unit: UInt8, profile: DeviceProfile,
                                  stopWhenSilent: Bool = false) async throws(MeterReadError) -> MeterReader {
        guard let binding = profile.sunSpec, profile.needsPlacement else {
            return MeterReader(client: client, unit: unit, profile: profile)
        }
        let chain: SunSpecChain?
        do {
            chain = try await client.perform { (session) throws(ModbusError) in try SunSpecChain.discover(session, unit: unit, stopWhenSilent: stopWhenSilent) }
        } catch {
            throw .modbus(error)
        }
        guard let chain else { throw .sunSpec(unit: unit, .noMarker) }
        switch chain.placement(for: binding) {
        case .failure(let mismatch):
            throw .sunSpec(unit: unit, mismatch)
        case .success(let placement):
            guard let placed = profile.placed(at: placement) else {
                throw .sunSpec(unit: unit, .beyondAddressSpace(binding.model))
            }
            return MeterReader(client: client, unit: unit, profile: placed)
        }
    }
}
