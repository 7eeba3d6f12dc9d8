import Foundation
import Intervals

/// Computes a cycle's `BillingDeterminants` from its validated intervals.
///
/// Rules, each a billing decision:
/// - Only intervals fully inside the cycle count; others are ignored.
/// - A missing interval (absent, or present with no value) counts as missing, never as zero:
///   it adds no energy, it is counted in `intervalsMissing`, and no demand window that
///   contains it is formed (its demand is unknown, and a partial window would understate it).
/// - Estimates (quality 8 or 9) count like actual data and are listed by start; questionable
///   data (10) counts as actual.
/// - An interval belongs to the band its start falls in; so does a demand window.
/// - Demand W = Wh in the window x 3600 / window seconds. Block windows are aligned to the
///   local hour; rolling windows start at every interval start. The earliest window wins a tie.
///   (Hourly data in a zone with a half-hour offset has no interval on the local hour, so it
///   forms no block windows and `maxDemand` is nil.)
/// - Blocks split the cycle's energy of their basis (total or one band) at their bounds.
public enum DeterminantCalculator {
    /// - Parameters:
    ///   - intervalLengthSeconds: 900 or 3600, the length of every interval given.
    ///   - intervals: import energy in Wh, in any order.
    ///   - startRead, endRead: the register reads nearest the cycle's boundaries, if known.
    public static func determinants(meterID: String, tariff: Tariff, cycle: BillingCycle, days: LocalDays,
                                    intervalLengthSeconds: Int, intervals: [EnergyInterval],
                                    startRead: RegisterReading? = nil,
                                    endRead: RegisterReading? = nil) throws(BillingError) -> BillingDeterminants {
        let length = intervalLengthSeconds
        guard length == 900 || length == 3600 else { throw .unsupportedIntervalLength(length) }
        let window = tariff.demand.windowSeconds
        guard window % length == 0 else {
            throw .demandWindowNotWholeIntervals(windowMinutes: tariff.demand.windowMinutes, intervalSeconds: length)
        }
        let grid = IntervalGrid(lengthSeconds: length)
        let slots = grid.starts(in: cycle.range).filter { $0.addingTimeInterval(TimeInterval(length)) <= cycle.end }
        let slotData = try place(intervals, on: slots, grid: grid, cycle: cycle)

        let calendar = TariffCalendar(tariff: tariff, days: days)
        let bandOfSlot = slots.map { calendar.position(of: $0).bandIndex }
        var bandEnergy = Array(repeating: 0.0, count: tariff.bands.count)
        var estimatedStarts: [Date] = []
        for (index, slot) in slotData.enumerated() {
            guard let slot else { continue }
            bandEnergy[bandOfSlot[index]] += slot.energyWh
            if slot.quality.isEstimate { estimatedStarts.append(slots[index]) }
        }
        let present = slotData.count { $0 != nil }
        let total = slotData.reduce(0.0) { $0 + ($1?.energyWh ?? 0) }

        let peaks = demandPeaks(tariff: tariff, slots: slots, values: slotData.map { $0?.energyWh }, bandOfSlot: bandOfSlot,
                                lengthSeconds: length, days: days)
        let overall = peaks.compactMap { $0 }.min { ($1.demandW, $0.windowStart) < ($0.demandW, $1.windowStart) }
        let loadFactor = overall.flatMap { $0.demandW > 0 ? total / ($0.demandW * cycle.hours) : nil }

        return BillingDeterminants(
            meterID: meterID, tariffID: tariff.id, cycleStart: cycle.start, cycleEnd: cycle.end, cycleFirstDay: cycle.firstDay,
            cycleLastDay: cycle.lastDay, intervalSeconds: length, startRead: startRead, endRead: endRead, totalEnergyWh: total,
            energyByBand: zip(tariff.bands, bandEnergy).map { BandEnergy(band: $0, energyWh: $1) },
            energyByBlock: blocks(tariff: tariff, total: total, bandEnergy: bandEnergy),
            demandWindowMinutes: tariff.demand.windowMinutes, demandMethod: tariff.demand.method, maxDemand: overall,
            maxDemandByBand: zip(tariff.bands, peaks).map { BandDemand(band: $0, peak: $1) }, loadFactor: loadFactor,
            intervalsExpected: slots.count, intervalsPresent: present, intervalsEstimated: estimatedStarts.count,
            intervalsMissing: slots.count - present, estimatedIntervalStarts: estimatedStarts)
    }

    private struct Slot {
        var energyWh: Double
        var quality: IntervalQuality
    }

    /// The intervals by slot; nil where missing. Rejects a wrong length, an interval off the
    /// grid and two intervals for one slot, all signs of a caller mixing up series.
    private static func place(_ intervals: [EnergyInterval], on slots: [Date], grid: IntervalGrid,
                              cycle: BillingCycle) throws(BillingError) -> [Slot?] {
        var data = [Slot?](repeating: nil, count: slots.count)
        var seen = Set<Int>()
        guard let first = slots.first else { return data }
        for interval in intervals where interval.start >= cycle.start && interval.end <= cycle.end {
            guard interval.lengthSeconds == grid.lengthSeconds else {
                throw .intervalLengthMismatch(start: interval.start, lengthSeconds: interval.lengthSeconds, expected: grid.lengthSeconds)
            }
            guard grid.start(containing: interval.start) == interval.start else { throw .intervalOffGrid(start: interval.start) }
            let index = grid.index(of: interval.start, from: first)
            guard data.indices.contains(index), seen.insert(index).inserted else { throw .duplicateInterval(start: interval.start) }
            if let energy = interval.energyWh { data[index] = Slot(energyWh: energy, quality: interval.quality) }
        }
        return data
    }

    /// The highest complete window per band (nil where none).
    private static func demandPeaks(tariff: Tariff, slots: [Date], values: [Double?], bandOfSlot: [Int],
                                    lengthSeconds: Int, days: LocalDays) -> [DemandPeak?] {
        let window = tariff.demand.windowSeconds
        let span = window / lengthSeconds
        var peaks = [DemandPeak?](repeating: nil, count: tariff.bands.count)
        guard slots.count >= span else { return peaks }
        for index in 0...(slots.count - span) {
            if tariff.demand.method == .block, days.secondsIntoDay(of: slots[index]) % window != 0 { continue }
            var energy = 0.0
            var complete = true
            for value in values[index..<index + span] {
                guard let value else { complete = false; break }
                energy += value
            }
            guard complete else { continue }
            let demand = energy * 3600 / Double(window)
            let band = bandOfSlot[index]
            if peaks[band].map({ demand > $0.demandW }) ?? true {
                peaks[band] = DemandPeak(demandW: demand, windowStart: slots[index])
            }
        }
        return peaks
    }

    private static func blocks(tariff: Tariff, total: Double, bandEnergy: [Double]) -> [BlockEnergy] {
        guard let blocks = tariff.blocks else { return [] }
        let basis = blocks.band.flatMap { tariff.bands.firstIndex(of: $0) }.map { bandEnergy[$0] } ?? total
        return blocks.boundsWh.enumerated().map { index, bounds in
            let above = max(0, basis - bounds.from)
            let energy = bounds.to.map { min(above, $0 - bounds.from) } ?? above
            return BlockEnergy(block: index + 1, band: blocks.band, fromWh: bounds.from, toWh: bounds.to, energyWh: energy)
        }
    }
}
