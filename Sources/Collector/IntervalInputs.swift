import Foundation
import Intervals
import Store

/// Everything a run of the interval engine reads from the store for one window, read in a
/// few range scans of the time-first keys rather than per meter.
struct IntervalInputs {
    struct Key: Hashable {
        var meterID: Int64
        var channelID: Int64
    }

    private var reads: [Key: [RegisterReadRow]] = [:]
    private var recorded: [Int64: [RecordedIntervalRow]] = [:]
    private var clock: [Int64: [ClockObservation]] = [:]
    private let offline: [Int64: [Range<Date>]]
    /// The latest stored revision of each interval in the window, by start.
    private(set) var latest: [Key: [Date: IntervalRow]] = [:]

    /// - Parameters:
    ///   - meters: the ids of the meters to read (a batch; the tables are scanned by time).
    ///   - margin: how far before and after the window reads are needed to bracket its
    ///     boundaries. A read gap longer than that lies behind an interval left missing or
    ///     estimated, where the channel's own window starts, so it is inside the window.
    ///   - offline: when each meter was offline (`offlinePeriods`), read once per run.
    init(store: MeterStore, window: Range<Date>, meters: ClosedRange<Int64>, margin: TimeInterval,
         offline: [Int64: [Range<Date>]]) throws {
        self.offline = offline
        let readsFrom = window.lowerBound.addingTimeInterval(-margin), readsTo = window.upperBound.addingTimeInterval(margin)
        var lastClock: [Int64: Date] = [:]
        for read in try store.registerReads(from: readsFrom, through: readsTo, meters: meters) {
            reads[Key(meterID: read.meterID, channelID: read.channelID), default: []].append(read)
            if let meterTime = read.meterTime, lastClock[read.meterID] != read.bucket {
                lastClock[read.meterID] = read.bucket
                clock[read.meterID, default: []].append(ClockObservation(time: read.gatewayTime,
                                                                         offsetSeconds: meterTime.timeIntervalSince(read.gatewayTime)))
            }
        }
        for row in try store.recordedIntervals(from: readsFrom, to: readsTo, meters: meters) { recorded[row.meterID, default: []].append(row) }
        for row in try store.latestIntervals(from: window.lowerBound, to: window.upperBound, meters: meters) {
            latest[Key(meterID: row.meterID, channelID: row.channelID), default: [:]][row.start] = row
        }
    }

    /// Each meter's offline periods overlapping `range`, from its offline and online events
    /// (up to a week before, so an outage that began earlier is still seen).
    static func offlinePeriods(_ store: MeterStore, overlapping range: Range<Date>) throws -> [Int64: [Range<Date>]] {
        var periods: [Int64: [Range<Date>]] = [:]
        var wentOffline: [Int64: Date] = [:]
        for event in try store.events(from: range.lowerBound.addingTimeInterval(-7 * 86_400), to: range.upperBound) {
            switch event.kind {
            case .offline: wentOffline[event.meterID] = event.at
            case .online:
                if let start = wentOffline.removeValue(forKey: event.meterID) { periods[event.meterID, default: []].append(start..<event.at) }
            default: break
            }
        }
        for (meterID, start) in wentOffline { periods[meterID, default: []].append(start..<Date.distantFuture) }
        return periods
    }

    func data(for channel: IntervalChannel) -> ChannelData {
        ChannelData(samples: channel.samples(reads[Key(meterID: channel.meterID, channelID: channel.channelID)] ?? []),
                    recorded: channel.recorded(recorded[channel.meterID] ?? []), clock: clock[channel.meterID] ?? [],
                    offline: offline[channel.meterID] ?? [], multiplier: channel.multiplier)
    }
}
