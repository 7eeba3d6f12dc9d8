import Foundation
import MeterKit

/// The instantaneous electrical quantities of one meter at one instant, in canonical units.
///
/// Derived from the energy model's interval power so that what a poller sees is physically
/// consistent: P = Σ phase powers, S = P / PF, Q = P x tan(acos PF), I = P_phase / (V x PF),
/// and power x 0.25 h is exactly the interval's energy. Voltages wobble ±1 % per minute and
/// the grid frequency ±0.02 Hz, both keyed by the minute so every read within a minute
/// agrees and the same instant always gives the same numbers.
public struct ElectricalSnapshot: Sendable, Hashable {
    /// Nominal phase-to-neutral voltage, V (European low voltage).
    public static let nominalVoltage = 230.0
    public static let nominalFrequency = 50.0

    public var phaseVoltage: [Double]
    /// L1-L2, L2-L3, L3-L1.
    public var lineVoltage: [Double]
    public var current: [Double]
    public var neutralCurrent: Double
    public var phasePower: [Double]
    public var activePower: Double
    public var apparentPower: Double
    public var reactivePower: Double
    public var powerFactor: Double
    public var frequency: Double

    public init(energy: EnergyModel, at t: Date) {
        let minute = Int64((t.timeIntervalSince1970 / 60).rounded(.down))
        guard !energy.isPoweredDown(at: t) else {
            // No supply: nothing to measure. Unity PF at no load, as meter displays show.
            phaseVoltage = [0, 0, 0]
            lineVoltage = [0, 0, 0]
            current = [0, 0, 0]
            neutralCurrent = 0
            phasePower = [0, 0, 0]
            activePower = 0
            apparentPower = 0
            reactivePower = 0
            powerFactor = 1
            frequency = 0
            return
        }
        let cls = energy.loadClass
        let pf = cls.powerFactor
        let v = (0..<3).map { phase in
            let key = (minute &* 3 &+ Int64(phase)).randomKey
            return Self.nominalVoltage * (1 + 0.01 * DeterministicRandom.symmetric(
                energy.seed, energy.meterKey, RandomStream.voltage.rawValue, key))
        }
        phaseVoltage = v
        let root3 = 3.0.squareRoot()
        lineVoltage = [(v[0] + v[1]) / 2 * root3, (v[1] + v[2]) / 2 * root3, (v[2] + v[0]) / 2 * root3]
        let p = energy.plannedPowerW(at: t)
        activePower = p
        let perPhase = cls.phaseSplit.map { p * $0 }
        phasePower = perPhase
        let i = (0..<3).map { perPhase[$0] / (v[$0] * pf) }
        current = i
        // Currents 120° apart with equal angles: |I1 + a I2 + a² I3|.
        neutralCurrent = max(0, i[0] * i[0] + i[1] * i[1] + i[2] * i[2] - i[0] * i[1] - i[1] * i[2] - i[2] * i[0]).squareRoot()
        apparentPower = p / pf
        reactivePower = p * cls.reactiveRatio
        powerFactor = pf
        // The whole grid shares one frequency, so it is keyed by the seed alone.
        frequency = Self.nominalFrequency + 0.02 * DeterministicRandom.symmetric(
            energy.seed, Self.gridKey, RandomStream.frequency.rawValue, minute.randomKey)
    }

    /// Key of the grid-wide streams; no meter address reaches it (keys use 24 bits).
    static let gridKey = UInt64.max

    /// The value of an instantaneous point, or nil for registers (energy, demand, ratios),
    /// which the meter answers from its accumulators rather than the momentary state.
    public func value(of point: PointName) -> Double? {
        switch point {
        case .voltageL1: phaseVoltage[0]
        case .voltageL2: phaseVoltage[1]
        case .voltageL3: phaseVoltage[2]
        case .voltageL1L2: lineVoltage[0]
        case .voltageL2L3: lineVoltage[1]
        case .voltageL3L1: lineVoltage[2]
        case .currentL1: current[0]
        case .currentL2: current[1]
        case .currentL3: current[2]
        case .currentNeutral: neutralCurrent
        case .powerActiveL1: phasePower[0]
        case .powerActiveL2: phasePower[1]
        case .powerActiveL3: phasePower[2]
        case .powerActiveTotal: activePower
        case .powerApparentTotal: apparentPower
        case .powerReactiveTotal: reactivePower
        case .powerFactorL1, .powerFactorL2, .powerFactorL3, .powerFactorTotal: powerFactor
        case .frequency: frequency
        case .energyImportTotal, .energyExportTotal, .energyTotal, .energyReactiveTotal,
             .demandActiveTotal, .demandActiveMax, .ctRatio, .ptRatio: nil
        }
    }
}
