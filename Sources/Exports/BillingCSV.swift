import Billing
import Foundation

/// Billing determinants as CSV in long format: one record per determinant, so every tariff
/// (any number of bands, blocks or none) fits the same header and a spreadsheet or a billing
/// import can filter by `determinant` instead of knowing the tariff's shape.
///
/// Columns: `gateway,meter,cycle_start,cycle_end,version,supersedes,tariff,determinant,band,block,value,unit,at`.
/// Each cycle version repeats its identity (gateway to tariff) on every record; `supersedes`
/// is the version this one replaces (empty for version 1). Determinants, in this order:
/// `register_start`, `register_end` (Wh, `at` = when read), `energy_import` (Wh, the cycle's
/// total), `energy_band` (Wh per band), `block` (Wh per block; `band` when the block counts a
/// band), `demand_max` (W, `at` = window start), `demand_band` (W per band), `load_factor`,
/// `intervals_expected`, `intervals_present`, `intervals_estimated`, `intervals_missing`.
/// Every determinant appears for every version; one that does not exist (no read, no
/// complete demand window) has an empty `value`, never a zero. Wh and W have three
/// decimals, the load factor six. RFC 4180 as `IntervalCSV`: CRLF, minimal quoting.
public enum BillingCSV {
    public static let header = "gateway,meter,cycle_start,cycle_end,version,supersedes,tariff,determinant,band,block,value,unit,at"

    /// The header and the records of each set of determinants, in the order given.
    public static func encode(_ documents: [BillingDeterminants], gatewayID: String) -> String {
        var out = header + "\r\n"
        for determinants in documents {
            for record in records(determinants, gatewayID: gatewayID) { out += record + "\r\n" }
        }
        return out
    }

    /// The records of one cycle version, without line endings.
    public static func records(_ d: BillingDeterminants, gatewayID: String) -> [String] {
        let identity = [
            IntervalCSV.field(gatewayID), IntervalCSV.field(d.meterID), TimeText.iso8601UTC(d.cycleStart), TimeText.iso8601UTC(d.cycleEnd),
            String(d.version), d.version > 1 ? String(d.version - 1) : "", IntervalCSV.field(d.tariffID),
        ].joined(separator: ",")
        var rows: [String] = []
        func add(_ determinant: String, band: String? = nil, block: Int? = nil, value: String, unit: String, at: Date? = nil) {
            rows.append([identity, determinant, IntervalCSV.field(band ?? ""), block.map(String.init) ?? "", value, unit,
                         at.map(TimeText.iso8601UTC) ?? ""].joined(separator: ","))
        }
        add("register_start", value: wh(d.startRead?.valueWh), unit: "Wh", at: d.startRead?.readAt)
        add("register_end", value: wh(d.endRead?.valueWh), unit: "Wh", at: d.endRead?.readAt)
        add("energy_import", value: wh(d.totalEnergyWh), unit: "Wh")
        for band in d.energyByBand { add("energy_band", band: band.band, value: wh(band.energyWh), unit: "Wh") }
        for block in d.energyByBlock { add("block", band: block.band, block: block.block, value: wh(block.energyWh), unit: "Wh") }
        add("demand_max", value: wh(d.maxDemand?.demandW), unit: "W", at: d.maxDemand?.windowStart)
        for band in d.maxDemandByBand {
            add("demand_band", band: band.band, value: wh(band.peak?.demandW), unit: "W", at: band.peak?.windowStart)
        }
        add("load_factor", value: d.loadFactor.map { String(format: "%.6f", $0) } ?? "", unit: "")
        add("intervals_expected", value: String(d.intervalsExpected), unit: "intervals")
        add("intervals_present", value: String(d.intervalsPresent), unit: "intervals")
        add("intervals_estimated", value: String(d.intervalsEstimated), unit: "intervals")
        add("intervals_missing", value: String(d.intervalsMissing), unit: "intervals")
        return rows
    }

    /// Wh or W with three decimals, as interval CSV writes energy; empty when absent.
    private static func wh(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "" }
}
