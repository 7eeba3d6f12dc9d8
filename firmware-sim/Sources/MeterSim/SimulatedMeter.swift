import Foundation
import MeterKit

/// One simulated electricity meter: identity, consumption, clock and load-profile memory.
///
/// A struct of immutable configuration plus two shared, lock-protected parts (the energy
/// model's cache and the clock), so copies of a meter handed to several connections all
/// see the same clock settings.
public struct SimulatedMeter: Sendable {
    /// Everything that distinguishes one simulated meter; all of it is plain data so a
    /// fleet can be described in a config file and rebuilt identically.
    public struct Configuration: Sendable, Hashable {
        public var address: MeterAddress
        /// The fleet seed; with the address it determines every number the meter produces.
        public var seed: UInt64
        public var loadClass: LoadClass
        public var firmware: String
        /// Ratios of the current and voltage transformers installed. A correctly programmed
        /// meter reports them on `ct.ratio` / `pt.ratio` and its values are primary
        /// quantities; `wiring.programmedCTRatio` makes it programmed otherwise.
        public var ctRatio: Double
        public var ptRatio: Double
        /// Phases of the installation, 1-3: the meter measures only these, with the whole
        /// load on L1 (1) or split over L1-L2 (2), and reads 0 V, 0 A, 0 W on the others.
        /// Whoever builds the fleet sets it from the impersonated profile
        /// (`DeviceProfile.phases`), so that an SDM120 is served by a single-phase meter;
        /// the meter's physics, not the register map, decides what it measures, which keeps
        /// `value(of:at:)` and the registers in agreement.
        public var phases: Int
        /// Installation mistakes (reversed CTs, missing phases, a wrongly programmed CT
        /// ratio); see `WiringFaults` and `PhaseMeasurement`.
        public var wiring: WiringFaults
        /// When the meter clock read `clockAnchor + clockOffset` (see `MeterClock`).
        public var clockAnchor: Date
        public var clockOffset: TimeInterval
        public var clockDriftPPM: Double
        /// Supply interruptions (simulated time, half-open).
        public var outages: [Range<Date>]
        /// Instants at which the energy register is reset to zero.
        public var registerResets: [Date]
        /// Records of load-profile memory (6144 = 64 days of 15-minute intervals).
        public var profileCapacity: Int

        public init(address: MeterAddress, seed: UInt64, loadClass: LoadClass, firmware: String = "1.04",
                    ctRatio: Double = 1, ptRatio: Double = 1,
                    clockAnchor: Date = EnergyModel.epoch, clockOffset: TimeInterval = 0, clockDriftPPM: Double = 0,
                    outages: [Range<Date>] = [], registerResets: [Date] = [],
                    profileCapacity: Int = RecordedProfile.defaultCapacity,
                    phases: Int = 3, wiring: WiringFaults = .correct) {
            self.address = address
            self.seed = seed
            self.loadClass = loadClass
            self.firmware = firmware
            self.ctRatio = ctRatio
            self.ptRatio = ptRatio
            self.clockAnchor = clockAnchor
            self.clockOffset = clockOffset
            self.clockDriftPPM = clockDriftPPM
            self.outages = outages
            self.registerResets = registerResets
            self.profileCapacity = profileCapacity
            self.phases = phases
            self.wiring = wiring
        }
    }

    public let configuration: Configuration
    /// Eight decimal digits, derived from seed and address (stable across runs).
    public let serialNumber: String
    public let energy: EnergyModel
    public let clock: MeterClock
    /// How the meter, as installed, sees its load (phases and wiring).
    public let measurement: PhaseMeasurement
    /// The meter's memory with its configured capacity and 15-minute intervals.
    public let recordedProfile: RecordedProfile

    public init(_ configuration: Configuration) {
        self.configuration = configuration
        let key = configuration.address.key
        let digits = 10_000_000 + DeterministicRandom.hash(configuration.seed, key, RandomStream.serialNumber.rawValue, 0) % 90_000_000
        serialNumber = String(digits)
        energy = EnergyModel(seed: configuration.seed, meterKey: key, loadClass: configuration.loadClass,
                             outages: configuration.outages, registerResets: configuration.registerResets)
        clock = MeterClock(anchor: configuration.clockAnchor, initialOffset: configuration.clockOffset,
                           driftPPM: configuration.clockDriftPPM)
        measurement = PhaseMeasurement(loadClass: configuration.loadClass, phases: configuration.phases,
                                       wiring: configuration.wiring, installedCTRatio: configuration.ctRatio)
        recordedProfile = RecordedProfile(energy: energy, clock: clock, capacity: configuration.profileCapacity,
                                          importGain: measurement.importGain, exportGain: measurement.exportGain)
    }

