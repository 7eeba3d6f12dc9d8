import Foundation

/// What billing needs of one meter over one cycle under one tariff: reads, energy per band
/// and block, maximum demand overall and per band, load factor, and how complete the data
/// was. Its JSON (see `BillingDeterminants+Codable.swift`) uses fixed snake_case keys and
/// ISO 8601 UTC instants, because it leaves the gateway for billing systems.
public struct BillingDeterminants: Sendable, Hashable {
    /// Set by the caller: a re-read after a dispute produces a corrected set with a higher
    /// version that supersedes the first.
    public var version: Int
    public var meterID: String
    public var tariffID: String
    public var cycleStart: Date
    public var cycleEnd: Date
    /// Local dates, first and last day of the cycle (inclusive).
    public var cycleFirstDay: String
    public var cycleLastDay: String
    public var intervalSeconds: Int
    public var startRead: RegisterReading?
    public var endRead: RegisterReading?
    /// The sum of the intervals present; missing intervals add nothing and are counted below.
    public var totalEnergyWh: Double
    /// Every band of the tariff, in the tariff's order.
    public var energyByBand: [BandEnergy]
    /// Empty when the tariff has no blocks.
    public var energyByBlock: [BlockEnergy]
    public var demandWindowMinutes: Int
    public var demandMethod: DemandRule.Method
    /// Nil when no complete demand window exists.
    public var maxDemand: DemandPeak?
    /// Every band of the tariff, in the tariff's order.
    public var maxDemandByBand: [BandDemand]
    /// Total energy / (peak W x cycle hours); nil when there is no peak or it is 0.
    public var loadFactor: Double?
    public var intervalsExpected: Int
    public var intervalsPresent: Int
    /// Present intervals with quality 8 or 9.
    public var intervalsEstimated: Int
    public var intervalsMissing: Int
    public var estimatedIntervalStarts: [Date]

    public init(version: Int = 1, meterID: String, tariffID: String, cycleStart: Date, cycleEnd: Date, cycleFirstDay: String,
                cycleLastDay: String, intervalSeconds: Int, startRead: RegisterReading?, endRead: RegisterReading?,
                totalEnergyWh: Double, energyByBand: [BandEnergy], energyByBlock: [BlockEnergy], demandWindowMinutes: Int,
                demandMethod: DemandRule.Method, maxDemand: DemandPeak?, maxDemandByBand: [BandDemand], loadFactor: Double?,
                intervalsExpected: Int, intervalsPresent: Int, intervalsEstimated: Int, intervalsMissing: Int,
                estimatedIntervalStarts: [Date]) {
        self.version = version
        self.meterID = meterID
        self.tariffID = tariffID
        self.cycleStart = cycleStart
        self.cycleEnd = cycleEnd
        self.cycleFirstDay = cycleFirstDay
        self.cycleLastDay = cycleLastDay
        self.intervalSeconds = intervalSeconds
        self.startRead = startRead
        self.endRead = endRead
        self.totalEnergyWh = totalEnergyWh
        self.energyByBand = energyByBand
        self.energyByBlock = energyByBlock
        self.demandWindowMinutes = demandWindowMinutes
        self.demandMethod = demandMethod
        self.maxDemand = maxDemand
        self.maxDemandByBand = maxDemandByBand
        self.loadFactor = loadFactor
        self.intervalsExpected = intervalsExpected
        self.intervalsPresent = intervalsPresent
        self.intervalsEstimated = intervalsEstimated
        self.intervalsMissing = intervalsMissing
        self.estimatedIntervalStarts = estimatedIntervalStarts
    }

    /// The energy of `band`; nil when the tariff has no such band.
    public func energyWh(inBand band: String) -> Double? { energyByBand.first { $0.band == band }?.energyWh }

    /// The peak of `band`; nil when the band has no such band or no complete window.
    public func maxDemand(inBand band: String) -> DemandPeak? { maxDemandByBand.first { $0.band == band }?.peak }
}
