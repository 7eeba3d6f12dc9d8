import Foundation
import Intervals

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

/// One interval of a `LoadCurve`.
public struct LoadCurveInterval: Sendable, Hashable {
    /// UTC start.
    public var start: Date
    public var lengthSeconds: Int
    /// Wh with the CT/PT multiplier applied; nil when missing (never a zero).
    public var energyWh: Double?
    /// Green Button ReadingQuality code; nil when the store has no row for the interval.
    public var quality: Int?
    /// Where the value came from (`profile`, `registers`, `estimate`); nil without a row.
    public var source: String?
    /// The store's revision number of the row shown; nil without a row.
    public var revision: Int?

    public init(start: Date, lengthSeconds: Int, energyWh: Double?, quality: Int?, source: String?, revision: Int?) {
        self.start = start
        self.lengthSeconds = lengthSeconds
        self.energyWh = energyWh
        self.quality = quality
        self.source = source
        self.revision = revision
    }

    public var end: Date { start.addingTimeInterval(TimeInterval(lengthSeconds)) }

    /// Missing: no row, or a row that says the value is missing.
    public var isMissing: Bool { energyWh == nil }

    /// An estimate (Green Button 8, reference day, or 9, linear interpolation), or any value
    /// the interval engine says it estimated.
    public var isEstimated: Bool {
        guard !isMissing else { return false }
        return quality.flatMap(IntervalQuality.init(rawValue:))?.isEstimate == true || source == IntervalSource.estimate.rawValue
    }

    /// Actual data that validation flagged (Green Button 10).
    public var isQuestionable: Bool { !isMissing && !isEstimated && quality == IntervalQuality.questionable.rawValue }

    /// Average demand over the interval in kW: Wh x 3600 / seconds / 1000.
    public var averageKW: Double? { energyWh.map { $0 * 3600 / Double(lengthSeconds) / 1000 } }
}
