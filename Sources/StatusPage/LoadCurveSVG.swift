import Foundation
import Intervals

/// Draws a `LoadCurve` as an inline SVG: one bar per interval at its average kW, positioned by
/// instant on an axis of the local day's hours (`LoadCurveGeometry`).
///
/// The operator must tell measured from estimated data at a glance, so estimates get their own
/// fill, questionable values another, and a missing interval is a hatched gap with a red mark
/// under the axis, never a zero-height bar; a legend names all four. Every bar has a `<title>`
/// (the browser's tooltip) with the local time, kWh, kW, quality, source and revision.
///
/// The output is a pure function of the curve: coordinates have two decimals and text is
/// escaped, so the same curve always gives the same bytes.
public enum LoadCurveSVG {
    /// The element id of the drawing in the page.
    public static let elementID = "load-curve"

    /// Fills, one per kind of interval; the legend uses the same.
    static let validFill = "#2f6fb0"
    static let estimatedFill = "#e8a33d"
    static let questionableFill = "#8e5bb5"
    static let gapMark = "#c62828"

    /// The SVG element for `curve`.
    public static func render(_ curve: LoadCurve) -> String {
        let geometry = LoadCurveGeometry(range: curve.range, peakKW: curve.peakKW)
        let days = LocalDays(timeZone: curve.timeZone)
        let title = "Import energy of \(curve.meter) on \(curve.day) (\(curve.timeZone.identifier)): average kW per \(curve.lengthSeconds / 60) minutes"
        var svg = """
            <svg id="\(elementID)" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(n(LoadCurveGeometry.width)) \(n(LoadCurveGeometry.height))" \
            width="\(n(LoadCurveGeometry.width))" height="\(n(LoadCurveGeometry.height))" role="img" aria-labelledby="load-curve-title" \
            font-family="DejaVu Sans, Verdana, sans-serif" font-size="11">
            <title id="load-curve-title">\(PageText.escape(title))</title>
            <defs><pattern id="gap-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
            <rect width="6" height="6" fill="#fdf0f0"/><line x1="0" y1="0" x2="0" y2="6" stroke="#e9a9a9" stroke-width="2"/></pattern></defs>

            """
        svg += grid(geometry)
        svg += hours(geometry, days: days)
        svg += "<g class=\"intervals\">\n"
        for interval in curve.intervals { svg += element(interval, geometry: geometry, days: days, timeZone: curve.timeZone) }
        svg += "</g>\n"
        svg += """
            <line x1="\(n(LoadCurveGeometry.plotLeft))" y1="\(n(LoadCurveGeometry.plotBottom))" x2="\(n(LoadCurveGeometry.plotRight))" \
            y2="\(n(LoadCurveGeometry.plotBottom))" stroke="#444" stroke-width="1"/>

            """
        svg += legend()
        svg += "</svg>"
        return svg
    }

    /// Horizontal gridlines with their kW labels, and the unit above them.
    private static func grid(_ geometry: LoadCurveGeometry) -> String {
        var out = "<g class=\"grid\" fill=\"#555\" text-anchor=\"end\">\n"
        for step in 0...LoadCurveGeometry.divisions {
            let kW = Double(step) * geometry.stepKW
            let y = n(geometry.y(kW))
            out += "<line x1=\"\(n(LoadCurveGeometry.plotLeft))\" y1=\"\(y)\" x2=\"\(n(LoadCurveGeometry.plotRight))\" y2=\"\(y)\" stroke=\"#e3e6ea\"/>"
            out += "<text x=\"\(n(LoadCurveGeometry.plotLeft - 6))\" y=\"\(n(geometry.y(kW) + 4))\">\(PageText.fixed(kW, geometry.labelDecimals))</text>\n"
        }
        out += "<text x=\"\(n(LoadCurveGeometry.plotLeft - 6))\" y=\"\(n(LoadCurveGeometry.plotTop - 8))\">kW</text>\n</g>\n"
        return out
    }

    /// A tick at every local hour boundary of the day (23, 24 or 25 of them), labelled every
    /// third wall-clock hour, and 24:00 at the end.
    private static func hours(_ geometry: LoadCurveGeometry, days: LocalDays) -> String {
        var out = "<g class=\"hours\" fill=\"#555\" text-anchor=\"middle\">\n"
        var instant = geometry.range.lowerBound
        while instant < geometry.range.upperBound {
            let x = n(geometry.x(instant))
            let hour = days.components(of: instant).hour ?? 0
            out += "<line x1=\"\(x)\" y1=\"\(n(LoadCurveGeometry.plotBottom))\" x2=\"\(x)\" y2=\"\(n(LoadCurveGeometry.plotBottom + 4))\" stroke=\"#444\"/>"
            if hour % 3 == 0 {
                out += "<text x=\"\(x)\" y=\"\(n(LoadCurveGeometry.plotBottom + 17))\">\(PageText.clock(instant, days))</text>"
            }
            out += "\n"
            instant = instant.addingTimeInterval(3600)
        }
        let end = n(LoadCurveGeometry.plotRight)
        out += "<line x1=\"\(end)\" y1=\"\(n(LoadCurveGeometry.plotBottom))\" x2=\"\(end)\" y2=\"\(n(LoadCurveGeometry.plotBottom + 4))\" stroke=\"#444\"/>"
        out += "<text x=\"\(end)\" y=\"\(n(LoadCurveGeometry.plotBottom + 17))\">24:00</text>\n</g>\n"
        return out
    }

