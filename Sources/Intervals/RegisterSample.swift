import Foundation
import MeterKit

/// One read of a cumulative energy register, as the engine needs it.
public struct RegisterSample: Sendable, Hashable {
    /// When the gateway got the value (UTC, the gateway's disciplined clock).
    public var time: Date
    /// The register value in Wh, before the CT/PT multiplier.
    public var valueWh: Double
    /// The meter's serial number when it was read with the value; a change is an exchange.
    public var serial: String?

    public init(time: Date, valueWh: Double, serial: String? = nil) {
        self.time = time
        self.valueWh = valueWh
        self.serial = serial
    }
}

/// One interval from the meter's own load-profile memory, in meter time.
public struct RecordedInterval: Sendable, Hashable {
    /// Start as the meter's clock stamped it.
    public var meterStart: Date
    public var lengthSeconds: Int
    /// Energy in Wh, before the CT/PT multiplier.
    public var energyWh: Double
    /// The meter's own statement about the interval (power down, clock adjusted, ...).
    public var status: IntervalStatus

    public init(meterStart: Date, lengthSeconds: Int, energyWh: Double, status: IntervalStatus = []) {
        self.meterStart = meterStart
        self.lengthSeconds = lengthSeconds
        self.energyWh = energyWh
        self.status = status
    }
}

/// The meter clock against the gateway's at one read (meter minus gateway, seconds).
public struct ClockObservation: Sendable, Hashable {
    public var time: Date
    public var offsetSeconds: TimeInterval

    public init(time: Date, offsetSeconds: TimeInterval) {
        self.time = time
        self.offsetSeconds = offsetSeconds
    }
}
