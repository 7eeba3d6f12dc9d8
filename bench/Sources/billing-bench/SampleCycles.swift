import Billing
import Foundation

/// Realistic determinants for document `i` of a run, from integer arithmetic only, so that
/// bench/raw_billing.c derives the very same doubles and prints the very same text: a
/// four-band time-of-use tariff (peak, shoulder, day, night) over a 31-day cycle of
/// 15-minute intervals, three energy blocks on the total, 30-minute demand per band (night
/// without a complete window in every fifth document), register reads at both ends, and a
/// few estimated and missing intervals. Keep the two in step: billing.sh compares the text.
enum SampleCycles {
    static let bands = ["peak", "shoulder", "day", "night"]
    static let cycleStart = Date(timeIntervalSince1970: 1_765_000_800)  // 2025-12-06T06:00:00Z
    static let cycleEnd = Date(timeIntervalSince1970: 1_767_679_200)  // 2026-01-06T06:00:00Z (31 days later)
    static let intervals = 31 * 96
    static let hours = 31.0 * 24

    static func meter(_ i: Int) -> String { "m" + String(repeating: "0", count: max(0, 5 - String(i).count)) + String(i) }

    static func determinants(_ i: Int) -> BillingDeterminants {
        let energy = bands.indices.map { b in Double(1000 + (i * 37 + b * 101) % 5000) * 10 + Double(b) * 0.25 }
        let total = energy.reduce(0, +)
        let peaks: [DemandPeak?] = bands.indices.map { b in
            if b == 3 && i % 5 == 0 { return nil }
            return DemandPeak(demandW: Double(2000 + (i * 13 + b * 577) % 30_000),
                              windowStart: cycleStart + Double((i + b * 211) % intervals) * 900)
        }
        var maxDemand: DemandPeak?
        for case let peak? in peaks where peak.demandW > (maxDemand?.demandW ?? -1) { maxDemand = peak }
        let blocks = [
            BlockEnergy(block: 1, band: nil, fromWh: 0, toWh: 100_000, energyWh: min(total, 100_000)),
            BlockEnergy(block: 2, band: nil, fromWh: 100_000, toWh: 300_000, energyWh: min(max(total - 100_000, 0), 200_000)),
            BlockEnergy(block: 3, band: nil, fromWh: 300_000, toWh: nil, energyWh: max(total - 300_000, 0)),
        ]
        let estimated = i % 4, missing = i % 3
        let startWh = 965_000_000 + Double(i) * 1000 + 0.5
        return BillingDeterminants(
            version: 1 + i % 2, meterID: meter(i), tariffID: "four-band-tou", cycleStart: cycleStart, cycleEnd: cycleEnd,
            cycleFirstDay: "2025-12-06", cycleLastDay: "2026-01-05", intervalSeconds: 900,
            startRead: RegisterReading(valueWh: startWh, readAt: cycleStart + 7), endRead: RegisterReading(valueWh: startWh + total, readAt: cycleEnd + 7),
            totalEnergyWh: total, energyByBand: zip(bands, energy).map { BandEnergy(band: $0, energyWh: $1) }, energyByBlock: blocks,
            demandWindowMinutes: 30, demandMethod: .block, maxDemand: maxDemand,
            maxDemandByBand: zip(bands, peaks).map { BandDemand(band: $0, peak: $1) },
            loadFactor: maxDemand.map { total / ($0.demandW * hours) },
            intervalsExpected: intervals, intervalsPresent: intervals - missing, intervalsEstimated: estimated, intervalsMissing: missing,
            estimatedIntervalStarts: (0..<estimated).map { k in cycleStart + Double((k * 97 + i) % intervals) * 900 })
    }
}
