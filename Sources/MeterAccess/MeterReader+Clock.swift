import Foundation
import MeterKit
import Modbus

/// A meter clock read against the gateway clock.
public struct ClockReading: Sendable, Hashable, Codable {
    /// What the meter's clock read, as the midpoint of its whole-second register.
    public var meterTime: Date
    /// The gateway's time at the middle of the request.
    public var gatewayTime: Date
    /// How far either way the offset may be off: half a register step plus half the round trip.
    public var uncertainty: TimeInterval

    /// Meter minus gateway, seconds: positive when the meter runs ahead.
    public var offset: TimeInterval { meterTime.timeIntervalSince(gatewayTime) }
}

extension MeterReader {
    /// Reads the meter clock with the gateway time taken around the request on the bus
    /// thread, so queueing and thread hops do not count as clock error.
    public func readClock(against gatewayClock: any TimeSource) async throws(MeterReadError) -> ClockReading {
        let location = try clockLocation(forWriting: false)
        let unit = self.unit
        let table: RegisterTable = location.kind == .holding ? .holding : .input
        let (words, before, after): ([UInt16], Date, Date)
        do {
            (words, before, after) = try await client.perform { (session) throws(ModbusError) in
                let before = gatewayClock.now()
                let words = try session.read(table, unit: unit, address: location.address, count: location.type.registerCount)
                return (words, before, gatewayClock.now())
            }
        } catch { throw .modbus(error) }
        guard let seconds = (try? RegisterCodec.decode(words, as: location.type, order: location.order))?.number else {
            throw .decoding(location: location, detail: "the clock register reads 'not implemented'")
        }
        let roundTrip = after.timeIntervalSince(before)
        return ClockReading(meterTime: Date(timeIntervalSince1970: seconds + 0.5),
                            gatewayTime: before.addingTimeInterval(roundTrip / 2),
                            uncertainty: 0.5 + roundTrip / 2)
    }

    /// Sets the meter clock to the gateway's time, taken on the bus thread just before the
    /// write and rounded to the register's whole second.
    public func setClock(from gatewayClock: any TimeSource) async throws(MeterReadError) {
        let location = try clockLocation(forWriting: true)
        let unit = self.unit
        let written: Bool
        do {
            written = try await client.perform { (session) throws(ModbusError) -> Bool in
                let seconds = Int64(gatewayClock.now().timeIntervalSince1970.rounded())
                let value: RegisterValue = switch location.type {
                case .i32, .i64: .signed(seconds)
                default: .unsigned(UInt64(max(0, seconds)))
                }
                guard let words = try? RegisterCodec.encode(value, as: location.type, order: location.order) else { return false }
                try session.write(unit: unit, address: location.address, values: words)
                return true
            }
        } catch { throw .modbus(error) }
        guard written else { throw .decoding(location: location, detail: "the gateway time does not fit a \(location.type.name) clock") }
    }

    private func clockLocation(forWriting: Bool) throws(MeterReadError) -> RegisterLocation {
        guard let clock = profile.clock else {
            throw .clockUnavailable(profile: profile.id, detail: "the meter exposes no clock over Modbus")
        }
        if forWriting {
            guard clock.writable, clock.location.kind == .holding else {
                throw .clockUnavailable(profile: profile.id, detail: "the meter clock is read-only over Modbus")
            }
        }
        return clock.location
    }
}
