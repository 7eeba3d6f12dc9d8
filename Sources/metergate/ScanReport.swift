import Foundation
import MeterAccess

/// What `metergate scan` prints: one row per unit that answered.
struct ScanReport {
    var endpoint: String
    var units: String
    var findings: [ScanFinding]
    var seconds: Double

    private static let headers = ["unit", "profile", "manufacturer", "model", "serial", "firmware"]

    private func row(_ f: ScanFinding) -> [String] {
        [String(f.unit), f.profile?.id ?? "unknown", f.identity.manufacturer ?? "-", f.identity.model ?? "-",
         f.identity.serial ?? "-", f.identity.firmware ?? "-"]
    }

    func table() -> String {
        guard !findings.isEmpty else { return "no meters answered on \(endpoint) (units \(units))" }
        let rows = [Self.headers] + findings.map(row)
        let widths = Self.headers.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { cells in
            cells.enumerated().map { column, text in
                column == 0 ? text.leftPadded(widths[0]) : text.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trailingSpacesRemoved
        }.joined(separator: "\n")
    }

    func json() -> String {
        let meters: [[String: Any]] = findings.map { f in
            var object: [String: Any] = [
                "unit": Int(f.unit), "profile": f.profile?.id ?? NSNull(),
                "manufacturer": f.identity.manufacturer ?? NSNull(), "model": f.identity.model ?? NSNull(),
                "serial": f.identity.serial ?? NSNull(), "firmware": f.identity.firmware ?? NSNull(),
            ]
            if !f.sunSpecModels.isEmpty { object["sunspecModels"] = f.sunSpecModels.map(Int.init) }
            return object
        }
        return JSONText.render(["endpoint": endpoint, "units": units, "seconds": (seconds * 10).rounded() / 10, "meters": meters])
    }
}

extension String {
    var trailingSpacesRemoved: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
