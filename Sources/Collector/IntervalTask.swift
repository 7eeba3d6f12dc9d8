import Foundation
import Synchronization
import GatewayConfig
import Intervals
import Logging
import MeterKit
import ServiceLifecycle
import Store

/// Turns the store's register reads and recorded profiles into validated intervals, once
/// per interval boundary, and stores a new revision wherever the result changed (one
/// transaction per batch of meters).
///
/// Each run recomputes a channel from the interval before the oldest one that may still
/// change: the newest, or the first one left missing or estimated where later data can
/// replace the estimate (a flat hold at the edge, or any estimate of a meter whose memory
/// is read back). When a local day has ended, its whole day is recomputed once, because the
/// daily checks (spike, usage, zero runs, reconciliation) judge a day. Nothing older than
/// `recompute` changes, except through a re-read.
final class IntervalTask: Sendable {
    let store: MeterStore
    let clock: ServiceClock
    let grid: IntervalGrid
    let vee: VEEConfiguration
    let readEverySeconds: Int
    let channels: [IntervalChannel]
    let logger: Logger
    private let progress = Mutex(Progress())
    /// A re-read's recompute and a regular run never interleave: each reads the latest
    /// revisions and appends after them.
    private let serial = Mutex(())

    /// Where the last run stopped, and each channel's oldest interval that may still change.
    struct Progress {
        var computedUntil: Date?
        var unsettled: [IntervalInputs.Key: Date] = [:]
    }

    init(configuration: GatewayConfiguration, store: MeterStore, clock: ServiceClock, channels: [IntervalChannel], logger: Logger) {
        self.store = store
        self.clock = clock
        grid = IntervalGrid(lengthSeconds: configuration.schedule.intervalSeconds)
        vee = configuration.vee
        readEverySeconds = configuration.schedule.readEverySeconds
        self.channels = channels
        self.logger = logger
    }

