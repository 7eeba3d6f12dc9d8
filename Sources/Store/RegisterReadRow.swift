import Foundation

/// One raw register read (table `register_read`): a channel of a meter in one poll cycle.
///
/// `bucket` is the cycle's scheduled boundary, shared by every read of the cycle; it is the
/// leading key of the table, so appends land at the end of the B-tree. `gatewayTime` is when
/// the gateway got the answer, `meterTime` the meter's own clock when it was read with it.
/// A failed read is kept with no value and its status: a missing value is never a zero.
public struct RegisterReadRow: Sendable, Hashable {
    public var meterID: Int64
    public var channelID: Int64
    public var bucket: Date
    public var gatewayTime: Date
    public var meterTime: Date?
    /// The decoded, scaled value; nil when the read failed or the meter does not implement it.
    public var value: Double?
    public var status: ReadStatus

    public init(meterID: Int64, channelID: Int64, bucket: Date, gatewayTime: Date, meterTime: Date? = nil, value: Double?, status: ReadStatus = .ok) {
        self.meterID = meterID
        self.channelID = channelID
        self.bucket = bucket
        self.gatewayTime = gatewayTime
        self.meterTime = meterTime
        self.value = value
        self.status = status
    }
}
