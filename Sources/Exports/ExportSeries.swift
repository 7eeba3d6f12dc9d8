import Foundation
import MeterKit

/// The intervals of one meter and channel, in time order, with what a reading type needs
/// to describe them. ESPI writes one MeterReading and ReadingType per series, and Texas LSE
/// files one record set per series and day, so both encoders start here.
public struct ExportSeries: Sendable, Hashable {
    public var meterID: String
    public var channel: String
    public var readingType: ReadingTypeDescription
    /// One interval per start (the highest revision given), oldest first.
    public var intervals: [ExportedInterval]

    public init(meterID: String, channel: String, readingType: ReadingTypeDescription, intervals: [ExportedInterval]) {
        self.meterID = meterID
        self.channel = channel
        self.readingType = readingType
        self.intervals = intervals
    }

    /// Groups `intervals` by meter and channel, in the order each series first appears.
    ///
    /// Within a series each start keeps its highest revision (the current value), and the
    /// intervals are sorted by start.
    /// - Throws: `ExportError` for a channel other than import or export energy, an
    ///   interval length other than 900 or 3600 s, or two lengths in one series.
    public static func group(_ intervals: [ExportedInterval]) throws(ExportError) -> [ExportSeries] {
        struct Key: Hashable { var meter: String, channel: String }
        var order: [Key] = []
        var latest: [Key: [Date: ExportedInterval]] = [:]
        for interval in intervals {
            let key = Key(meter: interval.meterID, channel: interval.channel)
            if latest[key] == nil { order.append(key) }
            if let kept = latest[key]?[interval.start], kept.revision > interval.revision { continue }
            latest[key, default: [:]][interval.start] = interval
        }
        var out: [ExportSeries] = []
        for key in order {
            let sorted = (latest[key] ?? [:]).values.sorted { $0.start < $1.start }
            guard let direction = FlowDirection(channel: key.channel) else {
                throw .unsupportedChannel(meter: key.meter, channel: key.channel)
            }
            let lengths = Set(sorted.map(\.lengthSeconds)).sorted()
            if lengths.count > 1 { throw .mixedIntervalLengths(meter: key.meter, channel: key.channel, seconds: lengths) }
            let length = lengths.first ?? 900
            guard length == 900 || length == 3600 else {
                throw .unsupportedIntervalLength(meter: key.meter, channel: key.channel, seconds: length)
            }
            out.append(ExportSeries(meterID: key.meter, channel: key.channel,
                                    readingType: ReadingTypeDescription(flowDirection: direction, intervalLength: length),
                                    intervals: sorted))
        }
        return out
    }
}

/// The direction of energy flow as ESPI's `flowDirection` codes it.
public enum FlowDirection: Int, Sendable, Hashable, CaseIterable {
    /// Delivered to the customer (import, "load").
    case forward = 1
    /// Received from the customer (export, "generation").
    case reverse = 19

    /// The direction of an energy channel's point name; nil for any other channel.
    public init?(channel: String) {
        switch PointName(rawValue: channel) {
        case .energyImportTotal: self = .forward
        case .energyExportTotal: self = .reverse
        default: return nil
        }
    }
}

/// The ESPI ReadingType of a series: what each value means. The gateway exports only
/// electricity energy per interval in Wh, so everything but direction and length is fixed.
public struct ReadingTypeDescription: Sendable, Hashable {
    /// 4 = deltaData: each value is the energy of its own interval.
    public var accumulationBehaviour = 4
    /// 1 = electricity secondary metered.
    public var commodity = 1
    public var flowDirection: FlowDirection
    /// Seconds: 900 or 3600.
    public var intervalLength: Int
    /// 12 = energy.
    public var kind = 12
    /// Values are Wh x 10^0: whole watt-hours.
    public var powerOfTenMultiplier = 0
    /// 72 = Wh.
    public var uom = 72

    public init(flowDirection: FlowDirection, intervalLength: Int) {
        self.flowDirection = flowDirection
        self.intervalLength = intervalLength
    }
}