    /// Convenience for the common case: a meter on line 0 with default clock and no events.
    public init(unit: UInt8, seed: UInt64, loadClass: LoadClass) {
        self.init(Configuration(address: MeterAddress(unit: unit), seed: seed, loadClass: loadClass))
    }

    public var address: MeterAddress { configuration.address }
    public var unit: UInt8 { configuration.address.unit }
    public var seed: UInt64 { configuration.seed }
    public var loadClass: LoadClass { configuration.loadClass }
    public var firmware: String { configuration.firmware }

    /// True while supply is off: the meter shows zeros and does not answer requests.
    public func isPoweredDown(at t: Date) -> Bool {
        energy.isPoweredDown(at: t)
    }

    /// What the meter's clock reads at simulated instant `t`.
    public func meterTime(at t: Date) -> Date {
        clock.meterTime(at: t)
    }

    public func snapshot(at t: Date) -> ElectricalSnapshot {
        ElectricalSnapshot(energy: energy, at: t, measurement: measurement)
    }

    /// The point's value at simulated instant `t` in its canonical unit
    /// (`PointName.canonicalUnit`): V, A, W, VA, var, ratio, Hz, kWh, kvarh.
    /// Nil means the meter does not measure the point (none today; kept for PV/export
    /// options and meter families that lack a quantity).
    ///
    /// Values are what the meter measures (`measurement`): registers count the true energy
    /// times the meter's gain, a negative measured flow counting as export.
    public func value(of point: PointName, at t: Date) -> Double? {
        let gainIn = measurement.importGain, gainOut = measurement.exportGain
        switch point {
        case .energyImportTotal:
            return (gainIn * energy.registerWh(at: t) + gainOut * energy.exportWh(at: t)) / 1_000
        case .energyExportTotal:
            return (gainOut * energy.registerWh(at: t) + gainIn * energy.exportWh(at: t)) / 1_000
        case .energyTotal:
            return (value(of: .energyImportTotal, at: t) ?? 0) + (value(of: .energyExportTotal, at: t) ?? 0)
        case .energyReactiveTotal: return abs(measurement.activeGain) * energy.reactiveRegisterVarh(at: t) / 1_000
        case .demandActiveTotal: return gainIn * energy.demandW(at: t)
        case .demandActiveMax: return gainIn * energy.maxDemandW(at: t)
        case .ctRatio: return configuration.wiring.programmedCTRatio ?? configuration.ctRatio
        case .ptRatio: return configuration.ptRatio
        default: return snapshot(at: t).value(of: point)
        }
    }

    /// The meter's memory shaped to a profile's window (its capacity and interval length
    /// decide what a reader can address).
    public func recordedProfile(capacity: Int, intervalSeconds: Int) -> RecordedProfile {
        RecordedProfile(energy: energy, clock: clock, capacity: capacity, intervalSeconds: intervalSeconds,
                        importGain: measurement.importGain, exportGain: measurement.exportGain)
    }

    /// An upper bound of the point's magnitude for this meter, used to pick SunSpec scale
    /// factors that never overflow: ratings for momentary values, the present value for
    /// accumulators (they only grow). A wrongly programmed CT ratio scales the ratings as
    /// it scales the readings.
    public func ratedMagnitude(of point: PointName, at t: Date) -> Double {
        // Peak quarter-hour power stays below 4x the day's mean power for every class.
        let ratedPower = energy.loadClass.meanDailyKWh * energy.meterScale * 1_000 / 24 * 4 * measurement.ctScale
        let phaseVoltage = ElectricalSnapshot.nominalVoltage * 1.1
        switch point {
        case .voltageL1, .voltageL2, .voltageL3: return phaseVoltage
        case .voltageL1L2, .voltageL2L3, .voltageL3L1: return phaseVoltage * 3.0.squareRoot()
        case .currentL1, .currentL2, .currentL3, .currentNeutral:
            return ratedPower / (ElectricalSnapshot.nominalVoltage * energy.loadClass.powerFactor)
        case .powerActiveL1, .powerActiveL2, .powerActiveL3, .powerActiveTotal, .demandActiveTotal, .demandActiveMax:
            return ratedPower
        case .powerApparentTotal, .powerReactiveTotal: return ratedPower / energy.loadClass.powerFactor
        case .powerFactorL1, .powerFactorL2, .powerFactorL3, .powerFactorTotal: return 1
        case .frequency: return 65
        default: return abs(value(of: point, at: t) ?? 0)
        }
    }
}
