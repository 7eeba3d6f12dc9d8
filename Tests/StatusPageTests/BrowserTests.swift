import Foundation
import StatusPage
import Store
import TestSupport
import Testing

/// The page as an operator's browser sees it: served by the gateway's own HTTP server on
/// loopback, behind a reader token, and loaded by Debian's Chromium in headless mode. The screenshot is kept at `.build/status-page.png`.
@Suite("Status page in a headless browser", .serialized)
struct BrowserTests {
    typealias F = StatusPageFixture

    static let screenshotPath = Repository.root.appendingPathComponent(".build/status-page.png").path
    static let width = 1280, height = 1600

    /// The part of `html` from the first `start` to the next `end` after it.
    static func slice(_ html: String, from start: String, to end: String) -> String? {
        guard let lower = html.range(of: start), let upper = html.range(of: end, range: lower.upperBound..<html.endIndex) else { return nil }
        return String(html[lower.lowerBound..<upper.upperBound])
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func theMeterTableAndTheLoadCurveRenderInChromium() async throws {
        let fixture = try F.populated()
        defer { fixture.remove() }
        let store = fixture.store
        let server = try await StatusPageServer.start(store: store, gatewayID: "gw-berlin-7", timeZone: F.berlin, now: F.now)
        do {
            try await check(server: server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    private func check(server: StatusPageServer) async throws {
        let dom = try await HeadlessChromium.dumpDOM(url: server.url)
        // One row per meter in the store, the offline one marked.
        let meters = try #require(Self.slice(dom, from: ##"<table id="meters">"##, to: "</table>"))
        let body = try #require(Self.slice(meters, from: "<tbody>", to: "</tbody>"))
        #expect(Self.count("<tr", in: body) == 3)
        #expect(Self.count(##"<tr class="offline">"##, in: body) == 1)
        #expect(body.contains("m-001") && body.contains("m-002") && body.contains("pv-roof"))
        // The curve of the default meter and day: the 92 quarter hours of the spring DST day,
        // one element each; the stored bars and the estimates as the fixture made them.
        let svg = try #require(Self.slice(dom, from: ##"<svg id="load-curve""##, to: "</svg>"))
        let gaps = F.absent.count + F.storedMissing.count
        let estimated = F.estimatedLinear.count + F.estimatedLikeDay.count
        #expect(Self.count(##"<rect class="bar "##, in: svg) == F.quarterHours - gaps)
        #expect(Self.count(##"<rect class="gap""##, in: svg) == gaps)
        #expect(Self.count(##"<rect class="bar estimated""##, in: svg) == estimated)
        #expect(Self.count(##"<rect class="bar questionable""##, in: svg) == F.questionable.count)
        let destinations = try #require(Self.slice(dom, from: ##"<table id="destinations">"##, to: "</table>"))
        #expect(Self.count("<tr", in: try #require(Self.slice(destinations, from: "<tbody>", to: "</tbody>"))) == 3)

        // The form's GET parameters reach the page: m-002's hourly day has 23 intervals.
        let chosen = try await HeadlessChromium.dumpDOM(url: server.url + "?meter=m-002&day=2026-03-29")
        let hourly = try #require(Self.slice(chosen, from: ##"<svg id="load-curve""##, to: "</svg>"))
        #expect(Self.count(##"<rect class="bar "##, in: hourly) + Self.count(##"<rect class="gap""##, in: hourly) == 23)

        // The screenshot: a PNG of the window's size with a page painted on it.
        try await HeadlessChromium.screenshot(url: server.url, to: Self.screenshotPath, width: Self.width, height: Self.height)
        print("status page screenshot: \(Self.screenshotPath)")
        let page = try PNGImage(Data(contentsOf: URL(fileURLWithPath: Self.screenshotPath)))
        #expect(page.width == Self.width && page.height == Self.height)
        let blank = try await Self.screenshot("about:blank")
        #expect(blank.distinctColors(upTo: 10) == 1)
        #expect(page.distinctColors(upTo: 1000) > 100)
        // What the browser painted: the offline meter's row background, and the estimates'
        // amber beyond the legend's swatch. The same page for m-002, which has no estimates,
        // paints the swatch alone.
        #expect(page.count(hex: "#fdecea") > 0)
        let withoutEstimates = try await Self.screenshot(server.url + "?meter=m-002&day=2026-03-29")
        let legendOnly = withoutEstimates.count(hex: "#e8a33d")
        #expect(legendOnly > 0)
        #expect(page.count(hex: "#e8a33d") > 2 * legendOnly, "amber pixels: \(page.count(hex: "#e8a33d")), legend alone \(legendOnly)")
    }

    /// A screenshot of `url` in a temporary file, decoded.
    private static func screenshot(_ url: String) async throws -> PNGImage {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("metergate-shot-\(UUID().uuidString).png").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await HeadlessChromium.screenshot(url: url, to: path, width: width, height: height)
        return try PNGImage(Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
