import Foundation
import MeterKit

/// The instantaneous electrical quantities of one meter at one instant, in canonical units.
///
/// Derived from the energy model's interval power so that what a poller sees is physically
/// consistent: P = Σ phase powers, S = P / PF, Q = P x tan(acos PF), I = P_phase / (V x PF),
/// and power x 0.25 h is exactly the interval's energy. Voltages wobble ±1 % per minute and
/// the grid frequency ±0.02 Hz, both keyed by the minute so every read within a minute
/// agrees and the same instant always gives the same numbers.
///
/// These are the values the meter MEASURES: a `PhaseMeasurement` spreads the load over the
/// installed phases and applies the wiring (a phase the meter does not see reads 0 V, 0 A,
/// 0 W and power factor 1; a reversed CT flips that phase's power, reactive power and power
/// factor but not its current; a wrong CT ratio scales currents and powers). Totals are
/// the sums of the measured phases, so they stay consistent whatever the wiring.
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
    /// Total power factor, P / S: negative when the measured flow is.
    public var powerFactor: Double
    /// Per phase: negative with a reversed CT, 1 on a phase the meter does not see.
    public var phasePowerFactor: [Double]
    public var frequency: Double

    /// A correctly wired three-phase meter.
    public init(energy: EnergyModel, at t: Date) {
        self.init(energy: energy, at: t, measurement: PhaseMeasurement(loadClass: energy.loadClass))
    }

    /// What a meter installed as `measurement` describes reads at `t`.
    public init(energy: EnergyModel, at t: Date, measurement m: PhaseMeasurement) {
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
            phasePowerFactor = [1, 1, 1]
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
        let seen = (0..<3).map { m.sees[$0] ? v[$0] : 0 }
        phaseVoltage = seen
        lineVoltage = [(0, 1), (1, 2), (2, 0)].map { Self.lineVoltage(seen[$0.0], seen[$0.1]) }
        let p = energy.plannedPowerW(at: t)
        activePower = p * m.activeGain
        let perPhase = (0..<3).map { p * m.loadShare[$0] * m.powerGain[$0] }
        phasePower = perPhase
        // The current's magnitude does not care which way the CT faces.
        let i = (0..<3).map { m.sees[$0] ? abs(perPhase[$0]) / (v[$0] * pf) : 0 }
        current = i
        // Currents 120° apart with equal angles: |I1 + a I2 + a² I3|, a reversed CT's
        // current entering with its sign (the meter adds what it sees).
        let c = (0..<3).map { m.powerGain[$0] < 0 ? -i[$0] : i[$0] }
        neutralCurrent = max(0, c[0] * c[0] + c[1] * c[1] + c[2] * c[2] - c[0] * c[1] - c[1] * c[2] - c[2] * c[0]).squareRoot()
        apparentPower = p * m.apparentGain / pf
        reactivePower = p * m.activeGain * cls.reactiveRatio
        powerFactor = m.apparentGain > 0 ? pf * (m.activeGain / m.apparentGain) : 1
        phasePowerFactor = (0..<3).map { m.sees[$0] ? (m.powerGain[$0] < 0 ? -pf : pf) : 1 }
        // The whole grid shares one frequency, so it is keyed by the seed alone.
        frequency = Self.nominalFrequency + 0.02 * DeterministicRandom.symmetric(
            energy.seed, Self.gridKey, RandomStream.frequency.rawValue, minute.randomKey)
    }

    /// Line-to-line voltage between two phases as the meter measures it: the √3 of their
    /// mean when both are seen, the other phase's voltage against an unconnected (0 V)
    /// input, 0 when neither is seen.
    static func lineVoltage(_ a: Double, _ b: Double) -> Double {
        if a > 0, b > 0 { return (a + b) / 2 * 3.0.squareRoot() }
        return max(a, b)
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
        case .powerFactorL1: phasePowerFactor[0]
        case .powerFactorL2: phasePowerFactor[1]
        case .powerFactorL3: phasePowerFactor[2]
        case .powerFactorTotal: powerFactor
        case .frequency: frequency
        case .energyImportTotal, .energyExportTotal, .energyTotal, .energyReactiveTotal,
             .demandActiveTotal, .demandActiveMax, .ctRatio, .ptRatio: nil
        }
    }
}
