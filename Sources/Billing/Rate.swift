/// A price the tariff sheet states. Informational: determinants are what billing needs,
/// and the price list travels with the tariff only so one file describes the whole tariff.
public struct Rate: Sendable, Hashable {
    public enum Charge: String, Sendable, Hashable, Codable, CaseIterable {
        case energy, demand, basic
    }

    public let charge: Charge
    public let price: Double
    /// As the sheet writes it (`JPY/kWh`, `JPY/kW-month`).
    public let unit: String
    public let season: String?
    public let band: String?
    /// 1-based block number, for block-priced energy.
    public let block: Int?
    public let note: String?

    public init(charge: Charge, price: Double, unit: String, season: String? = nil, band: String? = nil,
                block: Int? = nil, note: String? = nil) {
        self.charge = charge
        self.price = price
        self.unit = unit
        self.season = season
        self.band = band
        self.block = block
        self.note = note
    }
}
