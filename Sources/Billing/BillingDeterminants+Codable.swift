import Foundation

/// The JSON form billing systems read. Key names are part of the contract: they are listed
/// here once and never derived from property names. Optional values are left out when nil.
/// Encode with `JSONEncoder.OutputFormatting.sortedKeys` for byte-stable output.
extension BillingDeterminants: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case version
        case meterID = "meter_id"
        case tariffID = "tariff_id"
        case cycleStart = "cycle_start"
        case cycleEnd = "cycle_end"
        case cycleFirstDay = "cycle_first_day"
        case cycleLastDay = "cycle_last_day"
        case intervalSeconds = "interval_seconds"
        case startRead = "start_read"
        case endRead = "end_read"
        case totalEnergyWh = "total_energy_wh"
        case energyByBand = "energy_by_band"
        case energyByBlock = "energy_by_block"
        case demandWindowMinutes = "demand_window_minutes"
        case demandMethod = "demand_method"
        case maxDemand = "max_demand"
        case maxDemandByBand = "max_demand_by_band"
        case loadFactor = "load_factor"
        case intervalsExpected = "intervals_expected"
        case intervalsPresent = "intervals_present"
        case intervalsEstimated = "intervals_estimated"
        case intervalsMissing = "intervals_missing"
        case estimatedIntervalStarts = "estimated_interval_starts"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decodeIfPresent(Int.self, forKey: .version) ?? 1
        meterID = try c.decode(String.self, forKey: .meterID)
        tariffID = try c.decode(String.self, forKey: .tariffID)
        cycleStart = try c.decodeInstant(forKey: .cycleStart)
        cycleEnd = try c.decodeInstant(forKey: .cycleEnd)
        cycleFirstDay = try c.decode(String.self, forKey: .cycleFirstDay)
        cycleLastDay = try c.decode(String.self, forKey: .cycleLastDay)
        intervalSeconds = try c.decode(Int.self, forKey: .intervalSeconds)
        startRead = try c.decodeIfPresent(RegisterReading.self, forKey: .startRead)
        endRead = try c.decodeIfPresent(RegisterReading.self, forKey: .endRead)
        totalEnergyWh = try c.decode(Double.self, forKey: .totalEnergyWh)
        energyByBand = try c.decode([BandEnergy].self, forKey: .energyByBand)
        energyByBlock = try c.decode([BlockEnergy].self, forKey: .energyByBlock)
        demandWindowMinutes = try c.decode(Int.self, forKey: .demandWindowMinutes)
        demandMethod = try c.decode(DemandRule.Method.self, forKey: .demandMethod)
        maxDemand = try c.decodeIfPresent(DemandPeak.self, forKey: .maxDemand)
        maxDemandByBand = try c.decode([BandDemand].self, forKey: .maxDemandByBand)
        loadFactor = try c.decodeIfPresent(Double.self, forKey: .loadFactor)
        intervalsExpected = try c.decode(Int.self, forKey: .intervalsExpected)
        intervalsPresent = try c.decode(Int.self, forKey: .intervalsPresent)
        intervalsEstimated = try c.decode(Int.self, forKey: .intervalsEstimated)
        intervalsMissing = try c.decode(Int.self, forKey: .intervalsMissing)
        var starts = try c.nestedUnkeyedContainer(forKey: .estimatedIntervalStarts)
        estimatedIntervalStarts = []
        while !starts.isAtEnd {
            let text = try starts.decode(String.self)
            guard let instant = try? Date(text, strategy: .iso8601) else {
                throw DecodingError.dataCorruptedError(in: starts, debugDescription: "'\(text)' is not an ISO 8601 UTC instant")
            }
            estimatedIntervalStarts.append(instant)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(meterID, forKey: .meterID)
        try c.encode(tariffID, forKey: .tariffID)
        try c.encodeInstant(cycleStart, forKey: .cycleStart)
        try c.encodeInstant(cycleEnd, forKey: .cycleEnd)
        try c.encode(cycleFirstDay, forKey: .cycleFirstDay)
        try c.encode(cycleLastDay, forKey: .cycleLastDay)
        try c.encode(intervalSeconds, forKey: .intervalSeconds)
        try c.encodeIfPresent(startRead, forKey: .startRead)
        try c.encodeIfPresent(endRead, forKey: .endRead)
        try c.encode(totalEnergyWh, forKey: .totalEnergyWh)
        try c.encode(energyByBand, forKey: .energyByBand)
        try c.encode(energyByBlock, forKey: .energyByBlock)
        try c.encode(demandWindowMinutes, forKey: .demandWindowMinutes)
        try c.encode(demandMethod, forKey: .demandMethod)
        try c.encodeIfPresent(maxDemand, forKey: .maxDemand)
        try c.encode(maxDemandByBand, forKey: .maxDemandByBand)
        try c.encodeIfPresent(loadFactor, forKey: .loadFactor)
        try c.encode(intervalsExpected, forKey: .intervalsExpected)
        try c.encode(intervalsPresent, forKey: .intervalsPresent)
        try c.encode(intervalsEstimated, forKey: .intervalsEstimated)
        try c.encode(intervalsMissing, forKey: .intervalsMissing)
        try c.encode(estimatedIntervalStarts.map { $0.formatted(.iso8601) }, forKey: .estimatedIntervalStarts)
    }
}
