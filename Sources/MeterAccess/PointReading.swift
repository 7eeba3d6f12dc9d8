import MeterKit
import Modbus

/// One point's value from one poll, in the point's canonical unit.
public struct PointReading: Sendable, Hashable {
    public var name: PointName
    /// The value, or nil when the meter reports "not implemented" or the read failed.
    public var value: Double?
    public var unit: MeasurementUnit { name.canonicalUnit }
    /// Why there is no value, when the read failed (as opposed to a sentinel).
    public var error: ModbusError?

    public init(name: PointName, value: Double?, error: ModbusError? = nil) {
        self.name = name
        self.value = value
        self.error = error
    }
}

/// What identifies a meter, as read from it (or fixed by its profile).
public struct MeterIdentity: Sendable, Hashable, Codable {
    public var manufacturer: String?
    public var model: String?
    public var serial: String?
    public var firmware: String?

    public init(manufacturer: String? = nil, model: String? = nil, serial: String? = nil, firmware: String? = nil) {
        self.manufacturer = manufacturer
        self.model = model
        self.serial = serial
        self.firmware = firmware
    }
}
