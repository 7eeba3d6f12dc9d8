import Foundation
import Intervals
import Store

/// The page's two tables: meters (id `meters`) and destinations (id `destinations`).
///
/// Rows that need the operator (an offline meter, a destination that fails or has parked
/// rows) carry a class the style sheet highlights, and their state is spelled out in words
/// as well, so the page reads the same printed in black and white.
enum StatusPageTables {
    /// Offline meters first, then those never polled, then the online ones, each group in the
    /// store's order (bus, unit): in a fleet of hundreds the few that need a technician are
    /// at the top.
    static func meters(_ meters: [StatusPageMeter], days: LocalDays) -> String {
        let rank: [MeterHealth: Int] = [.offline: 0, .unknown: 1, .online: 2]
        let ordered = meters.enumerated().sorted { (rank[$0.element.health] ?? 3, $0.offset) < (rank[$1.element.health] ?? 3, $1.offset) }
            .map(\.element)
        var out = """
            <section class="card" aria-labelledby="meters-heading">
            <h2 id="meters-heading">Meters</h2>
            <p class="caption">Offline meters first, then meters not polled yet, then the rest by bus and unit.</p>
            <table id="meters">
            <thead><tr><th>Meter</th><th>Bus</th><th class="num">Unit</th><th>Profile</th><th>State</th><th>Last read</th>\
            <th class="num">Failures in a row</th><th>Last error</th></tr></thead>
            <tbody>

            """
        if meters.isEmpty { out += "<tr class=\"empty\"><td colspan=\"8\">No meters are configured.</td></tr>\n" }
        for meter in ordered {
            let state = meter.health.rawValue
            out += "<tr class=\"\(state)\"><td class=\"name\">\(e(meter.name))</td><td>\(e(meter.bus))</td><td class=\"num\">\(meter.unit)</td>"
            out += "<td>\(e(meter.profile))</td><td><span class=\"state \(state)\">\(state)</span></td>"
            out += "<td class=\"time\">\(meter.lastReadAt.map { PageText.dateTime($0, days) } ?? "never")</td>"
            out += "<td class=\"num\">\(meter.consecutiveFailures)</td><td class=\"error\">\(e(meter.lastError ?? ""))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    static func destinations(_ destinations: [StatusPageDestination], days: LocalDays) -> String {
        var out = """
            <section class="card" aria-labelledby="destinations-heading">
            <h2 id="destinations-heading">Destinations</h2>
            <table id="destinations">
            <thead><tr><th>Destination</th><th>Forwards</th><th class="num">Delivered rows</th><th class="num">Backlog rows</th>\
            <th>Oldest pending</th><th class="num">Age</th><th class="num">Failures in a row</th><th class="num">Dead letters</th>\
            <th>Last error</th></tr></thead>
            <tbody>

            """
        if destinations.isEmpty { out += "<tr class=\"empty\"><td colspan=\"9\">No forwarding destinations are configured.</td></tr>\n" }
        for destination in destinations {
            let attention = destination.deadLetters > 0 || destination.consecutiveFailures > 0
            out += "<tr\(attention ? " class=\"attention\"" : "")><td class=\"name\">\(e(destination.id))</td><td>\(e(destination.kind))</td>"
            out += "<td class=\"num\">\(PageText.count(destination.deliveredRows))</td><td class=\"num\">\(PageText.count(destination.backlogRows))</td>"
            out += "<td class=\"time\">\(destination.oldestPendingAt.map { PageText.dateTime($0, days) } ?? "–")</td>"
            out += "<td class=\"num\">\(destination.age.map(PageText.duration) ?? "–")</td>"
            out += "<td class=\"num\">\(destination.consecutiveFailures)</td><td class=\"num\">\(PageText.count(destination.deadLetters))</td>"
            out += "<td class=\"error\">\(e(destination.lastError ?? ""))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    private static func e(_ text: String) -> String { PageText.escape(text) }
}
