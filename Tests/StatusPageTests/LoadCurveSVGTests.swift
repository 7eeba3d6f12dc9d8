import Foundation
import Intervals
import StatusPage
import Testing

/// The chart's geometry against values computed by hand. The plot spans x 64-944 (880 units
/// for the local day) and y 240 (0 kW) up to 20 (the scale's top, 220 units).
@Suite("Load curve SVG")
struct LoadCurveSVGTests {
    typealias F = StatusPageFixture
    /// 2026-03-30 in Berlin is an ordinary 24-hour CEST day: 2026-03-29T22:00Z to 2026-03-30T22:00Z.
    static let ordinaryDay = LocalDate(year: 2026, month: 3, day: 30)!
    static let ordinaryMidnight = F.utc("2026-03-29T22:00:00Z")

    /// A Berlin curve of quarter hours from `midnight`, one per given (Wh, quality) in order.
    static func curve(_ values: [(Double?, IntervalQuality)], day: LocalDate = ordinaryDay, midnight: Date = ordinaryMidnight,
                      hours: Double = 24, meter: String = "m-001") -> LoadCurve {
        let intervals = values.enumerated().map { index, value in
            LoadCurveInterval(start: midnight.addingTimeInterval(Double(index) * 900), lengthSeconds: 900, energyWh: value.0,
                              quality: value.0 == nil ? nil : value.1.rawValue,
                              source: value.0 == nil ? nil : value.1.isEstimate ? "estimate" : "registers", revision: value.0 == nil ? nil : 1)
        }
        return LoadCurve(meter: meter, channel: "energy.import.total", day: day, range: midnight..<midnight.addingTimeInterval(hours * 3600),
                         timeZone: F.berlin, lengthSeconds: 900, intervals: intervals)
    }

    @Test func aQuarterHourOf250WhIsOneKilowattAndFillsAOneKilowattScale() {
        let curve = Self.curve([(250, .valid), (125, .valid)])
        // 250 Wh x 3600 / 900 s / 1000 = 1.0 kW; 125 Wh = 0.5 kW.
        #expect(curve.intervals[0].averageKW == 1.0)
        #expect(curve.intervals[1].averageKW == 0.5)
        // Peak 1.0 kW over 4 gridlines: a step of at least 0.25, which is nice; the top is 1.0 kW.
        let geometry = LoadCurveGeometry(range: curve.range, peakKW: curve.peakKW)
        #expect(geometry.stepKW == 0.25 && geometry.scaleMaxKW == 1.0)
        // A quarter hour is 880 x 900 / 86400 = 9.1667 units wide, drawn 0.5 in from each side.
        // Bar 0: x 64.5, width 8.17, height 1.0/1.0 x 220 = 220, top 240 - 220 = 20.
        // Bar 1: x 64 + 9.1667 + 0.5 = 73.67, height 0.5 x 220 = 110, top 130.
        let svg = LoadCurveSVG.render(curve)
        #expect(svg.contains(##"<rect class="bar valid" x="64.50" y="20.00" width="8.17" height="220.00" fill="#2f6fb0">"##))
        #expect(svg.contains(##"<rect class="bar valid" x="73.67" y="130.00" width="8.17" height="110.00" fill="#2f6fb0">"##))
        // Gridline labels 0, 0.25, ... 1.00 with two decimals; 0.50 kW sits at y 130 (+4 for the baseline).
        #expect(svg.contains(##"<text x="58.00" y="134.00">0.50</text>"##))
    }

    @Test func niceStepsAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen() {
        // Peak / 4 gridlines, rounded up to the next nice step.
        #expect(LoadCurveGeometry(range: F.springMidnight..<F.springDayEnd, peakKW: 1.3).scaleMaxKW == 2.0)   // 0.325 -> 0.5
        #expect(LoadCurveGeometry(range: F.springMidnight..<F.springDayEnd, peakKW: 3.0).scaleMaxKW == 4.0)   // 0.75 -> 1
        #expect(LoadCurveGeometry(range: F.springMidnight..<F.springDayEnd, peakKW: 12).scaleMaxKW == 20)     // 3 -> 5
        #expect(LoadCurveGeometry(range: F.springMidnight..<F.springDayEnd, peakKW: 0.16).scaleMaxKW == 0.2)  // 0.04 -> 0.05
        #expect(LoadCurveGeometry(range: F.springMidnight..<F.springDayEnd, peakKW: nil).scaleMaxKW == 1.0)   // no data: 1 kW
        #expect(LoadCurveGeometry(range: F.springMidnight..<F.springDayEnd, peakKW: 0).scaleMaxKW == 1.0)
    }

    @Test func hoursArePlacedByInstantOnA23HourSpringDay() {
        // 2026-03-29 Berlin: 23:00Z to 22:00Z, 23 hours; 02:00 does not exist.
        let curve = Self.curve(Array(repeating: (100, .valid), count: 92), day: F.springDay, midnight: F.springMidnight, hours: 23)
        let geometry = LoadCurveGeometry(range: curve.range, peakKW: curve.peakKW)
        // 06:00 CEST = 04:00Z, 5 hours after midnight: 64 + 880 x 5/23 = 255.304.
        let six = F.utc("2026-03-29T04:00:00Z")
        #expect(abs(geometry.x(six) - (64 + 880.0 * 5 / 23)) < 1e-9)
        let svg = LoadCurveSVG.render(curve)
        #expect(svg.contains(##"<text x="255.30" y="257.00">06:00</text>"##))
        // 03:00 CEST = 01:00Z, 2 hours in: 64 + 880 x 2/23 = 140.52; there is no 02:00 tick label.
        #expect(svg.contains(##"<text x="140.52" y="257.00">03:00</text>"##))
        // 23 hour ticks plus the end.
        #expect(svg.components(separatedBy: ##"y2="244.00" stroke="#444"/>"##).count - 1 == 24)
        // The quarter hour from 06:00 is slot 20 (5 h x 4): x 255.30 + 0.5, width 880 x 0.25/23 - 1 = 8.565.
        #expect(svg.contains(##"<rect class="bar valid" x="255.80" "##))
        #expect(svg.contains(##"width="8.57""##))
        #expect(svg.components(separatedBy: ##"class="bar "##).count - 1 == 92)
    }

