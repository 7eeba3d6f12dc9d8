import Foundation
import TestSupport
import Testing

/// `metergate status --html`: the page for operators without the API, from the built binary.
@Suite("metergate status --html")
struct StatusCommandTests {
    typealias F = StatusPageFixture

    @Test func writesThePageOfTheChosenMeterAndDayAndPrintsItsPath() throws {
        let fixture = try F.populated()
        defer { fixture.remove() }
        let page = fixture.directory.appendingPathComponent("status.html").path
        let result = try ChildProcess.run(Binaries.metergate, [
            "status", "--store", fixture.store.path, "--html", page, "--meter", "m-002", "--day", "2026-03-29",
            "--time-zone", "Europe/Berlin", "--gateway-id", "gw-cli",
        ])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output == page + "\n")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("<title>gw-cli · metergate status</title>"))
        #expect(html.contains(#"<option value="m-002" selected>m-002</option>"#))
        // m-002's 23 hourly intervals of the spring day, 18 stored, 5 missing.
        #expect(html.components(separatedBy: #"<rect class="bar "#).count - 1 == 18)
        #expect(html.components(separatedBy: #"<rect class="gap""#).count - 1 == 5)
    }

    @Test func rejectsADayThatIsNotADateAndCurveOptionsWithoutHTML() throws {
        let fixture = try F.populated()
        defer { fixture.remove() }
        let page = fixture.directory.appendingPathComponent("status.html").path
        let badDay = try ChildProcess.run(Binaries.metergate, ["status", "--store", fixture.store.path, "--html", page, "--day", "29.03.2026"])
        #expect(badDay.status == 64)
        #expect(badDay.output.contains("--day 29.03.2026: expected a date such as 2026-11-20"))
        let noHTML = try ChildProcess.run(Binaries.metergate, ["status", "--store", fixture.store.path, "--meter", "m-001"])
        #expect(noHTML.status == 64)
        #expect(!FileManager.default.fileExists(atPath: page))
    }
}
