import Foundation
import MeterKit

/// A wiring or setup mistake on some meters, written `UNITS:KIND=VALUE`
/// (`meter-sim --fault`, repeatable):
///
/// | kind | value | effect on the meter |
/// | --- | --- | --- |
/// | `reversed-ct` | phase 1-3 | that phase's power and power factor read negative |
/// | `missing-phase` | phase 1-3 | that phase reads 0 V, 0 A, 0 W; energy misses its share |
/// | `ct-ratio` | ratio > 0 | programmed CT ratio; `ct.ratio` reads it, values scale by it / installed |
/// | `clock-offset` | seconds, signed (`+90`, `-90`) | the clock is this far off at the start |
/// | `clock-drift` | ppm, signed | the clock runs this fast (replaces the drawn drift) |
///
/// These are the faults commissioning checks exist for, so a test rig can install a meter
/// wrongly on purpose and see the gateway notice. They are plain configuration
/// (`WiringFaults`, `clockOffset`, `clockDriftPPM`), applied before the fleet is built.
public struct SetupFault: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case reversedCT(phase: Int)
        case missingPhase(Int)
        case programmedCTRatio(Double)
        /// Meter time minus true time at the clock anchor, seconds.
        case clockOffset(TimeInterval)
        case clockDrift(ppm: Double)
    }

    public var units: UnitSelection
    public var kind: Kind
    /// The option value as written, for messages.
    public var text: String

    /// The kinds with their value, as the help and messages spell them.
    public static let syntax = "reversed-ct=PHASE, missing-phase=PHASE, ct-ratio=N, clock-offset=SECONDS or clock-drift=PPM"

    /// - Throws: `MeterSetupError` naming `--fault` and the value, for a bad unit
    ///   selection, an unknown kind, a missing value, or a value out of range (a phase not
    ///   1-3, a ratio not positive, an offset beyond ±10^9 s, a drift beyond ±100,000 ppm).
    public init(parsing text: String) throws(MeterSetupError) {
        self.text = text
        let parts = text.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else { throw MeterSetupError("--fault '\(text)' must be UNITS:KIND=VALUE with KIND=VALUE one of \(Self.syntax)") }
        do {
            units = try UnitSelection(parsing: parts[0])
        } catch {
            throw MeterSetupError("--fault '\(text)': \(error.reason)")
        }
        let assignment = parts[1].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let name = assignment[0]
        guard assignment.count == 2, !assignment[1].isEmpty else {
            throw MeterSetupError("--fault '\(text)': '\(name)' needs a value; KIND=VALUE is one of \(Self.syntax)")
        }
        let value = assignment[1]
        func fail(_ what: String) -> MeterSetupError { MeterSetupError("--fault '\(text)': \(name) '\(value)' \(what)") }
        func number() -> Double? { Double(value).flatMap { $0.isFinite ? $0 : nil } }
        func phase() throws(MeterSetupError) -> Int {
            guard let phase = Int(value), (1...3).contains(phase) else { throw fail("must be phase 1, 2 or 3") }
            return phase
        }
        switch name {
        case "reversed-ct":
            kind = .reversedCT(phase: try phase())
        case "missing-phase":
            kind = .missingPhase(try phase())
        case "ct-ratio":
            guard let ratio = number(), ratio > 0, ratio <= 1_000_000 else { throw fail("must be a ratio above 0 and at most 1000000") }
            kind = .programmedCTRatio(ratio)
        case "clock-offset":
            guard let seconds = number(), abs(seconds) <= 1e9 else { throw fail("must be signed seconds, e.g. +90 or -90") }
            kind = .clockOffset(seconds)
        case "clock-drift":
            guard let ppm = number(), abs(ppm) <= 100_000 else { throw fail("must be ppm within -100000...100000") }
            kind = .clockDrift(ppm: ppm)
        default:
            throw MeterSetupError("--fault '\(text)': unknown kind '\(name)'; expected \(Self.syntax)")
        }
    }

    /// Puts the fault into one meter's configuration; set `phases` first.
    ///
    /// - Throws: `MeterSetupError` when the fault names a phase the meter does not have
    ///   (a reversed CT on phase 3 of a single-phase meter is a mistake in the test, not a
    ///   fault the meter can show).
    public func apply(to configuration: inout SimulatedMeter.Configuration) throws(MeterSetupError) {
        func check(_ phase: Int) throws(MeterSetupError) {
            let phases = configuration.phases
            guard phase <= phases else {
                throw MeterSetupError("--fault '\(text)': \(configuration.address) measures \(phases) phase\(phases == 1 ? "" : "s"), so it has no phase \(phase)")
            }
        }
        switch kind {
        case .reversedCT(let phase):
            try check(phase)
            configuration.wiring.reversedCTPhases.insert(phase)
        case .missingPhase(let phase):
            try check(phase)
            configuration.wiring.missingPhases.insert(phase)
        case .programmedCTRatio(let ratio):
            configuration.wiring.programmedCTRatio = ratio
        case .clockOffset(let seconds):
            configuration.clockOffset = seconds
        case .clockDrift(let ppm):
            configuration.clockDriftPPM = ppm
        }
    }

    /// Applies every fault, in order, to the meters it names (on line 0, the command
    /// line's one bus).
    ///
    /// - Throws: `MeterSetupError` for a fault naming a unit that is not in
    ///   `configurations`, or a phase a meter does not have.
    public static func apply(_ faults: [SetupFault], to configurations: inout [SimulatedMeter.Configuration]) throws(MeterSetupError) {
        for fault in faults {
            for unit in fault.units.units {
                guard let index = configurations.firstIndex(where: { $0.address == MeterAddress(unit: unit) }) else {
                    throw MeterSetupError("--fault '\(fault.text)': unit \(unit) is not emulated (see --units)")
                }
                try fault.apply(to: &configurations[index])
            }
        }
    }
}
