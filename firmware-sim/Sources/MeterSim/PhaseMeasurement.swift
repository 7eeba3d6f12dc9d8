/// How one meter, as installed, turns the true flow of its load into readings.
///
/// The energy model knows the load's true total power. Two things decide what a meter
/// registers of it: how many phases the installation has (the load is spread over the
/// phases that exist), and how the meter is wired and programmed (`WiringFaults`). Both
/// are constant for a meter's life, and so is the load class's phase split, so every
/// measured quantity is the true one times a constant per phase. That is what keeps the
/// emulator consistent: measured total power is the sum of the measured phase powers, and
/// the energy registers and recorded intervals are the true energy times the same factor
/// (`activeGain`), so power × time still equals the registers' growth.
///
/// The factor applies to the meter's whole life (the model has no installation date):
/// when the measured total is negative (reversed CTs carrying most of the load), the meter
/// counts the energy as export and its import register stands still, as a real
/// bidirectional meter does.
public struct PhaseMeasurement: Sendable, Hashable {
    /// Share of the true total active power drawn on L1, L2, L3. The shares of the
    /// installed phases add up to 1; phases the installation lacks have 0.
    public let loadShare: [Double]
    /// Whether the meter sees each phase: the phase is installed and its inputs are
    /// connected. A phase it does not see reads 0 V, 0 A, 0 W.
    public let sees: [Bool]
    /// What the meter multiplies each phase's true active (and reactive) power by:
    /// `ctScale` when wired right, `-ctScale` with a reversed CT, 0 when not seen.
    public let powerGain: [Double]
    /// Programmed over installed CT ratio: the factor on every current, power and energy.
    public let ctScale: Double
    /// Measured total active power over true total power (negative when the reversed
    /// phases outweigh the rest); also the factor on the energy registers.
    public let activeGain: Double
    /// Measured apparent power (the arithmetic sum of the phases' VA) over the true one.
    public let apparentGain: Double

    /// - Parameters:
    ///   - loadClass: gives the phase split of a three-phase load.
    ///   - phases: phases of the installation, 1-3 (clamped); a single-phase load is all
    ///     on L1, a two-phase load split over L1-L2 in the class's L1:L2 proportion.
    ///   - wiring: the installation mistakes; phases outside 1...`phases` are ignored.
    ///   - installedCTRatio: the ratio of the CT actually installed; with
    ///     `wiring.programmedCTRatio` it gives `ctScale` (1 when either is not positive).
    public init(loadClass: LoadClass, phases: Int = 3, wiring: WiringFaults = .correct, installedCTRatio: Double = 1) {
        let count = max(1, min(3, phases))
        let split = loadClass.phaseSplit
        switch count {
        case 1: loadShare = [1, 0, 0]
        case 2: loadShare = [split[0] / (split[0] + split[1]), split[1] / (split[0] + split[1]), 0]
        default: loadShare = split
        }
        let programmed = wiring.programmedCTRatio ?? installedCTRatio
        let ratio = programmed / installedCTRatio
        let scale = ratio.isFinite && ratio > 0 ? ratio : 1
        let seen = (0..<3).map { $0 < count && !wiring.missingPhases.contains($0 + 1) }
        let reversed = (0..<3).map { wiring.reversedCTPhases.contains($0 + 1) }
        ctScale = scale
        sees = seen
        powerGain = (0..<3).map { seen[$0] ? (reversed[$0] ? -scale : scale) : 0 }
        // Written as 1 minus what is lost or flipped, so a correct meter's gain is exactly
        // ctScale (the shares need not add up to exactly 1 in binary).
        var unseen = 0.0, flipped = 0.0
        for phase in 0..<3 where loadShare[phase] > 0 {
            if !seen[phase] {
                unseen += loadShare[phase]
            } else if reversed[phase] {
                flipped += loadShare[phase]
            }
        }
        activeGain = scale * (1 - unseen - 2 * flipped)
        apparentGain = scale * (1 - unseen)
    }

    /// Factor on the true import (consumption) for the import register: the measured flow
    /// when it is positive.
    public var importGain: Double { max(activeGain, 0) }
    /// Factor on the true import for the export register: a negative measured flow is
    /// counted as export.
    public var exportGain: Double { max(-activeGain, 0) }
}
