import MeterKit
import Modbus

/// Why reading a meter through its profile failed.
public enum MeterReadError: Error, Sendable, CustomStringConvertible {
    case modbus(ModbusError)
    case unknownPoint(String, profile: String, available: [String])
    case decoding(location: RegisterLocation, detail: String)
    case noLoadProfile(profile: String)
    case sunSpec(unit: UInt8, SunSpecMismatch)
    /// The profile has no clock, or a read-only one that was asked to be set.
    case clockUnavailable(profile: String, detail: String)

    public var description: String {
        switch self {
        case .modbus(let e): e.description
        case .unknownPoint(let name, let profile, let available):
            "profile \(profile) has no point '\(name)' (it has: \(available.joined(separator: ", ")))"
        case .decoding(let location, let detail):
            "cannot decode \(location.type.name) at \(location.kind) register \(location.address): \(detail)"
        case .noLoadProfile(let profile):
            "profile \(profile) has no recorded load profile window"
        case .sunSpec(let unit, let mismatch):
            "unit \(unit): \(mismatch)"
        case .clockUnavailable(let profile, let detail):
            "profile \(profile): \(detail)"
        }
    }
}
