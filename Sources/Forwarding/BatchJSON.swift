import Foundation
import MeterKit
import Store

/// Batches as JSON: billing documents as destinations receive them, and any batch as JSON
/// Lines for the dead-letter table (what an operator reads to see what was refused).
public enum BatchJSON {
    /// One billing version as delivered: its idempotency key, which names the gateway, meter,
    /// cycle and version so a billing system applies each version once, then the determinants.
    /// Appended into one string reserved up front: a batch of documents is mostly this.
    public static func billingDocument(_ row: BillingCycleRow, meter: String, gatewayID: String) -> String {
        let cycleStart = iso(row.cycleStart)
        var out = ""
        out.reserveCapacity(row.document.utf8.count + 3 * meter.utf8.count + 256)
        out += "{\"idempotency_key\":"
        out += quoted("\(gatewayID)/\(meter)/\(cycleStart)/v\(row.version)")
        out += ",\"gateway\":"
        out += quoted(gatewayID)
        out += ",\"meter\":"
        out += quoted(meter)
        out += ",\"cycle_start\":\""
        out += cycleStart
        out += "\",\"cycle_end\":\""
        out += iso(row.cycleEnd)
        out += "\",\"version\":"
        out += String(row.version)
        out += ",\"supersedes_version\":"
        out += row.version > 1 ? String(row.version - 1) : "null"
        out += ",\"tariff\":"
        out += quoted(row.tariff)
        out += ",\"computed_at\":\""
        out += iso(row.computedAt)
        out += "\",\"determinants\":"
        out += row.document
        out += "}"
        return out
    }

    /// `gateway/meter/cycle-start/v2`: stable for a version whoever sends it and however often.
    public static func idempotencyKey(_ row: BillingCycleRow, meter: String, gatewayID: String) -> String {
        "\(gatewayID)/\(meter)/\(iso(row.cycleStart))/v\(row.version)"
    }

    /// The batch as JSON Lines: billing documents, or one object per interval revision.
    public static func lines(_ batch: OutboxBatch) -> String {
        switch batch.rows {
        case .billing(let rows):
            return rows.map { billingDocument($0, meter: batch.meterName($0.meterID), gatewayID: batch.gatewayID) + "\n" }.joined()
        case .intervals(let rows):
            return rows.map { row in
                let fields: [(String, String)] = [
                    ("seq", String(row.seq)), ("meter", quoted(batch.meterName(row.meterID))), ("channel", quoted(batch.channelName(row.channelID))),
                    ("start", quoted(iso(row.start))), ("length_s", String(row.lengthSeconds)), ("revision", String(row.revision)),
                    ("value_wh", row.valueWh.map { number($0) } ?? "null"), ("quality", String(row.quality)), ("source", quoted(row.source)),
                    ("estimation", row.estimation.map(quoted) ?? "null"), ("flags", String(row.flags)), ("computed_at", quoted(iso(row.computedAt))),
                ]
                return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}\n"
            }.joined()
        }
    }

    static func iso(_ date: Date) -> String { ISO8601UTC.string(date) }

    /// A JSON number; whole values without a fraction.
    static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    static func quoted(_ text: String) -> String {
        // Ids and names almost never need escaping: one scan, then one concatenation.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { return "\"" + text + "\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
