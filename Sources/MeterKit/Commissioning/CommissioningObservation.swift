/// What the gateway read from the meter during a commissioning run.
public struct CommissioningObservation: Sendable, Hashable {
    /// Every point read the first time, in canonical units; a point the meter reports as
    /// "not implemented" is absent.
    public var values: [PointName: Double]
    /// Cumulative points read again `secondsBetweenReads` later.
    public var laterValues: [PointName: Double]
    public var secondsBetweenReads: Double
    /// Points the profile maps, to tell "the meter cannot say" from "the profile has no such point".
    public var mapped: Set<PointName>
    /// Meter minus gateway clock, seconds; nil when the meter has no clock.
    public var clockOffset: Double?

    public init(values: [PointName: Double], laterValues: [PointName: Double] = [:], secondsBetweenReads: Double = 0,
                mapped: Set<PointName>, clockOffset: Double? = nil) {
        self.values = values
        self.laterValues = laterValues
        self.secondsBetweenReads = secondsBetweenReads
        self.mapped = mapped
        self.clockOffset = clockOffset
    }
}
