import Foundation
import Intervals
import MeterKit
import StatusPage
import Store

/// A real store in a temporary directory, populated through the store's own API the way the
/// collector and forwarding populate it: meters synced, a bus cycle with meter states,
/// interval revisions appended, outboxes planned, completed, failed and dead-lettered.
///
/// `populated()` builds the gateway the page tests look at: the spring DST day 2026-03-29 in
/// Europe/Berlin (23 hours: 92 quarter hours), `now` the next morning.
final class StatusPageFixture: @unchecked Sendable {
    // @unchecked: every stored property is immutable after init; MeterStore is Sendable.
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    /// 2026-03-29 00:00 CET = 2026-03-28T23:00Z; the day ends 2026-03-30 00:00 CEST = 2026-03-29T22:00Z.
    static let springDay = LocalDate(year: 2026, month: 3, day: 29)!
    static let springMidnight = utc("2026-03-28T23:00:00Z")
    static let springDayEnd = utc("2026-03-29T22:00:00Z")
    /// 2026-03-30 10:12 CEST.
    static let now = utc("2026-03-30T08:12:00Z")

    let directory: URL
    let store: MeterStore
    let importChannel: Int64

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("metergate-page-\(UUID().uuidString)")
        store = try MeterStore(path: directory.appendingPathComponent("store.sqlite").path)
        importChannel = try store.channelIDs([StatusPageModel.loadCurveChannel, "energy.export.total"])[StatusPageModel.loadCurveChannel]!
    }

    func remove() {
        try? store.close()
        try? FileManager.default.removeItem(at: directory)
    }

    static func utc(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    /// Syncs meters and returns their ids by name.
    @discardableResult
    func meters(_ meters: [StoredMeter]) throws -> [String: Int64] { try store.syncMeters(meters) }

    /// Commits one cycle of `bus` at `at` that stores `states`.
    func states(_ states: [MeterStateRow], bus: String = "rs485-1", at: Date) throws {
        try store.commit(BusCycleRecord(bus: bus, bucket: at, startedAt: at, finishedAt: at.addingTimeInterval(1), states: states))
    }

    /// An import interval row (computed five minutes after it ends).
    func row(_ meter: Int64, _ start: Date, _ wh: Double?, quality: IntervalQuality = .valid, source: IntervalSource = .registerReads,
             estimation: EstimationMethod? = nil, length: Int = 900) -> IntervalRow {
        IntervalRow(meterID: meter, channelID: importChannel, start: start, lengthSeconds: length, valueWh: wh, quality: quality.rawValue,
                    source: source.rawValue, estimation: estimation?.rawValue, flags: 0,
                    computedAt: start.addingTimeInterval(TimeInterval(length + 300)))
    }

    // MARK: - The populated gateway

    /// Interval slots of m-001 on the spring day, by index from local midnight (0...91).
    static let estimatedLinear: Set<Int> = [40, 41, 42, 43]
    static let estimatedLikeDay: Set<Int> = [60]
    static let questionable: Set<Int> = [70]
    /// No row at all.
    static let absent: Set<Int> = [50, 51, 52]
    /// A row that says missing.
    static let storedMissing: Set<Int> = [53]
    /// Revised: an estimate first, then the meter's own profile value.
    static let revised = 10
    static let quarterHours = 92

    /// The m-001 value of slot `index` in Wh: a household-like day, base load with a morning
    /// and an evening peak, by hours since local midnight.
    static func springWh(_ index: Int) -> Double {
        let hours = Double(index) / 4
        let kW = 0.35 + 1.1 * exp(-pow((hours - 7) / 1.2, 2)) + 2.2 * exp(-pow((hours - 18) / 1.8, 2))
        return (kW * 250).rounded()
    }

    /// Three meters (online, offline, never polled), a spring day of m-001 with estimates,
    /// a questionable value and gaps, an hourly day of m-002, and three destinations (one
    /// behind and failing, one empty, one with a dead letter).
    static func populated() throws -> StatusPageFixture {
        let fixture = try StatusPageFixture()
        let ids = try fixture.meters([
            StoredMeter(name: "m-001", bus: "rs485-1", unit: 1, profile: "sdm630"),
            StoredMeter(name: "m-002", bus: "rs485-1", unit: 2, profile: "sdm120"),
            StoredMeter(name: "pv-roof", bus: "tcp:10.0.0.5", unit: 1, profile: "sunspec-203"),
        ])
        let m1 = ids["m-001"]!, m2 = ids["m-002"]!
        try fixture.states([
            MeterStateRow(meterID: m1, health: .online, lastReadAt: now.addingTimeInterval(-60), readsOK: 9000),
            MeterStateRow(meterID: m2, health: .offline, consecutiveFailures: 5, lastReadAt: utc("2026-03-29T17:45:00Z"),
                          lastError: "timeout: unit 2, function 04, address 0x0048"),
        ], at: now.addingTimeInterval(-60))

        var rows: [IntervalRow] = []
        for index in 0..<quarterHours where !absent.contains(index) {
            let start = springMidnight.addingTimeInterval(Double(index) * 900)
            if storedMissing.contains(index) {
                rows.append(fixture.row(m1, start, nil))
            } else if estimatedLinear.contains(index) {
                rows.append(fixture.row(m1, start, springWh(index), quality: .estimatedLinear, source: .estimate, estimation: .linearInterpolation))
            } else if estimatedLikeDay.contains(index) {
                rows.append(fixture.row(m1, start, springWh(index), quality: .estimatedReferenceDay, source: .estimate, estimation: .likeDay))
            } else if questionable.contains(index) {
                rows.append(fixture.row(m1, start, springWh(index), quality: .questionable))
            } else if index == revised {
                rows.append(fixture.row(m1, start, 50, quality: .estimatedLinear, source: .estimate, estimation: .flatHold))
            } else {
                rows.append(fixture.row(m1, start, springWh(index)))
            }
        }
        // m-002 stores hourly intervals until it went offline at 18:45 CEST.
        for hour in 0..<18 { rows.append(fixture.row(m2, springMidnight.addingTimeInterval(Double(hour) * 3600), 400, length: 3600)) }
        try fixture.store.appendIntervalRevisions(rows)
        let start = springMidnight.addingTimeInterval(Double(revised) * 900)
        try fixture.store.appendIntervalRevisions([fixture.row(m1, start, springWh(revised), source: .meterProfile)])

        // The warehouse took the first 60 revisions, then failed; the file drop refused 10.
        _ = try fixture.store.openOutbox(destination: "warehouse", table: .interval)
        _ = try fixture.store.planBatch(destination: "warehouse", limit: 60)
        try fixture.store.completeBatch(destination: "warehouse", rows: 60, at: utc("2026-03-29T16:00:00Z"))
        _ = try fixture.store.planBatch(destination: "warehouse", limit: 60)
        try fixture.store.recordFailure(destination: "warehouse", error: "connection refused <postgres://wh.example:5432>",
                                        nextAttemptAt: now.addingTimeInterval(120))
        _ = try fixture.store.openOutbox(destination: "billing", table: .billingCycle)
        _ = try fixture.store.openOutbox(destination: "lse-drop", table: .interval)
        _ = try fixture.store.planBatch(destination: "lse-drop", limit: 10)
        try fixture.store.deadLetterBatch(destination: "lse-drop", rows: 10, reason: "422 unknown ESI ID", payload: "{}", at: now)
        return fixture
    }
}
