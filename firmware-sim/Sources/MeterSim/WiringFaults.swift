/// Installation mistakes that commissioning checks exist to catch, as plain data.
///
/// The meter itself works; what is wrong is how it was connected or programmed. Its
/// registers therefore report, faithfully and consistently, a wrong measurement: a
/// reversed CT makes one phase's power negative, a missing phase reads zero, a wrong CT
/// ratio scales every current, power and energy. The gateway's commissioning checks are
/// tested against exactly these symptoms, so the emulator must produce them and nothing
/// else. How they change each reading is worked out in `PhaseMeasurement`.
public struct WiringFaults: Sendable, Hashable {
    /// Phases (1-3) whose current transformer is mounted backwards (or its secondary leads
    /// swapped): the meter sees the current 180° out of phase with the voltage, so that
    /// phase's active power and power factor read negative while the current's magnitude
    /// is unchanged.
    public var reversedCTPhases: Set<Int>
    /// Phases (1-3) whose voltage and current inputs are not connected (a blown fuse, a
    /// forgotten wire): the meter reads 0 V, 0 A and 0 W there, although the load still
    /// draws power on that phase, and its energy registers miss that share.
    public var missingPhases: Set<Int>
    /// The CT ratio the meter is programmed with when it differs from the CT installed
    /// (`SimulatedMeter.Configuration.ctRatio`); nil when it was programmed correctly.
    /// The meter multiplies what it sees on the secondary by this ratio, so currents,
    /// powers and energies read true × programmed / installed, and `ct.ratio` reads it.
    public var programmedCTRatio: Double?

    /// Everything connected and programmed as it should be (named so it never reads like
    /// `Optional.none`).
    public static let correct = WiringFaults()

    public init(reversedCTPhases: Set<Int> = [], missingPhases: Set<Int> = [], programmedCTRatio: Double? = nil) {
        self.reversedCTPhases = reversedCTPhases
        self.missingPhases = missingPhases
        self.programmedCTRatio = programmedCTRatio
    }

    public var isCorrect: Bool { self == .correct }
}
