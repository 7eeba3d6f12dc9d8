import Foundation
import Intervals

/// Times `IntervalEngine.intervals(in:of:history:)` over every series of the fleet for the
/// whole day, as the collector's IntervalTask runs it: one engine with the default VEE
/// settings, channels one after the other on one thread, history handed over ready (reading it
/// from the store is not the engine's cost). One untimed warm-up pass, then `times` timed ones;
/// each pass keeps its results until the next replaces them, so freeing them is timed too.
struct EngineRun {
    let fleet: Fleet

    struct Result {
        var series = 0
        var intervals = 0
        var seconds: [Double] = []
        var estimated = 0
        var referenceDay = 0
        var linear = 0
        var missing = 0
        var questionable = 0
        var energyWh = 0.0
        var historySeries = 0
        var historyCalls = 0
        var gaps40 = 0
        var gaps5h = 0
        var history = ""

        var line: String {
            let sorted = seconds.sorted()
            let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            return String(format: "series=%d intervals=%d runs=%d median_s=%.4f min_s=%.4f max_s=%.4f intervals_per_s=%.0f "
                + "estimated=%d reference_day=%d linear=%d missing=%d questionable=%d energy_wh=%.3f "
                + "gaps_40min=%d gaps_5h=%d history_series=%d history_calls=%d",
                series, intervals, seconds.count, median, sorted.first ?? 0, sorted.last ?? 0, Double(intervals) / median,
                estimated, referenceDay, linear, missing, questionable, energyWh, gaps40, gaps5h, historySeries, historyCalls)
                + " history=\(history)"
        }
    }

    func run(times: Int) -> Result {
        let engine = IntervalEngine(grid: IntervalGrid(lengthSeconds: Int(Fleet.slot)),
                                    days: LocalDays(timeZone: TimeZone(identifier: "UTC")!), settings: VEESettings())
        let series = fleet.series
        var results = [[EnergyInterval]](repeating: [], count: series.count)
        var calls = 0
        // The warm-up pass also counts how many series the engine asked for their history.
        for index in series.indices {
            results[index] = engine.intervals(in: Fleet.day, of: series[index].data) {
                calls += 1
                return series[index].history
            }
        }
        let clock = ContinuousClock()
        var result = Result()
        for _ in 0..<times {
            let start = clock.now
            for index in series.indices {
                results[index] = engine.intervals(in: Fleet.day, of: series[index].data) { series[index].history }
            }
            result.seconds.append((clock.now - start) / .seconds(1))
        }
        result.series = series.count
        result.history = fleet.history.rawValue
        result.historyCalls = calls
        result.historySeries = series.filter { !$0.history.isEmpty }.count
        result.gaps40 = series.filter { $0.gap == .fortyMinutes }.count
        result.gaps5h = series.filter { $0.gap == .fiveHours }.count
        for interval in results.joined() {
            result.intervals += 1
            guard let energy = interval.energyWh else {
                result.missing += 1
                continue
            }
            result.energyWh += energy
            if interval.quality == .estimatedReferenceDay { result.referenceDay += 1 }
            if interval.quality == .estimatedLinear { result.linear += 1 }
            if interval.quality.isEstimate { result.estimated += 1 }
            if interval.quality == .questionable { result.questionable += 1 }
        }
        return result
    }
}
