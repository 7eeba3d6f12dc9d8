import Foundation
import Exports
import Intervals
import Testing

/// The samples in docs/formats.md are what the encoders produce for these inputs: the test
/// fails when an encoder's output changes and the document does not. Run with
/// `EXPORTS_PRINT_SAMPLES=1` to print them.
@Suite struct FormatSamplesTests {
    static var sampleIntervals: [ExportedInterval] {
        var run = Fixture.run(meter: "1008901000000000000001", from: Fixture.march1, count: 4, wh: 212.4)
        run[1].valueWh = 230.6
        run[1].quality = .estimatedLinear
        run[1].revision = 1
        run[1].source = "estimate"
        run[1].estimation = "linear"
        run[2].valueWh = nil
        run[2].flags = 1
        run[3].quality = .questionable
        run[3].flags = 16  // spike
        return run
    }

    static var csv: String { IntervalCSV.encode(sampleIntervals) }

    static var espi: String {
        get throws {
            try GreenButtonFeed(baseURI: "https://gw-north-01.example/espi/1_1/resource", subscriptionID: "gw-north-01")
                .encode(sampleIntervals, generatedAt: Fixture.generatedAt)
        }
    }

    /// Hourly, so a day's record is short enough to read: 2026-03-01 in Chicago.
    static var lse: String {
        get throws {
            let midnight = Date(timeIntervalSince1970: 1_772_344_800)  // 2026-03-01T06:00Z
            var day = Fixture.run(meter: "1008901000000000000001", from: midnight, count: 24, length: 3600, wh: 1500)
            day[3].quality = .estimatedReferenceDay
            day[4].valueWh = nil
            day[5].quality = .questionable
            return try TexasLSEFile().encode(day)
        }
    }

    /// The corrected February cycle of `BillingCSVTests`.
    static var billingCSV: String { BillingCSV.encode([BillingCSVTests.correctedFebruary], gatewayID: "gw-north-01") }

    @Test func docsFormatsShowsWhatTheEncodersWrite() throws {
        let samples = [Self.csv, try Self.espi, try Self.lse, Self.billingCSV].map { $0.replacingOccurrences(of: "\r\n", with: "\n") }
        if ProcessInfo.processInfo.environment["EXPORTS_PRINT_SAMPLES"] != nil {
            for sample in samples { print("----- sample\n" + sample, terminator: "") }
        }
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/formats.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for sample in samples {
            #expect(text.contains(sample))
        }
    }
}
