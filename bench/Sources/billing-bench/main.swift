// billing-bench N [--print K]: billing documents encoded per second, as the HTTP and file
// billing destinations send them: `BillingDeterminants.jsonDocument()` (the stored document
// BillingTask writes) wrapped by `BatchJSON.billingDocument` (idempotency key, gateway, meter,
// cycle, version, supersedes, tariff). N documents of SampleCycles are built first; only the
// encoding is timed. For contrast it also times the same documents through JSONEncoder with
// sorted keys (what the stored document was encoded with before it was written by hand).
//
// Prints one key=value line: docs, bytes (of all documents), rate (documents/s),
// codable_rate. With --print K it prints the first K documents instead, one per line, for
// billing.sh to compare with bench/raw_billing.c's.
import Billing
import Forwarding
import Foundation
import Store

let arguments = CommandLine.arguments
guard arguments.count >= 2, let count = Int(arguments[1]), count > 0 else {
    FileHandle.standardError.write(Data("usage: billing-bench N [--print K]\n".utf8))
    exit(2)
}
let computedAt = SampleCycles.cycleEnd + 3607  // 2026-01-06T07:00:07Z

/// One document, as a destination receives it.
func document(_ determinants: BillingDeterminants, json: String) -> String {
    let row = BillingCycleRow(seq: 0, meterID: 0, cycleStart: determinants.cycleStart, cycleEnd: determinants.cycleEnd,
                              version: determinants.version, tariff: determinants.tariffID, document: json, computedAt: computedAt)
    return BatchJSON.billingDocument(row, meter: determinants.meterID, gatewayID: "gw-bench")
}

let cycles = (0..<count).map(SampleCycles.determinants)
if arguments.count >= 4, arguments[2] == "--print", let shown = Int(arguments[3]) {
    for determinants in cycles.prefix(shown) { print(document(determinants, json: try determinants.jsonDocument())) }
    exit(0)
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys]
let clock = ContinuousClock()
var bytes = 0
let time = try clock.measure {
    for determinants in cycles { bytes += document(determinants, json: try determinants.jsonDocument()).utf8.count }
}
var codableBytes = 0
let codableTime = try clock.measure {
    for determinants in cycles {
        codableBytes += document(determinants, json: String(decoding: try encoder.encode(determinants), as: UTF8.self)).utf8.count
    }
}
guard codableBytes == bytes else {
    FileHandle.standardError.write(Data("billing-bench: jsonDocument wrote \(bytes) bytes, JSONEncoder \(codableBytes)\n".utf8))
    exit(1)
}
print(String(format: "docs=%d bytes=%d rate=%.0f codable_rate=%.0f", count, bytes, Double(count) / seconds(time),
             Double(count) / seconds(codableTime)))
