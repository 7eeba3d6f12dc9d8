import Foundation
import StatusPage
import Store
import Testing

@Suite("Status page HTML")
struct StatusPageHTMLTests {
    typealias F = StatusPageFixture

    static func model(meters: [StatusPageMeter], destinations: [StatusPageDestination] = [], notices: [String] = []) -> StatusPageModel {
        StatusPageModel(gatewayID: "gw <1>", generatedAt: F.now, timeZone: F.berlin, meters: meters, destinations: destinations,
                        selectedMeter: meters.first?.name, selectedDay: F.springDay, loadCurve: nil, notices: notices)
    }

    static let offlineMeter = StatusPageMeter(name: ##"<script>alert("m")</script>"##, bus: "rs485-1", unit: 3, profile: "sdm630",
                                              health: .offline, lastReadAt: nil, lastError: "timeout & <retry>", consecutiveFailures: 4)

    @Test func isOneSelfContainedDocumentWithoutScriptsOrExternalResources() throws {
        let fixture = try F.populated()
        defer { fixture.remove() }
        let html = try StatusPageHTML.page(store: fixture.store, gatewayID: "gw-7", meter: nil, day: nil, timeZone: F.berlin, now: F.now)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains(##"<meta http-equiv="refresh" content="60">"##))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("src="))
        #expect(!html.contains("<link"))
        // The only URL is the SVG namespace, which names and loads nothing.
        #expect(html.components(separatedBy: "http").count - 1 == 2)   // http-equiv and the namespace
        #expect(html.contains(##"xmlns="http://www.w3.org/2000/svg""##))
        #expect(html.contains(##"<table id="meters">"##) && html.contains(##"<table id="destinations">"##) && html.contains(##"<svg id="load-curve""##))
        #expect(try StatusPageHTML.page(store: fixture.store, gatewayID: "gw-7", meter: nil, day: nil, timeZone: F.berlin, now: F.now) == html)
    }

    @Test func theFormChoosesMeterAndDayByGetParameters() throws {
        let fixture = try F.populated()
        defer { fixture.remove() }
        let html = try StatusPageHTML.page(store: fixture.store, gatewayID: "gw", query: "meter=m-002&day=2026-03-29", timeZone: F.berlin, now: F.now)
        #expect(html.contains(##"<form method="get" class="chooser">"##))
        #expect(html.contains(##"<option value="m-002" selected>m-002</option>"##))
        #expect(html.contains(##"<option value="m-001">m-001</option>"##))
        #expect(html.contains(##"<input type="date" name="day" value="2026-03-29" required>"##))
        #expect(html.contains("of <strong>m-002</strong> on 2026-03-29"))
        // m-002: 18 hours of 400 Wh = 7.2 kWh, peak 0.4 kW from 00:00; 23 hours, 5 missing.
        #expect(html.contains("7.200 kWh · peak 0.400 kW at 00:00 · 23 intervals: 18 measured, 0 estimated, 0 questionable, 5 missing"))
    }

    @Test func aFormSpaceArrivesAsAPlusAndABadDayGetsANotice() throws {
        let fixture = try StatusPageFixture()
        defer { fixture.remove() }
        try fixture.meters([StoredMeter(name: "meter one", bus: "rs485-1", unit: 1, profile: "sdm120")])
        let html = try StatusPageHTML.page(store: fixture.store, gatewayID: "gw", query: "meter=meter+one&day=2026-02-30", timeZone: F.berlin,
                                           now: F.now)
        #expect(html.contains(##"<option value="meter one" selected>meter one</option>"##))
        // The default day is the one before now (2026-03-30 local).
        #expect(html.contains(##"<p class="notice">2026-02-30 is not a day (YYYY-MM-DD); showing 2026-03-29.</p>"##))
        // An empty field counts as absent.
        let empty = try StatusPageHTML.page(store: fixture.store, gatewayID: "gw", query: "meter=&day=", timeZone: F.berlin, now: F.now)
        #expect(!empty.contains(##"class="notice""##))
        #expect(empty.contains(##"<option value="meter one" selected>"##))
    }

    @Test func offlineMetersComeFirstThenUnpolledThenOnline() throws {
        func meter(_ name: String, _ health: MeterHealth) -> StatusPageMeter {
            StatusPageMeter(name: name, bus: "b", unit: 1, profile: "p", health: health, lastReadAt: nil, lastError: nil, consecutiveFailures: 0)
        }
        let html = StatusPageHTML.render(Self.model(meters: [meter("on-1", .online), meter("new-1", .unknown), meter("off-1", .offline),
                                                             meter("on-2", .online), meter("off-2", .offline)]))
        let names = html.components(separatedBy: #"<td class="name">"#).dropFirst().map { String($0.prefix { $0 != "<" }) }
        #expect(names == ["off-1", "off-2", "new-1", "on-1", "on-2"])
    }

    @Test func offlineMetersAreHighlightedAndSpelledOut() {
        let online = StatusPageMeter(name: "m-1", bus: "rs485-1", unit: 1, profile: "sdm630", health: .online,
                                     lastReadAt: F.utc("2026-03-30T08:11:00Z"), lastError: nil, consecutiveFailures: 0)
        let html = StatusPageHTML.render(Self.model(meters: [online, Self.offlineMeter]))
        #expect(html.contains(##"<tr class="online"><td class="name">m-1</td>"##))
        #expect(html.contains(##"<tr class="offline"><td class="name">&lt;script&gt;alert(&quot;m&quot;)&lt;/script&gt;</td>"##))
        #expect(html.contains(##"<span class="state offline">offline</span>"##))
        // 08:11Z is 10:11 CEST.
        #expect(html.contains("<td class=\"time\">2026-03-30 10:11:00</td>"))
        #expect(html.contains("<td class=\"time\">never</td>"))
        #expect(html.contains(##"<td class="error">timeout &amp; &lt;retry&gt;</td>"##))
        #expect(!html.contains("<script>"))
        #expect(html.contains(##"<title>gw &lt;1&gt; · metergate status</title>"##))
        #expect(html.contains(##"<span class="value">1</span><span class="label">Offline</span>"##))
    }

    @Test func destinationsShowBacklogAgeAndDeadLetters() {
        let behind = StatusPageDestination(id: "warehouse", kind: "interval", deliveredRows: 1_234_567, backlogRows: 4_800,
                                           oldestPendingAt: F.utc("2026-03-29T06:00:00Z"), age: 94_320, consecutiveFailures: 3,
                                           deadLetters: 2, lastError: "HTTP 503 <busy>")
        let html = StatusPageHTML.render(Self.model(meters: [], destinations: [behind]))
        // 94320 s = 1 d 2 h 12 min, shown as days and hours; counts grouped with narrow spaces.
        #expect(html.contains(##"<tr class="attention"><td class="name">warehouse</td><td>interval</td>"##
            + "<td class=\"num\">1\u{202F}234\u{202F}567</td><td class=\"num\">4\u{202F}800</td><td class=\"time\">2026-03-29 08:00:00</td>"
            + ##"<td class="num">1 d 2 h</td><td class="num">3</td><td class="num">2</td><td class="error">HTTP 503 &lt;busy&gt;</td></tr>"##))
        #expect(html.contains(##"<tr class="empty"><td colspan="8">No meters are configured.</td></tr>"##))
    }
}
