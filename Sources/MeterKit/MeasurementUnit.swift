/// Units a device profile may declare for a point.
///
/// Meters report energy in Wh or kWh and power in W or kW; the gateway always works in the
/// canonical unit of the point's quantity, so each unit knows its dimension and the factor
/// that converts it to that dimension's canonical unit.
public enum MeasurementUnit: String, Sendable, Hashable, Codable, CaseIterable {
    case volt = "V", kilovolt = "kV"
    case ampere = "A"
    case watt = "W", kilowatt = "kW"
    case voltAmpere = "VA", kilovoltAmpere = "kVA"
    case voltAmpereReactive = "var", kilovoltAmpereReactive = "kvar"
    case wattHour = "Wh", kilowattHour = "kWh", megawattHour = "MWh"
    case varHour = "varh", kilovarHour = "kvarh"
    case hertz = "Hz"
    case ratio = "ratio", percent = "%"
    case second = "s"

    public enum Dimension: String, Sendable { case voltage, current, activePower, apparentPower, reactivePower, activeEnergy, reactiveEnergy, frequency, ratio, time }

    public var dimension: Dimension {
        switch self {
        case .volt, .kilovolt: .voltage
        case .ampere: .current
        case .watt, .kilowatt: .activePower
        case .voltAmpere, .kilovoltAmpere: .apparentPower
        case .voltAmpereReactive, .kilovoltAmpereReactive: .reactivePower
        case .wattHour, .kilowattHour, .megawattHour: .activeEnergy
        case .varHour, .kilovarHour: .reactiveEnergy
        case .hertz: .frequency
        case .ratio, .percent: .ratio
        case .second: .time
        }
    }

    /// Multiply a value in this unit by this to get it in `canonical`.
    public func factor(to canonical: MeasurementUnit) -> Double {
        scaleToBase / canonical.scaleToBase
    }

    /// Factor to the dimension's smallest listed unit (V, A, W, VA, var, Wh, varh, Hz).
    private var scaleToBase: Double {
        switch self {
        case .kilovolt, .kilowatt, .kilovoltAmpere, .kilovoltAmpereReactive, .kilowattHour, .kilovarHour: 1_000
        case .megawattHour: 1_000_000
        case .percent: 0.01  // SunSpec meters report power factor in percent
        default: 1
        }
    }
}
