import Foundation
import MeterKit
import Store

/// What `metergate status` prints: meters with their state, then the buses.
struct StatusReport {
    var status: StoreStatus

    func table() -> String {
        let header = ["meter", "bus", "unit", "profile", "state", "last read (UTC)", "ok", "failed", "retries", "mean ms", "last error"]
        let rows = status.meters.map { meter -> [String] in
            let state = meter.state
            let mean = state.flatMap { $0.latencyCount > 0 ? $0.latencyTotalMs / Double($0.latencyCount) : nil }
            return [meter.name, meter.bus, String(meter.unit), meter.profile, state?.health.rawValue ?? "unknown",
                    meter.lastReadAt.map { ISO8601DateFormatter.utc.string(from: $0) } ?? "-",
                    String(state?.readsOK ?? 0), String(state?.readsFailed ?? 0), String(state?.retries ?? 0),
                    mean.map { String(format: "%.1f", $0) } ?? "-", state?.lastError ?? ""]
        }
        var lines = Self.align([header] + rows)
        let offline = status.meters.filter { $0.state?.health == .offline }.count
        lines.append("")
        lines.append("\(status.meters.count) meters, \(offline) offline")
        let busHeader = ["bus", "cycles", "last cycle (UTC)", "last ms", "requests", "retries", "failures"]
        let busRows = status.buses.map { bus in
            [bus.bus, String(bus.cycles), bus.lastBucket.map { ISO8601DateFormatter.utc.string(from: $0) } ?? "-",
             bus.lastDurationMs.map { String(format: "%.1f", $0) } ?? "-", String(bus.requests), String(bus.retries), String(bus.failures)]
        }
        lines.append("")
        lines += Self.align([busHeader] + busRows)
        return lines.joined(separator: "\n")
    }

    func json() -> String {
        let meters: [[String: Any]] = status.meters.map { meter in
            let state = meter.state
            return ["meter": meter.name, "bus": meter.bus, "unit": meter.unit, "profile": meter.profile,
                    "state": state?.health.rawValue ?? "unknown",
                    "lastRead": meter.lastReadAt.map { ISO8601DateFormatter.utc.string(from: $0) as Any } ?? NSNull(),
                    "readsOK": state?.readsOK ?? 0, "readsFailed": state?.readsFailed ?? 0, "retries": state?.retries ?? 0,
                    "consecutiveFailures": state?.consecutiveFailures ?? 0, "lastError": state?.lastError ?? NSNull()]
        }
        let buses: [[String: Any]] = status.buses.map { bus in
            ["bus": bus.bus, "cycles": bus.cycles, "requests": bus.requests, "retries": bus.retries, "failures": bus.failures,
             "lastCycle": bus.lastBucket.map { ISO8601DateFormatter.utc.string(from: $0) as Any } ?? NSNull()]
        }
        return JSONText.render(["meters": meters, "buses": buses])
    }

    /// Left-aligned columns two spaces apart, trailing spaces removed.
    static func align(_ rows: [[String]]) -> [String] {
        let widths = (rows.first ?? []).indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ").trailingSpacesRemoved
        }
    }
}
