import Foundation
import Intervals
import Store

/// The operator's status page as one self-contained HTML5 document: meters with their state,
/// the load curve of a chosen meter and day, and the forwarding destinations with their backlog.
///
/// A gateway has little memory and may sit on a network without internet access, so the page
/// carries its own CSS inline, references no external resource and needs no JavaScript: the
/// meter and day are chosen with a plain `<form method=get>` (`?meter=…&day=YYYY-MM-DD`), and a
/// `<meta http-equiv=refresh>` reloads it every minute. Every text from configuration or from
/// remote systems is escaped.
public enum StatusPageHTML {
    /// Seconds between the browser's automatic reloads.
    public static let refreshSeconds = 60

    /// The page for `model`; the same model always gives the same bytes.
    public static func render(_ model: StatusPageModel) -> String {
        let days = LocalDays(timeZone: model.timeZone)
        let offline = model.meters.filter { $0.health == .offline }.count
        let online = model.meters.filter { $0.health == .online }.count
        let backlog = model.destinations.reduce(0) { $0 + $1.backlogRows }
        let deadLetters = model.destinations.reduce(0) { $0 + $1.deadLetters }
        let zone = "\(model.timeZone.identifier), \(PageText.offset(model.generatedAt, model.timeZone))"
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="refresh" content="\(refreshSeconds)">
            <title>\(e(model.gatewayID)) · metergate status</title>
            <style>
            \(StatusPageStyle.css)
            </style>
            </head>
            <body>
            <header>
            <h1>metergate <span class="gateway">\(e(model.gatewayID))</span></h1>
            <p>Status at <time>\(PageText.dateTime(model.generatedAt, days))</time> (\(e(zone))) · reloads every \(refreshSeconds) s</p>
            </header>
            <main>
            <section class="summary" aria-label="Summary">
            \(tile("Meters", PageText.count(model.meters.count), ""))
            \(tile("Online", PageText.count(online), "good"))
            \(tile("Offline", PageText.count(offline), offline > 0 ? "bad" : ""))
            \(tile("Backlog rows", PageText.count(backlog), backlog > 0 ? "warn" : ""))
            \(tile("Dead letters", PageText.count(deadLetters), deadLetters > 0 ? "bad" : ""))
            </section>

            """
        // The meter table grows with the fleet (hundreds of rows), so it comes last, after the
        // parts of fixed size.
        html += curveSection(model, days: days)
        html += StatusPageTables.destinations(model.destinations, days: days)
        html += StatusPageTables.meters(model.meters, days: days)
        html += """
            </main>
            <footer>Rendered by the gateway; no external resources, no scripts.</footer>
            </body>
            </html>

            """
        return html
    }

    /// Reads the model from the store and renders it, for the query's decoded `meter` and
    /// `day` values (empty values count as absent, as an empty form field
    /// submits them; a day that is not `YYYY-MM-DD` gets a notice and the default day).
    ///
    /// Blocks the calling thread on SQLite, like `StatusPageModel.load`.
    ///
    /// - Throws: `StoreError` when the store cannot be read.
    public static func page(store: MeterStore, gatewayID: String, meter: String?, day: String?, timeZone: TimeZone,
                            now: Date) throws(StoreError) -> String {
        let meter = meter.flatMap { $0.isEmpty ? nil : $0 }
        let dayText = day.flatMap { $0.isEmpty ? nil : $0 }
        let parsed = dayText.flatMap(LocalDate.init)
        var model = try StatusPageModel.load(store: store, gatewayID: gatewayID, meter: meter, day: parsed, timeZone: timeZone, now: now)
        if let dayText, parsed == nil {
            model.notices.insert("\(dayText) is not a day (YYYY-MM-DD); showing \(model.selectedDay).", at: 0)
        }
        return render(model)
    }

    /// `page(store:…)` for a request's raw URL query (`meter=m-001&day=2026-11-20`, as the
    /// page's form submits it, `+` for a space): what `GET /` answers.
    ///
    /// - Throws: `StoreError` when the store cannot be read.
    public static func page(store: MeterStore, gatewayID: String, query: String?, timeZone: TimeZone, now: Date) throws(StoreError) -> String {
        let values = FormQuery.values(query)
        return try page(store: store, gatewayID: gatewayID, meter: values["meter"], day: values["day"], timeZone: timeZone, now: now)
    }

    /// The chooser form, notices, the drawing and a one-line summary of the day.
    private static func curveSection(_ model: StatusPageModel, days: LocalDays) -> String {
        var out = "<section class=\"card\" aria-labelledby=\"curve-heading\">\n<h2 id=\"curve-heading\">Load curve</h2>\n"
        out += "<form method=\"get\" class=\"chooser\">\n<label>Meter <select name=\"meter\">"
        for meter in model.meters {
            let selected = meter.name == model.selectedMeter ? " selected" : ""
            out += "<option value=\"\(e(meter.name))\"\(selected)>\(e(meter.name))</option>"
        }
        out += "</select></label>\n<label>Day <input type=\"date\" name=\"day\" value=\"\(model.selectedDay)\" required></label>\n"
        out += "<button type=\"submit\">Show</button>\n</form>\n"
        for notice in model.notices { out += "<p class=\"notice\">\(e(notice))</p>\n" }
        guard let curve = model.loadCurve else { return out + "</section>\n" }
        out += "<p class=\"caption\">Import energy (\(e(curve.channel))) of <strong>\(e(curve.meter))</strong> on \(curve.day), "
        out += "average kW per \(curve.lengthSeconds / 60)-minute interval, local time \(e(curve.timeZone.identifier)).</p>\n"
        out += "<figure>\n\(LoadCurveSVG.render(curve))\n</figure>\n"
        out += "<p class=\"caption\">\(e(summary(curve, days: days)))</p>\n</section>\n"
        return out
    }

    /// "24.000 kWh · peak 1.500 kW at 18:15 · 96 intervals: 90 measured, 4 estimated, 0 questionable, 2 missing".
    static func summary(_ curve: LoadCurve, days: LocalDays) -> String {
        let intervals = curve.intervals
        guard !intervals.isEmpty else { return "No interval of this day has ended yet." }
        let estimated = intervals.filter(\.isEstimated).count
        let questionable = intervals.filter(\.isQuestionable).count
        let missing = intervals.filter(\.isMissing).count
        var text = "\(PageText.fixed(curve.totalWh / 1000, 3)) kWh"
        if let peak = intervals.filter({ $0.averageKW != nil }).max(by: { $0.averageKW! < $1.averageKW! }), let kW = peak.averageKW {
            text += " · peak \(PageText.fixed(kW, 3)) kW at \(PageText.clock(peak.start, days))"
        }
        text += " · \(intervals.count) intervals: \(intervals.count - estimated - questionable - missing) measured, "
        text += "\(estimated) estimated, \(questionable) questionable, \(missing) missing"
        return text
    }

    private static func tile(_ label: String, _ value: String, _ tone: String) -> String {
        "<div class=\"tile \(tone)\"><span class=\"value\">\(value)</span><span class=\"label\">\(label)</span></div>"
    }

    private static func e(_ text: String) -> String { PageText.escape(text) }
}
