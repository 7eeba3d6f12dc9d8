/// What the warehouse needs to know about a meter beyond its readings: how it is billed and
/// where it sits in a load-research sample. The gateway only carries these along, so every
/// field is optional.
public struct MeterMetadata: Sendable, Hashable, Codable {
    public var rateClass: String?
    public var tariff: String?
    /// The load-research stratum the meter was sampled from.
    public var stratum: String?
    /// The meter's expansion weight in its stratum; positive.
    public var weight: Double?
    public var weatherZone: String?
    public var site: String?

    public init(rateClass: String? = nil, tariff: String? = nil, stratum: String? = nil, weight: Double? = nil,
                weatherZone: String? = nil, site: String? = nil) {
        self.rateClass = rateClass
        self.tariff = tariff
        self.stratum = stratum
        self.weight = weight
        self.weatherZone = weatherZone
        self.site = site
    }
}
