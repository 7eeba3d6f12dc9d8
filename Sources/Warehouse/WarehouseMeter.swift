/// A meter as the load-research warehouse knows it (table `meter`): which gateway reads it
/// and what analysts group and weight it by. The gateway only carries these along from its
/// configuration, so everything but the ids is optional, and nil is stored as NULL.
public struct WarehouseMeter: Sendable, Hashable {
    /// The meter's id, unique across gateways (the warehouse's key).
    public var meterID: String
    public var gatewayID: String
    public var rateClass: String?
    public var tariff: String?
    /// The load-research stratum the meter was sampled from.
    public var stratum: String?
    /// The meter's expansion weight in its stratum; positive.
    public var weight: Double?
    public var weatherZone: String?
    public var site: String?
    /// The CT/PT multiplier already applied to the interval values; positive.
    public var multiplier: Double?
    /// The device profile that reads it (its stem), to explain odd data later.
    public var profile: String?

    public init(meterID: String, gatewayID: String, rateClass: String? = nil, tariff: String? = nil, stratum: String? = nil,
                weight: Double? = nil, weatherZone: String? = nil, site: String? = nil, multiplier: Double? = nil, profile: String? = nil) {
        self.meterID = meterID
        self.gatewayID = gatewayID
        self.rateClass = rateClass
        self.tariff = tariff
        self.stratum = stratum
        self.weight = weight
        self.weatherZone = weatherZone
        self.site = site
        self.multiplier = multiplier
        self.profile = profile
    }
}
