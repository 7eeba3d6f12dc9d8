import Foundation

extension BillingDeterminants {
    /// The stored billing document: byte for byte what JSONEncoder with `.sortedKeys` makes of
    /// the Codable form (`BillingDeterminants+Codable.swift`), so the same determinants always
    /// give the same text and documents stored before it was written by hand compare equal.
    /// Written directly with `JSONWriter` because every closed cycle and every re-read is
    /// encoded, and JSONEncoder spent most of a document's time in boxing and key sorting
    /// (docs/performance.md, "Billing documents"). The keys below are in sorted order; a test
    /// compares the output with JSONEncoder's for documents with and without every optional.
    ///
    /// - Throws: `EncodingError.invalidValue` for a NaN or infinite number, as JSONEncoder does.
    public func jsonDocument() throws -> String {
        var w = JSONWriter(capacity: 1024 + 24 * estimatedIntervalStarts.count)
        w.raw("{\"cycle_end\":"); w.instant(cycleEnd)
        w.raw(",\"cycle_first_day\":"); w.string(cycleFirstDay)
        w.raw(",\"cycle_last_day\":"); w.string(cycleLastDay)
        w.raw(",\"cycle_start\":"); w.instant(cycleStart)
        w.raw(",\"demand_method\":"); w.string(demandMethod.rawValue)
        w.raw(",\"demand_window_minutes\":"); w.int(demandWindowMinutes)
        if let endRead { w.raw(",\"end_read\":"); try Self.write(endRead, to: &w) }
        w.raw(",\"energy_by_band\":[")
        for (index, band) in energyByBand.enumerated() {
            w.raw(index == 0 ? "{\"band\":" : ",{\"band\":"); w.string(band.band)
            w.raw(",\"energy_wh\":"); try w.number(band.energyWh); w.raw("}")
        }
        w.raw("],\"energy_by_block\":[")
        for (index, block) in energyByBlock.enumerated() {
            w.raw(index == 0 ? "{" : ",{")
            if let band = block.band { w.raw("\"band\":"); w.string(band); w.raw(",") }
            w.raw("\"block\":"); w.int(block.block)
            w.raw(",\"energy_wh\":"); try w.number(block.energyWh)
            w.raw(",\"from_wh\":"); try w.number(block.fromWh)
            if let to = block.toWh { w.raw(",\"to_wh\":"); try w.number(to) }
            w.raw("}")
        }
        w.raw("],\"estimated_interval_starts\":[")
        for (index, start) in estimatedIntervalStarts.enumerated() {
            if index > 0 { w.raw(",") }
            w.instant(start)
        }
        w.raw("],\"interval_seconds\":"); w.int(intervalSeconds)
        w.raw(",\"intervals_estimated\":"); w.int(intervalsEstimated)
        w.raw(",\"intervals_expected\":"); w.int(intervalsExpected)
        w.raw(",\"intervals_missing\":"); w.int(intervalsMissing)
        w.raw(",\"intervals_present\":"); w.int(intervalsPresent)
        if let loadFactor { w.raw(",\"load_factor\":"); try w.number(loadFactor) }
        if let maxDemand { w.raw(",\"max_demand\":"); try Self.write(maxDemand, to: &w) }
        w.raw(",\"max_demand_by_band\":[")
        for (index, band) in maxDemandByBand.enumerated() {
            w.raw(index == 0 ? "{\"band\":" : ",{\"band\":"); w.string(band.band)
            if let peak = band.peak { w.raw(",\"peak\":"); try Self.write(peak, to: &w) }
            w.raw("}")
        }
        w.raw("],\"meter_id\":"); w.string(meterID)
        if let startRead { w.raw(",\"start_read\":"); try Self.write(startRead, to: &w) }
        w.raw(",\"tariff_id\":"); w.string(tariffID)
        w.raw(",\"total_energy_wh\":"); try w.number(totalEnergyWh)
        w.raw(",\"version\":"); w.int(version)
        w.raw("}")
        return w.text
    }

    private static func write(_ read: RegisterReading, to w: inout JSONWriter) throws {
        w.raw("{\"read_at\":"); w.instant(read.readAt)
        w.raw(",\"value_wh\":"); try w.number(read.valueWh); w.raw("}")
    }

    private static func write(_ peak: DemandPeak, to w: inout JSONWriter) throws {
        w.raw("{\"demand_w\":"); try w.number(peak.demandW)
        w.raw(",\"window_start\":"); w.instant(peak.windowStart); w.raw("}")
    }
}
