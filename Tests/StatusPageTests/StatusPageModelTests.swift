import Foundation
import Intervals
import StatusPage
import Store
import Testing

@Suite("Status page model from a real store")
struct StatusPageModelTests {
    typealias F = StatusPageFixture

    @Test func metersCarryTheirStateAndNeverPolledMetersAreUnknown() throws {
        let fixture = try F.populated()
        defer { fixture.remove() }
        let model = try StatusPageModel.load(store: fixture.store, gatewayID: "gw-7", meter: nil, day: nil, timeZone: F.berlin, now: F.now)
        #expect(model.gatewayID == "gw-7")
        #expect(model.generatedAt == F.now)
        // The store's order: bus, then unit, then name ("rs485-1" sorts before "tcp:…").
        #expect(model.meters.map(\.name) == ["m-001", "m-002", "pv-roof"])
        #expect(model.meters.map(\.health) == [.online, .offline, .unknown])
        #expect(model.meters[0].lastReadAt == F.now.addingTimeInterval(-60))
        #expect(model.meters[1].consecutiveFailures == 5)
        #expect(model.meters[1].lastError == "timeout: unit 2, function 04, address 0x0048")
        #expect(model.meters[2].lastReadAt == nil)
        #expect(model.meters[2].unit == 1 && model.meters[2].bus == "tcp:10.0.0.5" && model.meters[2].profile == "sunspec-203")
    }

    @Test func destinationsShowDeliveredBacklogAgeFailuresAndDeadLetters() throws {
        let fixture = try F.populated()
        defer { fixture.remove() }
        let model = try StatusPageModel.load(store: fixture.store, gatewayID: "gw", meter: nil, day: nil, timeZone: F.berlin, now: F.now)
        #expect(model.destinations.map(\.id) == ["billing", "lse-drop", "warehouse"])
        // Revisions stored: m-001 has 92 - 3 absent slots plus a second revision of one, m-002 18 hours.
        let revisions = (92 - 3) + 1 + 18
        let warehouse = try #require(model.destinations.last)
        #expect(warehouse.kind == "interval")
        #expect(warehouse.deliveredRows == 60)
        #expect(warehouse.backlogRows == revisions - 60)
        // The 61st revision is m-001's 61st row: slots 0-49 are rows 1-50, slots 50-52 are
        // absent, so row 61 is slot 63; the fixture computes a row 300 s after it ends.
        let oldest = F.springMidnight.addingTimeInterval(63 * 900 + 900 + 300)
        #expect(warehouse.oldestPendingAt == oldest)
        #expect(warehouse.age == F.now.timeIntervalSince(oldest))
        #expect(warehouse.consecutiveFailures == 1)
        #expect(warehouse.lastError == "connection refused <postgres://wh.example:5432>")
        #expect(warehouse.deadLetters == 0)
        let billing = model.destinations[0]
        #expect(billing.kind == "billing_cycle" && billing.backlogRows == 0 && billing.oldestPendingAt == nil && billing.age == nil)
        let drop = model.destinations[1]
        #expect(drop.deadLetters == 1)
        #expect(drop.deliveredRows == 0)
        #expect(drop.backlogRows == revisions - 10)
    }

    @Test func defaultsToTheFirstMeterAndTheLocalDayBeforeNow() throws {
        let fixture = try F.populated()
        defer { fixture.remove() }
        let model = try StatusPageModel.load(store: fixture.store, gatewayID: "gw", meter: nil, day: nil, timeZone: F.berlin, now: F.now)
        // now is 2026-03-30 10:12 CEST: the day before is the spring DST day.
        #expect(model.selectedMeter == "m-001")
        #expect(model.selectedDay == F.springDay)
        let curve = try #require(model.loadCurve)
        #expect(curve.meter == "m-001")
        #expect(curve.channel == "energy.import.total")
        #expect(curve.range == F.springMidnight..<F.springDayEnd)
        #expect(curve.timeZone == F.berlin)
    }

    @Test func theSpringDSTDayHas92QuarterHoursWithGapsListedAsMissing() throws {
        let fixture = try F.populated()
        defer { fixture.remove() }
        let model = try StatusPageModel.load(store: fixture.store, gatewayID: "gw", meter: "m-001", day: F.springDay, timeZone: F.berlin, now: F.now)
        let curve = try #require(model.loadCurve)
        // 23 hours x 4.
        #expect(curve.intervals.count == 23 * 4)
        #expect(curve.lengthSeconds == 900)
        #expect(curve.intervals.map(\.start) == (0..<92).map { F.springMidnight.addingTimeInterval(Double($0) * 900) })
        for index in F.absent {
            #expect(curve.intervals[index].isMissing && curve.intervals[index].revision == nil && curve.intervals[index].quality == nil)
        }
        for index in F.storedMissing {
            #expect(curve.intervals[index].isMissing && curve.intervals[index].revision == 1)
        }
        #expect(Set(curve.intervals.indices.filter { curve.intervals[$0].isEstimated }) == F.estimatedLinear.union(F.estimatedLikeDay))
        #expect(curve.intervals.indices.filter { curve.intervals[$0].isQuestionable } == Array(F.questionable))
        #expect(curve.intervals[5].energyWh == F.springWh(5) && curve.intervals[5].quality == 0 && curve.intervals[5].source == "registers")
        // The profile's value superseded the flat-hold estimate: the latest revision is shown.
        let revised = curve.intervals[F.revised]
        #expect(revised.revision == 2 && revised.energyWh == F.springWh(F.revised) && revised.source == "profile" && !revised.isEstimated)
    }

