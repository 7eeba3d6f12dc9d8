/// What the technician says the installation should be; the checks compare the meter to it.
public struct CommissioningSetup: Sendable, Hashable, Codable {
    /// Phases wired to the meter (1, 2 or 3).
    public var phases: Int
    /// Nominal phase-to-neutral voltage, V.
    public var nominalVoltage: Double
    /// Installed CT and VT (PT) ratios, when the technician states them.
    public var currentTransformer: TransformerRatio?
    public var voltageTransformer: TransformerRatio?
    /// Largest acceptable meter clock offset, seconds.
    public var clockTolerance: Double

    public init(phases: Int = 3, nominalVoltage: Double = 230, currentTransformer: TransformerRatio? = nil,
                voltageTransformer: TransformerRatio? = nil, clockTolerance: Double = 30) {
        self.phases = phases
        self.nominalVoltage = nominalVoltage
        self.currentTransformer = currentTransformer
        self.voltageTransformer = voltageTransformer
        self.clockTolerance = clockTolerance
    }

    /// Voltage band of a healthy supply: ±10 % of nominal (EN 50160's limit for 95 % of a week).
    public static let voltageTolerance = 0.10
    /// Below half of nominal a phase counts as absent: a blown fuse or a missing voltage tap.
    public static let phasePresentFraction = 0.5
    /// Grid frequency band: ±1 % of 50 or 60 Hz.
    public static let frequencyTolerance = 0.01
    /// Below this much power on a phase its CT polarity cannot be judged.
    public static let minimumLoadForPolarity = 5.0
    /// A reported transformer ratio matches when within 0.5 % (meters store rounded ratios).
    public static let ratioTolerance = 0.005
}
