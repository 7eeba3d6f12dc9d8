import Foundation

/// One meter's import energy over one local day, interval by interval, as the store holds its
/// latest revisions: what `LoadCurveSVG` draws.
///
/// Every interval of the day that has ended by the time the model was read is listed, also
/// those the store has no row for, so that a gap is drawn as a gap and never as a zero.
public struct LoadCurve: Sendable, Hashable {
    public var meter: String
    /// The channel drawn (`energy.import.total`).
    public var channel: String
    public var day: LocalDate
    /// The day as UTC instants [local midnight, next local midnight): 23, 24 or 25 hours.
    public var range: Range<Date>
    public var timeZone: TimeZone
    /// Interval length of the series (900 or 3600 s).
    public var lengthSeconds: Int
    /// In time order, one per interval start of the day up to the model's instant.
    public var intervals: [LoadCurveInterval]

    public init(meter: String, channel: String, day: LocalDate, range: Range<Date>, timeZone: TimeZone, lengthSeconds: Int,
                intervals: [LoadCurveInterval]) {
        self.meter = meter
        self.channel = channel
        self.day = day
        self.range = range
        self.timeZone = timeZone
        self.lengthSeconds = lengthSeconds
        self.intervals = intervals
    }

    /// The day's energy in Wh over the intervals that have a value.
    public var totalWh: Double { intervals.compactMap(\.energyWh).reduce(0, +) }
    /// The highest interval average demand in kW, nil when no interval has a value.
    public var peakKW: Double? { intervals.compactMap(\.averageKW).max() }
}
