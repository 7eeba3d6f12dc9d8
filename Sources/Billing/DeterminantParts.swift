import Foundation

/// A register read at a cycle boundary: the value in Wh (as billed, multiplier applied) and
/// when it was read, which is rarely the boundary itself.
public struct RegisterReading: Sendable, Hashable, Codable {
    public var valueWh: Double
    public var readAt: Date

    public init(valueWh: Double, readAt: Date) {
        self.valueWh = valueWh
        self.readAt = readAt
    }

    enum CodingKeys: String, CodingKey {
        case valueWh = "value_wh", readAt = "read_at"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        valueWh = try c.decode(Double.self, forKey: .valueWh)
        readAt = try c.decodeInstant(forKey: .readAt)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(valueWh, forKey: .valueWh)
        try c.encodeInstant(readAt, forKey: .readAt)
    }
}

/// The energy of one band over the cycle.
public struct BandEnergy: Sendable, Hashable, Codable {
    public var band: String
    public var energyWh: Double

    public init(band: String, energyWh: Double) {
        self.band = band
        self.energyWh = energyWh
    }

    enum CodingKeys: String, CodingKey {
        case band, energyWh = "energy_wh"
    }
}

/// The energy in one block: `fromWh` up to `toWh` (nil for the open last block) of the
/// block basis (`band`, or the total when nil).
public struct BlockEnergy: Sendable, Hashable, Codable {
    /// 1-based.
    public var block: Int
    public var band: String?
    public var fromWh: Double
    public var toWh: Double?
    public var energyWh: Double

    public init(block: Int, band: String?, fromWh: Double, toWh: Double?, energyWh: Double) {
        self.block = block
        self.band = band
        self.fromWh = fromWh
        self.toWh = toWh
        self.energyWh = energyWh
    }

    enum CodingKeys: String, CodingKey {
        case block, band, fromWh = "from_wh", toWh = "to_wh", energyWh = "energy_wh"
    }
}

/// The highest demand found and the start of its window (the earliest on a tie).
public struct DemandPeak: Sendable, Hashable, Codable {
    public var demandW: Double
    public var windowStart: Date

    public init(demandW: Double, windowStart: Date) {
        self.demandW = demandW
        self.windowStart = windowStart
    }

    enum CodingKeys: String, CodingKey {
        case demandW = "demand_w", windowStart = "window_start"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        demandW = try c.decode(Double.self, forKey: .demandW)
        windowStart = try c.decodeInstant(forKey: .windowStart)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(demandW, forKey: .demandW)
        try c.encodeInstant(windowStart, forKey: .windowStart)
    }
}

/// The maximum demand of one band; `peak` is nil when no complete window started in it.
public struct BandDemand: Sendable, Hashable, Codable {
    public var band: String
    public var peak: DemandPeak?

    public init(band: String, peak: DemandPeak?) {
        self.band = band
        self.peak = peak
    }
}

/// Instants travel as ISO 8601 UTC strings (`2025-09-01T00:00:00Z`) whatever date strategy
/// the coder was set up with, so the JSON is the same from every producer.
extension KeyedEncodingContainer {
    mutating func encodeInstant(_ instant: Date, forKey key: Key) throws {
        try encode(instant.formatted(.iso8601), forKey: key)
    }
}

extension KeyedDecodingContainer {
    func decodeInstant(forKey key: Key) throws -> Date {
        let text = try decode(String.self, forKey: key)
        guard let instant = try? Date(text, strategy: .iso8601) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "'\(text)' is not an ISO 8601 UTC instant")
        }
        return instant
    }
}