    @Test func hoursArePlacedByInstantOnA25HourAutumnDay() {
        // 2026-10-25 Berlin: 2026-10-24T22:00Z (CEST) to 2026-10-25T23:00Z (CET), 25 hours.
        let midnight = F.utc("2026-10-24T22:00:00Z")
        let curve = Self.curve(Array(repeating: (100, .valid), count: 100), day: LocalDate("2026-10-25")!, midnight: midnight, hours: 25)
        let svg = LoadCurveSVG.render(curve)
        // 06:00 CET = 05:00Z, 7 hours in: 64 + 880 x 7/25 = 310.40.
        #expect(svg.contains(##"<text x="310.40" y="257.00">06:00</text>"##))
        // 03:00 CET = 02:00Z, 4 hours in (02:00 came twice): 64 + 880 x 4/25 = 204.80.
        #expect(svg.contains(##"<text x="204.80" y="257.00">03:00</text>"##))
        #expect(svg.components(separatedBy: ##"y2="244.00" stroke="#444"/>"##).count - 1 == 26)
        #expect(svg.components(separatedBy: ##"class="bar "##).count - 1 == 100)
        // The two 02:00-02:15 quarter hours tell their offsets apart in the tooltip.
        #expect(svg.contains("02:00–02:15 UTC+02:00"))
        #expect(svg.contains("02:00–02:15 UTC+01:00"))
    }

    @Test func estimatedAndQuestionableIntervalsHaveTheirOwnFillAndTheLegendNamesThem() {
        let curve = Self.curve([(250, .valid), (250, .estimatedLinear), (250, .estimatedReferenceDay), (250, .questionable)])
        let svg = LoadCurveSVG.render(curve)
        #expect(svg.components(separatedBy: ##"class="bar estimated""##).count - 1 == 2)
        #expect(svg.contains(##"<rect class="bar estimated" x="73.67" y="20.00" width="8.17" height="220.00" fill="#e8a33d">"##))
        #expect(svg.contains(##"<rect class="bar questionable" x="92.00" y="20.00" width="8.17" height="220.00" fill="#8e5bb5">"##))
        #expect(svg.components(separatedBy: ##"class="bar valid""##).count - 1 == 1)
        #expect(svg.contains(##"fill="#e8a33d"/><text x="20.00" y="0">estimated (Green Button 8, 9)</text>"##))
        #expect(svg.contains(">questionable (10)</text>"))
        #expect(svg.contains(">measured</text>"))
    }

    @Test func aMissingIntervalIsAMarkedGapNeverAZeroBar() {
        let curve = Self.curve([(250, .valid), (nil, .valid), (0, .valid)])
        let svg = LoadCurveSVG.render(curve)
        // Slot 1 spans x 73.17-82.33: a hatched band over the plot's full height, and a red
        // triangle under the axis at its middle, 64 + 1.5 x 9.1667 = 77.75.
        #expect(svg.contains(##"<rect class="gap" x="73.67" y="20.00" width="8.17" height="220.00" fill="url(#gap-hatch)">"##))
        #expect(svg.contains(##"<path class="gap-mark" d="M77.75 241.00L74.25 248.00H81.25Z" fill="#c62828"/>"##))
        #expect(!svg.contains(##"class="bar valid" x="73.67""##))
        #expect(svg.contains("<title>00:15–00:30 UTC+02:00 · missing</title>"))
        // A measured zero is a bar, of no height.
        #expect(svg.contains(##"<rect class="bar valid" x="82.83" y="240.00" width="8.17" height="0.00" fill="#2f6fb0">"##))
        #expect(svg.contains(">missing</text>"))
    }

    @Test func everyBarHasATooltipWithTimeEnergyAndQuality() {
        let svg = LoadCurveSVG.render(Self.curve([(250, .valid), (187.5, .estimatedLinear)]))
        // 2026-03-30 is CEST (UTC+02:00); 187.5 Wh = 0.1875 kWh = 0.75 kW.
        #expect(svg.contains("<title>00:00–00:15 UTC+02:00 · 0.250 kWh · 1.000 kW · valid · registers · rev 1</title>"))
        #expect(svg.contains("<title>00:15–00:30 UTC+02:00 · 0.188 kWh · 0.750 kW · estimated (linear) · estimate · rev 1</title>"))
    }

    @Test func textIsEscapedAndTheSameCurveGivesTheSameBytes() {
        let curve = Self.curve([(250, .valid)], meter: ##"<m&"1'>"##)
        let svg = LoadCurveSVG.render(curve)
        #expect(svg.contains("Import energy of &lt;m&amp;&quot;1&#39;&gt; on 2026-03-30"))
        #expect(!svg.contains(##"<m&"##))
        #expect(LoadCurveSVG.render(curve) == svg)
        #expect(svg.hasPrefix(##"<svg id="load-curve" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 960.00 288.00""##))
    }
}