    /// Runs once per interval boundary, a read cadence after it, so the boundary's reads are in.
    func run() async {
        let schedule = ReadSchedule(everySeconds: grid.lengthSeconds)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let boundary = schedule.boundary(after: clock.now().addingTimeInterval(-Double(readEverySeconds)))
            do {
                let clock = self.clock, due = boundary.addingTimeInterval(Double(readEverySeconds))
                try await cancelWhenGracefulShutdown { try await clock.sleep(until: due) }
            } catch {
                return
            }
            do {
                let started = ContinuousClock.now
                let summary = try compute(upTo: boundary)
                let elapsed = (ContinuousClock.now - started).components
                let milliseconds = elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000
                logger.info("intervals up to \(boundary.formatted(.iso8601)): \(summary) in \(milliseconds) ms")
            } catch {
                logger.error("intervals up to \(boundary.formatted(.iso8601)) not computed: \(error)")
            }
        }
    }

    /// Computes every channel's intervals that end by `end` and stores the changed ones.
    @discardableResult
    func compute(upTo end: Date) throws -> IntervalRunSummary {
        let state = progress.withLock { $0 }
        let days = vee.localDays
        let limit = grid.start(atOrAfter: end.addingTimeInterval(-Double(vee.recomputeSeconds)))
        // A local day that ended since the last run is judged whole, once.
        let endedDay = state.computedUntil.flatMap { until -> Range<Date>? in
            let day = days.day(containing: until.addingTimeInterval(-1))
            return until < day.upperBound && day.upperBound <= end ? day : nil
        }
        func from(_ key: IntervalInputs.Key) -> Date {
            guard let until = state.computedUntil else { return limit }
            var from = min(until, state.unsettled[key] ?? until).addingTimeInterval(-grid.length)
            if let endedDay { from = min(from, endedDay.lowerBound) }
            return max(from, limit)
        }
        let windows = Dictionary(uniqueKeysWithValues: channels.map { channel in (channel.key, from(channel.key)) })
        var unsettled: [IntervalInputs.Key: Date] = [:]
        let summary = try serial.withLock { _ in
            // A batch of meters at a time, read, computed and stored: a day of reads of a whole
            // fleet would not fit the gateway's memory budget at once (about 30 MB for 1000
            // meters x 4 channels), and even a run's new revisions weigh a megabyte.
            try computeBatches(batches(), windows: windows, end: end, unsettled: &unsettled)
        }
        progress.withLock { $0 = Progress(computedUntil: end, unsettled: unsettled) }
        return summary
    }

    /// Recomputes one meter's intervals over `range`, whole local days, however old: after
    /// a re-read revised its recorded profile. Stops at the last interval a regular run has
    /// computed, which is the regular run's to extend.
    @discardableResult
    func recompute(meterID: Int64, range: Range<Date>) throws -> IntervalRunSummary {
        let computedUntil = progress.withLock { $0.computedUntil } ?? grid.start(atOrAfter: clock.now().addingTimeInterval(-grid.length))
        let days = vee.localDays
        let from = days.day(containing: range.lowerBound).lowerBound
        let end = min(days.day(containing: range.upperBound.addingTimeInterval(-1)).upperBound, computedUntil)
        let meterChannels = channels.filter { $0.meterID == meterID }
        guard from < end, !meterChannels.isEmpty else { return IntervalRunSummary() }
        let windows = Dictionary(uniqueKeysWithValues: meterChannels.map { ($0.key, from) })
        var unsettled: [IntervalInputs.Key: Date] = [:]
        return try serial.withLock { _ in try computeBatches([meterChannels], windows: windows, end: end, unsettled: &unsettled) }
    }

    /// Computes each batch's channels from its window's start to `end`, storing the changes.
    private func computeBatches(_ batches: [[IntervalChannel]], windows: [IntervalInputs.Key: Date], end: Date,
                                unsettled: inout [IntervalInputs.Key: Date]) throws -> IntervalRunSummary {
        let margin = 2 * Double(readEverySeconds) + grid.length
        guard let earliestOfAll = windows.values.min() else { return IntervalRunSummary() }
        let offline = try IntervalInputs.offlinePeriods(store, overlapping: earliestOfAll.addingTimeInterval(-margin)..<end.addingTimeInterval(margin))
        let computedAt = clock.now()
        let days = vee.localDays
        var summary = IntervalRunSummary()
        for batch in batches {
            var rows: [IntervalRow] = []
            guard let earliest = batch.compactMap({ windows[$0.key] }).min(), earliest < end,
                  let first = batch.first?.meterID, let last = batch.last?.meterID else { continue }
            let inputs = try IntervalInputs(store: store, window: earliest..<end, meters: first...last, margin: margin, offline: offline)
            for channel in batch {
                let window = (windows[channel.key] ?? earliest)..<end
                guard !window.isEmpty else { continue }
                var settings = vee.settings
                settings.importChannel = channel.isImport
                settings.rolloverWh = channel.rolloverWh
                let engine = IntervalEngine(grid: grid, days: days, settings: settings)
                let computed = engine.intervals(in: window, of: inputs.data(for: channel)) {
                    history(of: channel, before: window.lowerBound, days: settings.likeDayLookbackDays)
                }
                let stored = inputs.latest[channel.key] ?? [:]
                for interval in Self.fromFirstData(computed, stored: stored) {
                    summary.count(interval)
                    if unsettled[channel.key] == nil, channel.mayImprove(interval) { unsettled[channel.key] = interval.start }
                    if Revisions.supersedes(interval, latest: stored[interval.start].map(EnergyInterval.init)) {
                        rows.append(interval.row(meterID: channel.meterID, channelID: channel.channelID, computedAt: computedAt))
                    }
                }
            }
            let written = try store.appendIntervalRevisions(rows)
            summary.revisions += written.count
            summary.superseding += written.filter { $0.revision > 1 }.count
        }
        return summary
    }

    /// The channels in batches of up to `metersPerBatch` meters with neighbouring ids.
    private func batches() -> [[IntervalChannel]] {
        let byMeter = Dictionary(grouping: channels, by: \.meterID).sorted { $0.key < $1.key }.map(\.value)
        return stride(from: 0, to: byMeter.count, by: Self.metersPerBatch).map {
            byMeter[$0..<min($0 + Self.metersPerBatch, byMeter.count)].flatMap { $0 }
        }
    }

    static let metersPerBatch = 25

    /// A series begins with its first data: before a meter's first read or recorded interval
    /// there is nothing to estimate (it was not installed, or not yet collected), so those
    /// slots stay absent rather than filled by a flat hold, unless intervals were stored there.
    static func fromFirstData(_ intervals: [EnergyInterval], stored: [Date: IntervalRow]) -> [EnergyInterval] {
        let first = intervals.firstIndex { $0.energyWh != nil && $0.source != .estimate } ?? intervals.endIndex
        let keep = intervals[..<first].firstIndex { stored[$0.start] != nil } ?? first
        return Array(intervals[keep...])
    }

    /// Earlier final intervals of one channel: like days and average daily use.
    private func history(of channel: IntervalChannel, before from: Date, days: Int) -> [EnergyInterval] {
        let starts = grid.starts(in: from.addingTimeInterval(-Double(days) * 86_400)..<from)
        do {
            return try store.intervals(meterID: channel.meterID, channelID: channel.channelID, starts: starts).map(EnergyInterval.init)
        } catch {
            logger.warning("history of meter \(channel.meterName) \(channel.point.rawValue) unreadable: \(error)")
            return []
        }
    }
}

/// What one run did, for the log and the demo.
struct IntervalRunSummary: Sendable, CustomStringConvertible {
    var intervals = 0
    var estimated = 0
    var missing = 0
    var questionable = 0
    var revisions = 0
    var superseding = 0

    mutating func count(_ interval: EnergyInterval) {
        intervals += 1
        if interval.energyWh == nil { missing += 1 } else if interval.quality.isEstimate { estimated += 1 }
        if interval.quality == .questionable { questionable += 1 }
    }

    var description: String {
        "\(intervals) intervals (\(estimated) estimated, \(missing) missing, \(questionable) questionable); "
            + "\(revisions) revisions stored, \(superseding) of them superseding an earlier one"
    }
}