    /// One interval: a bar from the baseline to its kW, or a hatched gap with a marker.
    private static func element(_ interval: LoadCurveInterval, geometry: LoadCurveGeometry, days: LocalDays, timeZone: TimeZone) -> String {
        let left = geometry.x(interval.start), right = geometry.x(interval.end)
        // A one-unit gap between neighbours when there is room, so adjacent bars stay apart.
        let inset = right - left > 4 ? 0.5 : 0
        let x = n(left + inset), width = n(right - left - 2 * inset)
        let when = "\(PageText.clock(interval.start, days))–\(PageText.clock(interval.end, days)) \(PageText.offset(interval.start, timeZone))"
        guard let energy = interval.energyWh, let kW = interval.averageKW else {
            let stored = interval.revision.map { ", stored as missing, rev \($0)" } ?? ""
            let tip = PageText.escape("\(when) · missing\(stored)")
            let middle = (left + right) / 2, base = LoadCurveGeometry.plotBottom
            return "<rect class=\"gap\" x=\"\(x)\" y=\"\(n(LoadCurveGeometry.plotTop))\" width=\"\(width)\" height=\"\(n(LoadCurveGeometry.plotHeight))\" "
                + "fill=\"url(#gap-hatch)\"><title>\(tip)</title></rect>"
                + "<path class=\"gap-mark\" d=\"M\(n(middle)) \(n(base + 1))L\(n(middle - 3.5)) \(n(base + 8))H\(n(middle + 3.5))Z\" fill=\"\(gapMark)\"/>\n"
        }
        let (kind, fill) = interval.isEstimated ? ("estimated", estimatedFill) : interval.isQuestionable ? ("questionable", questionableFill) : ("valid", validFill)
        let quality = interval.quality.map { code in IntervalQuality(rawValue: code)?.label ?? "quality \(code)" } ?? "no quality"
        var tip = "\(when) · \(PageText.fixed(energy / 1000, 3)) kWh · \(PageText.fixed(kW, 3)) kW · \(quality)"
        if let source = interval.source { tip += " · \(source)" }
        if let revision = interval.revision { tip += " · rev \(revision)" }
        return "<rect class=\"bar \(kind)\" x=\"\(x)\" y=\"\(n(geometry.y(kW)))\" width=\"\(width)\" height=\"\(n(geometry.barHeight(kW)))\" "
            + "fill=\"\(fill)\"><title>\(PageText.escape(tip))</title></rect>\n"
    }

    /// The four kinds of interval with their marks, under the hour labels.
    private static func legend() -> String {
        let y = LoadCurveGeometry.plotBottom + 36
        let swatch = "<rect x=\"0\" y=\"-9\" width=\"14\" height=\"10\" fill=\"%@\"/>"
        let entries: [(mark: String, width: Double, label: String)] = [
            (swatch.replacingOccurrences(of: "%@", with: validFill), 14, "measured"),
            (swatch.replacingOccurrences(of: "%@", with: estimatedFill), 14, "estimated (Green Button 8, 9)"),
            (swatch.replacingOccurrences(of: "%@", with: questionableFill), 14, "questionable (10)"),
            // The hatched band and, next to it, the mark drawn under the axis.
            ("<rect x=\"0\" y=\"-9\" width=\"14\" height=\"10\" fill=\"url(#gap-hatch)\" stroke=\"#e9a9a9\"/>"
                + "<path d=\"M21 -8L17.5 -1H24.5Z\" fill=\"\(gapMark)\"/>", 25, "missing"),
        ]
        var out = "<g class=\"legend\" fill=\"#333\">\n"
        var x = LoadCurveGeometry.plotLeft
        for entry in entries {
            let text = "<text x=\"\(n(entry.width + 6))\" y=\"0\">\(PageText.escape(entry.label))</text>"
            out += "<g transform=\"translate(\(n(x)) \(n(y)))\">\(entry.mark)\(text)</g>\n"
            // Room for the mark and the label at about 6.5 units a character.
            x += entry.width + 6 + Double(entry.label.count) * 6.5 + 22
        }
        return out + "</g>\n"
    }

    /// A coordinate with two decimals.
    private static func n(_ value: Double) -> String { PageText.fixed(value, 2) }
}
