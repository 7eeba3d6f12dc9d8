import Foundation
import MeterKit

/// One interval from a meter's own load-profile memory (table `recorded_interval`).
///
/// The meter's memory is authoritative and does not change, so the store keeps the first
/// copy of an (interval start, meter) and ignores later ones. Energy is whole Wh as the
/// meter recorded it (before the CT/PT multiplier); `statusBits` are the meter's own
/// `IntervalStatus` bits.
public struct RecordedIntervalRow: Sendable, Hashable {
    public var meterID: Int64
    /// Interval start, UTC.
    public var start: Date
    public var lengthSeconds: Int
    public var importWh: Int64
    public var exportWh: Int64
    public var statusBits: Int
    /// When the gateway read the interval back.
    public var readAt: Date

    public init(meterID: Int64, start: Date, lengthSeconds: Int, importWh: Int64, exportWh: Int64, statusBits: Int, readAt: Date) {
        self.meterID = meterID
        self.start = start
        self.lengthSeconds = lengthSeconds
        self.importWh = importWh
        self.exportWh = exportWh
        self.statusBits = statusBits
        self.readAt = readAt
    }

    /// A row from a decoded load-profile record. `clockOffset` is the meter clock minus the
    /// gateway clock (seconds) at read time, subtracted to put the start on UTC.
    public init(meterID: Int64, record: LoadProfileRecord, lengthSeconds: Int, clockOffset: TimeInterval = 0, readAt: Date) {
        self.init(
            meterID: meterID, start: Date(timeIntervalSince1970: TimeInterval(record.intervalStart) - clockOffset),
            lengthSeconds: lengthSeconds, importWh: Int64(record.importWh), exportWh: Int64(record.exportWh),
            statusBits: Int(record.status.rawValue), readAt: readAt)
    }

    /// The status bits as the domain's option set.
    public var status: IntervalStatus { IntervalStatus(rawValue: UInt16(truncatingIfNeeded: statusBits)) }
}
