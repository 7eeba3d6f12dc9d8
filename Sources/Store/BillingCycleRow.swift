import Foundation

/// One version of one meter's billing determinants for one cycle (table `billing_cycle`).
///
/// A cycle recomputed after a revision or a re-read gets a new version that supersedes the
/// earlier one downstream; the earlier stays, so a disputed bill can be explained.
public struct BillingCycleRow: Sendable, Hashable {
    /// The order versions were made in (0 until stored): what forwarding delivers by.
    public var seq: Int64
    public var meterID: Int64
    /// The cycle's bounds, UTC (local midnights of the cycle day).
    public var cycleStart: Date
    public var cycleEnd: Date
    public var version: Int
    public var tariff: String
    /// The determinants as JSON (the billing document a destination receives).
    public var document: String
    public var computedAt: Date

    public init(seq: Int64 = 0, meterID: Int64, cycleStart: Date, cycleEnd: Date, version: Int, tariff: String, document: String, computedAt: Date) {
        self.seq = seq
        self.meterID = meterID
        self.cycleStart = cycleStart
        self.cycleEnd = cycleEnd
        self.version = version
        self.tariff = tariff
        self.document = document
        self.computedAt = computedAt
    }
}