    @Test func anHourlySeriesIsDrawnInHours() throws {
        let fixture = try F.populated()
        defer { fixture.remove() }
        let model = try StatusPageModel.load(store: fixture.store, gatewayID: "gw", meter: "m-002", day: F.springDay, timeZone: F.berlin, now: F.now)
        let curve = try #require(model.loadCurve)
        #expect(curve.lengthSeconds == 3600)
        // 23 hours, the first 18 stored at 400 Wh (0.4 kW), the rest missing.
        #expect(curve.intervals.count == 23)
        #expect(curve.intervals.prefix(18).allSatisfy { $0.energyWh == 400 && $0.averageKW == 0.4 })
        #expect(curve.intervals.suffix(5).allSatisfy { $0.isMissing })
    }

    @Test func intervalsThatHaveNotEndedYetAreNotListed() throws {
        let fixture = try F.populated()
        defer { fixture.remove() }
        // 2026-03-29 05:07 CEST = 03:07Z. Midnight was 23:00Z, so the 16 quarter hours of
        // the 4 hours to 03:00Z (00:00 CET to 05:00 CEST) have ended; the store holds the
        // whole day, but an interval still running is not drawn.
        let early = F.utc("2026-03-29T03:07:00Z")
        let model = try StatusPageModel.load(store: fixture.store, gatewayID: "gw", meter: "m-001", day: F.springDay, timeZone: F.berlin, now: early)
        let curve = try #require(model.loadCurve)
        #expect(curve.intervals.count == 16)
    }

    @Test func anUnknownMeterOrAFutureDayLeavesTheCurveOutWithANotice() throws {
        let fixture = try F.populated()
        defer { fixture.remove() }
        let unknown = try StatusPageModel.load(store: fixture.store, gatewayID: "gw", meter: "m-999", day: nil, timeZone: F.berlin, now: F.now)
        #expect(unknown.loadCurve == nil)
        #expect(unknown.notices == ["There is no meter named m-999."])
        #expect(unknown.meters.count == 3)
        let future = try StatusPageModel.load(store: fixture.store, gatewayID: "gw", meter: nil, day: F.springDay.adding(days: 2), timeZone: F.berlin,
                                              now: F.now)
        #expect(future.loadCurve == nil)
        #expect(future.notices == ["2026-03-31 has not begun yet."])
    }

    @Test func anEmptyStoreGivesAPageWithoutMeters() throws {
        let fixture = try StatusPageFixture()
        defer { fixture.remove() }
        let model = try StatusPageModel.load(store: fixture.store, gatewayID: "gw", meter: nil, day: nil, timeZone: F.berlin, now: F.now)
        #expect(model.meters.isEmpty && model.destinations.isEmpty && model.loadCurve == nil && model.selectedMeter == nil)
        #expect(model.notices == ["No meters are configured yet."])
    }

    @Test func localDatesParseOnlyRealDaysAndSpanTheirLocalDay() throws {
        #expect(LocalDate("2026-03-29") == F.springDay)
        #expect(LocalDate("2026-02-29") == nil)
        #expect(LocalDate("2026-3-29") == nil)
        #expect(LocalDate("2026-03-29T00:00") == nil)
        #expect(F.springDay.description == "2026-03-29")
        #expect(F.springDay.range(in: LocalDays(timeZone: F.berlin)) == F.springMidnight..<F.springDayEnd)
        // Kiritimati is UTC+14: 2026-03-29 begins at 2026-03-28T10:00Z and lasts 24 hours.
        let kiritimati = TimeZone(identifier: "Pacific/Kiritimati")!
        #expect(F.springDay.range(in: LocalDays(timeZone: kiritimati)) == F.utc("2026-03-28T10:00:00Z")..<F.utc("2026-03-29T10:00:00Z"))
        // Pago Pago is UTC-11: it begins at 11:00Z the same day.
        let pagoPago = TimeZone(identifier: "Pacific/Pago_Pago")!
        #expect(F.springDay.range(in: LocalDays(timeZone: pagoPago)) == F.utc("2026-03-29T11:00:00Z")..<F.utc("2026-03-30T11:00:00Z"))
    }
}
