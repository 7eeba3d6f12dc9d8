/// The fixed metering vocabulary: every point a profile maps must have one of these names.
///
/// Names are what downstream code asks for (`energy.import.total`), independent of how a
/// meter family lays out its registers. A fixed list catches typos in profiles at load time
/// and lets the emulator know what physical quantity each register should carry.
public enum PointName: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case voltageL1 = "voltage.l1", voltageL2 = "voltage.l2", voltageL3 = "voltage.l3"
    case voltageL1L2 = "voltage.l1_l2", voltageL2L3 = "voltage.l2_l3", voltageL3L1 = "voltage.l3_l1"
    case currentL1 = "current.l1", currentL2 = "current.l2", currentL3 = "current.l3"
    case currentNeutral = "current.neutral"
    case powerActiveL1 = "power.active.l1", powerActiveL2 = "power.active.l2", powerActiveL3 = "power.active.l3"
    case powerActiveTotal = "power.active.total"
    case powerApparentTotal = "power.apparent.total"
    case powerReactiveTotal = "power.reactive.total"
    case powerFactorL1 = "power_factor.l1", powerFactorL2 = "power_factor.l2", powerFactorL3 = "power_factor.l3"
    case powerFactorTotal = "power_factor.total"
    case frequency = "frequency"
    case energyImportTotal = "energy.import.total"
    case energyExportTotal = "energy.export.total"
    case energyTotal = "energy.total"
    case energyReactiveTotal = "energy.reactive.total"
    case demandActiveTotal = "demand.active.total"
    case demandActiveMax = "demand.active.max"
    case ctRatio = "ct.ratio"
    case ptRatio = "pt.ratio"

    /// The unit every value of this point is converted to after decoding.
    public var canonicalUnit: MeasurementUnit {
        switch self {
        case .voltageL1, .voltageL2, .voltageL3, .voltageL1L2, .voltageL2L3, .voltageL3L1: .volt
        case .currentL1, .currentL2, .currentL3, .currentNeutral: .ampere
        case .powerActiveL1, .powerActiveL2, .powerActiveL3, .powerActiveTotal,
             .demandActiveTotal, .demandActiveMax: .watt
        case .powerApparentTotal: .voltAmpere
        case .powerReactiveTotal: .voltAmpereReactive
        case .powerFactorL1, .powerFactorL2, .powerFactorL3, .powerFactorTotal, .ctRatio, .ptRatio: .ratio
        case .frequency: .hertz
        case .energyImportTotal, .energyExportTotal, .energyTotal: .kilowattHour
        case .energyReactiveTotal: .kilovarHour
        }
    }

    /// Cumulative registers: their deltas are consumption, so they feed interval derivation.
    public var isCumulative: Bool {
        switch self {
        case .energyImportTotal, .energyExportTotal, .energyTotal, .energyReactiveTotal: true
        default: false
        }
    }

    public static func < (lhs: PointName, rhs: PointName) -> Bool { lhs.rawValue < rhs.rawValue }
}
