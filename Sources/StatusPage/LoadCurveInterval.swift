import Foundation
import Intervals

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
