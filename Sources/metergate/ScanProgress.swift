import Foundation
import MeterAccess

/// Scan progress on stderr: a redrawn bar on a terminal, plain lines otherwise (logs, CI),
/// so stdout carries only the result table or JSON.
struct ScanProgress {
    let total: Int
    let estimate: Double
    private let terminal = isatty(STDERR_FILENO) == 1

    init(total: Int, estimate: Double) {
        self.total = total
        self.estimate = estimate
        write("scan: probing \(total) unit\(total == 1 ? "" : "s"), at most about \(Int(estimate.rounded(.up))) s if they are all silent\n")
    }

    func probing(unit: UInt8, done: Int, found: Int) {
        guard terminal else { return }
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        write("\r[\(bar)] \(done)/\(total)  unit \(unit)  found \(found) ")
    }

    func found(_ finding: ScanFinding) {
        let what = finding.profile.map(\.id) ?? "unknown device"
        let line = "scan: unit \(finding.unit): \(what)" + (finding.identity.serial.map { ", serial \($0)" } ?? "")
        write(terminal ? "\r\u{1B}[K" + line + "\n" : line + "\n")
    }

    func finish(probed: Int, found: Int, elapsed: Duration) {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let line = "scan: probed \(probed) units in \(String(format: "%.1f", seconds)) s, found \(found)\n"
        write(terminal ? "\r\u{1B}[K" + line : line)
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
