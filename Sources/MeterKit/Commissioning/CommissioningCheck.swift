/// The verdict of one commissioning check.
public enum CheckOutcome: String, Sendable, Hashable, Codable {
    case pass, fail
    /// The check cannot be made on this meter or setup (no such register, no load, no
    /// stated ratio): neither evidence for nor against the installation.
    case notApplicable = "n/a"
}

/// One check of a commissioning run with the evidence behind its verdict.
public struct CommissioningCheck: Sendable, Hashable, Codable {
    /// Stable identifier for records and scripts (`voltage.l2`, `power_sign.l2`, `clock`).
    public var id: String
    /// What is checked, for people (`L2 voltage within 10 % of 230 V`).
    public var title: String
    public var outcome: CheckOutcome
    /// The measured value in `unit`, when there is one.
    public var measured: Double?
    public var unit: String
    /// The limit the value was held against (`207 ... 253`, `>= 0`).
    public var limit: String
    /// Why, for failures and n/a: what a technician should look at.
    public var detail: String

    public init(id: String, title: String, outcome: CheckOutcome, measured: Double? = nil, unit: String = "",
                limit: String = "", detail: String = "") {
        self.id = id
        self.title = title
        self.outcome = outcome
        self.measured = measured
        self.unit = unit
        self.limit = limit
        self.detail = detail
    }
}
