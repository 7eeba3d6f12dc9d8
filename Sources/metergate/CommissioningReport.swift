import Foundation
import MeterAccess
import MeterKit

/// The commissioning result as a technician reads it on site.
struct CommissioningReport {
    var record: CommissioningRecord

    func text() -> String {
        let meter = record.meter, identity = meter.identity, setup = record.setup
        let who = [identity.manufacturer, identity.model].compactMap { $0 }.joined(separator: " ")
        var lines = [
            "commissioning unit \(meter.unit) at \(meter.endpoint), profile \(meter.profile), \(ISO8601DateFormatter.utc.string(from: record.performedAt))",
            "  meter: \(who.isEmpty ? "unidentified" : who)" + (identity.serial.map { ", serial \($0)" } ?? "")
                + (identity.firmware.map { ", firmware \($0)" } ?? ""),
            "  setup: \(setup.phases) phase\(setup.phases == 1 ? "" : "s"), \(ReadReport.format(setup.nominalVoltage)) V nominal"
                + (setup.currentTransformer.map { ", CT \($0)" } ?? "") + (setup.voltageTransformer.map { ", PT \($0)" } ?? "")
                + ", clock tolerance \(ReadReport.format(setup.clockTolerance)) s"
                + (record.technician.map { ", technician \($0)" } ?? ""),
            "",
        ]
        let titleWidth = record.checks.map(\.title.count).max() ?? 0
        for check in record.checks {
            let verdict = check.outcome == .pass ? "PASS" : check.outcome == .fail ? "FAIL" : "n/a "
            let measured = check.measured.map { Self.format($0) + " " + check.unit } ?? "-"
            var line = "  \(verdict)  " + check.title.padding(toLength: titleWidth, withPad: " ", startingAt: 0)
                + "  " + measured.leftPadded(14) + (check.limit.isEmpty ? "" : "  limit \(check.limit)")
            if !check.detail.isEmpty { line += "  (\(check.detail))" }
            lines.append(line)
        }
        let failed = record.checks.filter { $0.outcome == .fail }.count
        lines.append("")
        lines.append(failed == 0
            ? "result: PASS (\(record.checks.filter { $0.outcome == .pass }.count) passed, \(record.checks.filter { $0.outcome == .notApplicable }.count) not applicable)"
            : "result: FAIL (\(failed) of \(record.checks.count) checks failed)")
        return lines.joined(separator: "\n")
    }

    /// 0.1 from 100 up, 0.001 from 1 up, and six decimals below, so a two-second energy
    /// delta of a few Wh (0.000056 kWh) does not print as zero.
    static func format(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 100 { return String(format: "%.1f", value) }
        return magnitude >= 1 || magnitude == 0 ? String(format: "%.3f", value) : String(format: "%.6f", value)
    }
}
