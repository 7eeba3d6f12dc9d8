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
            let mean = state?.meanLatencyMs
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
        if !status.outboxes.isEmpty {
            let header = ["destination", "data", "delivered", "backlog", "oldest pending (UTC)", "age", "failures", "dead letters", "last error"]
            let rows = status.outboxes.map { outbox -> [String] in
                let state = outbox.state
                return [state.destination, state.table.rawValue, String(state.deliveredRows), String(outbox.backlog.rows),
                        outbox.backlog.oldestWrittenAt.map { ISO8601DateFormatter.utc.string(from: $0) } ?? "-",
                        age(of: outbox).map(Self.duration) ?? "-", String(state.consecutiveFailures), String(outbox.deadLetters),
                        state.lastError ?? ""]
            }
            lines.append("")
            lines += Self.align([header] + rows)
        }
        return lines.joined(separator: "\n")
    }

    /// How long the oldest pending row has waited, in gateway time: up to the newest cycle
    /// in the store, so a test rig on simulated time reads right too.
    func age(of outbox: OutboxStatus) -> TimeInterval? {
        guard let oldest = outbox.backlog.oldestWrittenAt, let newest = status.buses.compactMap(\.lastBucket).max() else { return nil }
        return max(0, newest.timeIntervalSince(oldest))
    }

    /// `45s`, `12m`, `3h10m`, `2d4h`.
    static func duration(_ seconds: TimeInterval) -> String {
        let s = Int(seconds)
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86_400 { return "\(s / 3600)h\(s % 3600 / 60)m" }
        return "\(s / 86_400)d\(s % 86_400 / 3600)h"
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
        let outboxes: [[String: Any]] = status.outboxes.map { outbox in
            ["destination": outbox.state.destination, "table": outbox.state.table.rawValue, "deliveredRows": outbox.state.deliveredRows,
             "position": outbox.state.position, "backlogRows": outbox.backlog.rows,
             "oldestPending": outbox.backlog.oldestWrittenAt.map { ISO8601DateFormatter.utc.string(from: $0) as Any } ?? NSNull(),
             "ageSeconds": age(of: outbox).map { $0 as Any } ?? NSNull(), "consecutiveFailures": outbox.state.consecutiveFailures,
             "deadLetters": outbox.deadLetters, "lastError": outbox.state.lastError ?? NSNull()]
        }
        return JSONText.render(["meters": meters, "buses": buses, "destinations": outboxes])
    }

    /// Left-aligned columns two spaces apart, trailing spaces removed.
    static func align(_ rows: [[String]]) -> [String] {
        let widths = (rows.first ?? []).indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ").trailingSpacesRemoved
        }
    }
}
