import Foundation
import Intervals
import MeterKit
import Store

extension StatusPageModel {
    /// The channel the load curve draws: the meter's cumulative import energy, as intervals.
    public static let loadCurveChannel = PointName.energyImportTotal.rawValue

    /// Reads the page's model from the store: meters and outboxes from one snapshot
    /// (`MeterStore.status()`), then the chosen meter's import intervals of the chosen day,
    /// one key seek per quarter hour.
    ///
    /// Every store call blocks the calling thread on SQLite: call it from a thread that may
    /// block, not from an actor that must stay responsive.
    ///
    /// - Parameters:
    ///   - gatewayID: shown in the page's title.
    ///   - meter: the meter whose curve to draw; nil draws the first meter. An unknown name
    ///     leaves the curve out with a notice.
    ///   - day: the local day to draw; nil draws the day before `now`'s local day (the last
    ///     complete one).
    ///   - timeZone: the site's zone, for days and every time shown.
    ///   - now: the instant the page describes (domain code never reads the wall clock);
    ///     ages count to it and intervals ending after it are not listed.
    /// - Throws: `StoreError` when the store cannot be read.
    public static func load(store: MeterStore, gatewayID: String, meter: String?, day: LocalDate?, timeZone: TimeZone,
                            now: Date) throws(StoreError) -> StatusPageModel {
        let status = try store.status()
        let days = LocalDays(timeZone: timeZone)
        let selectedDay = day ?? LocalDate(of: now, in: days).adding(days: -1)
        let meters = status.meters.map { meter in
            StatusPageMeter(name: meter.name, bus: meter.bus, unit: meter.unit, profile: meter.profile,
                            health: meter.state?.health ?? .unknown, lastReadAt: meter.lastReadAt,
                            lastError: meter.state?.lastError, consecutiveFailures: meter.state?.consecutiveFailures ?? 0)
        }
        let destinations = status.outboxes.map { outbox in
            StatusPageDestination(id: outbox.state.destination, kind: outbox.state.table.rawValue, deliveredRows: outbox.state.deliveredRows,
                                  backlogRows: outbox.backlog.rows, oldestPendingAt: outbox.backlog.oldestWrittenAt,
                                  age: outbox.backlog.oldestWrittenAt.map { max(0, now.timeIntervalSince($0)) },
                                  consecutiveFailures: outbox.state.consecutiveFailures, deadLetters: outbox.deadLetters,
                                  lastError: outbox.state.lastError)
        }
        var model = StatusPageModel(gatewayID: gatewayID, generatedAt: now, timeZone: timeZone, meters: meters, destinations: destinations,
                                    selectedMeter: meter ?? status.meters.first?.name, selectedDay: selectedDay, loadCurve: nil)
        guard let name = model.selectedMeter else {
            model.notices.append("No meters are configured yet.")
            return model
        }
        guard let chosen = status.meters.first(where: { $0.name == name }) else {
            model.notices.append("There is no meter named \(name).")
            return model
        }
        let range = selectedDay.range(in: days)
        guard range.lowerBound < now else {
            model.notices.append("\(selectedDay) has not begun yet.")
            return model
        }
        guard let channelID = try store.channels().first(where: { $0.value == loadCurveChannel })?.key else {
            model.notices.append("No meter has recorded \(loadCurveChannel) yet.")
            return model
        }
        model.loadCurve = try curve(store: store, meter: chosen, channelID: channelID, day: selectedDay, range: range, timeZone: timeZone, now: now)
        return model
    }

    /// The day's intervals of one channel, with a slot for each interval start of the day that
    /// has ended by `now`. Starts are enumerated on the quarter-hour grid, which covers hourly
    /// series too; the series' length is the one most of its stored rows have (900 s without any).
    private static func curve(store: MeterStore, meter: MeterStatus, channelID: Int64, day: LocalDate, range: Range<Date>,
                              timeZone: TimeZone, now: Date) throws(StoreError) -> LoadCurve {
        let rows = try store.intervals(meterID: meter.id, channelID: channelID, starts: IntervalGrid(lengthSeconds: 900).starts(in: range))
        let lengths = Dictionary(grouping: rows, by: \.lengthSeconds).mapValues(\.count)
        let length = lengths.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key ?? 900
        let byStart = Dictionary(rows.filter { $0.lengthSeconds == length }.map { ($0.start, $0) }, uniquingKeysWith: { $0.revision > $1.revision ? $0 : $1 })
        let grid = IntervalGrid(lengthSeconds: length)
        let intervals = grid.starts(in: range).filter { $0.addingTimeInterval(grid.length) <= now }.map { start in
            let row = byStart[start]
            return LoadCurveInterval(start: start, lengthSeconds: length, energyWh: row?.valueWh, quality: row?.quality, source: row?.source,
                                     revision: row?.revision)
        }
        return LoadCurve(meter: meter.name, channel: loadCurveChannel, day: day, range: range, timeZone: timeZone, lengthSeconds: length,
                         intervals: intervals)
    }
}
